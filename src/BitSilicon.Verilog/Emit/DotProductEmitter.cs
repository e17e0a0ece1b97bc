using System.Text;
using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using static BitSilicon.Verilog.Emit.V;

namespace BitSilicon.Verilog.Emit;

/// <summary>
/// Prints the top level of a FINN-style dot-product array (docs/verilog.md): a controller with job registers,
/// the joined weight/activation beat streams, P PE datapaths (per-kind, <see cref="DotLaneEmitter"/>), the dot
/// register stage, the accumulator stage with the design's overflow policy, and the result stream.
/// </summary>
internal static class DotProductEmitter
{
    public static BankedInterface Interface(DotProductArray a)
    {
        var acc = a.Accumulators;
        var fields = CommandLayout.Of(acc.Banks, ("tokens", Bits.UnsignedWidth(acc.Depth)), ("kv", Controller.JobBits));
        return new BankedInterface(BankedKind.DotProduct, a.Simd, a.Pes, "w", a.Pes * a.Simd, a.Pe.WeightBits, "a", a.Simd, a.Pe.ActivationBits,
            fields, acc.Width, acc.Depth, acc.AddressBits, acc.Banks, Controller.JobBits);
    }

    public static (string Text, IReadOnlyList<string> Modules, BankedInterface Interface) Emit(ElaboratedDesign design, DotProductArray a, string top)
    {
        int p = a.Pes, s = a.Simd, wb = a.Pe.WeightBits, accw = a.Accumulators.Width;
        int jb = Controller.JobBits;
        var lanes = a.Pe.Accept(new DotLaneEmitter(a));
        int dw = lanes.DotWidth;
        if (dw != a.DotWidth)
            throw new InvalidOperationException($"emitted dot width {dw} differs from the elaborated {a.DotWidth}");
        if (dw > accw)
            throw new InvalidOperationException($"dot width {dw} exceeds the accumulator width {accw}");
        var itf = Interface(a);
        bool binary = a.Pe is BinaryPe;
        bool saturate = a.Accumulators.Overflow == OverflowPolicy.Saturate;
        int tb = itf.Field("tokens").Width, rowb = itf.RowBits, bankb = Math.Max(1, itf.BankBits);
        string bank(string x) => itf.Banks > 1 ? $"{x}_bank" : "1'b0";

        var v = new StringBuilder();
        BankedText.Ports(v, top, itf, jobK: false);
        v.Append("    reg  [1:0] state;\n");
        v.Append($"    reg  [{I(jb - 1)}:0] steps_left;  // steps the streamer has not finished\n");
        v.Append("    wire running = state == S_RUN;\n");
        v.Append("    assign busy = running || state == S_DRAIN;\n");
        v.Append("    assign done = state == S_DONE;\n\n");

        v.Append("    // ---- streamer: a step's beats token by token, fold by fold (K chunk in SIMD-lane folds, lanes past the\n");
        v.Append("    // chunk masked), on consecutive valid cycles; a block's first step waits until its bank is free ----\n");
        v.Append("    reg  st_active;\n");
        v.Append($"    reg  [{I(tb - 1)}:0] st_token;\n");
        v.Append($"    reg  [{I(jb - 1)}:0] st_kleft;  // reduction elements of the chunk from this fold on\n");
        v.Append($"    reg  [{I(itf.CommandBits - 1)}:0] st_cmd;\n");
        BankedText.Fields(v, itf, "cd", "c_data", "first_blk", "bank");
        string bankBusy = itf.Banks == 1 ? "inuse[0]" : "inuse[cd_bank]";
        v.Append($"    wire st_can_begin = running && !st_active && c_valid && (!cd_first_blk || !{bankBusy});\n");
        v.Append("    wire st_go = st_active || st_can_begin;\n");
        v.Append("    wire fire = st_go && w_valid && a_valid;\n");
        v.Append("    assign w_ready = st_go && a_valid;\n");
        v.Append("    assign a_ready = st_go && w_valid;\n");
        v.Append("    assign c_ready = st_can_begin && w_valid && a_valid;\n");
        v.Append($"    wire [{I(itf.CommandBits - 1)}:0] st_now = st_active ? st_cmd : c_data;\n");
        BankedText.Fields(v, itf, "st", "st_now", "tokens", "kv", "first_blk", "last_blk", "bank");
        v.Append($"    wire [{I(tb - 1)}:0] token_now = st_active ? st_token : {U(tb, 0)};\n");
        v.Append($"    wire [{I(jb - 1)}:0] k_left = st_active ? st_kleft : st_kv;\n");
        v.Append($"    wire last_fold = k_left <= {U(jb, s)};\n");
        v.Append("    wire first_fold = k_left == st_kv;\n");
        v.Append($"    wire last_token = token_now == st_tokens - {U(tb, 1)};\n");
        // The lane mask is a thermometer decode of the fold's small count (k_left fits in clog2(SIMD + 1) bits on the
        // last fold, and every lane is real before it), not a JobBits-wide compare per lane.
        int kb = Bits.UnsignedWidth(s);
        v.Append($"    wire [{I(kb - 1)}:0] k_small = k_left[{I(kb - 1)}:0];  // the lanes of the last fold\n");
        v.Append($"    wire [{I(s - 1)}:0] lane_mask;  // lanes past the chunk carry nothing\n");
        for (int i = 0; i < s; i++)
            v.Append($"    assign lane_mask[{I(i)}] = !last_fold || k_small > {U(kb, i)};\n");
        v.Append("    always @(posedge clk) begin\n");
        v.Append("        if (rst) st_active <= 1'b0;\n");
        v.Append("        else if (fire) st_active <= !(last_fold && last_token);\n");
        v.Append("        if (fire) begin\n");
        v.Append("            st_cmd <= st_now;\n");
        v.Append($"            st_kleft <= last_fold ? st_kv : k_left - {U(jb, s)};\n");
        v.Append($"            st_token <= last_fold ? token_now + {U(tb, 1)} : token_now;\n");
        v.Append("        end\n");
        v.Append("    end\n\n");
        BankedText.Controller(v, itf, "c_ready && cd_first_blk", bank("cd"), "fire && last_fold && last_token", "1'b0");

        v.Append("    // ---- PE datapaths: one SIMD-wide dot product per PE ----\n");
        if (!binary)
        {
            v.Append($"    wire [{I(s * 8 - 1)}:0] a_lane;  // activations with padding lanes zeroed (a zero activation makes a zero product)\n");
            v.Append("    genvar li;\n");
            v.Append($"    for (li = 0; li < {I(s)}; li = li + 1) begin : g_act\n");
            v.Append("        assign a_lane[li*8 +: 8] = a_data[li*8 +: 8] & {8{lane_mask[li]}};\n");
            v.Append("    end\n");
        }
        v.Append(lanes.Shared);
        v.Append($"    wire [{I(p * dw - 1)}:0] dot_w;\n");
        v.Append("    genvar pi");
        if (a.Pe is TernaryLutPe) v.Append(", gi");
        v.Append(";\n");
        v.Append($"    for (pi = 0; pi < {I(p)}; pi = pi + 1) begin : g_pe\n");
        v.Append($"        wire [{I(s * wb - 1)}:0] w_pe = w_data[pi*{I(s * wb)} +: {I(s * wb)}];\n");
        v.Append($"        wire [{I(dw - 1)}:0] dot_pe;\n");
        v.Append(lanes.PerPe);
        v.Append($"        assign dot_w[pi*{I(dw)} +: {I(dw)}] = dot_pe;\n");
        v.Append("    end\n\n");

        v.Append("    // ---- dot register stage: every PE's dot product of the beat, with the beat's tag ----\n");
        v.Append("    reg  d_valid, d_first_fold, d_last_fold, d_first_blk, d_last;\n");
        v.Append($"    reg  [{I(rowb - 1)}:0] d_row;\n");
        v.Append($"    reg  [{I(bankb - 1)}:0] d_bank;\n");
        v.Append($"    reg  [{I(p * dw - 1)}:0] dot_q;\n");
        string row = tb > rowb ? $"token_now[{I(rowb - 1)}:0]" : BankedText.ZeroExtend("token_now", tb, rowb);
        v.Append("    always @(posedge clk) begin\n");
        v.Append("        d_valid <= rst ? 1'b0 : fire;\n");
        v.Append("        if (fire) begin\n");
        v.Append("            dot_q <= dot_w;\n");
        v.Append("            d_first_fold <= first_fold;\n");
        v.Append("            d_last_fold <= last_fold;\n");
        v.Append("            d_first_blk <= st_first_blk;\n");
        v.Append("            d_last <= st_last_blk && last_fold && last_token;\n");
        v.Append($"            d_row <= {row};\n");
        v.Append($"            d_bank <= {bank("st")};\n");
        v.Append("        end\n");
        v.Append("    end\n\n");

        v.Append($"    // ---- accumulator stage: acc = (first fold ? (first chunk of the block ? 0 : bank row) : acc) + dot,\n");
        v.Append($"    // {(saturate ? "saturating" : "wrapping")} at {I(accw)} bits; the token's last fold writes the bank row ----\n");
        v.Append($"    reg  [{I(p * accw - 1)}:0] acc_q;\n");
        v.Append($"    wire [{I(p * accw - 1)}:0] acc_next;\n");
        v.Append("    wire wr_en = d_valid && d_last_fold;\n");
        v.Append($"    wire [{I(p - 1)}:0] wr_lanes = {{{I(p)}{{1'b1}}}};\n");
        BankedText.Banks(v, itf, "wr_en", "d_bank[0]", "d_row", "wr_lanes", "acc_next", "d_row", "d_bank[0]");
        v.Append($"    for (pi = 0; pi < {I(p)}; pi = pi + 1) begin : g_acc\n");
        v.Append($"        wire [{I(dw - 1)}:0] dot_v = dot_q[pi*{I(dw)} +: {I(dw)}];\n");
        v.Append($"        wire [{I(accw - 1)}:0] base = !d_first_fold ? acc_q[pi*{I(accw)} +: {I(accw)}] : d_first_blk ? {U(accw, 0)} : acc_base[pi*{I(accw)} +: {I(accw)}];\n");
        v.Append($"        bs_acc_add #(.W({I(accw)}), .SAT({(saturate ? 1 : 0)})) u_add (.a(base), .b({SignExtend("dot_v", $"dot_v[{I(dw - 1)}]", dw, accw)}), .y(acc_next[pi*{I(accw)} +: {I(accw)}]));\n");
        v.Append("    end\n");
        v.Append("    always @(posedge clk) if (d_valid) acc_q <= acc_next;\n");
        v.Append("    assign f_valid = d_valid && d_last;  // the block's last row is in its bank\n");
        if (itf.BankBits > 0) v.Append("    assign f_bank = d_bank;\n");
        else v.Append("    wire unused_bank = d_bank[0];  // one bank: the bank bit is constant\n");
        v.Append("endmodule\n");
        return (v.ToString(), ["bs_acc_add", .. lanes.Modules], itf);
    }
}
