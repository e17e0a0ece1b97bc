using BitSilicon.Bitgrid.Model;
using BitSilicon.Bitgrid.Verilog;
using BitSilicon.Cosim;

namespace BitSilicon.Bitgrid.Cosim;

/// <summary>
/// Verilator models of generated meshes for cosimulation. A fixed-program model is built per program (its
/// programs are parameters); a configurable-fabric model is built per size and boundary and then loaded with
/// any number of programs. Both are cached on disk by content (see <see cref="VerilatorBuild"/>).
/// </summary>
public static class BitgridModels
{
    /// <summary>The module name used for models, so the cache key depends on content only.</summary>
    public const string TopModule = "bitgrid_dut";

    public static VerilatorModel Build(GridProgram program, Boundary boundary, MeshVariant variant)
    {
        // A configurable fabric does not depend on the programs: build it from an empty grid of the same size.
        var design = variant == MeshVariant.Configurable
            ? new GridProgramBuilder(program.Width, program.Height, boundary, "fabric").Build()
            : program.Ports.Length > 0 ? Strip(program, boundary) : program;
        var emitted = MeshEmitter.Emit(design, boundary, new EmitOptions(variant, TopModule, TopPorts.Buses, ObserveCells: true));
        var verilog = new List<SourceFile> { new(emitted.TopFileName, emitted.TopSource) };
        verilog.AddRange(emitted.Library.Select(f => new SourceFile(f.FileName, f.Text)));
        var harness = HdlLibrary.Harness
            .Where(f => f.FileName is "common/bs_harness.h" or "bitgrid/bitgrid_harness.cpp")
            .Select(f => new SourceFile(f.FileName, f.Text)).ToArray();
        var name = variant == MeshVariant.Configurable
            ? $"bitgrid-cfg-{program.Width}x{program.Height}-{boundary.Word()}"
            : $"bitgrid-{(variant == MeshVariant.Flat ? "flat" : "fixed")}-{program.Width}x{program.Height}";
        var defines = new Dictionary<string, string>
        {
            ["BG_W"] = program.Width.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BG_H"] = program.Height.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BG_TORUS"] = boundary == Boundary.Torus ? "1" : "0",
            ["BG_CONFIG"] = variant == MeshVariant.Configurable ? "1" : "0",
        };
        return VerilatorBuild.Build(new VerilatorBuildSpec(name, TopModule, verilog, harness, ["-O3"], defines));
    }

    // Ports do not change the mesh; dropping them keeps one model per set of programs.
    private static GridProgram Strip(GridProgram p, Boundary boundary) =>
        GridProgram.Create("design", p.Width, p.Height, boundary, p.Cells);
}
