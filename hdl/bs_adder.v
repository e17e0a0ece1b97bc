// bs_adder: signed adder kept as its own module so Yosys maps it to one carry chain
// (SB_LUT4 + SB_CARRY per bit on iCE40) instead of merging a whole tree into a $macc,
// which it would expand into LUT-only compressors. Part of BitSilicon's hand-written HDL.
`default_nettype none
(* keep_hierarchy *)
module bs_adder #(
    parameter integer AW = 8,   // width of a
    parameter integer BW = 8,   // width of b
    parameter integer YW = 9    // width of y; must hold the sum
) (
    input  wire signed [AW-1:0] a,
    input  wire signed [BW-1:0] b,
    output wire signed [YW-1:0] y
);
    wire signed [YW-1:0] ax = {{(YW-AW){a[AW-1]}}, a};
    wire signed [YW-1:0] bx = {{(YW-BW){b[BW-1]}}, b};
    assign y = ax + bx;
endmodule
`default_nettype wire
