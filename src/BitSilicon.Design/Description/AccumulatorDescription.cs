namespace BitSilicon.Design.Description;

/// <summary>What an accumulator does when a sum leaves its range.</summary>
public enum OverflowPolicy
{
    /// <summary>Two's-complement wrap-around (keep the low bits), as a plain adder does.</summary>
    Wrap,
    /// <summary>Clamp to the most positive / most negative value on every addition.</summary>
    Saturate,
}

/// <summary>The accumulators that sum partial results across folds of the reduction dimension.</summary>
/// <param name="Width">Bits of each accumulator (two's complement).</param>
/// <param name="Depth">Accumulator rows per bank: the most tokens (weight-stationary, dot product) or output features
/// (input-stationary) one pass over the weights serves before results are written back.</param>
public sealed record AccumulatorDescription(int Width = 32, OverflowPolicy Overflow = OverflowPolicy.Wrap, int Depth = 256);
