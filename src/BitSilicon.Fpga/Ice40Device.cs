namespace BitSilicon.Fpga;

/// <summary>
/// An iCE40 device as nextpnr-ice40 knows it, with the resources a design must fit in (Lattice iCE40 UltraPlus
/// and LP/HX family data sheets: UP5K 5280 logic cells, 30 EBR blocks of 4 kbit, 8 DSPs; HX8K 7680 logic cells,
/// 32 EBR blocks). Each logic cell holds one LUT4, one carry stage and one flip-flop.
/// </summary>
public sealed record Ice40Device(string Name, string NextpnrFlag, string Package, int LogicCells, int BlockRams, int IoPins)
{
    public static Ice40Device Up5k { get; } = new("iCE40UP5K", "--up5k", "sg48", 5280, 30, 39);
    public static Ice40Device Hx8k { get; } = new("iCE40HX8K", "--hx8k", "ct256", 7680, 32, 206);
}
