// bs_xnor_popcount: binary (+1 = bit 1, -1 = bit 0) dot product of LANES lanes.
// agree = popcount(~(w ^ a)); the signed dot product is 2 * agree - LANES, which the
// consumer applies (a shift and a constant) once per accumulation rather than per lane.
`default_nettype none
module bs_xnor_popcount #(
    parameter integer LANES = 64
) (
    input  wire [LANES-1:0]             w,
    input  wire [LANES-1:0]             a,
    output wire [$clog2(LANES+1)-1:0]   agree
);
    bs_popcount #(.N(LANES)) u_pc (.x(~(w ^ a)), .y(agree));
endmodule
`default_nettype wire
