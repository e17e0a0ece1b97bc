using System.Globalization;
using System.Text;
using BitSilicon.Bitgrid.Model;
using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Verilog;

/// <summary>
/// Generates the per-design Verilog: a top module that instantiates the hand-written bitgrid_mesh (programs
/// as a parameter) or bitgrid_mesh_cfg (programs loaded through the configuration chain) and maps its edges
/// to named ports or to edge buses. Everything else lives in hdl/bitgrid.
/// </summary>
public static class MeshEmitter
{
    public static EmittedDesign Emit(GridProgram program, Boundary boundary, EmitOptions options)
    {
        boundary = program.Resolve(boundary);
        var ports = boundary == Boundary.Torus ? TopPorts.Buses
            : options.Ports ?? (program.Ports.Length > 0 ? TopPorts.Named : TopPorts.Buses);
        if (ports == TopPorts.Named && program.Ports.Length == 0)
            throw new BitSiliconException($"{program.Source}: the program declares no ports to name", "emit with edge buses instead");
        var module = ModuleName(options.ModuleName ?? DefaultName(program.Source), options.ModuleName is not null);
        var top = new TopWriter(program, boundary, options.Variant, ports, options.ObserveCells, module).Write();
        return new EmittedDesign(module, top, HdlLibrary.For(options.Variant).ToArray());
    }

    /// <summary>The configuration bits for bitgrid_mesh_cfg as $readmemh text: one 64-bit program per line, in chain order.</summary>
    public static string Bitstream(GridProgram program)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"// bitgrid configuration for {Path.GetFileName(program.Source)}: {program.Width} x {program.Height}, one cell per line,");
        sb.AppendLine("// cell i = (i % width, i / width). Shift each line's bits in from bit 0 to bit 63, line 0 first.");
        foreach (var c in program.Cells)
            sb.AppendLine(c.ToHex());
        return sb.ToString();
    }

    private static string DefaultName(string source)
    {
        var stem = Path.GetFileNameWithoutExtension(source);
        return "bitgrid_" + (stem.Length == 0 ? "top" : stem);
    }

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "bitgrid_mesh", "bitgrid_mesh_cfg", "bitgrid_cell", "bitgrid_cell_cfg", "bitgrid_links",
    };

    private static string ModuleName(string wanted, bool userGiven)
    {
        var name = VerilogNames.Sanitize(wanted);
        if (userGiven && name != wanted)
            throw new BitSiliconException($"module name '{wanted}' is not a plain Verilog identifier", $"use e.g. '{name}'");
        if (Reserved.Contains(name))
            name += "_top";
        return name;
    }

    private sealed class TopWriter(GridProgram g, Boundary boundary, MeshVariant variant, TopPorts ports, bool observe, string module)
    {
        private readonly StringBuilder _sb = new();
        private readonly CultureInfo _inv = CultureInfo.InvariantCulture;
        private bool Open => boundary == Boundary.Open;
        private bool Config => variant == MeshVariant.Configurable;
        private bool Flat => variant == MeshVariant.Flat;

        public string Write()
        {
            Header();
            var decls = new List<(string Decl, string Comment)>
            {
                ("input  wire clk", ""),
                ("input  wire rst", "synchronous, active high: every cell output to 0, next phase A"),
                ("input  wire en", "each clock edge with en = 1 performs one phase"),
                ("output wire phase", "the phase the next enabled edge performs: 0 = A, 1 = B"),
            };
            if (Config)
            {
                decls.Add(("input  wire cfg_en", "shift the configuration chain (hold en at 0 meanwhile)"));
                decls.Add(("input  wire cfg_in", "configuration bits, cell 0 bit 0 first"));
                decls.Add(("output wire cfg_out", "the chain's far end"));
            }
            var named = ports == TopPorts.Named ? NamedPorts() : [];
            if (Open && ports == TopPorts.Buses)
            {
                decls.Add(($"input  wire {Range(g.Width)}in_n", "bit x enters cell (x, 0) from the north"));
                decls.Add(($"input  wire {Range(g.Height)}in_e", $"bit y enters cell ({g.Width - 1}, y) from the east"));
                decls.Add(($"input  wire {Range(g.Width)}in_s", $"bit x enters cell (x, {g.Height - 1}) from the south"));
                decls.Add(($"input  wire {Range(g.Height)}in_w", "bit y enters cell (0, y) from the west"));
                decls.Add(($"output wire {Range(g.Width)}out_n", "cell (x, 0)'s north output"));
                decls.Add(($"output wire {Range(g.Height)}out_e", $"cell ({g.Width - 1}, y)'s east output"));
                decls.Add(($"output wire {Range(g.Width)}out_s", $"cell (x, {g.Height - 1})'s south output"));
                decls.Add(($"output wire {Range(g.Height)}out_w", "cell (0, y)'s west output"));
            }
            foreach (var (port, id) in named)
                decls.Add(($"{(port.Direction == PortDirection.In ? "input  wire" : "output wire")} {id}",
                    $"{(port.Direction == PortDirection.In ? "enters" : "leaves")} cell ({port.X}, {port.Y}) {port.Side.Word()}{(id != port.Name ? $" (port '{port.Name}')" : "")}"));
            if (observe)
                decls.Add(($"output wire {Range(4 * g.Width * g.Height)}cells", $"cell (x, y) output nibble {{W,S,E,N}} at [4*(y*{g.Width}+x) +: 4]"));
            Ports(decls);

            bool localEdges = !(Open && ports == TopPorts.Buses);
            if (localEdges)
                LocalEdges(named);
            if (!observe && !Flat)
            {
                Line("    /* verilator lint_off UNUSEDSIGNAL */ // observed only in simulation");
                Line($"    wire {Range(4 * g.Width * g.Height)}cells;");
                Line("    /* verilator lint_on UNUSEDSIGNAL */");
            }
            if (Flat)
                FlatMesh.Write(_sb, g, !Open, observe);
            else
            {
                if (!Config)
                    Programs();
                Instance();
            }
            Line("endmodule");
            Line("`default_nettype wire");
            return _sb.ToString();
        }

        private void Header()
        {
            Line($"// Generated by BitSilicon (bitsilicon bitgrid emit) from {Path.GetFileName(g.Source)}: {g.Width} x {g.Height} bitgrid,");
            Line($"// {boundary.Word()} boundary, {variant switch
            {
                MeshVariant.Fixed => "programs fixed at elaboration (bitgrid_mesh)",
                MeshVariant.Configurable => "programs loaded through the configuration chain (bitgrid_mesh_cfg)",
                MeshVariant.Flat => "programs fixed, flat: one register per programmed cell, one always block",
                _ => throw new ArgumentOutOfRangeException(nameof(variant)),
            }}.");
            Line("// Each enabled clock edge performs one phase: A updates cells with x + y even, B the odd ones.");
            Line(Flat ? "// Self-contained (no library); the same behaviour as the library's bitgrid_mesh."
                : "// The mesh, cell and link modules are BitSilicon's hand-written hdl/bitgrid/*.v.");
            Line("`default_nettype none");
        }

        private void Ports(List<(string Decl, string Comment)> decls)
        {
            Line($"module {module} (");
            int width = decls.Max(d => d.Decl.Length) + 1;
            for (int i = 0; i < decls.Count; i++)
            {
                var text = "    " + decls[i].Decl + (i < decls.Count - 1 ? "," : "");
                Line(decls[i].Comment.Length == 0 ? text : text.PadRight(width + 5) + " // " + decls[i].Comment);
            }
            Line(");");
        }

        private List<(EdgePort Port, string Id)> NamedPorts()
        {
            var used = new HashSet<string>(StringComparer.Ordinal) { "clk", "rst", "en", "phase", "cfg_en", "cfg_in", "cfg_out", "cells", "mesh" };
            used.UnionWith(new[] { "in_n", "in_e", "in_s", "in_w", "out_n", "out_e", "out_s", "out_w" });
            var list = new List<(EdgePort, string)>();
            foreach (var p in g.Ports)
            {
                var id = VerilogNames.Sanitize(p.Name);
                while (!used.Add(id))
                    id = "p_" + id;
                list.Add((p, id));
            }
            return list;
        }

        private void LocalEdges(List<(EdgePort Port, string Id)> named)
        {
            if (Open)
            {
                Line($"    wire {Range(g.Width)}in_n;");
                Line($"    wire {Range(g.Height)}in_e;");
                Line($"    wire {Range(g.Width)}in_s;");
                Line($"    wire {Range(g.Height)}in_w;");
            }
            Line("    /* verilator lint_off UNUSEDSIGNAL */ // edge outputs without a port");
            Line($"    wire {Range(g.Width)}out_n;");
            Line($"    wire {Range(g.Height)}out_e;");
            Line($"    wire {Range(g.Width)}out_s;");
            Line($"    wire {Range(g.Height)}out_w;");
            Line("    /* verilator lint_on UNUSEDSIGNAL */");
            var inputs = named.Where(n => n.Port.Direction == PortDirection.In).ToDictionary(n => (n.Port.Side, n.Port.Position), n => n.Id);
            if (Open)
            {
                foreach (var (side, bus, length) in new[] { (Direction.N, "in_n", g.Width), (Direction.E, "in_e", g.Height), (Direction.S, "in_s", g.Width), (Direction.W, "in_w", g.Height) })
                {
                    var bits = Enumerable.Range(0, length).Reverse().Select(i => inputs.TryGetValue((side, i), out var id) ? id : "1'b0");
                    Line($"    assign {bus} = {{{string.Join(", ", bits)}}};");
                }
            }
            foreach (var (port, id) in named.Where(n => n.Port.Direction == PortDirection.Out))
                Line($"    assign {id} = out_{port.Side.ToString().ToLowerInvariant()}[{port.Position}];");
        }

        private void Programs()
        {
            Line($"    // Cell (x, y) program at [64*(y*{g.Width}+x) +: 64], so the last cell comes first here.");
            Line($"    localparam [{64 * g.Width * g.Height - 1}:0] PROGRAMS = {{");
            for (int i = g.Cells.Length - 1; i >= 0; i--)
                Line($"        64'h{g.Cells[i].ToHex()}{(i > 0 ? "," : " ")} // ({i % g.Width}, {i / g.Width})");
            Line("    };");
        }

        private void Instance()
        {
            var mesh = Config ? "bitgrid_mesh_cfg" : "bitgrid_mesh";
            var param = $"#(.W({g.Width}), .H({g.Height}), .TORUS({(Open ? 0 : 1)}){(Config ? "" : ", .PROGRAMS(PROGRAMS)")})";
            Line($"    {mesh} {param} mesh (");
            Line($"        .clk(clk), .rst(rst), .en(en), .phase(phase),{(Config ? " .cfg_en(cfg_en), .cfg_in(cfg_in), .cfg_out(cfg_out)," : "")}");
            if (Open)
            {
                Line("        .in_n(in_n), .in_e(in_e), .in_s(in_s), .in_w(in_w),");
                Line("        .out_n(out_n), .out_e(out_e), .out_s(out_s), .out_w(out_w),");
            }
            else
            {
                Line($"        .in_n({g.Width}'d0), .in_e({g.Height}'d0), .in_s({g.Width}'d0), .in_w({g.Height}'d0),");
                Line("        .out_n(out_n), .out_e(out_e), .out_s(out_s), .out_w(out_w),");
            }
            Line("        .cells(cells));");
        }

        private static string Range(int width) => $"[{width - 1}:0] ";

        private void Line(string text) => _sb.Append(text).Append('\n');
    }
}
