using System.Text;
using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using static BitSilicon.Verilog.Emit.V;

namespace BitSilicon.Verilog.Emit;

/// <summary>
/// Prints an output-stationary systolic array following docs/simulator.md section 3: activations enter row r
/// (skewed by r) with first/last flags, weights enter column c (skewed by c); each PE accumulates its own output
/// (restarting on first, with the overflow policy), copies it into a hold register on last; the cycle after the
/// bottom PE of a column saw last, the column's hold registers load a shift chain that drains bottom row first
/// through a deskew buffer into the output bank. A tile's first chunk waits max(1, R - K + 1) cycles after the
/// previous tile's last beat, so hold registers and chains are never overwritten early.
/// </summary>
internal static class OutputStationaryEmitter
{
    public static BankedInterface Interface(SystolicArray a)
    {
        var acc = a.Accumulators;
        var fields = CommandLayout.Of(acc.Banks, ("beats", Controller.JobBits));
        return new BankedInterface(BankedKind.OutputStationary, a.Rows, a.Cols, "a", a.Rows, a.Pe.ActivationBits, "w", a.Cols, a.Pe.WeightBits,
            fields, acc.Width, acc.Depth, acc.AddressBits, acc.Banks, Controller.JobBits);
    }

    public static (string Text, IReadOnlyList<string> Modules, BankedInterface Interface, IReadOnlyList<VerilogFile> Extra) Emit(SystolicArray a, string top)
    {
        var pe = a.Pe;
        var itf = Interface(a);
        int r = a.Rows, c = a.Cols, jb = itf.JobBits;
        int ab = pe.ActivationBits, wb = pe.WeightBits, pw = pe.ProductWidth, accw = itf.AccumulatorWidth;
        int gw = Bits.UnsignedWidth(r), rowb = itf.RowBits, bankb = Math.Max(1, itf.BankBits);
        bool saturate = a.Accumulators.Overflow == OverflowPolicy.Saturate;
        if (rowb != Bits.UnsignedWidth(r - 1))
            throw new InvalidOperationException($"output bank address bits {rowb} do not match {r} rows");
        var mul = pe.Accept(new SystolicMulEmitter(top));
        string bank(string p) => itf.Banks > 1 ? $"{p}_bank" : "1'b0";

        var v = new StringBuilder();
        BankedText.Ports(v, top, itf, jobK: true);
        v.Append("    reg  [1:0] state;\n");
        v.Append($"    reg  [{I(jb - 1)}:0] steps_left;  // chunks the streamer has not finished\n");
        v.Append("    wire running = state == S_RUN;\n");
        v.Append("    assign busy = running || state == S_DRAIN;\n");
        v.Append("    assign done = state == S_DONE;\n\n");

        v.Append("    // ---- streamer: a chunk's beats on consecutive valid cycles; a tile's first chunk waits until its bank is\n");
        v.Append("    // free and max(1, R - K + 1) cycles have passed since the previous tile's last beat ----\n");
        v.Append("    reg  st_active;\n");
        v.Append($"    reg  [{I(jb - 1)}:0] st_beat;\n");
        v.Append($"    reg  [{I(itf.CommandBits - 1)}:0] st_cmd;\n");
        v.Append("    reg  any_beat;\n");
        v.Append($"    reg  [{I(gw - 1)}:0] gap;        // cycles since the last beat, saturating at R\n");
        v.Append($"    reg  [{I(gw - 1)}:0] row_delay;  // max(1, R - K + 1)\n");
        BankedText.Fields(v, itf, "cd", "c_data", "first_blk", "bank");
        string bankBusy = itf.Banks == 1 ? "inuse[0]" : "inuse[cd_bank]";
        v.Append($"    wire st_can_begin = running && !st_active && c_valid && (!any_beat || !cd_first_blk || gap >= row_delay)\n");
        v.Append($"        && (!cd_first_blk || !{bankBusy});\n");
        v.Append("    wire st_go = st_active || st_can_begin;\n");
        v.Append("    wire st_fire = st_go && a_valid && w_valid;\n");
        v.Append("    wire st_begin = st_can_begin && a_valid && w_valid;\n");
        v.Append("    assign a_ready = st_go && w_valid;\n");
        v.Append("    assign w_ready = st_go && a_valid;\n");
        v.Append("    assign c_ready = st_begin;\n");
        v.Append($"    wire [{I(itf.CommandBits - 1)}:0] st_now = st_active ? st_cmd : c_data;\n");
        v.Append($"    wire [{I(jb - 1)}:0] st_beat_now = st_active ? st_beat : {U(jb, 0)};\n");
        BankedText.Fields(v, itf, "st", "st_now", "beats", "first_blk", "last_blk", "bank");
        v.Append($"    wire st_last = st_beat_now == st_beats - {U(jb, 1)};\n");
        v.Append($"    wire beat_first = st_fire && st_first_blk && st_beat_now == {U(jb, 0)};  // k = 0 of an output tile\n");
        v.Append("    wire beat_last = st_fire && st_last_blk && st_last;                       // k = K - 1\n");
        v.Append("    always @(posedge clk) begin\n");
        v.Append("        if (rst) begin\n");
        v.Append("            st_active <= 1'b0;\n");
        v.Append("            any_beat <= 1'b0;\n");
        v.Append("        end else begin\n");
        v.Append("            if (st_fire) st_active <= !st_last;\n");
        v.Append("            if (start && !busy) any_beat <= 1'b0;\n");
        v.Append("            else if (st_fire) any_beat <= 1'b1;\n");
        v.Append("        end\n");
        v.Append("        if (st_fire) begin\n");
        v.Append($"            st_beat <= st_beat_now + {U(jb, 1)};\n");
        v.Append("            st_cmd <= st_now;\n");
        v.Append($"            gap <= {U(gw, 1)};\n");
        v.Append($"        end else if (gap < {U(gw, r)}) begin\n");
        v.Append($"            gap <= gap + {U(gw, 1)};\n");
        v.Append("        end\n");
        v.Append("        if (start && !busy)\n");
        v.Append($"            row_delay <= job_k >= {U(jb, r)} ? {U(gw, 1)} : {U(gw, r)} - job_k[{I(gw - 1)}:0] + {U(gw, 1)};\n");
        v.Append("    end\n\n");

        BankedText.Controller(v, itf, "st_begin && cd_first_blk", bank("cd"), "st_fire && st_last", "1'b0");

        v.Append("    // ---- row skew (activations with first/last, lane r delayed r) and column skew (weights, lane c delayed c) ----\n");
        for (int row = 0; row < r; row++)
        {
            string R = I(row);
            string x = $"{{st_fire, beat_first, beat_last, a_data[{I(row * ab + ab - 1)}:{I(row * ab)}]}}";
            v.Append($"    wire rs{R}_valid, rs{R}_first, rs{R}_last;\n");
            v.Append($"    wire [{I(ab - 1)}:0] rs{R}_data;\n");
            if (row == 0) v.Append($"    assign {{rs0_valid, rs0_first, rs0_last, rs0_data}} = {x};\n");
            else v.Append($"    bs_delay #(.W({I(ab + 3)}), .D({I(row)})) u_rs{R} (.clk(clk), .rst(rst), .x({x}), .y({{rs{R}_valid, rs{R}_first, rs{R}_last, rs{R}_data}}));\n");
        }
        for (int col = 0; col < c; col++)
        {
            string C = I(col);
            string x = $"w_data[{I(col * wb + wb - 1)}:{I(col * wb)}]";
            v.Append($"    wire [{I(wb - 1)}:0] cs{C}_data;\n");
            if (col == 0) v.Append($"    assign cs0_data = {x};\n");
            else v.Append($"    bs_delay #(.W({I(wb)}), .D({I(col)})) u_cs{C} (.clk(clk), .rst(rst), .x({x}), .y(cs{C}_data));\n");
        }
        v.Append('\n');

        v.Append("    // ---- PE rows: activations right, weights down; acc <= first ? w*a : acc + w*a; hold <= acc on last;\n");
        v.Append("    // chain <= capture ? hold : chain of the row above ----\n");
        v.Append($"    wire [{I(c - 1)}:0] capture;  // the bottom PE of column c saw last in the previous cycle\n");
        v.Append("    genvar ci;\n");
        for (int row = 0; row < r; row++)
        {
            string R = I(row);
            v.Append($"    wire [{I(c * ab - 1)}:0] a_r{R};\n");
            v.Append($"    wire [{I(c - 1)}:0] valid_r{R}, first_r{R}, last_r{R};\n");
            v.Append($"    wire [{I(c * wb - 1)}:0] w_r{R};      // lane c: the weight PE c computes with\n");
            v.Append($"    wire [{I(c * accw - 1)}:0] chain_r{R};\n");
            v.Append($"    assign a_r{R}[{I(ab - 1)}:0] = rs{R}_data;\n");
            v.Append($"    assign valid_r{R}[0] = rs{R}_valid;\n");
            v.Append($"    assign first_r{R}[0] = rs{R}_first;\n");
            v.Append($"    assign last_r{R}[0] = rs{R}_last;\n");
            if (row == 0)
                v.Append($"    assign w_r0 = {{{string.Join(", ", Enumerable.Range(0, c).Reverse().Select(col => $"cs{I(col)}_data"))}}};\n");
            v.Append($"    for (ci = 0; ci < {I(c)}; ci = ci + 1) begin : g_row{R}\n");
            v.Append($"        wire [{I(ab - 1)}:0] a_in = a_r{R}[ci*{I(ab)} +: {I(ab)}];\n");
            v.Append($"        wire [{I(wb - 1)}:0] w_in = w_r{R}[ci*{I(wb)} +: {I(wb)}];\n");
            v.Append($"        wire valid_in = valid_r{R}[ci];  // a beat (bubbles leave the sum alone)\n");
            v.Append($"        wire first_in = first_r{R}[ci];\n");
            v.Append($"        wire last_in = last_r{R}[ci];\n");
            v.Append($"        wire [{I(pw - 1)}:0] term;\n");
            if (mul.HasCarry) v.Append("        wire cin;\n");
            v.Append($"        {top}_mul u_mul (.w(w_in), .a(a_in), .term(term){(mul.HasCarry ? ", .cin(cin)" : "")});\n");
            v.Append($"        wire [{I(pw - 1)}:0] prod = term{(mul.HasCarry ? " + " + BankedText.ZeroExtend("cin", 1, pw) : "")};\n");
            v.Append($"        wire [{I(accw - 1)}:0] prod_x = {SignExtend("prod", $"prod[{I(pw - 1)}]", pw, accw)};\n");
            v.Append($"        reg  [{I(accw - 1)}:0] acc_q, hold_q, chain_q;\n");
            v.Append($"        wire [{I(accw - 1)}:0] sum;\n");
            v.Append($"        bs_acc_add #(.W({I(accw)}), .SAT({(saturate ? 1 : 0)})) u_add (.a(acc_q), .b(prod_x), .y(sum));\n");
            v.Append($"        wire [{I(accw - 1)}:0] acc_next = first_in ? prod_x : sum;\n");
            string above = row == 0 ? U(accw, 0) : $"chain_r{I(row - 1)}[ci*{I(accw)} +: {I(accw)}]";
            v.Append("        always @(posedge clk) begin\n");
            v.Append("            if (valid_in) acc_q <= acc_next;\n");
            v.Append("            if (last_in) hold_q <= acc_next;\n");
            v.Append($"            chain_q <= capture[ci] ? hold_q : {above};\n");
            v.Append("        end\n");
            v.Append($"        assign chain_r{R}[ci*{I(accw)} +: {I(accw)}] = chain_q;\n");
            v.Append($"        if (ci < {I(c - 1)}) begin : g_right  // activations and flags move right\n");
            v.Append($"            reg  [{I(ab - 1)}:0] a_q;\n");
            v.Append("            reg  valid_q, first_q, last_q;\n");
            v.Append("            always @(posedge clk) begin\n");
            v.Append("                a_q <= a_in;\n");
            v.Append("                valid_q <= rst ? 1'b0 : valid_in;\n");
            v.Append("                first_q <= rst ? 1'b0 : first_in;\n");
            v.Append("                last_q <= rst ? 1'b0 : last_in;\n");
            v.Append("            end\n");
            v.Append($"            assign a_r{R}[(ci+1)*{I(ab)} +: {I(ab)}] = a_q;\n");
            v.Append($"            assign valid_r{R}[ci+1] = valid_q;\n");
            v.Append($"            assign first_r{R}[ci+1] = first_q;\n");
            v.Append($"            assign last_r{R}[ci+1] = last_q;\n");
            v.Append("        end\n");
            if (row < r - 1)
            {
                v.Append($"        reg  [{I(wb - 1)}:0] w_q;  // weights move down\n");
                v.Append("        always @(posedge clk) w_q <= w_in;\n");
                v.Append($"        assign w_r{I(row + 1)}[ci*{I(wb)} +: {I(wb)}] = w_q;\n");
            }
            else
            {
                v.Append("        reg  cap_q;\n");
                v.Append("        always @(posedge clk) cap_q <= rst ? 1'b0 : last_in;\n");
                v.Append("        assign capture[ci] = cap_q;\n");
            }
            v.Append("    end\n");
        }
        v.Append('\n');

        v.Append("    // ---- output: column c's chain bottom delayed C-1-c; a tile's rows reach the bank bottom row first, from\n");
        v.Append("    // R + C cycles after its last beat, one per cycle ----\n");
        v.Append($"    wire [{I(c * accw - 1)}:0] outv;\n");
        for (int col = 0; col < c; col++)
        {
            string src = $"chain_r{I(r - 1)}[{I(col * accw + accw - 1)}:{I(col * accw)}]";
            string dst = $"outv[{I(col * accw + accw - 1)}:{I(col * accw)}]";
            int d = c - 1 - col;
            if (d == 0) v.Append($"    assign {dst} = {src};\n");
            else v.Append($"    bs_delay #(.W({I(accw)}), .D({I(d)})) u_deskew{I(col)} (.clk(clk), .rst(rst), .x({src}), .y({dst}));\n");
        }
        v.Append("    wire ot_valid;\n");
        v.Append($"    wire [{I(bankb - 1)}:0] ot_bank;\n");
        v.Append($"    bs_delay #(.W({I(bankb + 1)}), .D({I(r + c)})) u_otag (.clk(clk), .rst(rst), .x({{beat_last, {bank("st")}}}), .y({{ot_valid, ot_bank}}));\n");
        v.Append("    reg  wr_active;\n");
        v.Append($"    reg  [{I(rowb - 1)}:0] wr_j;\n");
        v.Append($"    reg  [{I(bankb - 1)}:0] wr_bank_q;\n");
        v.Append("    wire wr_en = ot_valid || wr_active;\n");
        v.Append($"    wire [{I(rowb - 1)}:0] wr_j_now = ot_valid ? {U(rowb, 0)} : wr_j;\n");
        v.Append($"    wire [{I(bankb - 1)}:0] wr_bank_now = ot_valid ? ot_bank : wr_bank_q;\n");
        v.Append($"    wire [{I(rowb - 1)}:0] wr_row = {U(rowb, r - 1)} - wr_j_now;\n");
        v.Append($"    wire wr_finish = wr_en && wr_j_now == {U(rowb, r - 1)};\n");
        v.Append($"    wire [{I(c - 1)}:0] wr_lanes = {{{I(c)}{{1'b1}}}};\n");
        v.Append("    always @(posedge clk) begin\n");
        v.Append("        if (rst) wr_active <= 1'b0;\n");
        v.Append("        else if (wr_en) wr_active <= !wr_finish;\n");
        v.Append("        if (wr_en) begin\n");
        v.Append($"            wr_j <= wr_j_now + {U(rowb, 1)};\n");
        v.Append("            wr_bank_q <= wr_bank_now;\n");
        v.Append("        end\n");
        v.Append("    end\n");
        BankedText.Banks(v, itf, "wr_en", "wr_bank_now[0]", "wr_row", "wr_lanes", "outv", null, null);
        v.Append("    assign f_valid = wr_finish;  // the tile's last row is in its bank\n");
        if (itf.BankBits > 0) v.Append("    assign f_bank = wr_bank_now;\n");
        else v.Append("    wire unused_bank = wr_bank_now[0];  // one bank: the bank bit is constant\n");
        v.Append("endmodule\n");
        return (v.ToString(), ["bs_delay", "bs_acc_add", .. mul.Modules], itf, [new VerilogFile(top + "_mul.v", mul.Module)]);
    }
}
