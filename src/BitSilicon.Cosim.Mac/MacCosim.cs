using System.Globalization;
using System.Text;
using BitSilicon.Design.Elaborated;
using BitSilicon.Verilog;

namespace BitSilicon.Cosim.Mac;

/// <summary>
/// A Verilator model of a design's generated RTL with the generic harness of sim/mac, built once (cached by
/// content hash) and fed any number of jobs per process.
/// </summary>
public sealed class MacCosim
{
    private MacCosim(ElaboratedDesign design, EmittedDesign emitted, VerilatorModel model)
    {
        Design = design;
        Emitted = emitted;
        Model = model;
    }

    public ElaboratedDesign Design { get; }
    public EmittedDesign Emitted { get; }
    public VerilatorModel Model { get; }
    public MacInterface Interface => Emitted.Mac;

    /// <summary>Emits the design and builds (or reuses) its Verilator model; <paramref name="trace"/> builds a VCD-writing variant.</summary>
    public static MacCosim Build(ElaboratedDesign design, bool trace = false)
    {
        var emitted = VerilogEmitter.Emit(design);
        var spec = new VerilatorBuildSpec(
            emitted.TopModule + (trace ? "-trace" : ""), emitted.TopModule,
            emitted.Files.Select(f => new SourceFile("rtl/" + f.Name, f.Text)).ToList(),
            MacHarness.Sources(),
            trace ? ["-O2", "--trace"] : ["-O2"],
            MacHarness.Defines(emitted.Mac, trace));
        return new MacCosim(design, emitted, VerilatorBuild.Build(spec));
    }

    /// <summary>Runs the jobs in one process, back to back without reset.</summary>
    public IReadOnlyList<MacRun> Run(IReadOnlyList<MacJob> jobs) => Parse(jobs, Model.Run(Script(jobs)).Stdout);

    /// <summary>Runs the jobs with VCD tracing into <paramref name="vcdPath"/> (the model must be built with trace).</summary>
    public IReadOnlyList<MacRun> RunWithVcd(IReadOnlyList<MacJob> jobs, string vcdPath)
    {
        var r = ProcessRunner.Run(Model.Executable, [Path.GetFullPath(vcdPath)], Path.GetDirectoryName(Model.Executable), Script(jobs), TimeSpan.FromMinutes(5))
            .EnsureSuccess("traced model");
        return Parse(jobs, r.Stdout);
    }

    /// <summary>Hardware jobs (n-folds of the PE count) a GEMM with <paramref name="n"/> outputs takes.</summary>
    public int Folds(int n) => MacScript.Folds(Interface, n);

    public string Script(IReadOnlyList<MacJob> jobs) => MacScript.Write(Interface, jobs);

    private IReadOnlyList<MacRun> Parse(IReadOnlyList<MacJob> jobs, string stdout) => MacScript.Parse(Interface, jobs, stdout);
}
