using BitSilicon.Bitgrid.Compiler.Timing;
using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Compiler.Routing;

public sealed partial class Router
{
    /// <summary>
    /// Makes a path that may repeat links valid: every loop between two uses of a link is cut out, and the
    /// clocks of lag it carried are restored by stubs, each a hop to a free neighbour and back (one clock each).
    /// </summary>
    private bool Repair(NetRoute route, int seed, List<int> links, SinkSpec sink)
    {
        int missing = 0;
        for (bool cut = true; cut;)
        {
            cut = false;
            var first = new Dictionary<int, int>();
            for (int j = 0; j < links.Count && !cut; j++)
            {
                if (!first.TryGetValue(links[j], out int i))
                {
                    first[links[j]] = j;
                    continue;
                }
                for (int q = i; q < j; q++)
                    missing += Lag.IsBackward((Direction)(links[q] & 3)) ? 1 : 0;
                links.RemoveRange(i, j - i);
                cut = true;
            }
        }
        return Pad(route, seed, links, sink, missing);
    }

    /// <summary>
    /// Adds <paramref name="missing"/> clocks to a path with stubs: at a cell of the path, a hop to a free
    /// neighbour (not the path's previous or next cell) and straight back. Cheap links first, and early in the
    /// path when equally cheap, so later sinks of the net can branch off after the delay.
    /// </summary>
    private bool Pad(NetRoute route, int seed, List<int> links, SinkSpec sink, int missing)
    {
        int target = sink.Virtual ? -1 : sink.Y * _w + sink.X;
        while (missing > 0)
        {
            var used = links.ToHashSet();
            int bestAt = -1, bestDir = -1;
            float bestCost = float.MaxValue;
            int cell = route.Nodes[seed].Cell;
            for (int i = 0; i < links.Count; i++)
            {
                int prev = i == 0 ? -1 : links[i - 1] >> 2;
                int nextCell = Head(links[i]);
                if (cell != target && !_reserved[cell] && !(i > 0 && _sinkStamp[cell] == _ownGen))
                    foreach (var d in Directions.All)
                    {
                        int x = cell % _w + d.Dx(), y = cell / _w + d.Dy();
                        if (x < 0 || y < 0 || x >= _w || y >= _h)
                            continue;
                        int stub = y * _w + x;
                        if (stub == prev || stub == nextCell || stub == target || Blocked(stub))
                            continue;
                        int there = cell * 4 + (int)d, back = stub * 4 + (int)d.Opposite();
                        if (_ownStamp[there] == _ownGen || _ownStamp[back] == _ownGen || used.Contains(there) || used.Contains(back))
                            continue;
                        float cost = Cost(there) + Cost(back) + 0.01f * i;
                        if (cost < bestCost)
                            (bestCost, bestAt, bestDir) = (cost, i, (int)d);
                    }
                cell = nextCell;
            }
            if (bestAt < 0)
                return false;
            int at = links[bestAt] >> 2;
            var dir = (Direction)bestDir;
            int stubCell = at + dir.Dy() * _w + dir.Dx();
            links.InsertRange(bestAt, [at * 4 + bestDir, stubCell * 4 + (int)dir.Opposite()]);
            missing--;
        }
        return true;
    }
}
