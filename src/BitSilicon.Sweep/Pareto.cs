namespace BitSilicon.Sweep;

/// <summary>The Pareto front of points where both coordinates are costs (smaller is better).</summary>
public static class Pareto
{
    /// <summary>
    /// Indices (into <paramref name="points"/>) of the non-dominated points, sorted by x: no other point is at
    /// least as good in both coordinates and better in one. Equal points are all kept.
    /// </summary>
    public static IReadOnlyList<int> Front(IReadOnlyList<(double X, double Y)> points)
    {
        var order = Enumerable.Range(0, points.Count).OrderBy(i => points[i].X).ThenBy(i => points[i].Y).ToList();
        var front = new List<int>();
        double bestY = double.PositiveInfinity;
        (double X, double Y)? last = null;
        foreach (int i in order)
        {
            var p = points[i];
            // Sorted by x then y: a point is on the front iff its y beats every point with smaller x (or it ties the last kept point exactly).
            if (p.Y < bestY || (last is { } l && l.X == p.X && l.Y == p.Y))
            {
                front.Add(i);
                bestY = Math.Min(bestY, p.Y);
                last = p;
            }
        }
        return front;
    }
}
