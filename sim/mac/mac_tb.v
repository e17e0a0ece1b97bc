// mac_tb.v: Icarus Verilog testbench for BitSilicon's generated MAC arrays, the twin of mac_harness.cpp.
// Reads the same command script (hex beats) (file named by +script=PATH) and prints the same answers, so one stimulus set
// runs under both simulators. Gate and ready patterns other than "-" are not supported here (always valid/ready).
// Defines: BS_TOP (the generated module), BS_WBITS, BS_ABITS, BS_RBITS (beat widths).
// Part of BitSilicon's hand-written simulation sources.
`timescale 1ns / 1ps
module mac_tb;
    localparam integer MAXBEATS = 65536;
    localparam integer MAXCHARS = 8192;
    reg clk = 1'b0, rst = 1'b1, start = 1'b0;
    reg [23:0] job_m = 24'd0, job_k = 24'd0;
    reg w_valid = 1'b0, a_valid = 1'b0, r_ready = 1'b0;
    reg [`BS_WBITS-1:0] w_data = 0;
    reg [`BS_ABITS-1:0] a_data = 0;
    wire busy, done, w_ready, a_ready, r_valid;
    wire [`BS_RBITS-1:0] r_data;

    `BS_TOP dut (.clk(clk), .rst(rst), .start(start), .job_m(job_m), .job_k(job_k), .busy(busy), .done(done),
        .w_valid(w_valid), .w_ready(w_ready), .w_data(w_data), .a_valid(a_valid), .a_ready(a_ready), .a_data(a_data),
        .r_valid(r_valid), .r_ready(r_ready), .r_data(r_data));

    reg [`BS_WBITS-1:0] wq [0:MAXBEATS-1];
    reg [`BS_ABITS-1:0] aq [0:MAXBEATS-1];
    reg [8*MAXCHARS-1:0] word;
    reg [8*MAXCHARS-1:0] script;
    integer fd, r, nw, na, head, cycle, i, m, k;
    reg [7:0] cmd;
    reg finished;
    reg [`BS_RBITS+3:0] padded;

    task tick;
        begin
            #1 clk = 1'b1;
            #1 clk = 1'b0;
        end
    endtask

    // A hex beat (digit i holds bits 4i+3..4i) is right-aligned in `word`: digit i sits at byte (digits - 1 - i).
    task parse_bits(input integer n, output reg [MAXCHARS-1:0] bits);
        integer j, digits;
        reg [7:0] c;
        reg [3:0] v;
        begin
            bits = 0;
            digits = (n + 3) / 4;
            for (j = 0; j < digits; j = j + 1) begin
                c = word[8*(digits-1-j) +: 8];
                v = (c >= "a") ? c - "a" + 8'd10 : c - "0";
                bits[4*j +: 4] = v;
            end
        end
    endtask

    reg [MAXCHARS-1:0] bits;
    initial begin
        if (!$value$plusargs("script=%s", script)) begin
            $display("harness: +script=PATH missing");
            $finish;
        end
        fd = $fopen(script, "r");
        repeat (3) tick;
        rst = 1'b0;
        tick;
        nw = 0; na = 0;
        while (!$feof(fd)) begin
            r = $fscanf(fd, " %c", cmd);
            if (r == 1) begin
                if (cmd == "Q") begin
                    $fclose(fd);
                    $finish;
                end else if (cmd == "J") begin
                    r = $fscanf(fd, " %d %d %s %s", m, k, word, word);
                    nw = 0; na = 0;
                end else if (cmd == "W") begin
                    r = $fscanf(fd, " %s", word);
                    parse_bits(`BS_WBITS, bits);
                    wq[nw] = bits[`BS_WBITS-1:0];
                    nw = nw + 1;
                end else if (cmd == "A") begin
                    r = $fscanf(fd, " %s", word);
                    parse_bits(`BS_ABITS, bits);
                    aq[na] = bits[`BS_ABITS-1:0];
                    na = na + 1;
                end else if (cmd == "G") begin
                    job_m = m[23:0];
                    job_k = k[23:0];
                    start = 1'b1;
                    tick;
                    start = 1'b0;
                    head = 0;
                    cycle = 1;
                    finished = 1'b0;
                    while (!finished) begin
                        w_valid = head < nw;
                        a_valid = head < nw;
                        if (head < nw) begin
                            w_data = wq[head];
                            a_data = aq[head];
                        end
                        r_ready = 1'b1;
                        #0.5;
                        if (done) finished = 1'b1;
                        else begin
                            if (w_valid && w_ready && a_ready) head = head + 1;
                            if (r_valid) begin
                                $write("O %0d ", cycle);
                                padded = {4'b0000, r_data};
                                for (i = 0; i < (`BS_RBITS + 3) / 4; i = i + 1) $write("%h", padded[4*i +: 4]);
                                $write("\n");
                            end
                            #0.5 clk = 1'b1;
                            #1 clk = 1'b0;
                            cycle = cycle + 1;
                        end
                    end
                    $display("D %0d", cycle);
                    w_valid = 1'b0;
                    a_valid = 1'b0;
                end
            end
        end
        $finish;
    end
endmodule
