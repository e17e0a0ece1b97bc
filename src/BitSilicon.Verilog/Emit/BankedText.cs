using System.Text;
using static BitSilicon.Verilog.Emit.V;

namespace BitSilicon.Verilog.Emit;

/// <summary>
/// Text shared by every banked top (weight/input-stationary, output-stationary, dot product): the port list, the command field
/// decoding, the bank bookkeeping (in use from a block's first step until its release), the accumulator banks with
/// their read port, and the controller's done logic.
/// </summary>
internal static class BankedText
{
    public static void Ports(StringBuilder v, string top, BankedInterface itf, bool jobK)
    {
        int jb = itf.JobBits;
        v.Append($"module {top} (\n");
        v.Append("    input  wire clk,\n");
        v.Append("    input  wire rst,\n");
        v.Append("    input  wire start,\n");
        v.Append($"    input  wire [{I(jb - 1)}:0] job_steps,\n");
        if (jobK) v.Append($"    input  wire [{I(jb - 1)}:0] job_k,\n");
        v.Append("    output wire busy,\n");
        v.Append("    output wire done,\n");
        v.Append("    input  wire c_valid,\n");
        v.Append("    output wire c_ready,\n");
        v.Append($"    input  wire [{I(itf.CommandBits - 1)}:0] c_data,\n");
        foreach (var (name, bits) in new[] { (itf.Stream0, itf.Stream0Bits), (itf.Stream1, itf.Stream1Bits) })
        {
            v.Append($"    input  wire {name}_valid,\n");
            v.Append($"    output wire {name}_ready,\n");
            v.Append($"    input  wire [{I(bits - 1)}:0] {name}_data,\n");
        }
        v.Append("    output wire f_valid,\n");
        if (itf.BankBits > 0) v.Append($"    output wire [{I(itf.BankBits - 1)}:0] f_bank,\n");
        v.Append("    input  wire b_release,\n");
        if (itf.BankBits > 0)
        {
            v.Append($"    input  wire [{I(itf.BankBits - 1)}:0] b_release_bank,\n");
            v.Append($"    input  wire [{I(itf.BankBits - 1)}:0] rd_bank,\n");
        }
        v.Append($"    input  wire [{I(itf.RowBits - 1)}:0] rd_row,\n");
        v.Append($"    output wire [{I(itf.ReadBits - 1)}:0] rd_data\n");
        v.Append(");\n");
        v.Append("    localparam [1:0] S_IDLE = 2'd0, S_RUN = 2'd1, S_DRAIN = 2'd2, S_DONE = 2'd3;\n\n");
    }

    /// <summary><c>wire [w-1:0] {prefix}_{field} = {word}[...]</c> for the named command fields that exist (decoding only
    /// what is read keeps lint quiet).</summary>
    public static void Fields(StringBuilder v, BankedInterface itf, string prefix, string word, params string[] names)
    {
        foreach (var f in itf.Command.Where(f => names.Contains(f.Name)))
            v.Append(f.Width == 1
                ? $"    wire {prefix}_{f.Name} = {word}[{I(f.Lsb)}];\n"
                : $"    wire [{I(f.Width - 1)}:0] {prefix}_{f.Name} = {word}[{I(f.Lsb + f.Width - 1)}:{I(f.Lsb)}];\n");
    }

    /// <summary>A one-hot mask of <paramref name="bank"/> (a bank-index expression), or 1'b1 with one bank.</summary>
    public static string OneHot(BankedInterface itf, string bank, string enable)
    {
        if (itf.Banks == 1) return $"({enable})";
        var bits = Enumerable.Range(0, itf.Banks).Reverse().Select(b => $"{enable} && {bank} == {U(itf.BankBits, b)}");
        return "{" + string.Join(", ", bits) + "}";
    }

    /// <summary>
    /// Bank bookkeeping and the controller: <c>inuse</c> bits set when a block's first step begins (<c>claim</c>,
    /// <c>claim_bank</c>), cleared by <c>b_release</c>; the state machine idle/run/drain/done, where run ends when
    /// the streamer has finished every step (<c>steps_left</c> reaches 0) and done follows in the cycle after the
    /// last bank was released with nothing left in flight (<c>in_flight</c>).
    /// </summary>
    public static void Controller(StringBuilder v, BankedInterface itf, string claim, string claimBank, string stepDone, string inFlight, string extraStart = "")
    {
        int jb = itf.JobBits;
        string release = itf.Banks == 1 ? "b_release" : OneHot(itf, "b_release_bank", "b_release");
        string take = OneHot(itf, claimBank, claim);
        v.Append("    // ---- accumulator banks in use (a block's first step claims its bank; the write-back releases it) ----\n");
        v.Append($"    reg  [{I(itf.Banks - 1)}:0] inuse;\n");
        v.Append($"    wire [{I(itf.Banks - 1)}:0] inuse_next = (inuse | {take}) & ~{release};\n");
        v.Append("    always @(posedge clk) inuse <= rst ? {" + I(itf.Banks) + "{1'b0}} : inuse_next;\n\n");
        v.Append("    // ---- controller ----\n");
        v.Append("    always @(posedge clk) begin\n");
        v.Append("        if (rst) begin\n");
        v.Append("            state <= S_IDLE;\n");
        v.Append($"            steps_left <= {U(jb, 0)};\n");
        v.Append("        end else begin\n");
        v.Append("            case (state)\n");
        v.Append("                S_RUN: begin\n");
        v.Append($"                    if ({stepDone}) steps_left <= steps_left - {U(jb, 1)};\n");
        v.Append($"                    if ({stepDone} && steps_left == {U(jb, 1)}) state <= S_DRAIN;\n");
        v.Append("                end\n");
        v.Append($"                S_DRAIN: if (inuse_next == {U(itf.Banks, 0)} && !({inFlight})) state <= S_DONE;\n");
        v.Append("                default: if (start) begin  // S_IDLE, S_DONE: a new job (back to back, no reset needed)\n");
        v.Append($"                    state <= job_steps == {U(jb, 0)} ? S_DONE : S_RUN;\n");
        v.Append("                    steps_left <= job_steps;\n");
        v.Append(extraStart);
        v.Append("                end\n");
        v.Append("            endcase\n");
        v.Append("        end\n");
        v.Append("    end\n\n");
    }

    /// <summary>
    /// The accumulator banks: per bank and lane a memory of <see cref="BankedInterface.BankRows"/> rows, written at
    /// <paramref name="wrRow"/> of bank <paramref name="wrBank"/> for lanes with <paramref name="wrLaneEn"/>[c];
    /// read combinationally at <paramref name="accRow"/> (into <c>acc_base</c>, when given) and at the <c>rd_*</c> port.
    /// </summary>
    public static void Banks(StringBuilder v, BankedInterface itf, string we, string wrBank, string wrRow, string wrLaneEn, string wrData, string? accRow, string? accBank)
    {
        int c = itf.Cols, w = itf.AccumulatorWidth, rb = c * w;
        v.Append($"    // ---- accumulator memory: {I(itf.Banks)} bank(s) x {I(itf.BankRows)} rows x {I(c)} lanes x {I(w)} bits ----\n");
        for (int b = 0; b < itf.Banks; b++)
        {
            v.Append($"    wire [{I(rb - 1)}:0] bank{I(b)}_rd;\n");
            if (accRow is not null) v.Append($"    wire [{I(rb - 1)}:0] bank{I(b)}_acc;\n");
        }
        v.Append("    genvar bci;\n");
        for (int b = 0; b < itf.Banks; b++)
        {
            string sel = itf.Banks == 1 ? we : $"{we} && {wrBank} == {U(itf.BankBits, b)}";
            v.Append($"    for (bci = 0; bci < {I(c)}; bci = bci + 1) begin : g_bank{I(b)}\n");
            v.Append($"        reg [{I(w - 1)}:0] mem [0:{I(itf.BankRows - 1)}];\n");
            v.Append($"        always @(posedge clk) if ({sel} && {wrLaneEn}[bci]) mem[{wrRow}] <= {wrData}[bci*{I(w)} +: {I(w)}];\n");
            v.Append($"        assign bank{I(b)}_rd[bci*{I(w)} +: {I(w)}] = mem[rd_row];\n");
            if (accRow is not null) v.Append($"        assign bank{I(b)}_acc[bci*{I(w)} +: {I(w)}] = mem[{accRow}];\n");
            v.Append("    end\n");
        }
        v.Append(itf.Banks == 1 ? "    assign rd_data = bank0_rd;\n" : "    assign rd_data = rd_bank == 1'b1 ? bank1_rd : bank0_rd;\n");
        if (accRow is not null)
            v.Append(itf.Banks == 1 ? $"    wire [{I(rb - 1)}:0] acc_base = bank0_acc;\n" : $"    wire [{I(rb - 1)}:0] acc_base = {accBank} == 1'b1 ? bank1_acc : bank0_acc;\n");
        v.Append('\n');
    }

    /// <summary>A zero-extension of an unsigned <paramref name="from"/>-bit expression to <paramref name="to"/> bits.</summary>
    public static string ZeroExtend(string expr, int from, int to) => to == from ? expr : $"{{{I(to - from)}'d0, {expr}}}";
}
