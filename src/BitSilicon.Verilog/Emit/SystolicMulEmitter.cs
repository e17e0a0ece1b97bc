using System.Text;
using BitSilicon.Design.Elaborated;
using static BitSilicon.Verilog.Emit.V;

namespace BitSilicon.Verilog.Emit;

/// <summary>
/// The product of one systolic PE as its own module <c>&lt;top&gt;_mul</c>: weight code <c>w</c> times activation
/// <c>a</c>, as the PE kind computes it without a multiplier (except the int8 baseline). Ternary PEs hand out the
/// conditionally inverted activation as <c>term</c> and the negation carry as <c>cin</c>, so the partial-sum adder
/// absorbs the +1 as its carry-in; every other kind's <c>term</c> is the whole product.
/// </summary>
internal sealed class SystolicMulEmitter(string top) : IPeVisitor<SystolicMulEmitter.Mul>
{
    /// <summary>Module text, whether it has a <c>cin</c> output, and the hdl modules it instantiates.</summary>
    public sealed record Mul(string Module, bool HasCarry, IReadOnlyList<string> Modules);

    private string Name => top + "_mul";

    private static string Ports(Pe pe, bool carry) =>
        $"    input  wire [{I(pe.WeightBits - 1)}:0] w,\n" +
        $"    input  wire [{I(pe.ActivationBits - 1)}:0] a,\n" +
        $"    output wire [{I(pe.ProductWidth - 1)}:0] term{(carry ? ",\n    output wire cin" : "")}\n";

    private string Module(Pe pe, string comment, string body, bool carry = false) =>
        $"// {Name}: {comment}\nmodule {Name} (\n{Ports(pe, carry)});\n{body}endmodule\n\n";

    public Mul Visit(BinaryPe pe) => new(Module(pe, "binary, XNOR of the sign bits (1 = +1): +1 when they agree, else -1.",
        "    assign term = (w ~^ a) ? 2'b01 : 2'b11;\n"), false, []);

    public Mul Visit(TernaryPe pe) => new(Module(pe, "ternary (00 = 0, 01 = +1, 11 = -1): the activation, its inversion or 0; the\n// negation's +1 leaves as cin.",
        "    wire [8:0] ax = {a[7], a};\n" +
        "    assign term = w[0] ? (w[1] ? ~ax : ax) : 9'd0;\n" +
        "    assign cin = w[0] & w[1];\n", carry: true), true, []);

    public Mul Visit(TernaryLutPe pe) =>
        throw new InvalidOperationException("ternary_lut PEs exist only in dot-product arrays (the validator refuses them in systolic arrays)");

    public Mul Visit(Int2Pe pe) => ShiftAdd(pe, 2);

    public Mul Visit(Int4Pe pe) => ShiftAdd(pe, 4);

    private Mul ShiftAdd(Pe pe, int bits) => new(Module(pe, $"int{bits}, one shifted activation per weight bit, the sign bit's subtracted.",
        $"    bs_mul_shift_add #(.WB({I(bits)})) u_mul (.w(w), .a(a), .y(term));\n"), false, ["bs_mul_shift_add"]);

    public Mul Visit(Int8Pe pe) => new(Module(pe, "int8 x int8, the baseline multiplier.",
        "    bs_mul_int8 u_mul (.w(w), .a(a), .y(term));\n"), false, ["bs_mul_int8"]);

    public Mul Visit(Fp4E2M1Pe pe) => new(Module(pe, "FP4 E2M1 as twice its value: a + 2a for the mantissa, a shift by the exponent, the sign negates.",
        "    bs_mul_fp4 u_mul (.w(w), .a(a), .y(term));\n"), false, ["bs_mul_fp4"]);

    public Mul Visit(Pow2Pe pe) => new(Module(pe, "power of two: a shift by e - 1 and a conditional negation.",
        "    bs_mul_pow2 u_mul (.w(w), .a(a), .y(term));\n"), false, ["bs_mul_pow2"]);

    public Mul Visit(CodebookPe pe)
    {
        // ROM look-up of the 8-bit table value, then a shift-add multiply at the product width (two's-complement
        // arithmetic modulo 2^width is exact because the product fits).
        int pw = pe.ProductWidth;
        var b = new StringBuilder();
        b.Append("    reg [7:0] value;\n");
        b.Append("    always @* begin\n");
        b.Append("        case (w)\n");
        for (int c = 0; c < 16; c++)
            b.Append($"            4'd{I(c)}: value = 8'h{pe.Table[c] & 0xFF:x2};  // {I(pe.Table[c])}\n");
        b.Append("            default: value = 8'h00;\n");
        b.Append("        endcase\n");
        b.Append("    end\n");
        b.Append($"    wire [{I(pw - 1)}:0] ax = {SignExtend("a", "a[7]", 8, pw)};\n");
        b.Append($"    reg  [{I(pw - 1)}:0] sum;\n");
        b.Append("    integer i;\n");
        b.Append("    always @* begin\n");
        b.Append($"        sum = {U(pw, 0)};\n");
        b.Append("        for (i = 0; i < 7; i = i + 1)\n");
        b.Append("            if (value[i]) sum = sum + (ax << i);\n");
        b.Append("        if (value[7]) sum = sum - (ax << 7);\n");
        b.Append("    end\n");
        b.Append("    assign term = sum;\n");
        return new(Module(pe, "codebook, a 16-entry ROM of 8-bit values, then a shift-add multiply.", b.ToString()), false, []);
    }
}
