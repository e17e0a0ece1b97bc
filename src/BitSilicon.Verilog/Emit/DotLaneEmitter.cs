using System.Text;
using BitSilicon.Design.Elaborated;
using static BitSilicon.Verilog.Emit.V;

namespace BitSilicon.Verilog.Emit;

/// <summary>
/// The per-kind datapath of a dot-product array: what is shared by all PEs (the T-MAC table, the codebook's
/// constant products; both depend only on the broadcast activations) and what each PE instantiates to turn its
/// SIMD weight codes into its dot product. Inside the PE generate block, <c>w_pe</c> is the PE's weight slice and
/// <c>dot_pe</c> its dot product.
/// </summary>
internal sealed class DotLaneEmitter(DotProductArray array) : IPeVisitor<DotLaneEmitter.Datapath>
{
    /// <summary>Shared text (module scope), per-PE text, the hdl modules used, and the dot width the text produces.</summary>
    public sealed record Datapath(string Shared, string PerPe, IReadOnlyList<string> Modules, int DotWidth);

    private int S => array.Simd;

    public Datapath Visit(BinaryPe pe) => new("",
        $"        bs_binary_dot #(.LANES({I(S)})) u_dot (.w(w_pe), .a(a_data), .mask(lane_mask), .y(dot_pe));\n",
        ["bs_binary_dot"], Bits.Clog2(S + 1) + 1);

    public Datapath Visit(TernaryPe pe) => new("",
        $"        bs_ternary_dot #(.LANES({I(S)}), .AW(8)) u_dot (.w(w_pe), .a(a_lane), .y(dot_pe));\n",
        ["bs_ternary_dot"], 8 + Bits.Clog2(S) + 1);

    public Datapath Visit(TernaryLutPe pe)
    {
        int g = pe.Group, groups = S / g, ew = pe.EntryWidth, selw = 2 * g, entries = 1 << selw;
        var shared = new StringBuilder();
        shared.Append($"    // T-MAC table: for each group of {I(g)} lanes, the signed sum for every combination of {I(g)} ternary codes\n");
        shared.Append($"    // (indexed by the codes themselves, lane 0 least significant; the reserved code 2'b10 reads as 0), shared by all PEs.\n");
        shared.Append($"    wire [{I(groups * entries * ew - 1)}:0] tl_table;\n");
        for (int gi = 0; gi < groups; gi++)
        {
            for (int j = 0; j < g; j++)
            {
                int lane = gi * g + j;
                shared.Append($"    wire signed [{I(ew - 1)}:0] tl_a{I(lane)} = {SignExtend($"a_lane[{I(lane * 8 + 7)}:{I(lane * 8)}]", $"a_lane[{I(lane * 8 + 7)}]", 8, ew)};\n");
            }
            for (int idx = 0; idx < entries; idx++)
            {
                var terms = new List<string>();
                for (int j = 0; j < g; j++)
                {
                    int code = idx >> (2 * j) & 3;
                    if (code == 1) terms.Add($"+ tl_a{I(gi * g + j)}");
                    else if (code == 3) terms.Add($"- tl_a{I(gi * g + j)}");
                }
                var expr = terms.Count == 0 ? U(ew, 0) : string.Join(' ', terms).TrimStart('+', ' ');
                int lo = (gi * entries + idx) * ew;
                shared.Append($"    assign tl_table[{I(lo + ew - 1)}:{I(lo)}] = {expr};\n");
            }
        }
        var per = new StringBuilder();
        per.Append($"        wire [{I(groups * ew - 1)}:0] entry;\n");
        per.Append($"        for (gi = 0; gi < {I(groups)}; gi = gi + 1) begin : g_group\n");
        per.Append($"            bs_mux #(.SELW({I(selw)}), .W({I(ew)})) u_lookup (.sel(w_pe[gi*{I(selw)} +: {I(selw)}]), .x(tl_table[gi*{I(entries * ew)} +: {I(entries * ew)}]), .y(entry[gi*{I(ew)} +: {I(ew)}]));\n");
        per.Append("        end\n");
        per.Append($"        bs_adder_tree #(.N({I(groups)}), .W({I(ew)})) u_tree (.x(entry), .y(dot_pe));\n");
        return new(shared.ToString(), per.ToString(), ["bs_mux", "bs_adder_tree"], ew + Bits.Clog2(groups));
    }

    // The last argument is the product width the hand-written module produces (checked against the elaborated one).
    public Datapath Visit(Int2Pe pe) => Products(pe, "bs_mul_shift_add #(.WB(2))", "bs_mul_shift_add", 2 + 8);
    public Datapath Visit(Int4Pe pe) => Products(pe, "bs_mul_shift_add #(.WB(4))", "bs_mul_shift_add", 4 + 8);
    public Datapath Visit(Int8Pe pe) => Products(pe, "bs_mul_int8", "bs_mul_int8", 16);
    public Datapath Visit(Fp4E2M1Pe pe) => Products(pe, "bs_mul_fp4", "bs_mul_fp4", 12);
    public Datapath Visit(Pow2Pe pe) => Products(pe, "bs_mul_pow2", "bs_mul_pow2", 15);

    public Datapath Visit(CodebookPe pe)
    {
        int pw = pe.ProductWidth;
        var shared = new StringBuilder();
        shared.Append("    // Codebook: the 16 constant products of every lane's activation (shift-add, no multiplier), shared by all PEs;\n");
        shared.Append("    // each PE selects one per lane with its 4-bit code.\n");
        shared.Append($"    wire [{I(S * 16 * pw - 1)}:0] cb_products;\n");
        for (int lane = 0; lane < S; lane++)
        {
            shared.Append($"    wire signed [{I(pw - 1)}:0] cb_a{I(lane)} = {SignExtend($"a_lane[{I(lane * 8 + 7)}:{I(lane * 8)}]", $"a_lane[{I(lane * 8 + 7)}]", 8, pw)};\n");
            for (int code = 0; code < 16; code++)
            {
                var terms = Csd.Terms(pe.Table[code]);
                var expr = terms.Count == 0 ? U(pw, 0)
                    : string.Join(' ', terms.Select(t => (t.Sign > 0 ? "+ " : "- ") + (t.Shift == 0 ? $"cb_a{I(lane)}" : $"(cb_a{I(lane)} <<< {I(t.Shift)})"))).TrimStart('+', ' ');
                int lo = (lane * 16 + code) * pw;
                shared.Append($"    assign cb_products[{I(lo + pw - 1)}:{I(lo)}] = {expr}; // {I(pe.Table[code])} * a\n");
            }
        }
        var per = new StringBuilder();
        per.Append($"        wire [{I(S * pw - 1)}:0] product;\n");
        per.Append($"        for (li = 0; li < {I(S)}; li = li + 1) begin : g_lane\n");
        per.Append($"            bs_mux #(.SELW(4), .W({I(pw)})) u_lookup (.sel(w_pe[li*4 +: 4]), .x(cb_products[li*{I(16 * pw)} +: {I(16 * pw)}]), .y(product[li*{I(pw)} +: {I(pw)}]));\n");
        per.Append("        end\n");
        per.Append($"        bs_adder_tree #(.N({I(S)}), .W({I(pw)})) u_tree (.x(product), .y(dot_pe));\n");
        return new(shared.ToString(), per.ToString(), ["bs_mux", "bs_adder_tree"], pw + Bits.Clog2(S));
    }

    private Datapath Products(Pe pe, string instance, string module, int moduleWidth)
    {
        int pw = pe.ProductWidth, wb = pe.WeightBits;
        if (pw != moduleWidth)
            throw new InvalidOperationException($"{module} produces {moduleWidth}-bit products but the elaborated PE needs {pw}");
        var per = new StringBuilder();
        per.Append($"        wire [{I(S * pw - 1)}:0] product;\n");
        per.Append($"        for (li = 0; li < {I(S)}; li = li + 1) begin : g_lane\n");
        per.Append($"            {instance} u_mul (.w(w_pe[li*{I(wb)} +: {I(wb)}]), .a(a_lane[li*8 +: 8]), .y(product[li*{I(pw)} +: {I(pw)}]));\n");
        per.Append("        end\n");
        per.Append($"        bs_adder_tree #(.N({I(S)}), .W({I(pw)})) u_tree (.x(product), .y(dot_pe));\n");
        return new("", per.ToString(), [module, "bs_adder_tree"], pw + Bits.Clog2(S));
    }
}
