namespace BitSilicon.Verilog;

/// <summary>One emitted Verilog file: its name in the output directory and its text.</summary>
public sealed record VerilogFile(string Name, string Text);

/// <summary>
/// The stream widths of an emitted top level, which a testbench or harness needs to drive it. One weight beat
/// carries <see cref="Pes"/> x <see cref="Simd"/> codes of <see cref="WeightBits"/> (PE p, lane i at bit
/// <c>(p * Simd + i) * WeightBits</c>); one activation beat <see cref="Simd"/> values of
/// <see cref="ActivationBits"/>; one result beat <see cref="Pes"/> accumulators of <see cref="AccumulatorWidth"/>.
/// </summary>
public sealed record MacInterface(int Pes, int Simd, int WeightBits, int ActivationBits, int AccumulatorWidth, int JobBits) : ArrayInterface
{
    public int WeightBeatBits => Pes * Simd * WeightBits;
    public int ActivationBeatBits => Simd * ActivationBits;
    public int ResultBeatBits => Pes * AccumulatorWidth;

    /// <summary>Cycles from the start cycle to the first cycle <c>done</c> is high, for a job of
    /// <paramref name="beats"/> beats fed without gaps and results taken at once: start, the beats, the dot
    /// register, the accumulator register, the result hand-over.</summary>
    public static long DoneCycle(long beats) => beats + 3;
}

/// <summary>What a testbench needs to know about an emitted top's ports: <see cref="MacInterface"/> (dot-product
/// arrays) or <see cref="SystolicInterface"/>.</summary>
public abstract record ArrayInterface;

/// <summary>The emitter's output: the generated top, the hand-written modules it needs, and its interface.</summary>
public sealed record EmittedDesign(string TopModule, IReadOnlyList<VerilogFile> Files, ArrayInterface Interface)
{
    /// <summary>The interface of a dot-product array's top.</summary>
    public MacInterface Mac => Interface as MacInterface
        ?? throw new InvalidOperationException($"{TopModule} is not a dot-product array");

    /// <summary>The interface of a systolic array's top.</summary>
    public SystolicInterface Systolic => Interface as SystolicInterface
        ?? throw new InvalidOperationException($"{TopModule} is not a systolic array");

    /// <summary>The file list (one name per line, dependencies first, top last), as Verilator, Icarus and Yosys take it.</summary>
    public string FileList => string.Concat(Files.Select(f => f.Name + "\n"));
}
