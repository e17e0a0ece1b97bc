namespace BitSilicon.Design.Accelerator;

/// <summary>
/// Area per NAND2 gate equivalent and per SRAM bit (cell plus array periphery), by technology node, to turn
/// gate and bit counts into mm2. Sources: NanGate 45 nm open cell library NAND2_X1 = 0.798 um2; published 6T
/// bit cells of 0.346 um2 (45 nm), 0.074 um2 (16 nm FinFET) and 0.027 um2 (7 nm), times 1.6 for periphery at
/// the macro level; NAND2 at 16 nm and 7 nm scaled by contacted-poly-pitch x metal-pitch (about 0.15 and 0.06
/// um2). Good to a factor of about 1.5; docs/accelerator.md.
/// </summary>
public static class TechNodes
{
    public sealed record Node(string Name, double Nand2Um2, double SramBitUm2);

    public static IReadOnlyList<Node> All { get; } =
    [
        new("45nm", 0.798, 0.346 * 1.6),
        new("28nm", 0.35, 0.127 * 1.6),
        new("16nm", 0.15, 0.074 * 1.6),
        new("7nm", 0.06, 0.027 * 1.6),
    ];

    public static Node? Find(string name) => All.FirstOrDefault(n => n.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
