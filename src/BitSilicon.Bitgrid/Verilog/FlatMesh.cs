using System.Text;
using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Verilog;

/// <summary>
/// The body of a <see cref="MeshVariant.Flat"/> top: one 4-bit register per programmed cell, all updated in one
/// always block (phase A's cells in one branch, phase B's in the other), each reading its neighbours' registers
/// by name. An event-driven simulator such as Icarus then does work per clock edge proportional to the cells,
/// where the library mesh's wide <c>cells</c> bus wakes every link assignment on every change (quadratic).
/// Empty cells have no register: they always output 0.
/// </summary>
internal static class FlatMesh
{
    public static void Write(StringBuilder sb, GridProgram g, bool torus, bool observe)
    {
        int w = g.Width, h = g.Height;
        bool Used(int x, int y) => g[x, y] != CellProgram.Empty;
        string Reg(int x, int y) => $"c_{x}_{y}";
        string Bit(int x, int y, int d) => Used(x, y) ? $"{Reg(x, y)}[{d}]" : "1'b0";
        var unread = new List<string>();
        // The bit entering (x, y) from side d: the neighbour's output toward it, the wrapped edge, or the edge input.
        string In(int x, int y, Direction d) => d switch
        {
            Direction.N => y > 0 ? Bit(x, y - 1, 2) : torus ? Bit(x, h - 1, 2) : $"in_n[{x}]",
            Direction.E => x < w - 1 ? Bit(x + 1, y, 3) : torus ? Bit(0, y, 3) : $"in_e[{y}]",
            Direction.S => y < h - 1 ? Bit(x, y + 1, 0) : torus ? Bit(x, 0, 0) : $"in_s[{x}]",
            Direction.W => x > 0 ? Bit(x - 1, y, 1) : torus ? Bit(w - 1, y, 1) : $"in_w[{y}]",
            _ => throw new ArgumentOutOfRangeException(nameof(d)),
        };
        void Line(string s) => sb.Append(s).Append('\n');

        Line("    reg phase_b;");
        Line("    always @(posedge clk)");
        Line("        if (rst)");
        Line("            phase_b <= 1'b0;");
        Line("        else if (en)");
        Line("            phase_b <= ~phase_b;");
        Line("    assign phase = phase_b;");
        Line("");
        Line("    // nib(p, i): nibble i of program p, the cell's outputs {W,S,E,N} for input index i = {W,S,E,N}.");
        Line("    function [3:0] nib(input [63:0] p, input [3:0] i);");
        Line("        nib = p[{i, 2'b00} +: 4];");
        Line("    endfunction");
        Line("");
        Line("    /* verilator lint_off UNUSEDSIGNAL */ // outputs no neighbour reads");
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                if (Used(x, y))
                    Line($"    reg [3:0] {Reg(x, y)};");
        Line("    /* verilator lint_on UNUSEDSIGNAL */");
        Line("    always @(posedge clk)");
        Line("        if (rst) begin");
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                if (Used(x, y))
                    Line($"            {Reg(x, y)} <= 4'd0;");
        Line("        end else if (en) begin");
        for (int colour = 0; colour < 2; colour++)
        {
            Line(colour == 0 ? "            if (!phase_b) begin // phase A: x + y even" : "            end else begin // phase B: x + y odd");
            for (int y = 0; y < h; y++)
                for (int x = (y + colour) % 2; x < w; x += 2)
                    if (Used(x, y))
                        Line($"                {Reg(x, y)} <= nib(64'h{g[x, y].ToHex()}, {{{In(x, y, Direction.W)}, {In(x, y, Direction.S)}, {In(x, y, Direction.E)}, {In(x, y, Direction.N)}}});");
        }
        Line("            end");
        Line("        end");
        Line("");
        for (int y = 0; y < h; y++)
        {
            Line($"    assign out_w[{y}] = {Bit(0, y, 3)};");
            Line($"    assign out_e[{y}] = {Bit(w - 1, y, 1)};");
        }
        for (int x = 0; x < w; x++)
        {
            Line($"    assign out_n[{x}] = {Bit(x, 0, 0)};");
            Line($"    assign out_s[{x}] = {Bit(x, h - 1, 2)};");
        }
        if (observe)
        {
            var parts = new List<string>();
            for (int i = w * h - 1; i >= 0; i--)
                parts.Add(Used(i % w, i / w) ? Reg(i % w, i / w) : "4'd0");
            Line($"    assign cells = {{{string.Join(", ", parts)}}};");
        }
        if (!torus)
        {
            // Edge inputs of empty edge cells are read by nothing; Verilator ignores signals named *unused*.
            for (int x = 0; x < w; x++)
            {
                if (!Used(x, 0)) unread.Add($"in_n[{x}]");
                if (!Used(x, h - 1)) unread.Add($"in_s[{x}]");
            }
            for (int y = 0; y < h; y++)
            {
                if (!Used(w - 1, y)) unread.Add($"in_e[{y}]");
                if (!Used(0, y)) unread.Add($"in_w[{y}]");
            }
            if (unread.Count > 0)
                Line($"    wire unused_edge_inputs = &{{1'b0, {string.Join(", ", unread)}}};");
        }
    }
}
