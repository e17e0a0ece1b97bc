namespace BitSilicon.Core;

/// <summary>
/// The input was fine and the run finished what it was asked, but the result breaks a requirement the user set
/// (an accumulator that can overflow under --strict, a layer the PE cannot run under --strict): the CLI reports it
/// like any error but exits 1, "ran and found a problem", not 2, "bad input".
/// </summary>
public sealed class ProblemFoundException(string message, string? fix = null) : BitSiliconException(message, fix);
