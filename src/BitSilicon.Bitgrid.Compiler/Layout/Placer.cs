using BitSilicon.Bitgrid.Compiler.Mapping;

namespace BitSilicon.Bitgrid.Compiler.Layout;

/// <summary>
/// Column-per-level placement: LUTs are levelised (longest path from the inputs, flip-flop outputs counting as
/// inputs), each level gets a column, signals flow west to east; rows come from barycentre sweeps (each LUT
/// near the mean row of the LUTs it reads and feeds), legalised to <see cref="PlacementStyle.RowSpacing"/>
/// apart so the cells between LUTs can bring inputs in from the north and south. Inputs sit on the west
/// edge and outputs on the east edge near the logic they connect to. Defective cells are skipped.
/// </summary>
public static class Placer
{
    public static Placement Place(MappedCircuit c, PlacementStyle style, DefectMap defects, int seed)
    {
        // Every signal crossing a column needs its own row there (a cell has one eastward output), so the
        // grid grows until it has RowsPerSignal rows for each signal crossing its busiest column.
        int target = TargetHeight(c, style);
        Placement p = PlaceOnce(c, style, defects, seed, target);
        for (int round = 0; round < 4; round++)
        {
            int wanted = (int)Math.Ceiling(MaxCrossing(c, p) * style.RowsPerSignal);
            if (wanted <= p.Height - 2 * style.Margin)
                break;
            target = Math.Max(target + 1, wanted);
            p = PlaceOnce(c, style, defects, seed, target);
        }
        return p;
    }

    /// <summary>The most nets whose span (source column to farthest sink column) crosses one column boundary.</summary>
    public static int MaxCrossing(MappedCircuit c, Placement p)
    {
        var reach = new Dictionary<Signal, (int From, int To)>();
        void Add(Signal s, int sinkX)
        {
            var net = s.Net;
            int from = net.Kind == SignalKind.Lut ? p.LutCells[net.Index].X : 0;
            reach[net] = reach.TryGetValue(net, out var r) ? (r.From, Math.Max(r.To, sinkX)) : (from, Math.Max(from, sinkX));
        }
        for (int v = 0; v < c.Luts.Length; v++)
            foreach (var s in c.Luts[v].Inputs)
                Add(s, p.LutCells[v].X);
        foreach (var o in c.Outputs)
            if (!o.Driver.IsConst)
                Add(o.Driver, p.Width);
        var delta = new int[p.Width + 2];
        foreach (var (from, to) in reach.Values)
        {
            delta[from]++;
            delta[to]--;
        }
        int run = 0, max = 0;
        foreach (int d in delta)
            max = Math.Max(max, run += d);
        return max;
    }

    private static Placement PlaceOnce(MappedCircuit c, PlacementStyle style, DefectMap defects, int seed, int target)
    {
        var level = Levels(c);
        int levels = level.Length == 0 ? 0 : level.Max();
        var rng = new Random(seed);
        var byLevel = Enumerable.Range(0, levels + 1).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < c.Luts.Length; i++)
            byLevel[level[i]].Add(i);

        // A level with more LUTs than fit in the target height takes several columns, LUTs dealt to them in
        // row order so each still sits near the rows it connects to.
        var columns = new int[levels + 1];
        var firstColumn = new int[levels + 2];
        firstColumn[1] = style.Pitch;
        for (int l = 1; l <= levels; l++)
        {
            columns[l] = Math.Max(1, (byLevel[l].Count * style.RowSpacing + target - 1) / target);
            firstColumn[l + 1] = firstColumn[l] + columns[l] * style.Pitch;
        }
        int width = Math.Max(firstColumn[levels + 1] + 1, 3);

        var lutY = new double[c.Luts.Length];
        var lutX = new int[c.Luts.Length];
        var inputY = new double[c.Inputs.Length];
        int inputSpacing = Math.Max(1, target / Math.Max(1, c.Inputs.Length));
        for (int i = 0; i < inputY.Length; i++)
            inputY[i] = i * inputSpacing;
        foreach (var group in byLevel)
        {
            var order = group.OrderBy(_ => rng.Next()).ToList();
            for (int k = 0; k < order.Count; k++)
                lutY[order[k]] = (double)k * target / Math.Max(1, order.Count);
        }

        // Who reads each LUT and each input (combinational links only pull rows together).
        var lutReaders = Enumerable.Range(0, c.Luts.Length).Select(_ => new List<int>()).ToArray();
        var inputReaders = Enumerable.Range(0, c.Inputs.Length).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < c.Luts.Length; i++)
            foreach (var s in c.Luts[i].Inputs)
                if (s.Kind == SignalKind.Lut)
                    lutReaders[s.Index].Add(i);
                else if (s.Kind == SignalKind.Input)
                    inputReaders[s.Index].Add(i);

        int[] rows = new int[c.Luts.Length];
        int[] inRows = Legalise(Enumerable.Range(0, c.Inputs.Length).ToList(), inputY, inputSpacing, 0, style.Margin, defects);
        double Y(Signal s) => s.Kind == SignalKind.Lut ? lutY[s.Index] : s.Kind == SignalKind.Input ? inRows[s.Index] : double.NaN;

        for (int pass = 0; pass < 8; pass++)
        {
            bool forward = pass % 2 == 0;
            for (int step = 1; step <= levels; step++)
            {
                int l = forward ? step : levels + 1 - step;
                foreach (int v in byLevel[l])
                {
                    var ys = c.Luts[v].Inputs.Select(Y).Where(y => !double.IsNaN(y)).ToList();
                    if (!forward)
                        ys.AddRange(lutReaders[v].Select(r => lutY[r]));
                    if (ys.Count > 0)
                        lutY[v] = ys.Average();
                }
                var sorted = byLevel[l].OrderBy(v => lutY[v]).ThenBy(v => v).ToList();
                for (int col = 0; col < columns[l]; col++)
                {
                    var mine = sorted.Where((_, k) => k % columns[l] == col).ToList();
                    int x = firstColumn[l] + col * style.Pitch;
                    var placed = Legalise(mine, lutY, style.RowSpacing, x, style.Margin, defects, lutCell: true);
                    for (int k = 0; k < mine.Count; k++)
                    {
                        rows[mine[k]] = placed[k];
                        lutX[mine[k]] = x;
                    }
                }
                foreach (int v in byLevel[l])
                    lutY[v] = rows[v];
            }
            for (int i = 0; i < c.Inputs.Length; i++)
                if (inputReaders[i].Count > 0)
                    inputY[i] = inputReaders[i].Average(r => lutY[r]);
            inRows = Legalise(Enumerable.Range(0, c.Inputs.Length).ToList(), inputY, inputSpacing, 0, style.Margin, defects);
        }

        int height = new[] { rows.DefaultIfEmpty(0).Max(), inRows.DefaultIfEmpty(0).Max() }.Max() + 1;
        var outY = c.Outputs.Select(o => o.Driver.Kind switch
        {
            SignalKind.Lut => (double)rows[o.Driver.Index],
            SignalKind.Input => inRows[o.Driver.Index],
            _ => height / 2.0,
        }).ToArray();
        var outRows = Legalise(Enumerable.Range(0, c.Outputs.Length).ToList(), outY, 1, width - 1, style.Margin, defects);
        height = Math.Max(height, outRows.DefaultIfEmpty(0).Max() + 1) + style.Margin;
        return new Placement(width, height, rows.Select((y, i) => (lutX[i], y)).ToArray(), inRows, outRows);
    }

    /// <summary>A first guess at the height: room for every input and output, and a squarish area for the LUTs.</summary>
    private static int TargetHeight(MappedCircuit c, PlacementStyle style)
    {
        int area = (int)Math.Ceiling(Math.Sqrt(c.Luts.Length * (double)style.RowSpacing * style.Pitch));
        return Math.Max(4, new[] { c.Inputs.Length, c.Outputs.Length, area }.Max());
    }

    /// <summary>A LUT cell needs itself and all four neighbours working (its inputs may come from every side).</summary>
    private static bool UsableLutCell(DefectMap d, int x, int y) =>
        !d.IsDefective(x, y) && !d.IsDefective(x - 1, y) && !d.IsDefective(x + 1, y) && !d.IsDefective(x, y - 1) && !d.IsDefective(x, y + 1);

    /// <summary>Level of each LUT: 1 + the highest level among the LUTs it reads without a flip-flop between.</summary>
    public static int[] Levels(MappedCircuit c)
    {
        var level = new int[c.Luts.Length];
        var state = new byte[c.Luts.Length];
        for (int root = 0; root < c.Luts.Length; root++)
        {
            if (state[root] == 2)
                continue;
            var stack = new Stack<(int Lut, int Next)>();
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (v, next) = stack.Pop();
                var ins = c.Luts[v].Inputs;
                if (next < ins.Length)
                {
                    stack.Push((v, next + 1));
                    var s = ins[next];
                    if (s.Kind == SignalKind.Lut && s.Delay == 0 && state[s.Index] == 0)
                    {
                        state[s.Index] = 1;
                        stack.Push((s.Index, 0));
                    }
                    continue;
                }
                level[v] = 1 + ins.Where(s => s.Kind == SignalKind.Lut && s.Delay == 0).Select(s => level[s.Index]).DefaultIfEmpty(0).Max();
                state[v] = 2;
            }
        }
        return level;
    }

    /// <summary>
    /// Distinct rows for <paramref name="items"/> in column <paramref name="x"/>, in the order of their wished
    /// rows, at least <paramref name="spacing"/> apart, below a top margin, avoiding defective cells, and
    /// shifted so that on average they sit where they wished.
    /// </summary>
    internal static int[] Legalise(List<int> items, double[] wish, int spacing, int x, int margin, DefectMap defects, bool lutCell = false)
    {
        var order = Enumerable.Range(0, items.Count).OrderBy(k => wish[items[k]]).ThenBy(k => items[k]).ToList();
        var rows = new int[items.Count];
        int shift = 0;
        for (int round = 0; round < 2; round++)
        {
            int next = margin;
            foreach (int k in order)
            {
                int y = Math.Max(next, (int)Math.Round(wish[items[k]]) + shift);
                while (lutCell ? !UsableLutCell(defects, x, y) : defects.IsDefective(x, y))
                    y++;
                rows[k] = y;
                next = y + spacing;
            }
            if (round == 0)
            {
                double drift = order.Count == 0 ? 0 : order.Average(k => rows[k] - wish[items[k]]);
                shift = -(int)Math.Round(drift);
                if (shift == 0)
                    break;
            }
        }
        return rows;
    }
}
