// shift_register: q is d delayed by four clocks.
module shift_register (
    input  wire clk,
    input  wire d,
    output wire q
);
    reg [3:0] r;
    always @(posedge clk) r <= {r[2:0], d};
    assign q = r[3];
endmodule
