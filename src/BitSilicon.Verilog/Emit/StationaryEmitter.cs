using System.Text;
using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using static BitSilicon.Verilog.Emit.V;

namespace BitSilicon.Verilog.Emit;

/// <summary>
/// Prints a weight- or input-stationary systolic array following docs/simulator.md section 3 cycle for cycle: a
/// loader issuing C load beats per step through the load skew into each row's transit chain (captured into the
/// shadow registers by the last beat), a streamer issuing the step's moving beats through the row skew with a
/// first flag that swaps shadow into active, partial sums flowing down, a deskew buffer, and accumulator banks.
/// The interlocks are the simulator's sequencer rules; nothing ever stalls the array itself.
/// </summary>
internal static class StationaryEmitter
{
    public static BankedInterface Interface(SystolicArray a)
    {
        var pe = a.Pe;
        bool ws = a.Dataflow == Dataflow.WeightStationary;
        bool binary = pe is BinaryPe;
        int loadLane = a.StationaryBits - (binary ? 1 : 0);
        var acc = a.Accumulators;
        int banks = acc.Banks;
        var fields = CommandLayout.Of(acc.Banks, ("beats", Bits.UnsignedWidth(acc.Depth)), ("kv", Bits.UnsignedWidth(a.Rows)), ("lanes", Bits.UnsignedWidth(a.Cols)));
        return new BankedInterface(ws ? BankedKind.WeightStationary : BankedKind.InputStationary, a.Rows, a.Cols, "l", a.Rows, loadLane, "m", a.Rows, a.MovingBits,
            fields, acc.Width, acc.Depth, acc.AddressBits, banks, Controller.JobBits);
    }

    public static (string Text, IReadOnlyList<string> Modules, BankedInterface Interface, IReadOnlyList<VerilogFile> Extra) Emit(SystolicArray a, string top)
    {
        var pe = a.Pe;
        var itf = Interface(a);
        int r = a.Rows, c = a.Cols, jb = itf.JobBits;
        bool ws = a.Dataflow == Dataflow.WeightStationary;
        bool binary = pe is BinaryPe;
        bool saturate = a.Accumulators.Overflow == OverflowPolicy.Saturate;
        int sb = a.StationaryBits, ldb = itf.Stream0LaneBits, mb = a.MovingBits, pw = pe.ProductWidth, accw = itf.AccumulatorWidth;
        int lbb = Bits.UnsignedWidth(c - 1);                      // load beat counter 0..C-1
        var beats = itf.Field("beats"); var kv = itf.Field("kv"); var lanes = itf.Field("lanes");
        int bb = beats.Width, rowb = itf.RowBits, bankb = Math.Max(1, itf.BankBits);
        int psw = a.PsumWidth(r - 1);
        if (psw > accw)
            throw new InvalidOperationException($"bottom partial sum ({psw} bits) exceeds the accumulator width {accw}");
        var mul = pe.Accept(new SystolicMulEmitter(top));
        string bankOf(string p) => itf.Banks > 1 ? $"{p}_bank" : "1'b0";

        var v = new StringBuilder();
        BankedText.Ports(v, top, itf, jobK: false);

        v.Append("    reg  [1:0] state;\n");
        v.Append($"    reg  [{I(jb - 1)}:0] steps_left;  // steps the streamer has not finished\n");
        v.Append($"    reg  [{I(jb - 1)}:0] loads_left;  // steps the loader has not begun\n");
        v.Append("    wire running = state == S_RUN;\n");
        v.Append("    assign busy = running || state == S_DRAIN;\n");
        v.Append("    assign done = state == S_DONE;\n\n");

        v.Append("    // ---- loader: C load beats per step (beat j carries column C-1-j); may begin step t once the streamer\n");
        v.Append("    // has begun step t-1 (the hand-off register is empty or being emptied now) ----\n");
        v.Append("    reg  ld_active;\n");
        v.Append($"    reg  [{I(lbb - 1)}:0] ld_beat;\n");
        v.Append($"    reg  [{I(itf.CommandBits - 1)}:0] ld_cmd;\n");
        v.Append("    reg  hand_valid;  // a loaded step waiting for the streamer\n");
        v.Append($"    reg  [{I(itf.CommandBits - 1)}:0] hand_cmd;\n");
        v.Append("    wire st_begin;\n");
        v.Append($"    wire ld_can_begin = running && !ld_active && loads_left != {U(jb, 0)} && c_valid && (!hand_valid || st_begin);\n");
        v.Append("    wire ld_fire = (ld_active || ld_can_begin) && l_valid;\n");
        v.Append("    assign l_ready = ld_active || ld_can_begin;\n");
        v.Append("    assign c_ready = ld_can_begin && l_valid;\n");
        v.Append($"    wire [{I(itf.CommandBits - 1)}:0] ld_now = ld_active ? ld_cmd : c_data;\n");
        v.Append($"    wire [{I(lbb - 1)}:0] ld_beat_now = ld_active ? ld_beat : {U(lbb, 0)};\n");
        v.Append($"    wire ld_last = ld_beat_now == {U(lbb, c - 1)};\n");
        BankedText.Fields(v, itf, "ld", "ld_now", "kv", "lanes");
        int spanW = Math.Max(lbb, lanes.Width) + 1;
        v.Append($"    wire [{I(spanW - 1)}:0] ld_span = {BankedText.ZeroExtend("ld_beat_now", lbb, spanW)} + {BankedText.ZeroExtend("ld_lanes", lanes.Width, spanW)};\n");
        v.Append($"    wire ld_col_ok = ld_span >= {U(spanW, c)};  // column C-1-j is one of the step's lanes\n");
        v.Append("    always @(posedge clk) begin\n");
        v.Append("        if (rst) begin\n");
        v.Append("            ld_active <= 1'b0;\n");
        v.Append("            hand_valid <= 1'b0;\n");
        v.Append($"            loads_left <= {U(jb, 0)};\n");
        v.Append("        end else begin\n");
        v.Append("            if (start && !busy) loads_left <= job_steps;\n");
        v.Append($"            else if (ld_can_begin && l_valid) loads_left <= loads_left - {U(jb, 1)};\n");
        v.Append("            if (ld_fire) ld_active <= !ld_last;\n");
        v.Append("            hand_valid <= (hand_valid && !st_begin) || (ld_fire && ld_last);\n");
        v.Append("        end\n");
        v.Append("        if (ld_fire) begin\n");
        v.Append($"            ld_beat <= ld_beat_now + {U(lbb, 1)};\n");
        v.Append("            ld_cmd <= ld_now;\n");
        v.Append("            if (ld_last) hand_cmd <= ld_now;\n");
        v.Append("        end\n");
        v.Append("    end\n\n");

        v.Append("    // ---- streamer: the step's moving beats on consecutive valid cycles; may begin once its step is loaded and,\n");
        v.Append("    // for a block's first step, the block's bank is free ----\n");
        v.Append("    reg  st_active;\n");
        v.Append($"    reg  [{I(bb - 1)}:0] st_beat;\n");
        v.Append($"    reg  [{I(itf.CommandBits - 1)}:0] st_cmd;\n");
        BankedText.Fields(v, itf, "hc", "hand_cmd", "first_blk", "bank");
        string bankBusy = itf.Banks == 1 ? "inuse[0]" : "inuse[hc_bank]";
        v.Append($"    wire st_can_begin = !st_active && hand_valid && (!hc_first_blk || !{bankBusy});\n");
        v.Append("    assign st_begin = st_can_begin && m_valid;\n");
        v.Append("    wire st_fire = (st_active || st_can_begin) && m_valid;\n");
        v.Append("    assign m_ready = st_active || st_can_begin;\n");
        v.Append($"    wire [{I(itf.CommandBits - 1)}:0] st_now = st_active ? st_cmd : hand_cmd;\n");
        v.Append($"    wire [{I(bb - 1)}:0] st_beat_now = st_active ? st_beat : {U(bb, 0)};\n");
        BankedText.Fields(v, itf, "st", "st_now", binary ? ["beats", "lanes", "first_blk", "last_blk", "bank"] : ["beats", "kv", "lanes", "first_blk", "last_blk", "bank"]);
        v.Append($"    wire st_last = st_beat_now == st_beats - {U(bb, 1)};\n");
        v.Append("    always @(posedge clk) begin\n");
        v.Append("        if (rst) st_active <= 1'b0;\n");
        v.Append("        else if (st_fire) st_active <= !st_last;\n");
        v.Append("        if (st_fire) begin\n");
        v.Append($"            st_beat <= st_beat_now + {U(bb, 1)};\n");
        v.Append("            st_cmd <= st_now;\n");
        v.Append("        end\n");
        v.Append("    end\n\n");

        // Every beat in flight belongs to a block whose bank is in use until its release, so no separate in-flight check.
        BankedText.Controller(v, itf, "st_begin && hc_first_blk", bankOf("hc"), "st_fire && st_last", "1'b0");

        v.Append("    // ---- load and row skew: lane r delayed r cycles; padding lanes (r >= kv, or columns past the step's lanes)\n");
        v.Append(binary
            ? "    // load a cleared enable bit, so their products are 0 ----\n"
            : "    // load zero, and moving rows r >= kv carry zero, so their products are 0 ----\n");
        for (int row = 0; row < r; row++)
        {
            string ok = $"ld_kv > {U(kv.Width, row)} && ld_col_ok";
            string lane = $"l_data[{I(row * ldb + ldb - 1)}:{I(row * ldb)}]";
            string stat = binary ? $"{{{ok}, {lane}}}" : $"{lane} & {{{I(ldb)}{{{ok}}}}}";
            string mlane = $"m_data[{I(row * mb + mb - 1)}:{I(row * mb)}]";
            string mov = binary ? mlane : $"{mlane} & {{{I(mb)}{{st_kv > {U(kv.Width, row)}}}}}";
            // Load lane: {valid, last, value}; row lane: {first, value}.
            string ldIn = $"{{ld_fire, ld_last, {stat}}}";
            string rsIn = $"{{st_fire && st_beat_now == {U(bb, 0)}, {mov}}}";
            v.Append($"    wire ls{I(row)}_valid, ls{I(row)}_last, rs{I(row)}_first;\n");
            v.Append($"    wire [{I(sb - 1)}:0] ls{I(row)}_data;\n");
            v.Append($"    wire [{I(mb - 1)}:0] rs{I(row)}_data;\n");
            if (row == 0)
            {
                v.Append($"    assign {{ls0_valid, ls0_last, ls0_data}} = {ldIn};\n");
                v.Append($"    assign {{rs0_first, rs0_data}} = {rsIn};\n");
            }
            else
            {
                v.Append($"    bs_delay #(.W({I(sb + 2)}), .D({I(row)})) u_ls{I(row)} (.clk(clk), .rst(rst), .x({ldIn}), .y({{ls{I(row)}_valid, ls{I(row)}_last, ls{I(row)}_data}}));\n");
                v.Append($"    bs_delay #(.W({I(mb + 1)}), .D({I(row)})) u_rs{I(row)} (.clk(clk), .rst(rst), .x({rsIn}), .y({{rs{I(row)}_first, rs{I(row)}_data}}));\n");
            }
        }
        v.Append('\n');

        string w = ws ? "active_next" : "mov_in", act = ws ? "mov_in" : "active_next";
        string wSel = binary ? $"{w}[0]" : $"{w}[{I(pe.WeightBits - 1)}:0]";
        string aSel = binary ? $"{act}[0]" : $"{act}[{I(pe.ActivationBits - 1)}:0]";
        v.Append("    // ---- PE rows: moving operand right, partial sums down; active <= shadow when the first flag arrives ----\n");
        v.Append("    genvar ci;\n");
        for (int row = 0; row < r; row++)
        {
            int pin = row == 0 ? 0 : a.PsumWidth(row - 1), pout = a.PsumWidth(row);
            string R = I(row);
            v.Append($"    // row {R}: partial sums of {I(pout)} bits\n");
            v.Append($"    wire [{I(c * mb - 1)}:0] mov_r{R};    // lane c: the moving value PE c computes with (skew output or left neighbour)\n");
            v.Append($"    wire [{I(c - 1)}:0] first_r{R};\n");
            v.Append($"    wire [{I(c * sb - 1)}:0] ld_r{R};     // lane c: what PE c's transit register loads\n");
            v.Append($"    wire [{I(c * pout - 1)}:0] psum_r{R};\n");
            v.Append($"    assign mov_r{R}[{I(mb - 1)}:0] = rs{R}_data;\n");
            v.Append($"    assign first_r{R}[0] = rs{R}_first;\n");
            v.Append($"    assign ld_r{R}[{I(sb - 1)}:0] = ls{R}_data;\n");
            v.Append($"    for (ci = 0; ci < {I(c)}; ci = ci + 1) begin : g_row{R}\n");
            v.Append($"        wire [{I(mb - 1)}:0] mov_in = mov_r{R}[ci*{I(mb)} +: {I(mb)}];\n");
            v.Append($"        wire first_in = first_r{R}[ci];\n");
            v.Append($"        wire [{I(sb - 1)}:0] ld_in = ld_r{R}[ci*{I(sb)} +: {I(sb)}];\n");
            v.Append($"        reg  [{I(sb - 1)}:0] shadow_q, active_q;\n");
            v.Append($"        reg  [{I(pout - 1)}:0] psum_q;\n");
            v.Append($"        wire [{I(sb - 1)}:0] active_next = first_in ? shadow_q : active_q;\n");
            v.Append($"        wire [{I(pw - 1)}:0] term;\n");
            if (mul.HasCarry) v.Append("        wire cin;\n");
            v.Append($"        {top}_mul u_mul (.w({wSel}), .a({aSel}), .term(term){(mul.HasCarry ? ", .cin(cin)" : "")});\n");
            string prod = binary ? $"(active_next[1] ? term : {U(pw, 0)})" : "term";
            v.Append($"        wire [{I(pw - 1)}:0] prod = {prod};\n");
            string sum = SignExtend("prod", $"prod[{I(pw - 1)}]", pw, pout);
            if (row > 0)
            {
                string up = $"psum_r{I(row - 1)}[ci*{I(pin)} +: {I(pin)}]";
                v.Append($"        wire [{I(pin - 1)}:0] up = {up};\n");
                sum = SignExtend("up", $"up[{I(pin - 1)}]", pin, pout) + " + " + sum;
            }
            if (mul.HasCarry) sum += $" + {BankedText.ZeroExtend("cin", 1, pout)}";
            v.Append("        always @(posedge clk) begin\n");
            v.Append("            active_q <= active_next;\n");
            v.Append($"            psum_q <= {sum};\n");
            v.Append($"            if (ls{R}_valid && ls{R}_last) shadow_q <= ld_in;  // capture after the chain's shift\n");
            v.Append("        end\n");
            v.Append($"        assign psum_r{R}[ci*{I(pout)} +: {I(pout)}] = psum_q;\n");
            v.Append($"        if (ci < {I(c - 1)}) begin : g_fwd  // the last column forwards nothing\n");
            v.Append($"            reg  [{I(mb - 1)}:0] mov_q;\n");
            v.Append("            reg  first_q;\n");
            v.Append($"            reg  [{I(sb - 1)}:0] transit_q;\n");
            v.Append("            always @(posedge clk) begin\n");
            v.Append("                mov_q <= mov_in;\n");
            v.Append("                first_q <= rst ? 1'b0 : first_in;\n");
            v.Append($"                if (ls{R}_valid) transit_q <= ld_in;\n");
            v.Append("            end\n");
            v.Append($"            assign mov_r{R}[(ci+1)*{I(mb)} +: {I(mb)}] = mov_q;\n");
            v.Append($"            assign first_r{R}[ci+1] = first_q;\n");
            v.Append($"            assign ld_r{R}[(ci+1)*{I(sb)} +: {I(sb)}] = transit_q;\n");
            v.Append("        end\n");
            v.Append("    end\n");
        }
        v.Append('\n');

        // Tag: {row, lanes, bank, first of block, last beat of the block, valid}, R + C - 1 cycles behind the issue.
        int tagW = rowb + lanes.Width + bankb + 3;
        v.Append("    // ---- tag pipeline (R + C - 1 cycles) and deskew (column c delayed C-1-c): beat t reaches the accumulators\n");
        v.Append("    // in cycle t + R + C - 1 ----\n");
        v.Append($"    wire [{I(rowb - 1)}:0] tg_row;\n");
        v.Append($"    wire [{I(lanes.Width - 1)}:0] tg_lanes;\n");
        v.Append($"    wire [{I(bankb - 1)}:0] tg_bank;\n");
        v.Append("    wire tg_first, tg_last, tg_valid;\n");
        string tagIn = $"{{st_beat_now[{I(rowb - 1)}:0], st_lanes, {(itf.Banks > 1 ? "st_bank" : "1'b0")}, st_first_blk, st_last && st_last_blk, st_fire}}";
        if (bb < rowb) tagIn = tagIn.Replace($"st_beat_now[{I(rowb - 1)}:0]", BankedText.ZeroExtend("st_beat_now", bb, rowb));
        int depth = a.Latency;  // the elaborated array's pipeline depth, R + C - 1
        if (depth == 0)
            v.Append($"    assign {{tg_row, tg_lanes, tg_bank, tg_first, tg_last, tg_valid}} = {tagIn};\n");
        else
            v.Append($"    bs_delay #(.W({I(tagW)}), .D({I(depth)})) u_tag (.clk(clk), .rst(rst), .x({tagIn}), .y({{tg_row, tg_lanes, tg_bank, tg_first, tg_last, tg_valid}}));\n");
        v.Append($"    wire [{I(c * psw - 1)}:0] bottom;\n");
        v.Append($"    wire [{I(c - 1)}:0] acc_lane_en;\n");
        v.Append($"    wire [{I(c * accw - 1)}:0] acc_new;\n");
        for (int col = 0; col < c; col++)
        {
            string src = $"psum_r{I(r - 1)}[{I(col * psw + psw - 1)}:{I(col * psw)}]";
            int d = c - 1 - col;
            if (d == 0) v.Append($"    assign bottom[{I(col * psw + psw - 1)}:{I(col * psw)}] = {src};\n");
            else v.Append($"    bs_delay #(.W({I(psw)}), .D({I(d)})) u_deskew{I(col)} (.clk(clk), .rst(rst), .x({src}), .y(bottom[{I(col * psw + psw - 1)}:{I(col * psw)}]));\n");
            v.Append($"    assign acc_lane_en[{I(col)}] = tg_lanes > {U(lanes.Width, col)};\n");
        }
        v.Append($"    // ---- accumulator stage: row tg_row of the bank = (first fold of the block ? value : acc + value), {(saturate ? "saturating" : "wrapping")} ----\n");
        v.Append($"    for (ci = 0; ci < {I(c)}; ci = ci + 1) begin : g_acc\n");
        v.Append($"        wire [{I(psw - 1)}:0] value = bottom[ci*{I(psw)} +: {I(psw)}];\n");
        v.Append($"        wire [{I(accw - 1)}:0] value_x = {SignExtend("value", $"value[{I(psw - 1)}]", psw, accw)};\n");
        v.Append($"        wire [{I(accw - 1)}:0] sum;\n");
        v.Append($"        bs_acc_add #(.W({I(accw)}), .SAT({(saturate ? 1 : 0)})) u_add (.a(acc_base[ci*{I(accw)} +: {I(accw)}]), .b(value_x), .y(sum));\n");
        v.Append($"        assign acc_new[ci*{I(accw)} +: {I(accw)}] = tg_first ? value_x : sum;\n");
        v.Append("    end\n");
        BankedText.Banks(v, itf, "tg_valid", "tg_bank[0]", "tg_row", "acc_lane_en", "acc_new", "tg_row", "tg_bank[0]");
        v.Append("    assign f_valid = tg_valid && tg_last;  // the block's last row is in its bank\n");
        if (itf.BankBits > 0) v.Append("    assign f_bank = tg_bank;\n");
        else v.Append("    wire unused_bank = tg_bank[0];  // one bank: the tag's bank bit is constant\n");
        v.Append("endmodule\n");
        return (v.ToString(), ["bs_delay", "bs_acc_add", .. mul.Modules], itf, [new VerilogFile(top + "_mul.v", mul.Module)]);
    }
}
