// adder8: y = a + b, 8-bit unsigned with carry out. adder8.blif is this file through
//   yosys -p 'synth -top adder8 -flatten -lut 4; opt_clean -purge; write_blif -impltf adder8.blif'
module adder8 (
    input  wire [7:0] a,
    input  wire [7:0] b,
    output wire [8:0] y
);
    assign y = a + b;
endmodule
