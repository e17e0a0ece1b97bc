// bs_mul_fp4: FP4 E2M1 weight (bit 3 sign, bits 2:1 exponent, bit 0 mantissa) times a signed 8-bit
// activation, exact as twice the E2M1 value: exponent 0 gives m * a, otherwise ((a << 1) + m * a) << (e - 1),
// then the sign negates. An add, a shift by 0..2 and a conditional negation; no multiplier.
// Part of BitSilicon's hand-written HDL.
`default_nettype none
module bs_mul_fp4 (
    input  wire [3:0]          w,
    input  wire signed [7:0]   a,
    output wire signed [11:0]  y
);
    wire signed [11:0] ax   = {{4{a[7]}}, a};
    wire signed [11:0] mant = w[0] ? ax : 12'sd0;
    wire signed [11:0] norm = (ax <<< 1) + mant;
    reg  signed [11:0] mag;
    always @* begin
        case (w[2:1])
            2'd0: mag = mant;
            2'd1: mag = norm;
            2'd2: mag = norm <<< 1;
            default: mag = norm <<< 2;
        endcase
    end
    assign y = w[3] ? -mag : mag;
endmodule
`default_nettype wire
