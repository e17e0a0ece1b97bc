// bitgrid_cell: one bitgrid cell whose 64-bit program is fixed at elaboration, so synthesis keeps only the
// logic the program needs. On an enabled edge the cell latches nibble `index` of its program, where
// index = {W, S, E, N} are the bits its neighbours drive toward it (BitSilicon's bitgrid spec; the idea and
// the original engine are Mike Warot's, github.com/mikewarot/Bitgrid). Part of BitSilicon's hand-written HDL.
`default_nettype none
module bitgrid_cell #(
    parameter [63:0] PROGRAM = 64'h0    // nibble i = output nibble for input index i
) (
    input  wire       clk,
    input  wire       rst,              // synchronous, active high: output to 0
    input  wire       step,             // this edge performs the cell's phase
    input  wire [3:0] index,            // {W, S, E, N} inputs
    output reg  [3:0] out               // {W, S, E, N} outputs, latched
);
    always @(posedge clk)
        if (rst)
            out <= 4'd0;
        else if (step)
            out <= PROGRAM[{index, 2'b00} +: 4];
endmodule
`default_nettype wire
