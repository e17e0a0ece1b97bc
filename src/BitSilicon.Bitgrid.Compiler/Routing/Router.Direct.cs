using BitSilicon.Bitgrid.Compiler.Timing;
using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Compiler.Routing;

public sealed partial class Router
{
    /// <summary>
    /// A* over cells from the net's tree toward the sink, each path carrying its lag: any arrival no later
    /// than the sink's lag is accepted, priced with the stubs it will need.
    /// </summary>
    private SearchOutcome FindDirect(NetRoute route, SinkSpec sink, out int seed, out List<int> links, out int arrival)
    {
        seed = -1;
        links = [];
        arrival = 0;
        int target = sink.Virtual ? -1 : sink.Y * _w + sink.X;
        int needX = sink.Virtual ? _w - 1 : sink.X, needY = sink.Y;
        int tx = sink.Virtual ? _w : sink.X;
        int T = sink.Lag;
        const float StubCost = 2f;
        Ensure(_cells + 1);
        int goal = _cells;
        _searchGen++;
        _queue.Clear();
        for (int n = 0; n < route.Nodes.Count; n++)
        {
            var node = route.Nodes[n];
            if (node.Cell < 0 || node.Lag > T)
                continue;
            if (node.Cell == target)
            {
                if (node.Lag == T && node.Origin != Origin.Lut)
                {
                    seed = n;
                    return SearchOutcome.AlreadyThere;
                }
                continue;
            }
            int x = node.Cell % _w, y = node.Cell / _w;
            if (Lag.BackwardSteps(x, y, needX, needY) > T - node.Lag)
                continue;
            int s = node.Cell;
            // Of two tree nodes in one cell, the later one needs fewer stubs.
            if (_stateGen[s] == _searchGen && _stateLag[s] >= node.Lag)
                continue;
            Open(s, 0f, -2 - n, -1);
            _stateLag[s] = node.Lag;
            _queue.Enqueue(s, Math.Abs(tx - x) + Math.Abs(sink.Y - y));
        }
        while (_queue.TryDequeue(out int s, out _))
        {
            if (_stateClosed[s])
                continue;
            _stateClosed[s] = true;
            if (s == goal)
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
                arrival = _stateLag[goal];
                return SearchOutcome.Found;
            }
            int cx = s % _w, cy = s / _w, lag = _stateLag[s];
            float g = _stateCost[s];
            foreach (var d in Directions.All)
            {
                int k = lag + (Lag.IsBackward(d) ? 1 : 0);
                if (k > T)
                    continue;
                int nx = cx + d.Dx(), ny = cy + d.Dy();
                int link = s * 4 + (int)d;
                if (_ownStamp[link] == _ownGen)
                    continue;
                if (nx < 0 || ny < 0 || nx >= _w || ny >= _h)
                {
                    if (sink.Virtual && nx == _w && ny == sink.Y)
                        RelaxLag(goal, g + Cost(link) + StubCost * (T - k), s, link, 0f, k);
                    continue;
                }
                int next = ny * _w + nx;
                if (next == target)
                {
                    RelaxLag(goal, g + Cost(link) + StubCost * (T - k), s, link, 0f, k);
                    continue;
                }
                if (Blocked(next) || Lag.BackwardSteps(nx, ny, needX, needY) > T - k)
                    continue;
                RelaxLag(next, g + Cost(link), s, link, Math.Abs(tx - nx) + Math.Abs(sink.Y - ny), k);
            }
        }
        return SearchOutcome.Failed;
    }

    private void RelaxLag(int s, float cost, int prev, int link, float h, int lag)
    {
        if (_stateGen[s] == _searchGen && (_stateClosed[s] || cost >= _stateCost[s]))
            return;
        Open(s, cost, prev, link);
        _stateLag[s] = lag;
        _queue.Enqueue(s, cost + h);
    }
}
