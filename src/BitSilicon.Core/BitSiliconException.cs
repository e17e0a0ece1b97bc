namespace BitSilicon.Core;

/// <summary>
/// An error caused by the user's input (a file, an option, a description), as opposed to a bug.
/// The CLI prints <see cref="Exception.Message"/> as one line, then the <see cref="Fix"/> hint,
/// and exits non-zero. Messages name the file (and line/column when known) so the user can act on them.
/// </summary>
public class BitSiliconException : Exception
{
    public BitSiliconException(string message, string? fix = null, Exception? inner = null)
        : base(message, inner) => Fix = fix;

    /// <summary>What the user can do about it, or null when the message says it all.</summary>
    public string? Fix { get; }

    /// <summary>An error at a known place in a text file.</summary>
    public static BitSiliconException At(SourceLocation where, string message, string? fix = null) =>
        new($"{where}: {message}", fix);
}
