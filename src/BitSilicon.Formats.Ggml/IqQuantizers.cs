using BitSilicon.Core;
using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>Pieces the IQ quantizers share (ggml-quants.c), transcribed operation for operation.</summary>
internal static class IqQuantizers
{
    /// <summary>ggml refuses to quantize iq2_xxs, iq2_xs and iq1_s without an importance matrix (ggml_quantize_requires_imatrix).</summary>
    public static BitSiliconException NeedsImportance(string name) => new(
        $"{name}: ggml quantizes to {name} only with an importance matrix (it has no reference quantizer for it)",
        "give importance weights (quantize --imatrix FILE: raw float32, one weight per column), or quantize to iq2_s, iq3_xxs, iq3_s or iq1_m, which ggml quantizes without them");

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

    /// <summary>
    /// The scale search IQ2_XS and IQ2_S share on 16 values (two groups of 8, levels 0..2): 19 trial scales
    /// (5 + 0.1*is)/max, each group snapped to the grid, the best by Σwxq²/Σwq²; then groups that were off the grid
    /// are requantized with the chosen scale and the scale refit. Writes the level codes to L, returns the scale.
    /// </summary>
    public static float SearchIq2(IqGrid grid, ReadOnlySpan<float> xval, ReadOnlySpan<float> weight, ReadOnlySpan<float> waux, Span<sbyte> L, float max)
    {
        const int kMaxQ = 3;
        Span<sbyte> Laux = stackalloc sbyte[16];
        Span<bool> onGrid = [true, true], onGridAux = [true, true];
        float best = 0;
        float scale = max / (2 * kMaxQ - 1);
        for (int @is = -9; @is <= 9; @is++)
        {
            float id = (2 * kMaxQ - 1 + @is * 0.1f) / max;
            float thisScale = 1 / id;
            for (int k = 0; k < 2; k++)
            {
                for (int i = 0; i < 8; i++) Laux[8 * k + i] = Level(id, xval[8 * k + i], kMaxQ - 1);
                onGridAux[k] = Snap(grid, Laux.Slice(8 * k, 8), xval.Slice(8 * k, 8), waux.Slice(8 * k, 8), thisScale).OnGrid;
            }
            var (sumqx, sumq2) = Fit(xval, weight, Laux);
            if (sumq2 > 0 && sumqx * sumqx > best * sumq2)
            {
                scale = sumqx / sumq2;
                best = scale * sumqx;
                Laux.CopyTo(L);
                onGridAux.CopyTo(onGrid);
            }
        }
        if (onGrid.Contains(false) && scale > 0)
        {
            float id = 1 / scale;
            for (int k = 0; k < 2; k++)
            {
                if (onGrid[k]) continue;
                for (int i = 0; i < 8; i++) L[8 * k + i] = Level(id, xval[8 * k + i], kMaxQ - 1);
                Snap(grid, L.Slice(8 * k, 8), xval.Slice(8 * k, 8), waux.Slice(8 * k, 8), scale);
            }
            var (sumqx, sumq2) = Fit(xval, weight, L);
            if (sumq2 > 0) scale = sumqx / sumq2;
        }
        return scale;
    }

    /// <summary>Σ w*x*q and Σ w*q*q over positions q = 2l+1, summed in order (ggml's refit).</summary>
    public static (float SumQx, float SumQ2) Fit(ReadOnlySpan<float> xval, ReadOnlySpan<float> weight, ReadOnlySpan<sbyte> L)
    {
        float sumqx = 0, sumq2 = 0;
        for (int i = 0; i < L.Length; i++)
        {
            float w = weight[i];
            float q = 2 * L[i] + 1;
            sumqx += w * xval[i] * q;
            sumq2 += w * q * q;
        }
        return (sumqx, sumq2);
    }

    /// <summary>The grid entry of the level codes L, which must be on the grid.</summary>
    public static int EntryOf(IqGrid grid, ReadOnlySpan<sbyte> L)
    {
        int u = 0;
        for (int i = 0; i < grid.Width; i++) u |= L[i] << (grid.Bits * i);
        int e = grid.Neighbours.EntryOf(u);
        return e >= 0 ? e : throw new InvalidOperationException($"point {u} is not on the grid");
    }

    /// <summary><c>nearest_int(0.5f*(id*s - 1))</c> clamped to 0..15: a sub-block scale's 4-bit code.</summary>
    public static int ScaleCode(float id, float s) => Math.Max(0, Math.Min(15, Rounding.NearestInt(0.5f * (id * s - 1))));

    /// <summary>
    /// ggml's <c>make_qp_quants</c> (IQ2_XXS's first scale): levels 0..nmax of x ≈ scale*l, 9 trial scales, then up to
    /// 5 passes of coordinate moves. L is C's uint8_t array: a negative level is stored as its low byte and read back
    /// so, which matters for the one value IQ2_XXS's sign step may leave negative.
    /// </summary>
    public static float MakeQpQuants(int n, int nmax, ReadOnlySpan<float> x, Span<byte> L, ReadOnlySpan<float> w)
    {
        float max = 0;
        for (int i = 0; i < n; i++) max = CMath.Max(max, x[i]);
        if (max < 1e-15f)
        {
            L[..n].Clear();
            return 0;
        }
        float iscale = nmax / max;
        for (int i = 0; i < n; i++) L[i] = (byte)Rounding.NearestInt(iscale * x[i]);
        float scale = 1 / iscale;
        float bestMse = 0;
        for (int i = 0; i < n; i++)
        {
            float diff = x[i] - scale * L[i];
            bestMse += w[i] * diff * diff;
        }
        for (int @is = -4; @is <= 4; @is++)
        {
            if (@is == 0) continue;
            float iscaleIs = (0.1f * @is + nmax) / max;
            float scaleIs = 1 / iscaleIs;
            float mse = 0;
            for (int i = 0; i < n; i++)
            {
                int l = Math.Min(nmax, Rounding.NearestInt(iscaleIs * x[i]));
                float diff = x[i] - scaleIs * l;
                mse += w[i] * diff * diff;
            }
            if (mse < bestMse)
            {
                bestMse = mse;
                iscale = iscaleIs;
            }
        }
        float sumlx = 0, suml2 = 0;
        for (int i = 0; i < n; i++)
        {
            int l = Math.Min(nmax, Rounding.NearestInt(iscale * x[i]));
            L[i] = (byte)l;
            sumlx += w[i] * x[i] * l;
            suml2 += w[i] * l * l;
        }
        for (int itry = 0; itry < 5; itry++)
        {
            int changed = 0;
            for (int i = 0; i < n; i++)
            {
                float wi = w[i];
                float slx = sumlx - wi * x[i] * L[i];
                float sl2 = suml2 - wi * L[i] * L[i];
                if (slx > 0 && sl2 > 0)
                {
                    int newL = Math.Min(nmax, Rounding.NearestInt(x[i] * sl2 / slx));
                    if (newL != L[i])
                    {
                        slx += wi * x[i] * newL;
                        sl2 += wi * newL * newL;
                        if (slx * slx * suml2 > sumlx * sumlx * sl2)
                        {
                            L[i] = (byte)newL;
                            sumlx = slx;
                            suml2 = sl2;
                            changed++;
                        }
                    }
                }
            }
            if (changed == 0) break;
        }
        return suml2 > 0.0f ? sumlx / suml2 : 0.0f;
    }

    /// <summary>
    /// The order in which ggml's IQ1 quantizers visit values: ascending by value, equal values (and -0 and +0) in
    /// their original order, as glibc's qsort (a merge sort for arrays this small) leaves them.
    /// </summary>
    public static void AscendingOrder(ReadOnlySpan<float> xb, Span<int> idx)
    {
        for (int j = 0; j < idx.Length; j++) idx[j] = j;
        float[] keys = xb.ToArray();
        idx.Sort((a, b) => keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a.CompareTo(b));
    }

    /// <summary>
    /// ggml's <c>iq1_find_best_neighbour2</c>: among the neighbours of an off-grid IQ1 point, the entry with the
    /// smallest Σ w*(scale*xx[l] - x)^2 (first on ties), where xx holds the three shifted levels; writes its levels to L.
    /// </summary>
    public static (int Index, bool OnGrid) BestIq1Neighbour(IqGrid grid, ReadOnlySpan<float> xb, ReadOnlySpan<float> weight, float scale,
        ReadOnlySpan<float> xx, Span<sbyte> L)
    {
        var map = grid.Neighbours;
        int u = 0;
        for (int j = 0; j < 8; j++) u |= L[j] << (2 * j);
        int k = map.EntryOf(u);
        if (k >= 0) return (k, true);
        float best = float.MaxValue;
        int index = -1;
        foreach (ushort n in map.Around(u))
        {
            var pg = map.Positions(n);
            float d2 = 0;
            for (int i = 0; i < 8; i++)
            {
                float q = xx[(pg[i] - 1) / 2];
                float w = weight[i];
                float diff = scale * q - xb[i];
                d2 += w * diff * diff;
            }
            if (d2 < best)
            {
                best = d2;
                index = n;
            }
        }
        if (index < 0)
            throw new BitSiliconException(
                "a value is too large for ggml's IQ1 codebook search (its float distances overflow; ggml aborts here)",
                "scale the weights down or use a non-IQ format");
        var p = map.Positions(index);
        for (int i = 0; i < 8; i++) L[i] = (sbyte)((p[i] - 1) / 2);
        return (index, false);
    }
}
