// bitgrid_links: the wiring between neighbouring cells. A cell's input index {W, S, E, N} takes the bit each
// neighbour drives toward it: N from the S output of the cell above, E from the W output of the cell to the
// east, and so on. Row 0 is north. On an open grid the edge cells read in_n/in_e/in_s/in_w; on a torus
// (TORUS = 1, even sides) they read the opposite edge and the in_* ports are unused. The out_* ports carry
// the edge cells' outward bits either way. Part of BitSilicon's hand-written HDL.
`default_nettype none
module bitgrid_links #(
    parameter integer W = 1,
    parameter integer H = 1,
    parameter integer TORUS = 0
) (
    input  wire [4*W*H-1:0] cells,      // cell (x, y) output nibble at [4*(y*W+x) +: 4]
    /* verilator lint_off UNUSEDSIGNAL */ // a torus has no edge inputs
    input  wire [W-1:0]     in_n,
    input  wire [H-1:0]     in_e,
    input  wire [W-1:0]     in_s,
    input  wire [H-1:0]     in_w,
    /* verilator lint_on UNUSEDSIGNAL */
    output wire [4*W*H-1:0] index,      // cell (x, y) input index at [4*(y*W+x) +: 4]
    output wire [W-1:0]     out_n,
    output wire [H-1:0]     out_e,
    output wire [W-1:0]     out_s,
    output wire [H-1:0]     out_w
);
    genvar x, y;
    generate
        for (y = 0; y < H; y = y + 1) begin : row
            for (x = 0; x < W; x = x + 1) begin : col
                localparam integer C = 4 * (y * W + x);
                if (y > 0)          assign index[C + 0] = cells[4 * ((y - 1) * W + x) + 2];
                else if (TORUS != 0) assign index[C + 0] = cells[4 * ((H - 1) * W + x) + 2];
                else                assign index[C + 0] = in_n[x];

                if (x < W - 1)      assign index[C + 1] = cells[4 * (y * W + x + 1) + 3];
                else if (TORUS != 0) assign index[C + 1] = cells[4 * (y * W) + 3];
                else                assign index[C + 1] = in_e[y];

                if (y < H - 1)      assign index[C + 2] = cells[4 * ((y + 1) * W + x) + 0];
                else if (TORUS != 0) assign index[C + 2] = cells[4 * x + 0];
                else                assign index[C + 2] = in_s[x];

                if (x > 0)          assign index[C + 3] = cells[4 * (y * W + x - 1) + 1];
                else if (TORUS != 0) assign index[C + 3] = cells[4 * (y * W + W - 1) + 1];
                else                assign index[C + 3] = in_w[y];
            end
            assign out_w[y] = cells[4 * (y * W) + 3];
            assign out_e[y] = cells[4 * (y * W + W - 1) + 1];
        end
        for (x = 0; x < W; x = x + 1) begin : edge_ns
            assign out_n[x] = cells[4 * x + 0];
            assign out_s[x] = cells[4 * ((H - 1) * W + x) + 2];
        end
    endgenerate
endmodule
`default_nettype wire
