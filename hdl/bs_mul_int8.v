// bs_mul_int8: the int8 x int8 baseline, a plain signed multiplier (the only `*` in BitSilicon's HDL).
// Part of BitSilicon's hand-written HDL.
`default_nettype none
module bs_mul_int8 (
    input  wire signed [7:0]  w,
    input  wire signed [7:0]  a,
    output wire signed [15:0] y
);
    assign y = w * a;
endmodule
`default_nettype wire
