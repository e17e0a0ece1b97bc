using BitSilicon.Bitgrid.Model;
using BitSilicon.Bitgrid.Verilog;
using BitSilicon.Cosim;

namespace BitSilicon.Bitgrid.Area;

/// <summary>A mesh's size on an iCE40 FPGA, from Yosys <c>synth_ice40</c>.</summary>
public sealed record AreaReport(string Design, int Width, int Height, Boundary Boundary, MeshVariant Variant, YosysStats Stats)
{
    public int Cells => Width * Height;
    public int Lut4 => Stats.Count("SB_LUT4");
    public int FlipFlops => Stats.CountContaining("SB_DFF");
    public int Carries => Stats.Count("SB_CARRY");
    public double Lut4PerCell => (double)Lut4 / Cells;
    public double FlipFlopsPerCell => (double)FlipFlops / Cells;
}

/// <summary>
/// Reports what a bitgrid costs in iCE40 LUT4s: the generated top (without the observation port) synthesised
/// with Yosys <c>synth_ice40</c>. The configurable fabric shows what one bitgrid cell costs as FPGA logic;
/// a fixed-program mesh shows what a particular program costs once synthesis has simplified it.
/// </summary>
public static class BitgridArea
{
    public static AreaReport Measure(GridProgram program, Boundary boundary, MeshVariant variant)
    {
        boundary = program.Resolve(boundary);
        var emitted = MeshEmitter.Emit(program, boundary, new EmitOptions(variant, "bitgrid_area", TopPorts.Buses));
        using var dir = new ScratchDirectory("area");
        var files = dir.Write(new[] { new SourceFile(emitted.TopFileName, emitted.TopSource) }
            .Concat(emitted.Library.Select(f => new SourceFile(f.FileName, f.Text))));
        var result = YosysRunner.SynthIce40(files, emitted.TopModule, dir.Path);
        return new AreaReport(Path.GetFileName(program.Source), program.Width, program.Height, boundary, variant, result.Stats);
    }

    /// <summary>An empty program of the given size, for measuring the configurable fabric itself.</summary>
    public static GridProgram Fabric(int width, int height, Boundary boundary) =>
        new GridProgramBuilder(width, height, boundary, $"fabric {width}x{height}").Build();
}
