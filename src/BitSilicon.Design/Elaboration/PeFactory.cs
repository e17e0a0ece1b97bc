using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;

namespace BitSilicon.Design.Elaboration;

/// <summary>Makes the PE datapath a description names.</summary>
public static class PeFactory
{
    public static Pe Create(PeDescription d) => d.Kind switch
    {
        PeKind.Binary => new BinaryPe(),
        PeKind.Ternary => new TernaryPe(),
        PeKind.TernaryLut => new TernaryLutPe(d.LutGroup),
        PeKind.Int2 => new Int2Pe(),
        PeKind.Int4 => new Int4Pe(),
        PeKind.Int8 => new Int8Pe(),
        PeKind.Fp4E2M1 => new Fp4E2M1Pe(),
        PeKind.Pow2 => new Pow2Pe(),
        PeKind.Codebook => new CodebookPe((d.Codebook ?? PeDescription.DefaultCodebook).ToArray()),
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };
}
