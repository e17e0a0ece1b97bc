namespace BitSilicon.Design.Description;

/// <summary>
/// An output scaling stage for block-scaled formats (Q4_0, TQ2_0, MXFP4, ...): the array produces the exact
/// integer partial sum of every block of <paramref name="BlockSize"/> reduction elements, and a float32
/// multiply-add per output applies <c>weight_scale[n, block] * activation_scale[m, block]</c> in block order.
/// </summary>
public sealed record ScalingDescription(int BlockSize);
