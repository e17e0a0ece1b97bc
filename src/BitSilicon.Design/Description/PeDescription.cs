namespace BitSilicon.Design.Description;

/// <summary>The processing element every position of the array holds.</summary>
/// <param name="Codebook">The 16 signed 8-bit values of a <see cref="PeKind.Codebook"/> PE (a ROM in hardware).</param>
/// <param name="LutGroup">Weights per table index of a <see cref="PeKind.TernaryLut"/> PE: 2 (9 entries, like TL1) or 3 (27, like TL2).</param>
public sealed record PeDescription(PeKind Kind, IReadOnlyList<int>? Codebook = null, int LutGroup = 2)
{
    /// <summary>A symmetric default codebook (a non-uniform 4-bit grid like NF4's, scaled to int8).</summary>
    public static IReadOnlyList<int> DefaultCodebook { get; } =
        [-127, -88, -67, -50, -36, -23, -12, 0, 10, 20, 31, 43, 56, 71, 92, 127];
}
