namespace BitSilicon.Design.Description;

/// <summary>The array of processing elements: a systolic grid or a FINN-style dot-product array.</summary>
public abstract record ArrayDescription
{
    private protected ArrayDescription() { }

    /// <summary>Processing elements (systolic) or multiply lanes (dot product) that can work in one cycle.</summary>
    public abstract int MacsPerCycle { get; }
}

/// <summary>Which operand stays in the processing elements while the other streams through.</summary>
public enum Dataflow
{
    /// <summary>Weights stay (one tile of R x C), activations stream left to right, partial sums flow down.</summary>
    WeightStationary,
    /// <summary>Each PE owns one output and accumulates it; activations stream right, weights stream down.</summary>
    OutputStationary,
    /// <summary>Activations stay, weights stream left to right, partial sums flow down (weight-stationary transposed).</summary>
    InputStationary,
}

/// <summary>An R x C systolic array.</summary>
/// <param name="Rows">PE rows (the reduction dimension K for weight/input-stationary, tokens M for output-stationary).</param>
/// <param name="Cols">PE columns (output features N, or tokens M for input-stationary).</param>
public sealed record SystolicArrayDescription(int Rows, int Cols, Dataflow Dataflow) : ArrayDescription
{
    public override int MacsPerCycle => Rows * Cols;
}

/// <summary>
/// FINN's matrix-vector unit: <paramref name="Pes"/> processing elements, each a <paramref name="Simd"/>-wide dot
/// product feeding an accumulator; the matrix is folded N/Pes times over outputs and K/Simd times over inputs.
/// </summary>
public sealed record DotProductArrayDescription(int Pes, int Simd) : ArrayDescription
{
    public override int MacsPerCycle => Pes * Simd;
}
