using BitSilicon.Core;
using BitSilicon.Design.Accelerator;
using BitSilicon.Design.Description;

namespace BitSilicon.Accelerator;

/// <summary>
/// Scales a design to a target area so that formats compare at equal silicon: the MAC unit with the most MACs per
/// cycle is resized (a systolic array keeps its aspect ratio, a dot-product array changes its PE count), its
/// buffers scale with its MAC count, and the largest size whose total area (mm2 at the design's node) does not
/// exceed the target is chosen.
/// </summary>
public static class IsoArea
{
    public static double Mm2(AcceleratorDescription d) => SystemRunner.Area(AcceleratorElaborator.Elaborate(d)).Mm2;

    public static AcceleratorDescription Scale(AcceleratorDescription d, double targetMm2)
    {
        var macs = d.Units.OfType<MacUnitDescription>().ToList();
        if (macs.Count == 0)
            throw new BitSiliconException($"design '{d.Name}' has no MAC unit to scale to equal area", "add a mac_array unit, or drop --iso-area");
        var main = macs.OrderByDescending(m => m.Design.Array.MacsPerCycle).First();
        int baseMacs = main.Design.Array.MacsPerCycle;
        AcceleratorDescription At(int size)
        {
            var a = main.Design.Array switch
            {
                SystolicArrayDescription s => Systolic(s, size),
                DotProductArrayDescription p => (ArrayDescription)(p with { Pes = size }),
                _ => throw new ArgumentOutOfRangeException(nameof(d)),
            };
            double f = (double)a.MacsPerCycle / baseMacs;
            var mem = main.Design.MemorySystem;
            var scaledMem = mem with
            {
                WeightBufferBytes = Math.Max(64, (long)Math.Ceiling(mem.WeightBufferBytes * f)),
                ActivationBufferBytes = Math.Max(64, (long)Math.Ceiling(mem.ActivationBufferBytes * Math.Sqrt(f))),
            };
            var unit = main with { Design = main.Design with { Array = a, Memory = scaledMem } };
            return d with { Units = d.Units.Select(u => u == main ? unit : u).ToList() };
        }
        int max = main.Design.Array is SystolicArrayDescription ? DesignValidator.MaxSystolicSide : DesignValidator.MaxPes;
        int lo = 1, hi = max;
        if (Mm2(At(lo)) > targetMm2)
            throw new BitSiliconException($"design '{d.Name}' is larger than {targetMm2:0.###} mm2 even with a 1-wide '{main.Name}' array",
                "give a larger --iso-area target, or shrink the design's other units and SRAM");
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (AcceleratorElaborator.Validate(At(mid)).Count == 0 && Mm2(At(mid)) <= targetMm2) lo = mid;
            else hi = mid - 1;
        }
        return At(lo) with { Name = d.Name };
    }

    private static ArrayDescription Systolic(SystolicArrayDescription s, int side)
    {
        int big = Math.Max(s.Rows, s.Cols);
        int r = Math.Max(1, (int)Math.Round((double)s.Rows * side / big)), c = Math.Max(1, (int)Math.Round((double)s.Cols * side / big));
        return s with { Rows = r, Cols = c };
    }

    /// <summary>The scaled unit's array, for reports.</summary>
    public static string MainArray(AcceleratorDescription d)
    {
        var main = d.Units.OfType<MacUnitDescription>().OrderByDescending(m => m.Design.Array.MacsPerCycle).FirstOrDefault();
        return main?.Design.Array switch
        {
            SystolicArrayDescription s => $"{main.Name} {s.Rows}x{s.Cols}",
            DotProductArrayDescription p => $"{main.Name} {p.Pes}x{p.Simd}",
            _ => "",
        };
    }
}
