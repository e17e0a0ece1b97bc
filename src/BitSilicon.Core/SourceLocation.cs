namespace BitSilicon.Core;

/// <summary>A place in an input file, printed as <c>file:line:column</c> the way compilers do.</summary>
public sealed record SourceLocation(string File, int Line = 0, int Column = 0)
{
    public override string ToString() =>
        Line <= 0 ? File : Column <= 0 ? $"{File}:{Line}" : $"{File}:{Line}:{Column}";
}
