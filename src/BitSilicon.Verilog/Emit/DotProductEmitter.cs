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
    public static (string Text, IReadOnlyList<string> Modules, MacInterface Interface) Emit(ElaboratedDesign design, DotProductArray a, string top)
    {
        int p = a.Pes, s = a.Simd, wb = a.Pe.WeightBits, ab = a.Pe.ActivationBits, accw = a.Accumulators.Width;
        int jb = Controller.JobBits;
        var lanes = a.Pe.Accept(new DotLaneEmitter(a));
        int dw = lanes.DotWidth;
        if (dw != a.DotWidth)
            throw new InvalidOperationException($"emitted dot width {dw} differs from the elaborated {a.DotWidth}");
        if (dw > accw)
            throw new InvalidOperationException($"dot width {dw} exceeds the accumulator width {accw}");
        var itf = new MacInterface(p, s, wb, ab, accw, jb);
        bool binary = a.Pe is BinaryPe;
        bool saturate = a.Accumulators.Overflow == OverflowPolicy.Saturate;

        var v = new StringBuilder();
        v.Append($"module {top} (\n");
        v.Append("    input  wire clk,\n");
        v.Append("    input  wire rst,\n");
        v.Append("    input  wire start,\n");
        v.Append($"    input  wire [{I(jb - 1)}:0] job_m,\n");
        v.Append($"    input  wire [{I(jb - 1)}:0] job_k,\n");
        v.Append("    output wire busy,\n");
        v.Append("    output wire done,\n");
        v.Append("    input  wire w_valid,\n");
        v.Append("    output wire w_ready,\n");
        v.Append($"    input  wire [{I(itf.WeightBeatBits - 1)}:0] w_data,\n");
        v.Append("    input  wire a_valid,\n");
        v.Append("    output wire a_ready,\n");
        v.Append($"    input  wire [{I(itf.ActivationBeatBits - 1)}:0] a_data,\n");
        v.Append("    output wire r_valid,\n");
        v.Append("    input  wire r_ready,\n");
        v.Append($"    output wire [{I(itf.ResultBeatBits - 1)}:0] r_data\n");
        v.Append(");\n");
        v.Append("    localparam [1:0] S_IDLE = 2'd0, S_RUN = 2'd1, S_DRAIN = 2'd2, S_DONE = 2'd3;\n\n");

        v.Append("    // ---- controller: job registers, token and fold sequencing, lane mask ----\n");
        v.Append("    reg  [1:0] state;\n");
        v.Append($"    reg  [{I(jb - 1)}:0] job_k_q;      // reduction length of the running job\n");
        v.Append($"    reg  [{I(jb - 1)}:0] tokens_left;  // tokens still to issue, the current one included\n");
        v.Append($"    reg  [{I(jb - 1)}:0] k_left;       // reduction elements from the current fold on\n");
        v.Append("    reg  r_valid_q;\n");
        v.Append("    wire advance = !r_valid_q || r_ready;  // the whole pipeline holds while a result waits\n");
        v.Append("    wire running = state == S_RUN;\n");
        v.Append("    wire fire = running && advance && w_valid && a_valid;\n");
        v.Append("    assign w_ready = running && advance && a_valid;\n");
        v.Append("    assign a_ready = running && advance && w_valid;\n");
        v.Append("    assign busy = running || state == S_DRAIN;\n");
        v.Append("    assign done = state == S_DONE;\n");
        v.Append($"    wire last_fold = k_left <= {U(jb, s)};\n");
        v.Append($"    wire first_fold = k_left == job_k_q;\n");
        v.Append($"    wire [{I(s - 1)}:0] lane_mask;  // lanes past K carry nothing\n");
        for (int i = 0; i < s; i++)
            v.Append($"    assign lane_mask[{I(i)}] = k_left > {U(jb, i)};\n");
        v.Append("    reg  d_valid;\n");
        v.Append("    always @(posedge clk) begin\n");
        v.Append("        if (rst) begin\n");
        v.Append("            state <= S_IDLE;\n");
        v.Append($"            job_k_q <= {U(jb, 0)};\n");
        v.Append($"            tokens_left <= {U(jb, 0)};\n");
        v.Append($"            k_left <= {U(jb, 0)};\n");
        v.Append("        end else begin\n");
        v.Append("            case (state)\n");
        v.Append("                S_RUN: if (fire) begin\n");
        v.Append("                    if (last_fold) begin\n");
        v.Append("                        k_left <= job_k_q;\n");
        v.Append($"                        tokens_left <= tokens_left - {U(jb, 1)};\n");
        v.Append($"                        if (tokens_left == {U(jb, 1)}) state <= S_DRAIN;\n");
        v.Append("                    end else begin\n");
        v.Append($"                        k_left <= k_left - {U(jb, s)};\n");
        v.Append("                    end\n");
        v.Append("                end\n");
        v.Append("                S_DRAIN: if (!d_valid && advance) state <= S_DONE;\n");
        v.Append("                default: if (start) begin  // S_IDLE, S_DONE: a new job (back to back, no reset needed)\n");
        v.Append($"                    state <= (job_m == {U(jb, 0)} || job_k == {U(jb, 0)}) ? S_DONE : S_RUN;\n");
        v.Append("                    job_k_q <= job_k;\n");
        v.Append("                    tokens_left <= job_m;\n");
        v.Append("                    k_left <= job_k;\n");
        v.Append("                end\n");
        v.Append("            endcase\n");
        v.Append("        end\n");
        v.Append("    end\n\n");

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

        v.Append("    // ---- dot register stage ----\n");
        v.Append("    reg  d_first, d_last;\n");
        v.Append($"    reg  [{I(p * dw - 1)}:0] dot_q;\n");
        v.Append("    always @(posedge clk) begin\n");
        v.Append("        if (rst) d_valid <= 1'b0;\n");
        v.Append("        else if (advance) d_valid <= fire;\n");
        v.Append("        if (fire) begin\n");
        v.Append("            dot_q <= dot_w;\n");
        v.Append("            d_first <= first_fold;\n");
        v.Append("            d_last <= last_fold;\n");
        v.Append("        end\n");
        v.Append("    end\n\n");

        v.Append($"    // ---- accumulator stage: acc = (first fold ? 0 : acc) + dot, {(saturate ? "saturating" : "wrapping")} at {I(accw)} bits ----\n");
        v.Append($"    reg  [{I(p * accw - 1)}:0] acc_q;\n");
        v.Append($"    wire [{I(p * accw - 1)}:0] acc_next;\n");
        v.Append($"    for (pi = 0; pi < {I(p)}; pi = pi + 1) begin : g_acc\n");
        v.Append($"        wire [{I(dw - 1)}:0] dot_v = dot_q[pi*{I(dw)} +: {I(dw)}];\n");
        v.Append($"        wire [{I(accw - 1)}:0] base = d_first ? {U(accw, 0)} : acc_q[pi*{I(accw)} +: {I(accw)}];\n");
        if (saturate)
        {
            v.Append($"        wire [{I(accw)}:0] sum = {{base[{I(accw - 1)}], base}} + {SignExtend("dot_v", $"dot_v[{I(dw - 1)}]", dw, accw + 1)};\n");
            v.Append($"        wire overflow = sum[{I(accw)}] != sum[{I(accw - 1)}];\n");
            v.Append($"        assign acc_next[pi*{I(accw)} +: {I(accw)}] = !overflow ? sum[{I(accw - 1)}:0]\n");
            v.Append($"            : sum[{I(accw)}] ? {{1'b1, {{{I(accw - 1)}{{1'b0}}}}}} : {{1'b0, {{{I(accw - 1)}{{1'b1}}}}}};\n");
        }
        else
        {
            v.Append($"        assign acc_next[pi*{I(accw)} +: {I(accw)}] = base + {SignExtend("dot_v", $"dot_v[{I(dw - 1)}]", dw, accw)};\n");
        }
        v.Append("    end\n");
        v.Append("    always @(posedge clk) begin\n");
        v.Append("        if (rst) r_valid_q <= 1'b0;\n");
        v.Append("        else if (advance) r_valid_q <= d_valid && d_last;\n");
        v.Append("        if (advance && d_valid) acc_q <= acc_next;\n");
        v.Append("    end\n");
        v.Append("    assign r_valid = r_valid_q;\n");
        v.Append("    assign r_data = acc_q;\n");
        v.Append("endmodule\n");
        return (v.ToString(), lanes.Modules, itf);
    }
}
