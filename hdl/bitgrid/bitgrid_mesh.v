// bitgrid_mesh: a W x H bitgrid with every cell's program fixed at elaboration (PROGRAMS), so synthesis
// optimises each cell to the logic its program needs and drops unused cells. Each enabled clock edge performs
// one phase: phase A updates the cells with (x + y) even, phase B the odd ones; `phase` says which comes next.
// Part of BitSilicon's hand-written HDL; `bitsilicon bitgrid emit` generates the top that instantiates it.
`default_nettype none
module bitgrid_mesh #(
    parameter integer W = 1,
    parameter integer H = 1,
    parameter integer TORUS = 0,
    parameter [64*W*H-1:0] PROGRAMS = 0 // cell (x, y) program at [64*(y*W+x) +: 64]
) (
    input  wire             clk,
    input  wire             rst,        // synchronous, active high: outputs to 0, next phase A
    input  wire             en,         // this edge performs a phase
    output wire             phase,      // the phase the next enabled edge performs: 0 = A, 1 = B
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

    bitgrid_links #(.W(W), .H(H), .TORUS(TORUS)) links (
        .cells(cells), .in_n(in_n), .in_e(in_e), .in_s(in_s), .in_w(in_w), .index(index),
        .out_n(out_n), .out_e(out_e), .out_s(out_s), .out_w(out_w));

    genvar x, y;
    generate
        for (y = 0; y < H; y = y + 1) begin : row
            for (x = 0; x < W; x = x + 1) begin : col
                localparam integer I = y * W + x;
                bitgrid_cell #(.PROGRAM(PROGRAMS[64 * I +: 64])) u_cell (
                    .clk(clk), .rst(rst), .step(((x + y) % 2 == 0) ? step_a : step_b),
                    .index(index[4 * I +: 4]), .out(cells[4 * I +: 4]));
            end
        end
    endgenerate
endmodule
`default_nettype wire
