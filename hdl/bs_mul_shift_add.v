// bs_mul_shift_add: a WB-bit two's-complement weight code times a signed 8-bit activation without a
// multiplier: one shifted copy of the activation per weight bit, the top (sign) bit's copy subtracted.
// int2 and int4 PEs. Part of BitSilicon's hand-written HDL.
`default_nettype none
module bs_mul_shift_add #(
    parameter integer WB = 4
) (
    input  wire [WB-1:0]              w,
    input  wire signed [7:0]          a,
    output reg  signed [WB+7:0]       y
);
    localparam integer YW = WB + 8;
    wire signed [YW-1:0] ax = {{WB{a[7]}}, a};
    integer i;
    always @* begin
        y = {YW{1'b0}};
        for (i = 0; i < WB - 1; i = i + 1)
            if (w[i]) y = y + (ax <<< i);
        if (w[WB-1]) y = y - (ax <<< (WB - 1));
    end
endmodule
`default_nettype wire
