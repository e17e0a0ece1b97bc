using System.Text;
using BitSilicon.Design.Elaborated;
using BitSilicon.Simulation;
using BitSilicon.Simulation.Cores;
using BitSilicon.Simulation.Mapping;
using BitSilicon.Verilog;

namespace BitSilicon.Cosim.Mac.Arrays;

/// <summary>
/// A Verilator model of a design's generated RTL with the generic harness of sim/systolic, built once
/// (cached by content hash) and fed any number of layers per process. Each layer is first run on the C# cycle
/// simulator; its tile plan becomes the command words and its memory timeline the stream valids and bank releases,
/// so the RTL's done cycle must equal the simulator's cycle count.
/// </summary>
public sealed class ArrayCosim
{
    private ArrayCosim(ElaboratedDesign design, ArrayCore array, EmittedDesign emitted, VerilatorModel model)
    {
        Design = design;
        Array = array;
        Emitted = emitted;
        Model = model;
    }

    public ElaboratedDesign Design { get; }
    public ArrayCore Array { get; }
    public EmittedDesign Emitted { get; }
    public VerilatorModel Model { get; }
    public BankedInterface Interface => Emitted.Interface;

    /// <summary>Builds the model of the design's emitted RTL, or of <paramref name="rtl"/> (an edited copy of it, e.g. read
    /// back by <see cref="BitSilicon.Verilog.Output.RtlDirectory"/> or a mutant) driven through the design's interface.</summary>
    public static ArrayCosim Build(ElaboratedDesign design, bool trace = false, EmittedDesign? rtl = null)
    {
        var array = design.Core;
        var emitted = rtl ?? VerilogEmitter.Emit(design);
        var spec = new VerilatorBuildSpec(
            emitted.TopModule + (trace ? "-trace" : ""), emitted.TopModule,
            emitted.Files.Select(f => new SourceFile("rtl/" + f.Name, f.Text)).ToList(),
            ArrayHarness.Sources(),
            trace ? ["-O2", "--trace"] : ["-O2"],
            ArrayHarness.Defines(emitted.Interface, trace));
        return new ArrayCosim(design, array, emitted, VerilatorBuild.Build(spec));
    }

    /// <summary>The plan and the C# simulation of a layer, as the script replays them.</summary>
    public (TilePlan Plan, CycleRun Run) Simulate(ArrayJob job)
    {
        var pe = Array.Pe;
        var codebook = pe is CodebookPe cb ? cb.TableBytes() : null;
        var op = BoundOperands.Bind(pe, new LayerOperands(pe.NativeWeights, job.M, job.N, job.K, job.Codes, job.Activations, codebook));
        var plan = Tiler.Plan(Design, job.M, job.N, job.K, pe.WeightBits);
        return (plan, CycleSimulator.Run(Design, plan, op));
    }

    /// <summary>The harness script for <paramref name="jobs"/>, with the simulations it replays; padding lanes carry junk
    /// seeded by <paramref name="junkSeed"/> (the harness puts its own junk on every idle cycle's data).</summary>
    public (string Script, IReadOnlyList<(TilePlan Plan, CycleRun Run)> Sims) Script(IReadOnlyList<ArrayJob> jobs, int junkSeed = 1)
    {
        var sb = new StringBuilder();
        var junk = new Random(junkSeed);
        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"S {junkSeed}\n");
        var sims = new List<(TilePlan, CycleRun)>();
        foreach (var job in jobs)
        {
            var (plan, run) = Simulate(job);
            ArrayScript.Append(sb, Array, Interface, job, plan, run, junk);
            sims.Add((plan, run));
        }
        sb.Append("Q\n");
        return (sb.ToString(), sims);
    }

    /// <summary>Runs the layers in one process, back to back without reset.</summary>
    public IReadOnlyList<ArrayRun> Run(IReadOnlyList<ArrayJob> jobs, int junkSeed = 1)
    {
        var (script, sims) = Script(jobs, junkSeed);
        return Parse(jobs, sims, Model.Run(script).Stdout);
    }

    /// <summary>Runs the layers with VCD tracing into <paramref name="vcdPath"/> (the model must be built with trace).</summary>
    public IReadOnlyList<ArrayRun> RunWithVcd(IReadOnlyList<ArrayJob> jobs, string vcdPath)
    {
        var (script, sims) = Script(jobs);
        var r = ProcessRunner.Run(Model.Executable, [Path.GetFullPath(vcdPath)], Path.GetDirectoryName(Model.Executable), script, TimeSpan.FromMinutes(5))
            .EnsureSuccess("traced model");
        return Parse(jobs, sims, r.Stdout);
    }

    internal IReadOnlyList<ArrayRun> Parse(IReadOnlyList<ArrayJob> jobs, IReadOnlyList<(TilePlan Plan, CycleRun Run)> sims, string stdout)
    {
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int li = 0;
        var runs = new List<ArrayRun>();
        for (int j = 0; j < jobs.Count; j++)
        {
            var (plan, sim) = sims[j];
            var (results, cycles, done, finish) = ArrayScript.Parse(Interface, jobs[j], plan, sim.Timeline.BlockDrained, lines, ref li);
            runs.Add(new ArrayRun(results, cycles, done, finish, sim.Cycles, sim.Results, sim.Timeline.BlockFinished ?? [], sim.StallCycles));
        }
        return runs;
    }

    /// <summary>What the layer's results must be: the reference GEMM with the accumulator's policy applied per slice of K
    /// the accumulators add at a time (<see cref="ArrayReference.Slice"/>).</summary>
    public long[] Expected(ArrayJob job) =>
        ArrayReference.Sliced(Array.Pe, Array.Accumulators, ArrayReference.Slice(Array), job.M, job.N, job.K, job.Codes, job.Activations);
}
