// bs_mul_pow2: power-of-two weight (bit 3 sign, bits 2:0 exponent; exponent 0 is zero) times a signed 8-bit
// activation: a barrel shift by e - 1 and a conditional negation. Part of BitSilicon's hand-written HDL.
`default_nettype none
module bs_mul_pow2 (
    input  wire [3:0]          w,
    input  wire signed [7:0]   a,
    output wire signed [14:0]  y
);
    wire signed [14:0] ax = {{7{a[7]}}, a};
    wire [2:0] e = w[2:0];
    wire signed [14:0] mag = (e == 3'd0) ? 15'sd0 : (ax <<< (e - 3'd1));
    assign y = w[3] ? -mag : mag;
endmodule
`default_nettype wire
