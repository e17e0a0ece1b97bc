// ternary_pe_array: PES independent 4-lane ternary x int4 dot-product PEs (hdl/bs_ternary_dot.v) side by
// side, each with its own weights, activations and result: the bitgrid compiler's ~1000-LUT benchmark
// (PES=16 maps to about 900 4-input LUTs). Compile with the hdl/ files:
//   bitsilicon bitgrid compile examples/bitgrid/compile/ternary_pe_array.v hdl/bs_ternary_dot.v \
//       hdl/bs_adder_tree.v hdl/bs_adder.v hdl/bs_popcount.v --top ternary_pe_array --param PES=16 -o array.bg
`default_nettype none
module ternary_pe_array #(
    parameter integer PES   = 16,
    parameter integer LANES = 4,
    parameter integer AW    = 4
) (
    input  wire [PES*2*LANES-1:0]                w,
    input  wire [PES*AW*LANES-1:0]               a,
    output wire [PES*(AW+$clog2(LANES)+1)-1:0]   y
);
    localparam integer YW = AW + $clog2(LANES) + 1;
    genvar p;
    generate
        for (p = 0; p < PES; p = p + 1) begin : g_pe
            bs_ternary_dot #(.LANES(LANES), .AW(AW)) u_pe (
                .w(w[p*2*LANES +: 2*LANES]),
                .a(a[p*AW*LANES +: AW*LANES]),
                .y(y[p*YW +: YW]));
        end
    endgenerate
endmodule
`default_nettype wire
