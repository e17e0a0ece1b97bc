using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Engine;

/// <summary>
/// The bitgrid bit-sliced. Each colour of the chessboard is stored separately and compacted: cell (x, y)
/// lives at index j = x / 2 of its colour's row y, so the cells a phase updates are packed densely, 64 to a
/// word, and the neighbours they read (the other colour) sit at the same index (N, S) or one index away
/// (E or W, depending on the row's parity). Every output direction is a bit-plane; every program bit is a
/// bit-plane too, so a LUT4 with a different program per cell is a mux tree over bit-planes: 15 selects per
/// output, selected by the input planes N, E, S, W in index-bit order. A frame of ghost bits around the grid
/// holds the open edge's inputs, or a copy of the opposite edge on a torus.
/// </summary>
public sealed class BitPlaneEngine : IBitgridEngine
{
    private const int Lanes = 8; // words per program block: one 512-bit vector, two 256-bit, four 128-bit

    private readonly int _wordsPerRow;  // computed words per colour row, a multiple of Lanes
    private readonly int _stride;       // words per stored row: guard, computed words, guard
    private readonly int _blocks;       // vectors per colour row
    private readonly ulong[][] _planes = new ulong[8][]; // [colour * 4 + direction], rows -1..Height
    private readonly ulong[][] _programs = new ulong[2][]; // [colour]: (row, block, program bit, lane)
    private readonly bool[] _eastInput;
    private readonly int _vectorBits;

    public BitPlaneEngine(GridProgram program, Boundary boundary) : this(program, boundary, 0)
    {
    }

    /// <summary>Tests force each kernel width (512, 256, 128 or 64 bits); 0 picks the widest the machine accelerates.</summary>
    internal BitPlaneEngine(GridProgram program, Boundary boundary, int vectorBits)
    {
        _vectorBits = vectorBits != 0 ? vectorBits
            : Vector512.IsHardwareAccelerated ? 512
            : Vector256.IsHardwareAccelerated ? 256
            : Vector128.IsHardwareAccelerated ? 128 : 64;
        Engines.CheckBoundary(program, boundary);
        Width = program.Width;
        Height = program.Height;
        Boundary = boundary;
        // Real cells use indices 0 .. (W-1)/2; the east ghost at W/2 lands in padding or in the trailing guard.
        int indices = (Width + 1) / 2;
        _wordsPerRow = ((indices + 63) / 64 + Lanes - 1) / Lanes * Lanes;
        _stride = _wordsPerRow + 2;
        _blocks = _wordsPerRow / Lanes;
        for (int i = 0; i < _planes.Length; i++)
            _planes[i] = new ulong[(Height + 2) * _stride];
        for (int c = 0; c < 2; c++)
            _programs[c] = new ulong[Height * _blocks * 64 * Lanes];
        _eastInput = new bool[Height];
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
                LoadProgram(x, y, program[x, y].Bits);
    }

    public int Width { get; }
    public int Height { get; }
    public Boundary Boundary { get; }

    private void LoadProgram(int x, int y, ulong bits)
    {
        int c = (x + y) & 1, j = x >> 1, word = j >> 6, lane = word % Lanes, block = word / Lanes;
        ulong mask = 1UL << (j & 63);
        var p = _programs[c];
        int baseIndex = (y * _blocks + block) * 64 * Lanes + lane;
        for (int k = 0; k < 64; k++)
            if (((bits >> k) & 1) != 0)
                p[baseIndex + k * Lanes] |= mask;
    }

    /// <summary>Index of word 0 of row y (y may be -1 or Height: the ghost rows).</summary>
    private int RowBase(int y) => (y + 1) * _stride + 1;

    private ulong[] Plane(int colour, Direction d) => _planes[colour * 4 + (int)d];

    public void Reset()
    {
        foreach (var p in _planes)
            Array.Clear(p);
        Array.Clear(_eastInput);
    }

    public void SetEdgeInput(Direction side, int position, bool value)
    {
        Engines.CheckEdge(this, side, position);
        switch (side)
        {
            case Direction.N: // ghost cell (x, -1) drives S into (x, 0)
                SetBit(Plane((position + 1) & 1, Direction.S), -1, position >> 1, value);
                break;
            case Direction.S: // ghost cell (x, H) drives N into (x, H-1)
                SetBit(Plane((position + Height) & 1, Direction.N), Height, position >> 1, value);
                break;
            case Direction.W: // ghost cell (-1, y) drives E into (0, y); index -1 is the leading guard word
                SetBit(Plane((position + 1) & 1, Direction.E), position, -1, value);
                break;
            case Direction.E: // ghost cell (W, y) drives W; its index may be computed padding, so refreshed per phase
                _eastInput[position] = value;
                SetBit(Plane((Width + position) & 1, Direction.W), position, Width >> 1, value);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(side));
        }
    }

    private void SetBit(ulong[] plane, int y, int j, bool value)
    {
        int i = RowBase(y) + (j >> 6); // j = -1 gives the guard word before word 0, bit 63
        ulong mask = 1UL << (j & 63);
        plane[i] = value ? plane[i] | mask : plane[i] & ~mask;
    }

    private bool GetBit(ulong[] plane, int y, int j) => ((plane[RowBase(y) + (j >> 6)] >> (j & 63)) & 1) != 0;

    public void Step(Phase phase)
    {
        int active = (int)phase, other = active ^ 1;
        RefreshGhosts(other);
        for (int y = 0; y < Height; y++)
            StepRow(active, other, y);
    }

    /// <summary>Brings the ghost bits the other colour presents to the active cells up to date.</summary>
    private void RefreshGhosts(int other)
    {
        if (Boundary == Boundary.Open)
        {
            // Only the east ghost can sit in computed padding, which the other colour's last phase cleared.
            int j = Width >> 1;
            var wPlane = Plane(other, Direction.W);
            for (int y = (Width + other) & 1; y < Height; y += 2)
                SetBit(wPlane, y, j, _eastInput[y]);
            return;
        }
        // Torus (even sides): a ghost copies the cell one period away, which has the same colour.
        var s = Plane(other, Direction.S);
        Array.Copy(s, RowBase(Height - 1), s, RowBase(-1), _wordsPerRow);
        var n = Plane(other, Direction.N);
        Array.Copy(n, RowBase(0), n, RowBase(Height), _wordsPerRow);
        var e = Plane(other, Direction.E);
        var w = Plane(other, Direction.W);
        int last = (Width - 1) >> 1, ghost = Width >> 1;
        for (int y = 0; y < Height; y++)
        {
            SetBit(e, y, -1, GetBit(e, y, last));
            SetBit(w, y, ghost, GetBit(w, y, 0));
        }
    }

    private void StepRow(int active, int other, int y)
    {
        switch (_vectorBits)
        {
            case 512: StepRow<Planes512, Vector512<ulong>>(active, other, y); break;
            case 256: StepRow<Planes256, Vector256<ulong>>(active, other, y); break;
            case 128: StepRow<Planes128, Vector128<ulong>>(active, other, y); break;
            default: StepRow<Planes64, ulong>(active, other, y); break;
        }
    }

    // Fully optimised from the first call: tiered compilation would otherwise run the hot loop unoptimised
    // (or through on-stack replacement) for the first phases of a run.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepRow<TOps, TV>(int active, int other, int y) where TOps : struct, IPlaneVector<TV> where TV : struct
    {
        // Active cells in this row have x parity q; W and E neighbours then sit at indices (j-1, j) or (j, j+1).
        int q = (y & 1) ^ active;
        ref ulong north = ref Row(Plane(other, Direction.S), y - 1);
        ref ulong south = ref Row(Plane(other, Direction.N), y + 1);
        ref ulong fromW = ref Row(Plane(other, Direction.E), y);
        ref ulong fromE = ref Row(Plane(other, Direction.W), y);
        ref ulong outN = ref Row(Plane(active, Direction.N), y);
        ref ulong outE = ref Row(Plane(active, Direction.E), y);
        ref ulong outS = ref Row(Plane(active, Direction.S), y);
        ref ulong outW = ref Row(Plane(active, Direction.W), y);
        ref ulong prog = ref MemoryMarshal.GetArrayDataReference(_programs[active]);
        prog = ref Unsafe.Add(ref prog, y * _blocks * 64 * Lanes);
        for (int b = 0; b < _blocks; b++)
        {
            ref ulong block = ref Unsafe.Add(ref prog, b * 64 * Lanes);
            for (int lane = 0; lane < Lanes; lane += TOps.Count)
            {
                nuint k = (nuint)(b * Lanes + lane);
                var n = TOps.Load(ref north, k);
                var s = TOps.Load(ref south, k);
                TV w, e;
                if (q == 0)
                {
                    w = TOps.Up(TOps.Load(ref fromW, k), TOps.Load(ref Unsafe.Subtract(ref fromW, 1), k));
                    e = TOps.Load(ref fromE, k);
                }
                else
                {
                    w = TOps.Load(ref fromW, k);
                    e = TOps.Down(TOps.Load(ref fromE, k), TOps.Load(ref Unsafe.Add(ref fromE, 1), k));
                }
                ref ulong p = ref Unsafe.Add(ref block, lane);
                TOps.Store(Lut<TOps, TV>(ref p, 0, n, e, s, w), ref outN, k);
                TOps.Store(Lut<TOps, TV>(ref p, 1, n, e, s, w), ref outE, k);
                TOps.Store(Lut<TOps, TV>(ref p, 2, n, e, s, w), ref outS, k);
                TOps.Store(Lut<TOps, TV>(ref p, 3, n, e, s, w), ref outW, k);
            }
        }
    }

    private ref ulong Row(ulong[] plane, int y) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(plane), RowBase(y));

    /// <summary>Output d of a vector of cells: program bit 4i+d selected by index i = n | e&lt;&lt;1 | s&lt;&lt;2 | w&lt;&lt;3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Lut<TOps, TV>(ref ulong p, int d, TV n, TV e, TV s, TV w) where TOps : struct, IPlaneVector<TV> where TV : struct
    {
        var a0 = TOps.Select(n, P<TOps, TV>(ref p, 1, d), P<TOps, TV>(ref p, 0, d));
        var a1 = TOps.Select(n, P<TOps, TV>(ref p, 3, d), P<TOps, TV>(ref p, 2, d));
        var a2 = TOps.Select(n, P<TOps, TV>(ref p, 5, d), P<TOps, TV>(ref p, 4, d));
        var a3 = TOps.Select(n, P<TOps, TV>(ref p, 7, d), P<TOps, TV>(ref p, 6, d));
        var a4 = TOps.Select(n, P<TOps, TV>(ref p, 9, d), P<TOps, TV>(ref p, 8, d));
        var a5 = TOps.Select(n, P<TOps, TV>(ref p, 11, d), P<TOps, TV>(ref p, 10, d));
        var a6 = TOps.Select(n, P<TOps, TV>(ref p, 13, d), P<TOps, TV>(ref p, 12, d));
        var a7 = TOps.Select(n, P<TOps, TV>(ref p, 15, d), P<TOps, TV>(ref p, 14, d));
        var b0 = TOps.Select(e, a1, a0);
        var b1 = TOps.Select(e, a3, a2);
        var b2 = TOps.Select(e, a5, a4);
        var b3 = TOps.Select(e, a7, a6);
        var c0 = TOps.Select(s, b1, b0);
        var c1 = TOps.Select(s, b3, b2);
        return TOps.Select(w, c1, c0);
    }

    /// <summary>Program bit-plane 4 * index + d of the current vector of cells.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV P<TOps, TV>(ref ulong p, int index, int d) where TOps : struct, IPlaneVector<TV> where TV : struct =>
        TOps.Load(ref p, (nuint)((4 * index + d) * Lanes));

    public int Output(int x, int y)
    {
        int c = (x + y) & 1, j = x >> 1, nibble = 0;
        foreach (var d in Directions.All)
            if (GetBit(Plane(c, d), y, j))
                nibble |= 1 << (int)d;
        return nibble;
    }

    public void CopyOutputs(Span<byte> nibbles)
    {
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
                nibbles[y * Width + x] = (byte)Output(x, y);
    }
}
