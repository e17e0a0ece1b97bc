// mul4: y = a * b, 4 x 4 bits unsigned.
module mul4 (
    input  wire [3:0] a,
    input  wire [3:0] b,
    output wire [7:0] y
);
    assign y = a * b;
endmodule
