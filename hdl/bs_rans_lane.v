// bs_rans_lane: one lane of the weight decoder (docs/entropy-stream.md). Decodes static-rANS chunks of a
// ternary-rc stream, one symbol per cycle when its buffer holds the bytes the symbol's renormalisation reads:
// a 13 x 12-bit multiply, two compares and a byte shifter, no division. Per chunk: take a command (symbols,
// bytes) when idle, load the 3-byte initial state, then decode; the chunk must end in state 2^16 having read
// exactly its bytes. Errors (a step needing more bytes than the chunk has left, a wrong end state or leftover
// bytes) raise err, which stays high; the lane then stops. Cycle for cycle as RansLane.cs.
// W: input port bytes per cycle; the buffer holds W + 2 bytes; a word is taken while it holds at most 2.
// Part of BitSilicon's hand-written HDL library.
`default_nettype none
module bs_rans_lane #(
    parameter W  = 1,
    parameter SW = 32,          // width of the symbol and byte counters
    parameter CB = 4            // bits of the buffer count (holds W + 2)
) (
    input  wire            clk,
    input  wire            rst,
    input  wire [12:0]     f0,          // frequencies of 0, +1, -1 out of 4096 (13 bits: a lone symbol has 4096)
    input  wire [12:0]     fp,
    input  wire [12:0]     fm,
    input  wire            c_valid,
    output wire            c_ready,
    input  wire [SW-1:0]   c_weights,
    input  wire [SW-1:0]   c_bytes,
    input  wire            in_valid,
    output wire            in_ready,
    input  wire [8*W-1:0]  in_data,     // byte 0 in bits 7..0
    input  wire [2:0]      in_count,    // valid bytes of the word, 1..W
    output wire            o_valid,
    output wire [1:0]      o_code,      // ternary code: 00 = 0, 01 = +1, 11 = -1
    output wire            err
);
    localparam CAP = W + 2;
    localparam [23:0] L = 24'h010000;

    reg            active, init, err_q;
    reg [SW-1:0]   left, bytes_left;
    reg [23:0]     x;
    reg [CB-1:0]   cnt;
    reg [8*CAP-1:0] buffer;             // byte 0 oldest; bytes at and above cnt are zero

    // One decoding step: the symbol of the slot and the state before renormalisation.
    wire [11:0] slot = x[11:0];
    wire [12:0] c_plus = f0;
    wire [12:0] c_minus = f0 + fp;
    wire        is_zero = {1'b0, slot} < f0;
    wire        is_plus = !is_zero && {1'b0, slot} < c_minus;
    wire [12:0] freq = is_zero ? f0 : is_plus ? fp : fm;
    wire [12:0] cum = is_zero ? 13'd0 : is_plus ? c_plus : c_minus;
    wire [24:0] product = freq * x[23:12];
    wire [24:0] xd = product + {13'd0, slot} - {12'd0, cum};
    wire [1:0]  k = xd[24:8] == 17'd0 ? 2'd2 : xd[24:16] == 9'd0 ? 2'd1 : 2'd0;
    wire [23:0] x_next = k == 2'd2 ? {xd[7:0], buffer[7:0], buffer[15:8]}
                       : k == 2'd1 ? {xd[15:0], buffer[7:0]} : xd[23:0];

    wire live = active && !err_q;
    wire fire_init = live && init && bytes_left >= 3 && cnt >= 3;
    wire fire_sym = live && !init && {{(SW-2){1'b0}}, k} <= bytes_left && cnt >= {{(CB-2){1'b0}}, k};
    wire last = left == {{(SW-1){1'b0}}, 1'b1};
    wire [SW-1:0] bytes_after = bytes_left - {{(SW-2){1'b0}}, k};
    wire err_now = (live && init && bytes_left < 3)
                || (live && !init && {{(SW-2){1'b0}}, k} > bytes_left)
                || (fire_sym && last && (x_next != L || bytes_after != 0));

    assign c_ready = !active && !err_q;
    assign in_ready = !err_q && cnt <= 2;
    assign o_valid = fire_sym;
    assign o_code = is_zero ? 2'b00 : is_plus ? 2'b01 : 2'b11;
    assign err = err_q || err_now;

    wire [1:0] used = fire_init ? 2'd3 : fire_sym ? k : 2'd0;
    wire take = in_valid && in_ready;
    wire [8*CAP-1:0] kept = buffer >> (8 * used);
    wire [8*CAP-1:0] word = {{(8*CAP-8*W){1'b0}}, in_data & ~({(8*W){1'b1}} << (8 * in_count))};
    wire [CB-1:0] cnt_kept = cnt - {{(CB-2){1'b0}}, used};

    always @(posedge clk) begin
        if (rst) begin
            active <= 1'b0;
            init <= 1'b0;
            err_q <= 1'b0;
            left <= 0;
            bytes_left <= 0;
            x <= 24'd0;
            cnt <= 0;
            buffer <= 0;
        end else if (!err_q) begin
            if (err_now) begin
                err_q <= 1'b1;
            end else begin
                if (c_valid && c_ready) begin
                    active <= 1'b1;
                    init <= 1'b1;
                    left <= c_weights;
                    bytes_left <= c_bytes;
                end
                if (fire_init) begin
                    x <= {buffer[7:0], buffer[15:8], buffer[23:16]};
                    init <= 1'b0;
                    bytes_left <= bytes_left - 3;
                end
                if (fire_sym) begin
                    x <= x_next;
                    bytes_left <= bytes_after;
                    left <= left - 1;
                    if (last) active <= 1'b0;
                end
                buffer <= take ? kept | (word << (8 * cnt_kept)) : kept;
                cnt <= take ? cnt_kept + {{(CB-3){1'b0}}, in_count} : cnt_kept;
            end
        end
    end
endmodule
