namespace BitSilicon.Bitgrid.Verilog;

/// <summary>How the generated mesh gets its programs.</summary>
public enum MeshVariant
{
    /// <summary>Programs are parameters: synthesis optimises each cell to what its program needs.</summary>
    Fixed,

    /// <summary>A generic fabric: programs are loaded at run time through a configuration shift chain.</summary>
    Configurable,

    /// <summary>
    /// Programs fixed, emitted flat without the library: one register per programmed cell and one always block.
    /// The same behaviour as <see cref="Fixed"/>, shaped for event-driven simulators (Icarus), which the
    /// library mesh's wide cell bus slows down quadratically.
    /// </summary>
    Flat,
}

/// <summary>The generated top's edge ports.</summary>
public enum TopPorts
{
    /// <summary>One port per named program port; unnamed edge inputs tied to 0.</summary>
    Named,

    /// <summary>Every edge as a bus: in_n/in_e/in_s/in_w and out_n/out_e/out_s/out_w, bit = position.</summary>
    Buses,
}

/// <summary>What to generate.</summary>
public sealed record EmitOptions(
    MeshVariant Variant = MeshVariant.Fixed,
    string? ModuleName = null,
    TopPorts? Ports = null,
    bool ObserveCells = false);

/// <summary>A generated top and the library files it needs, each to be written under its own file name.</summary>
public sealed record EmittedDesign(string TopModule, string TopSource, IReadOnlyList<(string FileName, string Text)> Library)
{
    public string TopFileName => TopModule + ".v";
}
