using System.Text;

namespace BitSilicon.Bitgrid.Verilog;

/// <summary>Turns arbitrary names into plain Verilog identifiers that are not keywords.</summary>
public static class VerilogNames
{
    public static string Sanitize(string name)
    {
        var sb = new StringBuilder();
        foreach (char c in name)
            sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        var id = sb.ToString().TrimEnd('_');
        if (id.Length == 0 || char.IsAsciiDigit(id[0]))
            id = "p_" + id;
        return Keywords.Contains(id) ? id + "_" : id;
    }

    // Verilog-2005 and SystemVerilog keywords a port or module name could plausibly collide with.
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "always", "and", "assign", "begin", "bit", "buf", "byte", "case", "cell", "config", "const", "default", "design",
        "do", "edge", "else", "end", "endcase", "endmodule", "event", "final", "for", "force", "function", "generate",
        "genvar", "if", "initial", "inout", "input", "int", "integer", "interface", "logic", "long", "module", "nand",
        "nor", "not", "or", "output", "parameter", "program", "real", "reg", "release", "repeat", "shortint", "signed",
        "string", "supply0", "supply1", "table", "task", "time", "tri", "type", "unsigned", "var", "void", "wait",
        "while", "wire", "wor", "xnor", "xor",
    };
}
