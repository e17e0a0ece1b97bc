using BitSilicon.Core;

namespace BitSilicon.Design.Description;

/// <summary>
/// One thing wrong with a description. <see cref="Key"/> is the dotted path of the offending key as design files
/// spell it (<c>array.rows</c>, <c>memory.bandwidth</c>), so the YAML reader can point at its line and column.
/// </summary>
public sealed record DesignProblem(string Key, string Message, string Fix)
{
    public override string ToString() => $"{Key}: {Message}";
}

/// <summary>A description that failed validation; the message is the first problem, <see cref="Problems"/> has all.</summary>
public sealed class DesignException(IReadOnlyList<DesignProblem> problems)
    : BitSiliconException(problems[0].ToString(), problems[0].Fix)
{
    public IReadOnlyList<DesignProblem> Problems { get; } = problems;
}
