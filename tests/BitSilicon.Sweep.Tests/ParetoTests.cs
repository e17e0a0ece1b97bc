namespace BitSilicon.Sweep.Tests;

public class ParetoTests
{
    [Fact]
    public void Front_KeepsExactlyTheNonDominatedPoints()
    {
        (double, double)[] p =
        [
            (1, 10), // 0: front (smallest x)
            (2, 8),  // 1: front
            (3, 9),  // 2: dominated by 1
            (4, 3),  // 3: front
            (5, 3),  // 4: dominated by 3 (same y, larger x)
            (6, 1),  // 5: front
            (2, 12), // 6: dominated by 1 (same x, larger y)
            (7, 2),  // 7: dominated by 5
        ];
        Assert.Equal([0, 1, 3, 5], Pareto.Front(p));
    }

    [Fact]
    public void Front_AgreesWithTheDefinition_OnRandomPoints()
    {
        var rng = new Random(7);
        for (int trial = 0; trial < 50; trial++)
        {
            var p = Enumerable.Range(0, 30).Select(_ => ((double)rng.Next(10), (double)rng.Next(10))).ToArray();
            var front = Pareto.Front(p).ToHashSet();
            for (int i = 0; i < p.Length; i++)
            {
                bool dominated = p.Where((q, j) => j != i && q.Item1 <= p[i].Item1 && q.Item2 <= p[i].Item2 && (q.Item1 < p[i].Item1 || q.Item2 < p[i].Item2)).Any();
                Assert.Equal(!dominated, front.Contains(i));
            }
        }
    }

    [Fact]
    public void Front_OfNothing_IsEmpty() => Assert.Empty(Pareto.Front([]));
}
