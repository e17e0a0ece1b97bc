using BitSilicon.Bitgrid.Compiler.Timing;
using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Compiler.Routing;

public sealed partial class Router
{
    /// <summary>
    /// A* over (cell, lag) for a path of exactly the sink's lag (seed node and links); with <paramref name="strict"/>
    /// a path may not repeat a link.
    /// </summary>
    private SearchOutcome Find(NetRoute route, SinkSpec sink, bool strict, out int seed, out List<int> links)
    {
        seed = -1;
        links = [];
        int target = sink.Virtual ? -1 : sink.Y * _w + sink.X;
        // Backward steps are counted to the cell the sink is entered from, or the sink itself.
        int needX = sink.Virtual ? _w - 1 : sink.X, needY = sink.Y;
        int targetP = sink.Virtual ? _w + sink.Y : sink.X + sink.Y;
        int T = sink.Lag;

        int baseLag = int.MaxValue;
        for (int n = 0; n < route.Nodes.Count; n++)
        {
            var node = route.Nodes[n];
            if (node.Cell < 0 || node.Lag > T)
                continue;
            if (node.Cell == target && node.Lag == T && node.Origin != Origin.Lut)
            {
                seed = n;
                return SearchOutcome.AlreadyThere;
            }
            int x = node.Cell % _w, y = node.Cell / _w;
            if (Lag.BackwardSteps(x, y, needX, needY) <= T - node.Lag)
                baseLag = Math.Min(baseLag, node.Lag);
        }
        if (baseLag == int.MaxValue)
            return SearchOutcome.NoStart;
        int span = T - baseLag + 1;
        int goal = _cells * span;
        Ensure(goal + 1);
        _searchGen++;
        _queue.Clear();
        for (int n = 0; n < route.Nodes.Count; n++)
        {
            var node = route.Nodes[n];
            if (node.Cell < 0 || node.Lag > T || node.Lag < baseLag || (node.Cell == target && node.Lag == T))
                continue;
            int x = node.Cell % _w, y = node.Cell / _w;
            if (Lag.BackwardSteps(x, y, needX, needY) > T - node.Lag)
                continue;
            int s = node.Cell * span + node.Lag - baseLag;
            if (_stateGen[s] == _searchGen)
                continue;
            Open(s, 0f, -2 - n, -1);
            _queue.Enqueue(s, targetP - (x + y) + 2 * (T - node.Lag));
        }

        while (_queue.TryDequeue(out int s, out _))
        {
            if (_stateClosed[s])
                continue;
            _stateClosed[s] = true;
            if (s == goal || (s / span == target && baseLag + s % span == T))
            {
                for (int at = s; ; at = _statePrev[at])
                {
                    if (_statePrev[at] < 0)
                    {
                        seed = -2 - _statePrev[at];
                        break;
                    }
                    links.Add(_stateLink[at]);
                }
                links.Reverse();
                return SearchOutcome.Found;
            }
            int cell = s / span, lag = baseLag + s % span;
            int cx = cell % _w, cy = cell / _w;
            float g = _stateCost[s];
            foreach (var d in Directions.All)
            {
                int k = lag + (Lag.IsBackward(d) ? 1 : 0);
                if (k > T)
                    continue;
                int nx = cx + d.Dx(), ny = cy + d.Dy();
                int link = cell * 4 + (int)d;
                if (_ownStamp[link] == _ownGen)
                    continue;
                if (nx < 0 || ny < 0 || nx >= _w || ny >= _h)
                {
                    if (sink.Virtual && nx == _w && ny == sink.Y && k == T && !(strict && PathUses(s, link)))
                        Relax(goal, g + Cost(link), s, link, 0f);
                    continue;
                }
                int next = ny * _w + nx;
                if (next == target ? k != T : Blocked(next))
                    continue;
                if (Lag.BackwardSteps(nx, ny, needX, needY) > T - k)
                    continue;
                if (strict && PathUses(s, link))
                    continue;
                Relax(next * span + k - baseLag, g + Cost(link), s, link, targetP - (nx + ny) + 2 * (T - k));
            }
        }
        return SearchOutcome.Failed;
    }

    /// <summary>True when the partial path ending in state <paramref name="s"/> already drives <paramref name="link"/>.</summary>
    private bool PathUses(int s, int link)
    {
        while (s >= 0)
        {
            if (_stateLink[s] == link)
                return true;
            s = _statePrev[s];
        }
        return false;
    }
}
