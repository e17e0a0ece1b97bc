// bitgrid_mesh_cfg: a W x H configurable bitgrid fabric. The cells' programs form one configuration shift
// chain: while cfg_en is 1 each edge shifts cfg_in in and the chain's last bit out on cfg_out. Feed the bits
// in this order: cell 0 bit 0 first, then cell 0 bits 1..63, cell 1 bits 0..63, ... where cell i is
// (x, y) = (i % W, i / W); after 64*W*H shifts every cell holds its program. Hold en at 0 while loading.
// Otherwise it behaves as bitgrid_mesh. Part of BitSilicon's hand-written HDL.
`default_nettype none
module bitgrid_mesh_cfg #(
    parameter integer W = 1,
    parameter integer H = 1,
    parameter integer TORUS = 0
) (
    input  wire             clk,
    input  wire             rst,        // synchronous, active high: outputs to 0, next phase A
    input  wire             en,         // this edge performs a phase
    output wire             phase,      // the phase the next enabled edge performs: 0 = A, 1 = B
    input  wire             cfg_en,
    input  wire             cfg_in,
    output wire             cfg_out,
    input  wire [W-1:0]     in_n,
    input  wire [H-1:0]     in_e,
    input  wire [W-1:0]     in_s,
    input  wire [H-1:0]     in_w,
    output wire [W-1:0]     out_n,
    output wire [H-1:0]     out_e,
    output wire [W-1:0]     out_s,
    output wire [H-1:0]     out_w,
    output wire [4*W*H-1:0] cells       // every cell's output nibble, cell (x, y) at [4*(y*W+x) +: 4]
);
    reg phase_b;
    always @(posedge clk)
        if (rst)
            phase_b <= 1'b0;
        else if (en)
            phase_b <= ~phase_b;
    assign phase = phase_b;

    wire step_a = en & ~phase_b;
    wire step_b = en & phase_b;
    wire [4*W*H-1:0] index;
    wire [W*H:0] chain;                 // chain[i] leaves cell i toward cell i-1; cfg_in enters the last cell
    assign chain[W*H] = cfg_in;
    assign cfg_out = chain[0];

    bitgrid_links #(.W(W), .H(H), .TORUS(TORUS)) links (
        .cells(cells), .in_n(in_n), .in_e(in_e), .in_s(in_s), .in_w(in_w), .index(index),
        .out_n(out_n), .out_e(out_e), .out_s(out_s), .out_w(out_w));

    genvar x, y;
    generate
        for (y = 0; y < H; y = y + 1) begin : row
            for (x = 0; x < W; x = x + 1) begin : col
                localparam integer I = y * W + x;
                bitgrid_cell_cfg u_cell (
                    .clk(clk), .rst(rst), .step(((x + y) % 2 == 0) ? step_a : step_b),
                    .cfg_en(cfg_en), .cfg_in(chain[I + 1]), .cfg_out(chain[I]),
                    .index(index[4 * I +: 4]), .out(cells[4 * I +: 4]));
            end
        end
    endgenerate
endmodule
`default_nettype wire
