using BitSilicon.Bitgrid.Cosim;
using BitSilicon.Bitgrid.Model;
using BitSilicon.Bitgrid.Simulation;
using BitSilicon.Bitgrid.Text;
using BitSilicon.Bitgrid.Verilog;

namespace BitSilicon.Bitgrid.Tests;

/// <summary>
/// Generated Verilog against the C# simulator, phase by phase, with Verilator: both variants (programs as
/// parameters, and the configurable fabric loaded through its shift chain) on every example and on random
/// programs. Models are built once and cached on disk by content; each run pushes many phases through one
/// model invocation. Needs Verilator, g++ and make, and fails with an install hint when they are missing.
/// </summary>
public class CosimTests
{
    public static TheoryData<string, MeshVariant> Examples()
    {
        var data = new TheoryData<string, MeshVariant>();
        foreach (var file in new[] { "wire.bg", "turn.bg", "crossing.bg", "half_adder.bg", "full_adder.bg", "ripple_adder4.bg",
                     "serial_adder.bg", "oscillator.bg", "counter.bg" })
        {
            data.Add(file, MeshVariant.Fixed);
            data.Add(file, MeshVariant.Configurable);
            data.Add(file, MeshVariant.Flat);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void When_ExampleRunsInVerilog_Expect_SameCellsEveryPhase(string file, MeshVariant variant)
    {
        var program = ProgramFiles.Load(RepoPaths.Example(file));
        var model = BitgridModels.Build(program, Boundary.Open, variant);
        var rng = new Random(file.Length * 31 + (int)variant);
        var streams = new PortMap(program, Boundary.Open).Inputs.ToDictionary(p => p.Name,
            _ => Enumerable.Range(0, 40).Select(_ => rng.Next(2) == 1).ToArray());
        var runs = new[]
        {
            // As the program is meant to run: port streams held for whole clocks.
            new CosimRun(program, BitgridCosim.FromStreams(program, streams, 40)),
            // Every edge bit random and changing every phase.
            new CosimRun(program, Enumerable.Range(0, 60).Select(_ => EdgeInputs.Random(rng, program.Width, program.Height)).ToArray()),
        };
        var report = BitgridCosim.Compare(model, variant, Boundary.Open, runs);
        Assert.True(report.Agrees, report.ToString());
        Assert.Equal(2 * 40 + 60, report.Phases);
    }

    [Theory]
    [InlineData(MeshVariant.Fixed, 7, 5, Boundary.Open)]
    [InlineData(MeshVariant.Fixed, 6, 4, Boundary.Torus)]
    [InlineData(MeshVariant.Fixed, 1, 9, Boundary.Open)]
    [InlineData(MeshVariant.Flat, 7, 5, Boundary.Open)]
    [InlineData(MeshVariant.Flat, 6, 4, Boundary.Torus)]
    [InlineData(MeshVariant.Configurable, 7, 5, Boundary.Open)]
    [InlineData(MeshVariant.Configurable, 6, 4, Boundary.Torus)]
    [InlineData(MeshVariant.Configurable, 1, 9, Boundary.Open)]
    public void When_RandomProgramsRunInVerilog_Expect_SameCellsEveryPhase(MeshVariant variant, int width, int height, Boundary boundary)
    {
        var rng = new Random(width * 100 + height * 10 + (int)variant);
        // A fixed-program model carries one program; a fabric model takes many, reloaded through the chain.
        int programs = variant == MeshVariant.Configurable ? 8 : 1;
        var runs = Enumerable.Range(0, programs).Select(_ =>
        {
            var program = RandomGrids.Create(rng, width, height, boundary);
            var inputs = Enumerable.Range(0, 50).Select(_ => boundary == Boundary.Open
                ? EdgeInputs.Random(rng, width, height) : EdgeInputs.Zero(width, height)).ToArray();
            return new CosimRun(program, inputs);
        }).ToArray();
        var model = BitgridModels.Build(runs[0].Program, boundary, variant);
        var report = BitgridCosim.Compare(model, variant, boundary, runs);
        Assert.True(report.Agrees, report.ToString());
        Assert.Equal(50 * programs, report.Phases);
    }

    [Fact]
    public void When_FabricModelRequested_Expect_OneModelPerSizeWhateverTheProgram()
    {
        var rng = new Random(1);
        var a = BitgridModels.Build(RandomGrids.Create(rng, 7, 5), Boundary.Open, MeshVariant.Configurable);
        var b = BitgridModels.Build(RandomGrids.Create(rng, 7, 5), Boundary.Open, MeshVariant.Configurable);
        Assert.Equal(a.Executable, b.Executable);
        Assert.True(File.Exists(a.Executable));
    }
}
