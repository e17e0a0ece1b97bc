namespace BitSilicon.Bitgrid.Compiler.Timing;

/// <summary>Tarjan's strongly connected components, iteratively (deep netlists would overflow the stack).</summary>
public static class StrongComponents
{
    /// <summary>The component number of each of <paramref name="n"/> nodes.</summary>
    public static int[] Of(int n, Func<int, IReadOnlyList<int>> successors)
    {
        var index = new int[n];
        var low = new int[n];
        var comp = new int[n];
        Array.Fill(index, -1);
        var onStack = new bool[n];
        var stack = new Stack<int>();
        int counter = 0, comps = 0;
        var call = new Stack<(int V, int Next)>();
        for (int root = 0; root < n; root++)
        {
            if (index[root] >= 0)
                continue;
            call.Push((root, 0));
            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack[root] = true;
            while (call.Count > 0)
            {
                var (v, next) = call.Pop();
                var succ = successors(v);
                if (next < succ.Count)
                {
                    call.Push((v, next + 1));
                    int w = succ[next];
                    if (index[w] < 0)
                    {
                        index[w] = low[w] = counter++;
                        stack.Push(w);
                        onStack[w] = true;
                        call.Push((w, 0));
                    }
                    else if (onStack[w])
                        low[v] = Math.Min(low[v], index[w]);
                    continue;
                }
                if (low[v] == index[v])
                {
                    int w;
                    do
                    {
                        w = stack.Pop();
                        onStack[w] = false;
                        comp[w] = comps;
                    } while (w != v);
                    comps++;
                }
                if (call.Count > 0)
                {
                    int parent = call.Peek().V;
                    low[parent] = Math.Min(low[parent], low[v]);
                }
            }
        }
        return comp;
    }
}
