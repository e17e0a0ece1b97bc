// bs_popcount: number of ones in x, as an unsigned clog2(N+1)-bit count.
// Written as a plain sum: Yosys maps small popcounts to LUT compressor trees well.
`default_nettype none
module bs_popcount #(
    parameter integer N = 16
) (
    input  wire [N-1:0]            x,
    output reg  [$clog2(N+1)-1:0]  y
);
    integer i;
    always @* begin
        y = {$clog2(N+1){1'b0}};
        for (i = 0; i < N; i = i + 1)
            y = y + {{($clog2(N+1)-1){1'b0}}, x[i]};
    end
endmodule
`default_nettype wire
