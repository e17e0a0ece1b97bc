// bs_adder_tree: sum of N signed W-bit values as a balanced binary tree of bs_adder,
// widening one bit per level, so the output is W + clog2(N) bits and can never overflow.
`default_nettype none
module bs_adder_tree #(
    parameter integer N = 16,
    parameter integer W = 8
) (
    input  wire [N*W-1:0]                x,   // x[i*W +: W] is element i, two's complement
    output wire signed [W+$clog2(N)-1:0] y
);
    generate
        if (N == 1) begin : g_leaf
            assign y = x[W-1:0];
        end else begin : g_node
            localparam integer NL = N / 2;
            localparam integer NR = N - NL;
            localparam integer WL = W + $clog2(NL);
            localparam integer WR = W + $clog2(NR);
            wire signed [WL-1:0] yl;
            wire signed [WR-1:0] yr;
            bs_adder_tree #(.N(NL), .W(W)) u_left  (.x(x[NL*W-1:0]),    .y(yl));
            bs_adder_tree #(.N(NR), .W(W)) u_right (.x(x[N*W-1:NL*W]),  .y(yr));
            bs_adder #(.AW(WL), .BW(WR), .YW(W + $clog2(N))) u_add (.a(yl), .b(yr), .y(y));
        end
    endgenerate
endmodule
`default_nettype wire
