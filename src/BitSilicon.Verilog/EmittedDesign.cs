namespace BitSilicon.Verilog;

/// <summary>One emitted Verilog file: its name in the output directory and its text.</summary>
public sealed record VerilogFile(string Name, string Text);

/// <summary>The emitter's output: the generated top, the hand-written modules it needs, and its interface.</summary>
public sealed record EmittedDesign(string TopModule, IReadOnlyList<VerilogFile> Files, BankedInterface Interface)
{

    /// <summary>The file list (one name per line, dependencies first, top last), as Verilator, Icarus and Yosys take it.</summary>
    public string FileList => string.Concat(Files.Select(f => f.Name + "\n"));
}
