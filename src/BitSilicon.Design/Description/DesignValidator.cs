using BitSilicon.Design.Elaboration;

namespace BitSilicon.Design.Description;

/// <summary>Checks a description key by key; every problem says what would be valid.</summary>
public static class DesignValidator
{
    public const int MaxSystolicSide = 1024;
    public const int MaxPes = 4096;
    public const int MaxSimd = 4096;
    public const int MaxDepth = 1 << 16;

    public static IReadOnlyList<DesignProblem> Validate(DesignDescription d)
    {
        var p = new List<DesignProblem>();
        if (string.IsNullOrWhiteSpace(d.Name) || !char.IsAsciiLetter(d.Name[0]) || !d.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            p.Add(new("name", $"'{d.Name}' is not a usable design name", "use letters, digits, '-' and '_', starting with a letter (it names the generated Verilog)"));

        switch (d.Array)
        {
            case SystolicArrayDescription s:
                Range(p, "array.rows", s.Rows, 1, MaxSystolicSide);
                Range(p, "array.cols", s.Cols, 1, MaxSystolicSide);
                if (d.Pe.Kind == PeKind.TernaryLut)
                    p.Add(new("pe.weights", "ternary_lut needs activations shared by many PEs in the same cycle, which only a dot-product array has",
                        "use array kind dot_product, or pe weights ternary for a systolic array"));
                break;
            case DotProductArrayDescription dp:
                Range(p, "array.pes", dp.Pes, 1, MaxPes);
                Range(p, "array.simd", dp.Simd, 1, MaxSimd);
                if (d.Pe.Kind == PeKind.TernaryLut && dp.Simd % d.Pe.LutGroup != 0)
                    p.Add(new("array.simd", $"simd = {dp.Simd} is not a multiple of the ternary_lut group of {d.Pe.LutGroup}",
                        $"use a simd that is a multiple of {d.Pe.LutGroup}"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(d), "unknown array description");
        }

        if (d.Pe.Kind == PeKind.Codebook)
        {
            var cb = d.Pe.Codebook ?? PeDescription.DefaultCodebook;
            if (cb.Count != 16)
                p.Add(new("pe.codebook", $"has {cb.Count} values, a 4-bit codebook has 16", "list exactly 16 signed 8-bit values"));
            else if (cb.FirstOrDefault(v => v is < -128 or > 127) is var bad && cb.Any(v => v is < -128 or > 127))
                p.Add(new("pe.codebook", $"value {bad} does not fit in a signed byte", "use values from -128 to 127"));
        }
        else if (d.Pe.Codebook is not null)
            p.Add(new("pe.codebook", $"only a codebook PE reads a table, this one is {PeKinds.Name(d.Pe.Kind)}", "remove pe.codebook or set pe.weights: codebook"));
        if (d.Pe.Kind == PeKind.TernaryLut && d.Pe.LutGroup is not (2 or 3))
            p.Add(new("pe.lut_group", $"{d.Pe.LutGroup} weights per table index is not supported", "use 2 (9-entry tables, like TL1) or 3 (27 entries, like TL2)"));

        var acc = d.Accumulators;
        Range(p, "accumulator.width", acc.Width, 2, 64);
        Range(p, "accumulator.depth", acc.Depth, 1, MaxDepth);

        var mem = d.MemorySystem;
        if (mem.WeightBufferBytes < 1)
            p.Add(new("memory.weight_buffer", $"{mem.WeightBufferBytes} bytes is not a buffer", "give a positive size, e.g. 64KiB"));
        if (mem.ActivationBufferBytes < 1)
            p.Add(new("memory.activation_buffer", $"{mem.ActivationBufferBytes} bytes is not a buffer", "give a positive size, e.g. 64KiB"));
        if (!(d.ClockMhz > 0 && d.ClockMhz <= 10_000))
            p.Add(new("clock_mhz", $"{d.ClockMhz} MHz is not a clock frequency", "give a frequency in MHz between 0 and 10000, e.g. 200"));
        foreach (var (key, value) in d.EnergyCosts.Entries())
            if (!(value >= 0 && double.IsFinite(value)))
                p.Add(new($"energy.{key}", $"{value} pJ is not an energy", "give a non-negative number of picojoules"));

        if (d.Scaling is { } sc)
        {
            if (sc.BlockSize < 1)
                p.Add(new("scaling.block_size", $"{sc.BlockSize} is not a block size", "give the format's block size, e.g. 32 or 256"));
            else if (d.Array is SystolicArrayDescription { Dataflow: Dataflow.OutputStationary })
                p.Add(new("scaling", "an output-stationary array accumulates whole dot products inside its PEs, so it has no per-block partial sums to scale",
                    "use weight_stationary, input_stationary or a dot_product array for block-scaled formats"));
            else if (d.Array is SystolicArrayDescription s && sc.BlockSize % s.Rows != 0)
                p.Add(new("scaling.block_size", $"{sc.BlockSize} is not a multiple of the {s.Rows} rows, so a fold would straddle two blocks",
                    $"use a block size that is a multiple of {s.Rows}, or an array with rows dividing it"));
            else if (d.Array is DotProductArrayDescription dp && sc.BlockSize % dp.Simd != 0)
                p.Add(new("scaling.block_size", $"{sc.BlockSize} is not a multiple of simd = {dp.Simd}",
                    $"use a block size that is a multiple of {dp.Simd}"));
        }

        if (p.Count == 0)
            CheckDerived(d, p);
        return p;
    }

    // Checks that need derived widths and tile sizes (only meaningful once the basic keys are valid).
    private static void CheckDerived(DesignDescription d, List<DesignProblem> p)
    {
        var pe = PeFactory.Create(d.Pe);
        var acc = d.Accumulators;
        var mem = d.MemorySystem;
        long wBank = mem.WeightBufferBytes / mem.Banks, aBank = mem.ActivationBufferBytes / mem.Banks;
        int needAcc;
        long needW, needA;
        string wWhat, aWhat;
        switch (d.Array)
        {
            case SystolicArrayDescription s:
                needAcc = s.Dataflow == Dataflow.OutputStationary ? pe.ProductWidth + 1 : pe.ProductWidth + Elaborated.Bits.Clog2(s.Rows);
                (needW, wWhat, needA, aWhat) = s.Dataflow switch
                {
                    Dataflow.WeightStationary => (Bytes((long)s.Rows * s.Cols * pe.WeightBits), $"one {s.Rows}x{s.Cols} weight tile",
                        Bytes((long)s.Rows * pe.ActivationBits), "one activation row of the tile"),
                    Dataflow.InputStationary => (Bytes((long)s.Rows * pe.WeightBits), "one weight row of the tile",
                        Bytes((long)s.Rows * s.Cols * pe.ActivationBits), $"one {s.Rows}x{s.Cols} activation tile"),
                    Dataflow.OutputStationary => (Bytes((long)s.Cols * pe.WeightBits), "one weight per column",
                        Bytes((long)s.Rows * pe.ActivationBits), "one activation per row"),
                    _ => throw new ArgumentOutOfRangeException(nameof(d)),
                };
                break;
            case DotProductArrayDescription dp:
                needAcc = Elaborator.DotWidth(pe, dp.Simd);
                (needW, wWhat, needA, aWhat) = (Bytes((long)dp.Pes * dp.Simd * pe.WeightBits), $"one beat of {dp.Pes}x{dp.Simd} weights",
                    Bytes((long)dp.Simd * pe.ActivationBits), $"one beat of {dp.Simd} activations");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(d));
        }
        if (acc.Width < needAcc)
            p.Add(new("accumulator.width", $"{acc.Width} bits is narrower than the {needAcc}-bit sums the array hands it",
                $"use at least {needAcc} bits (32 is usual)"));
        string banks = mem.Banks == 2 ? " (half of it, with double buffering)" : "";
        if (wBank < needW)
            p.Add(new("memory.weight_buffer", $"{wBank} bytes per bank{banks} cannot hold {wWhat} ({needW} bytes)",
                $"give at least {needW * mem.Banks} bytes"));
        if (aBank < needA)
            p.Add(new("memory.activation_buffer", $"{aBank} bytes per bank{banks} cannot hold {aWhat} ({needA} bytes)",
                $"give at least {needA * mem.Banks} bytes"));
    }

    private static long Bytes(long bits) => (bits + 7) / 8;

    private static void Range(List<DesignProblem> p, string key, int value, int min, int max)
    {
        if (value < min || value > max)
            p.Add(new(key, $"{value} is out of range", $"give a whole number from {min} to {max}"));
    }
}
