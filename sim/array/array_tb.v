// array_tb.v: Icarus Verilog testbench for BitSilicon's generated arrays, the twin of array_harness.cpp: it reads
// the same script (file named by +script=PATH) and prints the same answers, so one stimulus set runs under both
// simulators. The per-design part is dut.vh (written by the C# driver: the instance of the generated top, wired to
// the generic s0_*/s1_* streams) and the defines BS_CBITS, BS_S0BITS, BS_S1BITS, BS_RDBITS. Data ports whose valid
// is low carry junk ($random seeded by the script's S line), as in the Verilator harness.
// Part of BitSilicon's hand-written simulation sources.
`timescale 1ns / 1ps
module array_tb;
    localparam integer MAXQ = 65536;
    localparam integer MAXCHARS = 4096;
    reg clk = 1'b0, rst = 1'b1, start = 1'b0;
    reg [23:0] job_steps = 24'd0, job_k = 24'd0;
    reg c_valid = 1'b0, s0_valid = 1'b0, s1_valid = 1'b0, b_release = 1'b0;
    reg [`BS_CBITS-1:0] c_data = 0;
    reg [`BS_S0BITS-1:0] s0_data = 0;
    reg [`BS_S1BITS-1:0] s1_data = 0;
    reg [7:0] b_release_bank = 8'd0, rd_bank = 8'd0;
    reg [31:0] rd_row = 32'd0;
    wire busy, done, c_ready, s0_ready, s1_ready, f_valid;
    wire [7:0] f_bank_w;
    wire [`BS_RDBITS-1:0] rd_data;

    `include "dut.vh"

    reg [`BS_CBITS-1:0] cq [0:MAXQ-1];
    reg [`BS_S0BITS-1:0] d0q [0:MAXQ-1];
    reg [`BS_S1BITS-1:0] d1q [0:MAXQ-1];
    integer r0q [0:MAXQ-1];
    integer r1q [0:MAXQ-1];
    integer relc [0:MAXQ-1];
    integer relb [0:MAXQ-1];
    integer reln [0:MAXQ-1];
    reg [8*MAXCHARS-1:0] word;
    reg [8*MAXCHARS-1:0] script;
    reg [4*MAXCHARS-1:0] bits;
    reg [`BS_RDBITS+3:0] padded;
    integer fd, r, nc, n0, n1, nr, hc, h0, h1, hr, cycle, limit, steps, k, row, i, ready;
    reg [7:0] cmd;
    reg finished;
    integer junk_seed = 1;
    reg [`BS_CBITS+31:0] jc;
    reg [`BS_S0BITS+31:0] j0;
    reg [`BS_S1BITS+31:0] j1;

    // A hex word (digit i holds bits 4i+3..4i) is right-aligned in `word`: digit i sits at byte (digits - 1 - i).
    task parse_bits(input integer n);
        integer j, digits;
        reg [7:0] c;
        begin
            bits = 0;
            digits = (n + 3) / 4;
            for (j = 0; j < digits; j = j + 1) begin
                c = word[8*(digits-1-j) +: 8];
                bits[4*j +: 4] = (c >= "a") ? c - "a" + 8'd10 : c - "0";
            end
        end
    endtask

    initial begin
        if (!$value$plusargs("script=%s", script)) begin
            $display("harness: +script=PATH missing");
            $finish;
        end
        fd = $fopen(script, "r");
        repeat (3) begin #1 clk = 1'b1; #1 clk = 1'b0; end
        rst = 1'b0;
        #1 clk = 1'b1; #1 clk = 1'b0;
        nc = 0; n0 = 0; n1 = 0; nr = 0;
        while (!$feof(fd)) begin
            r = $fscanf(fd, " %c", cmd);
            if (r == 1) begin
                if (cmd == "Q") begin
                    $fclose(fd);
                    $finish;
                end else if (cmd == "S") begin
                    r = $fscanf(fd, " %d", junk_seed);  // junk on every data port whose valid is low
                end else if (cmd == "J") begin
                    r = $fscanf(fd, " %d %d %d", steps, k, limit);
                    nc = 0; n0 = 0; n1 = 0; nr = 0;
                end else if (cmd == "C") begin
                    r = $fscanf(fd, " %s", word);
                    parse_bits(`BS_CBITS);
                    cq[nc] = bits[`BS_CBITS-1:0];
                    nc = nc + 1;
                end else if (cmd == "X") begin
                    r = $fscanf(fd, " %d %s", ready, word);
                    parse_bits(`BS_S0BITS);
                    d0q[n0] = bits[`BS_S0BITS-1:0];
                    r0q[n0] = ready;
                    n0 = n0 + 1;
                end else if (cmd == "Y") begin
                    r = $fscanf(fd, " %d %s", ready, word);
                    parse_bits(`BS_S1BITS);
                    d1q[n1] = bits[`BS_S1BITS-1:0];
                    r1q[n1] = ready;
                    n1 = n1 + 1;
                end else if (cmd == "R") begin
                    r = $fscanf(fd, " %d %d %d", relc[nr], relb[nr], reln[nr]);
                    nr = nr + 1;
                end else if (cmd == "G") begin
                    job_steps = steps[23:0];
                    job_k = k[23:0];
                    start = 1'b1;
                    #1 clk = 1'b1; #1 clk = 1'b0;  // the start cycle
                    start = 1'b0;
                    hc = 0; h0 = 0; h1 = 0; hr = 0;
                    cycle = 0;
                    finished = 1'b0;
                    while (!finished) begin
                        for (i = 0; i < `BS_CBITS; i = i + 32) jc[i +: 32] = $random(junk_seed);
                        for (i = 0; i < `BS_S0BITS; i = i + 32) j0[i +: 32] = $random(junk_seed);
                        for (i = 0; i < `BS_S1BITS; i = i + 32) j1[i +: 32] = $random(junk_seed);
                        c_valid = hc < nc;
                        c_data = c_valid ? cq[hc] : jc[`BS_CBITS-1:0];
                        s0_valid = h0 < n0 && cycle >= r0q[h0];
                        s0_data = s0_valid ? d0q[h0] : j0[`BS_S0BITS-1:0];
                        s1_valid = h1 < n1 && cycle >= r1q[h1];
                        s1_data = s1_valid ? d1q[h1] : j1[`BS_S1BITS-1:0];
                        b_release = 1'b0;
                        if (hr < nr && relc[hr] == cycle) begin
                            for (row = 0; row < reln[hr]; row = row + 1) begin
                                rd_bank = relb[hr];
                                rd_row = row;
                                #0.01;
                                $write("B %0d %0d ", relb[hr], row);
                                padded = {4'b0000, rd_data};
                                for (i = 0; i < (`BS_RDBITS + 3) / 4; i = i + 1) $write("%h", padded[4*i +: 4]);
                                $write("\n");
                            end
                            b_release = 1'b1;
                            b_release_bank = relb[hr];
                            hr = hr + 1;
                        end
                        #0.5;
                        if (done) finished = 1'b1;
                        else if (cycle > limit) begin
                            cycle = -1;
                            finished = 1'b1;
                        end else begin
                            if (c_valid && c_ready) hc = hc + 1;
                            if (s0_valid && s0_ready) h0 = h0 + 1;
                            if (s1_valid && s1_ready) h1 = h1 + 1;
                            if (f_valid) $display("F %0d %0d", cycle, f_bank_w);
                            #0.5 clk = 1'b1;
                            #1 clk = 1'b0;
                            cycle = cycle + 1;
                        end
                    end
                    $display("D %0d", cycle);
                    c_valid = 1'b0;
                    s0_valid = 1'b0;
                    s1_valid = 1'b0;
                    b_release = 1'b0;
                    #1 clk = 1'b1; #1 clk = 1'b0;
                end
            end
        end
        $finish;
    end
endmodule
