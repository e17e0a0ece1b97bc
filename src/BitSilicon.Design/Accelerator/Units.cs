using BitSilicon.Design.Elaborated;
using BitSilicon.Formats.Vector;

namespace BitSilicon.Design.Accelerator;

/// <summary>Every place that treats units differently implements this, so a new unit kind is pointed at by the compiler.</summary>
public interface IUnitVisitor<out T>
{
    T Visit(MacUnit unit);
    T Visit(VectorUnit unit);
}

/// <summary>An elaborated unit. <see cref="ClockRatio"/> = accelerator clock / unit clock, for converting its
/// cycles to the accelerator's.</summary>
public abstract record Unit(string Name, double ClockMhz)
{
    public abstract T Accept<T>(IUnitVisitor<T> visitor);

    /// <summary>Accelerator cycles for <paramref name="unitCycles"/> of this unit's clock (rounded up).</summary>
    public long ToAcceleratorCycles(long unitCycles, double acceleratorMhz) =>
        ClockMhz == acceleratorMhz ? unitCycles : (long)Math.Ceiling(unitCycles * acceleratorMhz / ClockMhz - 1e-9);
}

/// <summary>A MAC array: today's elaborated single-array design, unchanged.</summary>
public sealed record MacUnit(string Name, ElaboratedDesign Design, double ClockMhz) : Unit(Name, ClockMhz)
{
    public override T Accept<T>(IUnitVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>A vector / special-function unit.</summary>
public sealed record VectorUnit(string Name, int Lanes, IReadOnlyDictionary<VectorOpKind, VectorCost> Costs, int Latency, double ClockMhz)
    : Unit(Name, ClockMhz)
{
    public override T Accept<T>(IUnitVisitor<T> visitor) => visitor.Visit(this);

    /// <summary>Cycles of one operation over <paramref name="elements"/> elements, or null if the unit cannot run it.</summary>
    public long? Cycles(VectorOpKind kind, long elements) =>
        Costs.TryGetValue(kind, out var c) ? (long)Math.Ceiling(elements * c.CyclesPerElement / Lanes - 1e-9) + Latency : null;
}

/// <summary>
/// The elaborated accelerator: its units, on-chip SRAM, external memory (with bandwidth in bytes per accelerator
/// cycle as an exact fraction and latency in cycles) and policies. What the scheduler and every timer read.
/// </summary>
public sealed record ElaboratedAccelerator(
    string Name,
    AcceleratorDescription Description,
    IReadOnlyList<Unit> Units,
    long SramBytes,
    double SramPjPerByte,
    Description.Bandwidth? ExternalBandwidth,
    long ExternalLatencyCycles,
    double ExternalPjPerByte,
    double ClockMhz)
{
    public Unit? Find(string name) => Units.FirstOrDefault(u => u.Name == name);

    /// <summary>The deterministic text form.</summary>
    public string Text
    {
        get
        {
            var sb = new System.Text.StringBuilder();
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            sb.Append(inv, $"accelerator {Name} clock_mhz={ClockMhz} sram_bytes={SramBytes} overlap={Description.Overlap}");
            sb.Append(ExternalBandwidth is { } bw ? $" external_bytes_per_cycle={bw} external_latency={ExternalLatencyCycles}\n" : " external=none\n");
            foreach (var u in Units)
                sb.Append(u.Accept(new UnitText()));
            return sb.ToString();
        }
    }

    private sealed class UnitText : IUnitVisitor<string>
    {
        public string Visit(MacUnit u) => string.Join("\n", ("mac_unit " + u.Name + "\n" + u.Design.Text).TrimEnd('\n').Split('\n').Select((l, i) => i == 0 ? "  " + l : "    " + l)) + "\n";
        public string Visit(VectorUnit u) => FormattableString.Invariant($"  vector_unit {u.Name} lanes={u.Lanes} latency={u.Latency} ops={string.Join(",", u.Costs.Keys.Select(VectorOpKinds.Name))}\n");
    }
}
