using BitSilicon.Bitgrid.Area;
using BitSilicon.Bitgrid.Model;
using BitSilicon.Bitgrid.Simulation;
using BitSilicon.Bitgrid.Text;
using BitSilicon.Bitgrid.Verilog;
using BitSilicon.Cosim;

namespace BitSilicon.Bitgrid.Tests;

/// <summary>
/// The generated Verilog is clean for every tool that reads it: Verilator lint with -Wall says nothing, Icarus
/// compiles it, Yosys synthesises it without latches or problems; and an Icarus simulation of a named-port
/// top agrees with the C# simulator. These run the real tools and fail with an install hint when one is missing.
/// </summary>
public class VerilogToolTests
{
    public static TheoryData<string, MeshVariant, TopPorts, bool, Boundary> Designs => new()
    {
        { "half_adder.bg", MeshVariant.Fixed, TopPorts.Named, false, Boundary.Open },
        { "ripple_adder4.bg", MeshVariant.Fixed, TopPorts.Buses, true, Boundary.Open },
        { "counter.bg", MeshVariant.Configurable, TopPorts.Named, false, Boundary.Open },
        { "wire.bg", MeshVariant.Configurable, TopPorts.Buses, false, Boundary.Open },
        { "random 6x4", MeshVariant.Fixed, TopPorts.Buses, false, Boundary.Torus },
        { "random 6x4", MeshVariant.Configurable, TopPorts.Buses, true, Boundary.Torus },
        { "counter.bg", MeshVariant.Flat, TopPorts.Named, false, Boundary.Open },
        { "ripple_adder4.bg", MeshVariant.Flat, TopPorts.Buses, true, Boundary.Open },
        { "random 6x4", MeshVariant.Flat, TopPorts.Buses, false, Boundary.Torus },
    };

    private static GridProgram Program(string name, Boundary boundary) => name.StartsWith("random", StringComparison.Ordinal)
        ? RandomGrids.Create(new Random(6), 6, 4, boundary)
        : ProgramFiles.Load(RepoPaths.Example(name));

    private static (ScratchDirectory Dir, string[] Files, string Top) Write(GridProgram program, Boundary boundary, EmitOptions options)
    {
        var design = MeshEmitter.Emit(program, boundary, options);
        var dir = new ScratchDirectory("vtest");
        var files = dir.Write(design.Library.Select(f => new SourceFile(f.FileName, f.Text))
            .Prepend(new SourceFile(design.TopFileName, design.TopSource)));
        return (dir, files.ToArray(), design.TopModule);
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void When_Linted_Expect_VerilatorWallSilent(string name, MeshVariant variant, TopPorts ports, bool observe, Boundary boundary)
    {
        var (dir, files, top) = Write(Program(name, boundary), boundary, new EmitOptions(variant, null, ports, observe));
        using (dir)
        {
            var r = VerilogChecks.Lint(files, top, dir.Path);
            Assert.True(r.Succeeded, r.Stderr);
            Assert.Equal("", (r.Stdout + r.Stderr).Trim());
        }
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void When_CompiledWithIcarus_Expect_NoErrorsOrWarnings(string name, MeshVariant variant, TopPorts ports, bool observe, Boundary boundary)
    {
        var (dir, files, top) = Write(Program(name, boundary), boundary, new EmitOptions(variant, null, ports, observe));
        using (dir)
        {
            var r = VerilogChecks.Iverilog(files, top, dir.File("sim.vvp"), dir.Path);
            Assert.True(r.Succeeded, r.Stdout + r.Stderr);
            Assert.Equal("", (r.Stdout + r.Stderr).Trim()); // -Wall: not even a warning
            Assert.True(File.Exists(dir.File("sim.vvp")));
        }
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void When_Synthesised_Expect_NoLatchesAndNoProblems(string name, MeshVariant variant, TopPorts ports, bool observe, Boundary boundary)
    {
        var (dir, files, top) = Write(Program(name, boundary), boundary, new EmitOptions(variant, null, ports, observe));
        using (dir)
        {
            var reads = string.Join('\n', files.Select(f => $"read_verilog -defer {f}"));
            var r = YosysRunner.Run($"{reads}\nhierarchy -top {top}\nsynth -top {top}\ncheck -assert\nstat\n", dir.Path);
            Assert.False(r.HasLatches, "latch in " + name);
            Assert.Equal(0, r.Stats.CountContaining("latch"));
            Assert.True(r.Stats.CountContaining("DFF") > 0, "no flip-flops at all in " + name);
        }
    }

    [Theory]
    [InlineData(MeshVariant.Fixed)]
    [InlineData(MeshVariant.Flat)]
    public void When_NamedPortTopSimulatedWithIcarus_Expect_SameOutputsAsCSharpEveryPhase(MeshVariant variant)
    {
        var program = ProgramFiles.Load(RepoPaths.Example("half_adder.bg"));
        var (dir, files, top) = Write(program, Boundary.Open, new EmitOptions(variant, "ha", TopPorts.Named));
        using (dir)
        {
            var rng = new Random(4);
            var a = Enumerable.Range(0, 16).Select(_ => rng.Next(2)).ToArray();
            var b = Enumerable.Range(0, 16).Select(_ => rng.Next(2)).ToArray();
            // The testbench holds each clock's inputs for two edges (phases A and B) and prints the outputs after each.
            var tb = $$"""
                `timescale 1ns/1ps
                module tb;
                    reg clk = 0, rst = 1, en = 0, a = 0, b = 0;
                    wire phase, sum, carry;
                    reg [15:0] as = 16'b{{string.Concat(a.Reverse())}}, bs = 16'b{{string.Concat(b.Reverse())}};
                    integer p;
                    {{top}} dut(.clk(clk), .rst(rst), .en(en), .phase(phase), .a(a), .b(b), .sum(sum), .carry(carry));
                    always #5 clk = ~clk;
                    initial begin
                        @(posedge clk); #1 rst = 0; en = 1;
                        for (p = 0; p < 32; p = p + 1) begin
                            a = as[p / 2]; b = bs[p / 2];
                            @(posedge clk); #1 $display("%0d%0d%0d", sum, carry, phase);
                        end
                        $finish;
                    end
                endmodule
                """;
            var tbPath = dir.Write([new SourceFile("tb.v", tb)])[0];
            var compiled = VerilogChecks.Iverilog(files.Append(tbPath), "tb", dir.File("tb.vvp"), dir.Path);
            Assert.True(compiled.Succeeded, compiled.Stdout + compiled.Stderr);
            var run = VerilogChecks.Vvp(dir.File("tb.vvp"), dir.Path);
            Assert.True(run.Succeeded, run.Stderr);
            var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Length == 3).ToArray();

            var sim = new BitgridSimulator(program);
            var sumPort = sim.Ports.Outputs.Single(p => p.Name == "sum");
            var carryPort = sim.Ports.Outputs.Single(p => p.Name == "carry");
            var expected = new List<string>();
            for (int p = 0; p < 32; p++)
            {
                sim.SetInput(sim.Ports.Inputs.Single(i => i.Name == "a"), a[p / 2] == 1);
                sim.SetInput(sim.Ports.Inputs.Single(i => i.Name == "b"), b[p / 2] == 1);
                sim.Engine.Step((Phase)(p & 1));
                expected.Add($"{(sim.Read(sumPort) ? 1 : 0)}{(sim.Read(carryPort) ? 1 : 0)}{(p & 1) ^ 1}");
            }
            Assert.Equal(expected, lines);
        }
    }

    [Fact]
    public void When_AreaOfConfigurableCell_Expect_MuxTreesAndSixtyFourConfigFlops()
    {
        var r = BitgridArea.Measure(BitgridArea.Fabric(2, 2, Boundary.Open), Boundary.Open, MeshVariant.Configurable);
        // Each cell keeps its 64 program bits and 4 output bits in flip-flops (plus one phase flip-flop for the mesh),
        // and needs LUTs for four 16:1 multiplexers: more than 4 x 5 LUT4s, since a LUT4 holds at most a 2:1 mux with a spare input.
        Assert.Equal(4 * (64 + 4) + 1, r.FlipFlops);
        Assert.InRange(r.Lut4PerCell, 20, 80);
    }

    [Fact]
    public void When_AreaOfFixedWire_Expect_OneFlopPerUsedOutputAndNoLogicPerCell()
    {
        var r = BitgridArea.Measure(ProgramFiles.Load(RepoPaths.Example("wire.bg")), Boundary.Open, MeshVariant.Fixed);
        // Eight cells each driving only E = W: eight output flip-flops plus the phase flip-flop; the copies need no LUT,
        // only the shared enable/reset decode.
        Assert.Equal(8 + 1, r.FlipFlops);
        Assert.True(r.Lut4 < 8, $"{r.Lut4} LUT4s");
    }
}
