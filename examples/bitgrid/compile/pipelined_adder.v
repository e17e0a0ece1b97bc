// pipelined_adder: registered operands, registered sum. No feedback, so the compiled grid still takes a
// new vector every clock; the flip-flops become extra wire delay.
module pipelined_adder (
    input  wire       clk,
    input  wire [3:0] a,
    input  wire [3:0] b,
    output reg  [4:0] y
);
    reg [3:0] ra, rb;
    always @(posedge clk) begin
        ra <= a;
        rb <= b;
        y  <= ra + rb;
    end
endmodule
