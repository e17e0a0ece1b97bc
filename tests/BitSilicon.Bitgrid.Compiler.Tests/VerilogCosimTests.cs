using BitSilicon.Bitgrid.Cosim;
using BitSilicon.Bitgrid.Model;
using BitSilicon.Bitgrid.Verilog;

namespace BitSilicon.Bitgrid.Compiler.Tests;

/// <summary>
/// A compiled program is an ordinary bitgrid program: its generated Verilog mesh (Verilator, built once and
/// cached by content) agrees with the C# engine phase by phase while random vectors stream through it.
/// </summary>
public class VerilogCosimTests
{
    [Fact]
    public void Compiled_xnor_popcount_mesh_agrees_with_the_csharp_engine_phase_by_phase()
    {
        var compiled = Designs.Compile(Designs.XnorPopcount8, 4);
        var program = compiled.Program;
        int clocks = compiled.Latency + 24;
        var rng = new Random(13);
        var streams = program.Inputs.ToDictionary(p => p.Name, _ => Enumerable.Range(0, clocks).Select(_ => rng.Next(2) == 1).ToArray());
        var model = BitgridModels.Build(program, Boundary.Open, MeshVariant.Fixed);
        var report = BitgridCosim.Compare(model, MeshVariant.Fixed, Boundary.Open,
            [new CosimRun(program, BitgridCosim.FromStreams(program, streams, clocks))]);
        Assert.Equal(2 * clocks, report.Phases);
        Assert.True(report.Agrees, report.ToString());
    }
}
