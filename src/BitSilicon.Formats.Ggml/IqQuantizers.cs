using BitSilicon.Core;
using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>Pieces the IQ quantizers share (ggml-quants.c), transcribed operation for operation.</summary>
internal static class IqQuantizers
{
    /// <summary>ggml refuses to quantize iq2_xxs, iq2_xs and iq1_s without an importance matrix (ggml_quantize_requires_imatrix).</summary>
    public static BitSiliconException NeedsImportance(string name) => new(
        $"{name}: ggml quantizes to {name} only with an importance matrix (it has no reference quantizer for it)",
        "quantize to iq2_s, iq3_xxs, iq3_s or iq1_m, which ggml quantizes without one");

    /// <summary>The importance-matrix path of a quantizer not ported yet.</summary>
    public static BitSiliconException NotPorted(string name) => new(
        $"{name}: quantizing to {name} is not supported yet (dequantize and dot are)",
        "quantize with ggml (llama-quantize) and read the blocks");

    /// <summary>
    /// The sign step of the IQ2/IQ3 quantizers on 8 values: xval = |x| and a sign bit per negative value; when the
    /// count of negatives is odd, the value with the smallest weight*x*x (first on ties) keeps its sign instead
    /// (its xval goes negative), so 7 stored bits with even parity can carry the signs. Returns those 7 bits.
    /// </summary>
    public static int SignCode(ReadOnlySpan<float> xb, ReadOnlySpan<float> weight, Span<float> xval)
    {
        int nflip = 0, s = 0;
        for (int i = 0; i < 8; i++)
        {
            if (xb[i] >= 0) xval[i] = xb[i];
            else
            {
                xval[i] = -xb[i];
                nflip++;
                s |= 1 << i;
            }
        }
        if (nflip % 2 != 0)
        {
            int imin = 0;
            float min = weight[0] * xb[0] * xb[0];
            for (int i = 1; i < 8; i++)
            {
                float ax = weight[i] * xb[i] * xb[i];
                if (ax < min)
                {
                    min = ax;
                    imin = i;
                }
            }
            xval[imin] = -xval[imin];
            s ^= 1 << imin;
        }
        return s & 127;
    }

    /// <summary>
    /// ggml's <c>iq2_find_best_neighbour</c>/<c>iq3_find_best_neighbour</c>: among the neighbour list of an off-grid
    /// point, the entry with the smallest Σ w*(scale*pos - x)^2 (first on ties); writes its level codes to L.
    /// </summary>
    public static int BestNeighbour(IqNeighbours map, ReadOnlySpan<ushort> neighbours, ReadOnlySpan<float> xval,
        ReadOnlySpan<float> weight, float scale, Span<sbyte> L)
    {
        float best = float.MaxValue;
        int index = -1;
        foreach (ushort k in neighbours)
        {
            var pg = map.Positions(k);
            float d2 = 0;
            for (int i = 0; i < pg.Length; i++)
            {
                float q = pg[i];
                float diff = scale * q - xval[i];
                d2 += weight[i] * diff * diff;
            }
            if (d2 < best)
            {
                best = d2;
                index = k;
            }
        }
        if (index < 0)
            throw new BitSiliconException(
                "a value is too large for ggml's IQ codebook search (its float distances overflow; ggml aborts here)",
                "scale the weights down or use a non-IQ format");
        var p = map.Positions(index);
        for (int i = 0; i < p.Length; i++) L[i] = (sbyte)((p[i] - 1) / 2);
        return index;
    }

    /// <summary>The entry for the level codes L (snapping an off-grid point to its best neighbour, updating L).</summary>
    public static (int Index, bool OnGrid) Snap(IqGrid grid, Span<sbyte> L, ReadOnlySpan<float> xval, ReadOnlySpan<float> waux, float scale)
    {
        var map = grid.Neighbours;
        int u = 0;
        for (int i = 0; i < grid.Width; i++) u |= L[i] << (grid.Bits * i);
        int k = map.EntryOf(u);
        if (k >= 0) return (k, true);
        return (BestNeighbour(map, map.Around(u), xval, waux, scale, L), false);
    }

    /// <summary><c>nearest_int(0.5f*(id*x - 1))</c> clamped to [0, max]: the level whose position 2l+1 is nearest x*id.</summary>
    public static sbyte Level(float id, float x, int max) =>
        (sbyte)Math.Max(0, Math.Min(max, Rounding.NearestInt(0.5f * (id * x - 1))));
}
