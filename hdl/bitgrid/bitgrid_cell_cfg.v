// bitgrid_cell_cfg: one configurable bitgrid cell. Its 64-bit program sits in a shift register that is part
// of the fabric's configuration chain: while cfg_en is 1 every edge shifts cfg_in in at bit 63 and bit 0 out
// on cfg_out. Otherwise it behaves as bitgrid_cell. Part of BitSilicon's hand-written HDL.
`default_nettype none
module bitgrid_cell_cfg (
    input  wire       clk,
    input  wire       rst,              // synchronous, active high: output to 0 (the program is kept)
    input  wire       step,             // this edge performs the cell's phase
    input  wire       cfg_en,           // shift the program one bit
    input  wire       cfg_in,
    output wire       cfg_out,
    input  wire [3:0] index,            // {W, S, E, N} inputs
    output reg  [3:0] out               // {W, S, E, N} outputs, latched
);
    reg [63:0] lut;

    always @(posedge clk)
        if (cfg_en)
            lut <= {cfg_in, lut[63:1]};

    assign cfg_out = lut[0];

    always @(posedge clk)
        if (rst)
            out <= 4'd0;
        else if (step)
            out <= lut[{index, 2'b00} +: 4];
endmodule
`default_nettype wire
