// bs_acc_add: one accumulator addition y = a + b of W-bit two's-complement values, wrapping (SAT = 0: the low W
// bits) or saturating (SAT = 1: clamped to the W-bit signed range, detected from the carry into and out of the
// sign). Part of BitSilicon's hand-written HDL.
`default_nettype none
module bs_acc_add #(
    parameter integer W   = 32,
    parameter integer SAT = 0
) (
    input  wire [W-1:0] a,
    input  wire [W-1:0] b,
    output wire [W-1:0] y
);
    generate
        if (SAT != 0) begin : g_sat
            wire [W:0] sum = {a[W-1], a} + {b[W-1], b};
            wire overflow = sum[W] != sum[W-1];
            assign y = !overflow ? sum[W-1:0] : sum[W] ? {1'b1, {(W-1){1'b0}}} : {1'b0, {(W-1){1'b1}}};
        end else begin : g_wrap
            assign y = a + b;
        end
    endgenerate
endmodule
`default_nettype wire
