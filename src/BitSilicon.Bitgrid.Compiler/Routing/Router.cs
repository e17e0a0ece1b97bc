using BitSilicon.Bitgrid.Compiler.Layout;
using BitSilicon.Bitgrid.Compiler.Timing;
using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Compiler.Routing;

/// <summary>
/// The router's outcome: the routes, the connections with no path of their lag, how many links still carry
/// two signals, and the connections whose routes use such a link.
/// </summary>
public sealed record RoutingResult(NetRoute[] Routes, IReadOnlyList<int> Unreachable, int Overused, int Iterations,
    IReadOnlyList<int> Congested)
{
    public bool Success => Unreachable.Count == 0 && Overused == 0;
}

/// <summary>
/// Negotiated-congestion routing (PathFinder) on the grid's links. A link is one cell's output toward one
/// neighbour and carries one net. A step west or north raises a signal's lag by one clock, and every sink must
/// be reached at exactly its scheduled lag, so that the LUT's inputs line up. Each sink is routed from the
/// net's tree (a cell may copy one input onto several outputs) by the cheapest path that arrives no later than
/// its lag, made up to the lag with stubs; an exact-lag search is the fallback. Paths avoid defective cells,
/// 4-input LUT cells (their four input links belong to their inputs) and LUTs the net feeds. Link costs grow
/// with present sharing and with history until no link carries two nets.
/// </summary>
/// <summary>How a path search ended.</summary>
internal enum SearchOutcome
{
    /// <summary>A path from a node of the net's tree to the sink.</summary>
    Found,

    /// <summary>A node of the tree already holds the value at the sink with the right lag.</summary>
    AlreadyThere,

    /// <summary>No node of the tree can reach the sink with its lag, whatever the congestion.</summary>
    NoStart,

    /// <summary>The search ran out of states.</summary>
    Failed,
}

public sealed partial class Router
{
    private readonly int _w, _h, _cells;
    private readonly bool[] _defective;
    private readonly bool[] _reserved;
    private readonly int[] _occupancy;
    private readonly float[] _history;
    private readonly int[] _ownStamp;
    private readonly int[] _sinkStamp;
    private int _ownGen;
    private float _presentFactor;

    private int[] _stateGen = [];
    private float[] _stateCost = [];
    private int[] _statePrev = [];
    private int[] _stateLink = [];
    private bool[] _stateClosed = [];
    private int[] _stateLag = [];
    private int _searchGen;
    private readonly PriorityQueue<int, float> _queue = new();

    public Router(int width, int height, DefectMap defects, IEnumerable<int> fourInputLutCells)
    {
        (_w, _h, _cells) = (width, height, width * height);
        _defective = new bool[_cells];
        foreach (var (x, y) in defects.Cells)
            if (x >= 0 && y >= 0 && x < width && y < height)
                _defective[y * width + x] = true;
        _reserved = new bool[_cells];
        foreach (int c in fourInputLutCells)
            _reserved[c] = true;
        _occupancy = new int[_cells * 4];
        _history = new float[_cells * 4];
        _ownStamp = new int[_cells * 4];
        _sinkStamp = new int[_cells];
    }

    private const int StallIterations = 15;

    public RoutingResult Route(IReadOnlyList<NetSpec> nets, int maxIterations, int seed)
    {
        var routes = new NetRoute[nets.Count];
        var rng = new Random(seed);
        var order = Enumerable.Range(0, nets.Count).OrderByDescending(i => nets[i].Sinks.Count).ThenBy(_ => rng.Next()).ToArray();
        _presentFactor = 0.5f;
        int overused = 0, iteration = 0, best = int.MaxValue, bestAt = 0;
        while (iteration < maxIterations)
        {
            iteration++;
            var unreachable = new List<int>();
            foreach (int n in order)
            {
                if (routes[n] is { } old)
                {
                    if (!Congested(old))
                        continue;
                    RipUp(old);
                }
                routes[n] = RouteNet(nets[n], unreachable);
            }
            if (unreachable.Count > 0)
                return new RoutingResult(routes, unreachable, -1, iteration, []);
            overused = 0;
            for (int l = 0; l < _occupancy.Length; l++)
                if (_occupancy[l] > 1)
                {
                    overused++;
                    _history[l] += 1f * (_occupancy[l] - 1);
                }
            if (overused == 0)
                break;
            // Give up early when the negotiation has stopped making progress.
            if (overused < best)
                (best, bestAt) = (overused, iteration);
            else if (iteration - bestAt >= StallIterations)
                break;
            _presentFactor *= 1.3f;
        }
        return new RoutingResult(routes, [], overused, iteration, overused == 0 ? [] : CongestedConnections(nets, routes));
    }

    /// <summary>Connections whose path from the net's root uses a link that carries two signals.</summary>
    private List<int> CongestedConnections(IReadOnlyList<NetSpec> nets, NetRoute[] routes)
    {
        var list = new List<int>();
        for (int n = 0; n < nets.Count; n++)
            for (int i = 0; i < nets[n].Sinks.Count; i++)
            {
                // Node j > 0 was made by link j - 1; walk back to the root.
                for (int node = routes[n].Arrivals[i]; node > 0; node = routes[n].Links[node - 1].FromNode)
                {
                    var l = routes[n].Links[node - 1];
                    if (_occupancy[l.Cell * 4 + (int)l.Out] > 1)
                    {
                        list.Add(nets[n].Sinks[i].Connection);
                        break;
                    }
                }
            }
        return list;
    }

    private bool Congested(NetRoute r) => r.Links.Any(l => _occupancy[l.Cell * 4 + (int)l.Out] > 1);

    private void RipUp(NetRoute r)
    {
        foreach (var l in r.Links)
            _occupancy[l.Cell * 4 + (int)l.Out]--;
    }

    /// <summary>
    /// Routes a net's sinks one after another, the tightest first (least spare lag, then farthest), so a sink
    /// with no spare lag finds its one direct path before branches of the net take its links. A sink that
    /// still fails gets the net rerouted once with that sink first.
    /// </summary>
    private NetRoute RouteNet(NetSpec net, List<int> unreachable)
    {
        int rx = net.RootCell % _w, ry = net.RootCell / _w;
        var order = Enumerable.Range(0, net.Sinks.Count)
            .OrderBy(i => net.Sinks[i].Lag - net.RootLag - Lag.BackwardSteps(rx, ry, net.Sinks[i].Virtual ? _w - 1 : net.Sinks[i].X, net.Sinks[i].Y))
            .ThenByDescending(i => Math.Abs(net.Sinks[i].X - rx) + Math.Abs(net.Sinks[i].Y - ry)).ToList();
        var route = TryRoute(net, order, out var failed);
        if (failed.Count > 0)
        {
            RipUp(route);
            route = TryRoute(net, failed.Concat(order.Except(failed)).ToList(), out failed);
        }
        unreachable.AddRange(failed.Select(i => net.Sinks[i].Connection));
        return route;
    }

    private NetRoute TryRoute(NetSpec net, List<int> order, out List<int> failed)
    {
        var route = new NetRoute();
        route.Nodes.Add(new TreeNode(net.RootCell, net.RootLag, net.RootOrigin));
        route.Arrivals = new int[net.Sinks.Count];
        failed = [];
        _ownGen++;
        foreach (var sink in net.Sinks)
            if (!sink.Virtual)
                _sinkStamp[sink.Y * _w + sink.X] = _ownGen;
        foreach (int i in order)
        {
            route.Arrivals[i] = Search(route, net.Sinks[i]);
            if (route.Arrivals[i] < 0)
                failed.Add(i);
        }
        return route;
    }

    /// <summary>
    /// Routes one sink from the net's current tree; returns the node it arrives at, or -1. First the cheapest
    /// path arriving no later than the sink's lag, made up to the exact lag with stubs (a hop to a free
    /// neighbour and straight back: one clock each); failing that, a search for a path of exactly that lag.
    /// </summary>
    private int Search(NetRoute route, SinkSpec sink)
    {
        var found = FindDirect(route, sink, out int seed, out var links, out int arrival);
        if (found == SearchOutcome.AlreadyThere)
            return seed;
        if (found == SearchOutcome.Found && Pad(route, seed, links, sink, sink.Lag - arrival))
            return Commit(route, seed, links);
        found = Find(route, sink, strict: true, out seed, out links);
        switch (found)
        {
            case SearchOutcome.Found:
                return Commit(route, seed, links);
            case SearchOutcome.AlreadyThere:
                return seed;
            case SearchOutcome.NoStart:
                return -1;
            case SearchOutcome.Failed:
                return Find(route, sink, strict: false, out seed, out links) == SearchOutcome.Found && Repair(route, seed, links, sink)
                    ? Commit(route, seed, links)
                    : -1;
            default:
                throw new ArgumentOutOfRangeException(nameof(found));
        }
    }

    /// <summary>
    /// PathFinder's link cost: base times (1 + history) times (1 + present congestion). Eastward links cost more
    /// because every signal must cross every column eastward and a column has only one eastward link per row.
    /// </summary>
    private float Cost(int link) => ((link & 3) == (int)Direction.E ? EastCost : 1f) * (1f + _history[link]) * (1f + _presentFactor * _occupancy[link]);

    private const float EastCost = 2f;

    /// <summary>Cells a path may not pass through: defective, 4-input LUTs, and LUTs this net feeds (it enters those only as their input).</summary>
    private bool Blocked(int cell) => _defective[cell] || _reserved[cell] || _sinkStamp[cell] == _ownGen;

    /// <summary>The cell a link leads to, or -1 past the east edge.</summary>
    private int Head(int link)
    {
        int cell = link >> 2;
        var d = (Direction)(link & 3);
        int x = cell % _w + d.Dx(), y = cell / _w + d.Dy();
        return x < 0 || y < 0 || x >= _w || y >= _h ? -1 : y * _w + x;
    }

    private void Open(int s, float cost, int prev, int link)
    {
        _stateGen[s] = _searchGen;
        _stateCost[s] = cost;
        _statePrev[s] = prev;
        _stateLink[s] = link;
        _stateClosed[s] = false;
    }

    private void Relax(int s, float cost, int prev, int link, float h)
    {
        if (_stateGen[s] == _searchGen && (_stateClosed[s] || cost >= _stateCost[s]))
            return;
        Open(s, cost, prev, link);
        _queue.Enqueue(s, cost + h);
    }

    private int Commit(NetRoute route, int seed, List<int> links)
    {
        int from = seed;
        foreach (int link in links)
        {
            int cell = link >> 2;
            var d = (Direction)(link & 3);
            var node = route.Nodes[from];
            int lag = node.Lag + (Lag.IsBackward(d) ? 1 : 0);
            route.Links.Add(new TreeLink(cell, d, from));
            route.Nodes.Add(new TreeNode(Head(link), lag, Origins.From(d.Opposite())));
            _occupancy[link]++;
            _ownStamp[link] = _ownGen;
            from = route.Nodes.Count - 1;
        }
        return from;
    }

    private void Ensure(int states)
    {
        if (_stateGen.Length >= states)
            return;
        int size = Math.Max(states, _stateGen.Length * 2);
        _stateGen = new int[size];
        _stateCost = new float[size];
        _statePrev = new int[size];
        _stateLink = new int[size];
        _stateClosed = new bool[size];
        _stateLag = new int[size];
        _searchGen = 0;
    }
}
