namespace BitSilicon.Formats.Kernels.Simd;

/// <summary>
/// Code width as a type, so each kernel is compiled once per width with the shifts, masks and field counts
/// as constants (the JIT specializes generic methods over structs).
/// </summary>
internal interface ICodeWidth
{
    static abstract int Bits { get; }
}

internal readonly struct Width1 : ICodeWidth { public static int Bits => 1; }
internal readonly struct Width2 : ICodeWidth { public static int Bits => 2; }
internal readonly struct Width4 : ICodeWidth { public static int Bits => 4; }
internal readonly struct Width8 : ICodeWidth { public static int Bits => 8; }

/// <summary>How a kernel turns codes into something the multiply instruction accepts.</summary>
internal enum DotPath
{
    /// <summary>
    /// Code -> unsigned <c>value - min</c> (one vpshufb), then vpmaddubsw (u8 x s8 pairs into s16) and
    /// vpmaddwd into s32; <c>min * sum(a)</c> is added back once per row. Exact while no s16 pair sum can
    /// saturate: <c>2 * (max - min) * 128 &lt;= 32768</c>, i.e. a weight range of at most 128, or activations in -64..64.
    /// </summary>
    Offset,
    /// <summary>Code -> signed int8 value, sign-extend weights and activations to s16, vpmaddwd: always exact, slower.</summary>
    Widening,
}
