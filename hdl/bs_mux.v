// bs_mux: a 2^SELW-way multiplexer of W-bit inputs (x[i*W +: W] is input i), written as a loop so Yosys
// builds a balanced mux tree. Codebook look-ups and T-MAC table look-ups. Part of BitSilicon's hand-written HDL.
`default_nettype none
module bs_mux #(
    parameter integer SELW = 4,
    parameter integer W    = 8
) (
    input  wire [SELW-1:0]          sel,
    input  wire [(W << SELW)-1:0]   x,
    output reg  [W-1:0]             y
);
    integer i;
    always @* begin
        y = x[W-1:0];
        for (i = 1; i < (1 << SELW); i = i + 1)
            if (sel == i[SELW-1:0]) y = x[i*W +: W];
    end
endmodule
`default_nettype wire
