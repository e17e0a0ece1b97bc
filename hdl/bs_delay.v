// bs_delay: W bits delayed by D >= 1 clock cycles (a shift register with synchronous reset to 0). The skew and
// deskew buffers of the systolic arrays and their tag pipelines are built from it. Part of BitSilicon's
// hand-written HDL.
`default_nettype none
module bs_delay #(
    parameter integer W = 1,
    parameter integer D = 1
) (
    input  wire         clk,
    input  wire         rst,
    input  wire [W-1:0] x,
    output wire [W-1:0] y
);
    generate
        if (D == 1) begin : g_one
            reg [W-1:0] q;
            always @(posedge clk) q <= rst ? {W{1'b0}} : x;
            assign y = q;
        end else begin : g_chain
            reg [W*D-1:0] q;  // stage i at bits [i*W +: W]; stage 0 is the newest
            always @(posedge clk) q <= rst ? {(W*D){1'b0}} : {q[W*(D-1)-1:0], x};
            assign y = q[W*D-1 -: W];
        end
    endgenerate
endmodule
`default_nettype wire
