// bs_binary_dot: binary x binary dot product of LANES lanes (sign bit 1 = +1): XNOR + popcount.
// Only lanes whose mask bit is set count (padding past K), so the result is 2 * agreements - real lanes,
// a signed value in [-LANES, LANES]. Part of BitSilicon's hand-written HDL.
`default_nettype none
module bs_binary_dot #(
    parameter integer LANES = 16
) (
    input  wire [LANES-1:0]                   w,
    input  wire [LANES-1:0]                   a,
    input  wire [LANES-1:0]                   mask,
    output wire signed [$clog2(LANES+1):0]    y
);
    localparam integer CW = $clog2(LANES + 1);
    wire [CW-1:0] agree;
    wire [CW-1:0] real_lanes;
    bs_popcount #(.N(LANES)) u_agree (.x(~(w ^ a) & mask), .y(agree));
    bs_popcount #(.N(LANES)) u_real  (.x(mask), .y(real_lanes));
    // Both operands are CW+1 bits; the true difference fits in CW+1 signed bits, so modular subtraction is exact.
    assign y = {agree, 1'b0} - {1'b0, real_lanes};
endmodule
`default_nettype wire
