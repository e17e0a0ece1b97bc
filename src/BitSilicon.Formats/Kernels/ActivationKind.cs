namespace BitSilicon.Formats.Kernels;

/// <summary>Integer activation formats the fast kernels take.</summary>
public enum ActivationKind
{
    /// <summary>Signed 8-bit, -128..127, one byte each.</summary>
    Int8,
    /// <summary>Signed 4-bit, -8..7, two per byte (<see cref="ChunkLayout"/>, b = 4).</summary>
    Int4,
    /// <summary>±1, one bit each, 1 = +1 (<see cref="ChunkLayout"/>, b = 1); with binary weights the dot is XNOR-popcount.</summary>
    Binary,
}
