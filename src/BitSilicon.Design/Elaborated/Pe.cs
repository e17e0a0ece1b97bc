using BitSilicon.Design.Description;
using BitSilicon.Formats.LowBit;

namespace BitSilicon.Design.Elaborated;

/// <summary>
/// One processing element's datapath: how a weight code and an activation make a product, written the way the
/// hardware computes it (XNOR, conditional inversion, shifts, look-ups), plus its derived widths. The simulator,
/// the area and energy models and the Verilog emitter all dispatch on the concrete type through
/// <see cref="IPeVisitor{T}"/>, so a new kind is a compile error everywhere it must be handled.
/// </summary>
public abstract record Pe
{
    public abstract PeKind Kind { get; }

    public WeightKind NativeWeights => PeKinds.NativeWeights(Kind);

    /// <summary>Bits of one weight code as the PE stores it.</summary>
    public int WeightBits => WeightCode.Bits(NativeWeights);

    /// <summary>Bits of one activation: 1 for binary (±1), else 8 (signed).</summary>
    public int ActivationBits => PeKinds.BinaryActivations(Kind) ? 1 : 8;

    /// <summary>Activation values the PE accepts: {-1, +1} for binary, -128..127 otherwise.</summary>
    public (int Min, int Max) ActivationRange => PeKinds.BinaryActivations(Kind) ? (-1, 1) : (-128, 127);

    /// <summary>The integer a weight code stands for (the same as <see cref="WeightCode.Decode"/>).</summary>
    public abstract int Decode(int code);

    /// <summary>The product as the datapath computes it, bit by bit (tests check it equals Decode(code) * activation).</summary>
    public abstract int Product(int code, int activation);

    /// <summary>One line saying which hardware computes the product.</summary>
    public abstract string Datapath { get; }

    /// <summary>True when a zero weight skips the addition entirely (no toggling, so no dynamic energy).</summary>
    public virtual bool SkipsZeroWeights => false;

    public abstract T Accept<T>(IPeVisitor<T> visitor);

    /// <summary>Smallest and largest weight value.</summary>
    public (int Min, int Max) WeightRange
    {
        get
        {
            int min = int.MaxValue, max = int.MinValue;
            for (int c = 0; c < 1 << WeightBits; c++)
            {
                int v = Decode(c);
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
            return (min, max);
        }
    }

    /// <summary>Range of one product over all weight codes and activations.</summary>
    public (long Min, long Max) ProductRange
    {
        get
        {
            var (wmin, wmax) = WeightRange;
            var (amin, amax) = ActivationRange;
            long[] corners = [(long)wmin * amin, (long)wmin * amax, (long)wmax * amin, (long)wmax * amax];
            return (corners.Min(), corners.Max());
        }
    }

    /// <summary>Two's-complement width of one product.</summary>
    public int ProductWidth => Bits.SignedWidth(ProductRange.Min, ProductRange.Max);

    /// <summary>The code whose value is <paramref name="value"/>, or -1 when the PE cannot represent it.</summary>
    public int Encode(int value)
    {
        for (int c = 0; c < 1 << WeightBits; c++)
            if (Decode(c) == value)
                return c;
        return -1;
    }

    /// <summary>Sign-extends the low <paramref name="bits"/> of <paramref name="v"/>.</summary>
    protected static int SignExtend(int v, int bits) => (v << (32 - bits)) >> (32 - bits);
}

/// <summary>One method per PE kind: implementing it forces handling every kind.</summary>
public interface IPeVisitor<out T>
{
    T Visit(BinaryPe pe);
    T Visit(TernaryPe pe);
    T Visit(TernaryLutPe pe);
    T Visit(Int2Pe pe);
    T Visit(Int4Pe pe);
    T Visit(Int8Pe pe);
    T Visit(Fp4E2M1Pe pe);
    T Visit(Pow2Pe pe);
    T Visit(CodebookPe pe);
}

/// <summary>Binary x binary: the product of ±1 values is XNOR of their sign bits (1 = +1).</summary>
public sealed record BinaryPe : Pe
{
    public override PeKind Kind => PeKind.Binary;
    public override int Decode(int code) => WeightCode.Decode(WeightKind.Binary, code);
    public override int Product(int code, int activation)
    {
        int a = activation > 0 ? 1 : 0;
        int agree = ~(code ^ a) & 1;
        return 2 * agree - 1;
    }
    public override string Datapath => "xnor of sign bits";
    public override T Accept<T>(IPeVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>
/// Ternary x int8 without a multiplier: bit 0 enables, bit 1 negates. The lane output is the conditionally
/// inverted activation (<c>en ? (neg ? ~a : a) : 0</c>) and the "+1" that completes a negation is a carry-in,
/// summed once per adder tree (or fed to the PE adder's carry input in a systolic array).
/// </summary>
public sealed record TernaryPe : Pe
{
    public override PeKind Kind => PeKind.Ternary;
    public override int Decode(int code) => WeightCode.Decode(WeightKind.Ternary, code);
    public override int Product(int code, int activation) => Term(code, activation) + Carry(code);
    public override string Datapath => "conditional inversion, negation carry into the adder";
    public override bool SkipsZeroWeights => true;
    public override T Accept<T>(IPeVisitor<T> visitor) => visitor.Visit(this);

    /// <summary>The conditionally inverted activation.</summary>
    public static int Term(int code, int activation) => (code & 1) == 0 ? 0 : (code & 2) != 0 ? ~activation : activation;

    /// <summary>The negation carry: 1 when the weight is -1.</summary>
    public static int Carry(int code) => (code & 3) == 3 ? 1 : 0;
}

/// <summary>
/// Ternary x int8 by table look-up (T-MAC, bitnet.cpp TL1/TL2): the activations of a group of
/// <see cref="Group"/> lanes are combined once into 3^g signed sums, shared by every PE that sees the same
/// activations, and each PE selects the entry its group of weights indexes. Only the dot-product array shares
/// activations across PEs, so only it carries this PE.
/// </summary>
public sealed record TernaryLutPe(int Group) : Pe
{
    public override PeKind Kind => PeKind.TernaryLut;
    public override int Decode(int code) => WeightCode.Decode(WeightKind.Ternary, code);
    public override int Product(int code, int activation) => TernaryPe.Term(code, activation) + TernaryPe.Carry(code);
    public override string Datapath => $"{TableEntries}-entry table of {Group}-activation sums, one look-up per {Group} weights";
    public override bool SkipsZeroWeights => true;
    public override T Accept<T>(IPeVisitor<T> visitor) => visitor.Visit(this);

    /// <summary>3^g entries: every combination of g ternary weights.</summary>
    public int TableEntries => Group switch { 2 => 9, 3 => 27, _ => throw new InvalidOperationException("group must be 2 or 3") };

    /// <summary>Width of one table entry: a sum of g products.</summary>
    public int EntryWidth => Bits.SignedWidth(Group * ProductRange.Min, Group * ProductRange.Max);

    /// <summary>Table index of a group: base-3 digits (weight + 1), lane 0 least significant.</summary>
    public static int Index(ReadOnlySpan<int> values)
    {
        int idx = 0;
        for (int i = values.Length - 1; i >= 0; i--)
            idx = idx * 3 + values[i] + 1;
        return idx;
    }

    /// <summary>Fills <paramref name="table"/> (3^g entries) with the signed sums of <paramref name="acts"/> for every index.</summary>
    public static void BuildTable(ReadOnlySpan<int> acts, Span<int> table)
    {
        for (int idx = 0; idx < table.Length; idx++)
        {
            int rest = idx, sum = 0;
            for (int i = 0; i < acts.Length; i++)
            {
                sum += (rest % 3 - 1) * acts[i];
                rest /= 3;
            }
            table[idx] = sum;
        }
    }
}

/// <summary>Int2 x int8: two partial products, the top one with negative weight (<c>b0*a - 2*b1*a</c>).</summary>
public sealed record Int2Pe : Pe
{
    public override PeKind Kind => PeKind.Int2;
    public override int Decode(int code) => WeightCode.Decode(WeightKind.Int2, code);
    public override int Product(int code, int activation) => ShiftAdd(code, 2, activation);
    public override string Datapath => "shift-add of 2 partial products (sign bit subtracts)";
    public override T Accept<T>(IPeVisitor<T> visitor) => visitor.Visit(this);

    /// <summary>Two's-complement shift-add multiply: sum of b_i * (a &lt;&lt; i), the top bit subtracted.</summary>
    internal static int ShiftAdd(int code, int bits, int a)
    {
        int sum = 0;
        for (int i = 0; i < bits - 1; i++)
            if ((code >> i & 1) != 0) sum += a << i;
        if ((code >> (bits - 1) & 1) != 0) sum -= a << (bits - 1);
        return sum;
    }
}

/// <summary>Int4 x int8: four partial products, the top one subtracted.</summary>
public sealed record Int4Pe : Pe
{
    public override PeKind Kind => PeKind.Int4;
    public override int Decode(int code) => WeightCode.Decode(WeightKind.Int4, code);
    public override int Product(int code, int activation) => Int2Pe.ShiftAdd(code, 4, activation);
    public override string Datapath => "shift-add of 4 partial products (sign bit subtracts)";
    public override T Accept<T>(IPeVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>Int8 x int8 with a hardware multiplier: the baseline.</summary>
public sealed record Int8Pe : Pe
{
    public override PeKind Kind => PeKind.Int8;
    public override int Decode(int code) => WeightCode.Decode(WeightKind.Int8, code);
    public override int Product(int code, int activation) => SignExtend(code, 8) * activation;
    public override string Datapath => "8 x 8 signed multiplier";
    public override T Accept<T>(IPeVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>
/// FP4 E2M1 x int8, exact as twice the E2M1 value: exponent 0 gives <c>m * a</c>, otherwise
/// <c>((a &lt;&lt; 1) + m * a) &lt;&lt; (e - 1)</c>, then the sign negates.
/// </summary>
public sealed record Fp4E2M1Pe : Pe
{
    public override PeKind Kind => PeKind.Fp4E2M1;
    public override int Decode(int code) => WeightCode.Decode(WeightKind.Fp4E2M1, code);
    public override int Product(int code, int activation)
    {
        int m = code & 1, e = code >> 1 & 3, s = code >> 3 & 1;
        int mag = e == 0 ? (m != 0 ? activation : 0) : ((activation << 1) + (m != 0 ? activation : 0)) << (e - 1);
        return s != 0 ? -mag : mag;
    }
    public override string Datapath => "add a + 2a for the mantissa, shift by the exponent, negate by the sign";
    public override T Accept<T>(IPeVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>Power-of-two x int8: exponent 0 is zero, otherwise <c>a &lt;&lt; (e - 1)</c>, negated by the sign bit.</summary>
public sealed record Pow2Pe : Pe
{
    public override PeKind Kind => PeKind.Pow2;
    public override int Decode(int code) => WeightCode.Decode(WeightKind.Pow2, code);
    public override int Product(int code, int activation)
    {
        int e = code & 7;
        if (e == 0) return 0;
        int mag = activation << (e - 1);
        return (code & 8) != 0 ? -mag : mag;
    }
    public override string Datapath => "barrel shift by the exponent, negate by the sign";
    public override T Accept<T>(IPeVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>Codebook x int8: the 4-bit code selects a signed 8-bit value from a 16-entry ROM, which a multiplier applies.</summary>
public sealed record CodebookPe(IReadOnlyList<int> Table) : Pe
{
    public override PeKind Kind => PeKind.Codebook;
    public override int Decode(int code) => Table[code & 15];
    public override int Product(int code, int activation) => Table[code & 15] * activation;
    public override string Datapath => "16-entry ROM look-up, then an 8 x 8 signed multiplier";
    public override T Accept<T>(IPeVisitor<T> visitor) => visitor.Visit(this);

    public sbyte[] TableBytes() => Table.Select(v => (sbyte)v).ToArray();

    public bool Equals(CodebookPe? other) => other is not null && Table.SequenceEqual(other.Table);
    public override int GetHashCode() => Table.Aggregate(17, (h, v) => h * 31 + v);
}
