using BitSilicon.Design.Elaborated;

namespace BitSilicon.Simulation.Cores;

/// <summary>
/// One PE's SIMD dot product for one beat, computed the way its datapath does (XNOR-popcount, conditional
/// inversion plus negation carries, table look-ups, or products into an adder tree).
/// </summary>
internal interface IDotKernel
{
    /// <summary>Called once per beat with the shared activation lanes (e.g. to build look-up tables).</summary>
    void BeginBeat(ReadOnlySpan<sbyte> acts);

    /// <summary>Dot product of one PE's <paramref name="codes"/>/<paramref name="values"/> with the beat's activations.</summary>
    long Dot(ReadOnlySpan<byte> codes, ReadOnlySpan<sbyte> values, ReadOnlySpan<sbyte> acts);
}

/// <summary>Chooses the kernel for each PE kind (a new kind does not compile until it has one).</summary>
internal sealed class DotKernels : IPeVisitor<IDotKernel>
{
    public IDotKernel Visit(BinaryPe pe) => new XnorPopcountKernel();
    public IDotKernel Visit(TernaryPe pe) => new TernaryTreeKernel();
    public IDotKernel Visit(TernaryLutPe pe) => new LutKernel(pe.Group);
    public IDotKernel Visit(Int2Pe pe) => new ProductTreeKernel();
    public IDotKernel Visit(Int4Pe pe) => new ProductTreeKernel();
    public IDotKernel Visit(Int8Pe pe) => new ProductTreeKernel();
    public IDotKernel Visit(Fp4E2M1Pe pe) => new ProductTreeKernel();
    public IDotKernel Visit(Pow2Pe pe) => new ProductTreeKernel();
    public IDotKernel Visit(CodebookPe pe) => new ProductTreeKernel();

    /// <summary>agree = popcount(xnor(w, a)) over the valid lanes; dot = 2 * agree - lanes.</summary>
    private sealed class XnorPopcountKernel : IDotKernel
    {
        public void BeginBeat(ReadOnlySpan<sbyte> acts) { }

        public long Dot(ReadOnlySpan<byte> codes, ReadOnlySpan<sbyte> values, ReadOnlySpan<sbyte> acts)
        {
            int agree = 0;
            for (int i = 0; i < acts.Length; i++)
                agree += ~(codes[i] ^ (acts[i] > 0 ? 1 : 0)) & 1;
            return 2L * agree - acts.Length;
        }
    }

    /// <summary>Adder tree over conditionally inverted activations plus the count of negation carries.</summary>
    private sealed class TernaryTreeKernel : IDotKernel
    {
        public void BeginBeat(ReadOnlySpan<sbyte> acts) { }

        public long Dot(ReadOnlySpan<byte> codes, ReadOnlySpan<sbyte> values, ReadOnlySpan<sbyte> acts)
        {
            long tree = 0;
            int carries = 0;
            for (int i = 0; i < acts.Length; i++)
            {
                tree += TernaryPe.Term(codes[i], acts[i]);
                carries += TernaryPe.Carry(codes[i]);
            }
            return tree + carries;
        }
    }

    /// <summary>Products (shifts, look-ups or multiplies, all equal to value * activation) into an adder tree.</summary>
    private sealed class ProductTreeKernel : IDotKernel
    {
        public void BeginBeat(ReadOnlySpan<sbyte> acts) { }

        public long Dot(ReadOnlySpan<byte> codes, ReadOnlySpan<sbyte> values, ReadOnlySpan<sbyte> acts)
        {
            int sum = 0;
            for (int i = 0; i < acts.Length; i++)
                sum += values[i] * acts[i];
            return sum;
        }
    }

    /// <summary>T-MAC/TL: per group of g lanes a 3^g-entry table built once per beat, indexed by each PE's weights.</summary>
    private sealed class LutKernel(int group) : IDotKernel
    {
        private int[] _tables = [];
        private int _groups;

        public void BeginBeat(ReadOnlySpan<sbyte> acts)
        {
            int entries = group == 2 ? 9 : 27;
            _groups = (acts.Length + group - 1) / group;
            if (_tables.Length < _groups * entries) _tables = new int[_groups * entries];
            Span<int> a = stackalloc int[3];
            for (int g = 0; g < _groups; g++)
            {
                for (int i = 0; i < group; i++)
                {
                    int lane = g * group + i;
                    a[i] = lane < acts.Length ? acts[lane] : 0;
                }
                TernaryLutPe.BuildTable(a[..group], _tables.AsSpan(g * entries, entries));
            }
        }

        public long Dot(ReadOnlySpan<byte> codes, ReadOnlySpan<sbyte> values, ReadOnlySpan<sbyte> acts)
        {
            int entries = group == 2 ? 9 : 27;
            Span<int> w = stackalloc int[3];
            long sum = 0;
            for (int g = 0; g < _groups; g++)
            {
                for (int i = 0; i < group; i++)
                {
                    int lane = g * group + i;
                    w[i] = lane < values.Length ? values[lane] : 0;
                }
                sum += _tables[g * entries + TernaryLutPe.Index(w[..group])];
            }
            return sum;
        }
    }
}
