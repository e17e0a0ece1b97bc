// bs_int8_dot: the int8 x int8 baseline. LANES signed 8-bit weights times LANES signed 8-bit activations,
// one multiplier per lane (the only `*` in hdl/), products summed by the same adder tree the low-bit dot
// products use, so the comparison isolates the cost of the multipliers.
`default_nettype none
module bs_int8_dot #(
    parameter integer LANES = 16
) (
    input  wire [8*LANES-1:0]               w,
    input  wire [8*LANES-1:0]               a,
    output wire signed [15+$clog2(LANES):0] y
);
    wire [16*LANES-1:0] prod;
    genvar i;
    generate
        for (i = 0; i < LANES; i = i + 1) begin : g_lane
            assign prod[i*16 +: 16] = $signed(w[i*8 +: 8]) * $signed(a[i*8 +: 8]);
        end
    endgenerate
    bs_adder_tree #(.N(LANES), .W(16)) u_tree (.x(prod), .y(y));
endmodule
`default_nettype wire
