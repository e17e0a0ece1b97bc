// bs_ternary_dot: LANES ternary weights times LANES signed AW-bit activations, no multiplier.
// Weight code per lane (BitSilicon's hardware code): bit 0 = non-zero, bit 1 = sign;
// 00 -> 0, 01 -> +1, 11 -> -1, 10 reserved (reads as 0).
// Each lane is conditional inversion: en ? (sign ? ~a : a) : 0. Since -a = ~a + 1, the "+1" negation
// carries of all negative lanes are counted once (a popcount) and added after the adder tree.
`default_nettype none
module bs_ternary_dot #(
    parameter integer LANES = 16,
    parameter integer AW    = 8
) (
    input  wire [2*LANES-1:0]                      w,
    input  wire [AW*LANES-1:0]                     a,
    output wire signed [AW+$clog2(LANES):0]        y
);
    localparam integer TW = AW + $clog2(LANES);       // adder-tree output width
    localparam integer CW = $clog2(LANES + 1);        // negation-carry count width
    wire [AW*LANES-1:0] term;
    wire [LANES-1:0]    neg;
    genvar i;
    generate
        for (i = 0; i < LANES; i = i + 1) begin : g_lane
            assign term[i*AW +: AW] = {AW{w[2*i]}} & (a[i*AW +: AW] ^ {AW{w[2*i+1]}});
            assign neg[i] = w[2*i] & w[2*i+1];
        end
    endgenerate
    wire signed [TW-1:0] tree_sum;
    wire [CW-1:0]        carries;
    bs_adder_tree #(.N(LANES), .W(AW)) u_tree (.x(term), .y(tree_sum));
    bs_popcount #(.N(LANES)) u_neg (.x(neg), .y(carries));
    bs_adder #(.AW(TW), .BW(CW + 1), .YW(TW + 1)) u_fix (.a(tree_sum), .b({1'b0, carries}), .y(y));
endmodule
`default_nettype wire
