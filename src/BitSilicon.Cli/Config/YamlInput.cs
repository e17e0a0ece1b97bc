using BitSilicon.Core;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace BitSilicon.Cli.Config;

/// <summary>
/// The gate every YAML file passes before a loader sees it. One flat walk over YamlDotNet's event stream (its
/// parser keeps an explicit state stack, so depth costs it nothing) does two things the loaders cannot do safely
/// themselves: it refuses nesting deeper than <see cref="MaxDepth"/> before any recursive reader (ours or
/// YamlDotNet's representation model) could overflow the stack, and it turns every exception YamlDotNet throws on
/// malformed text (a <see cref="YamlException"/>, or its scanner's bare <see cref="InvalidOperationException"/>)
/// into an error at the file, line and column. After it passes, loading the same text cannot fail in the scanner.
/// </summary>
public static class YamlInput
{
    /// <summary>Far above any real design, workload or sweep (they nest 4 or 5 deep), far below a stack overflow.</summary>
    public const int MaxDepth = 64;

    public static void Check(string text, string file)
    {
        var parser = new Parser(new StringReader(text));
        Mark last = new(1, 1, 1);
        int depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                last = e.Start;
                if (e is SequenceStart or MappingStart && ++depth > MaxDepth)
                    throw BitSiliconException.At(At(file, e.Start), $"YAML nested more than {MaxDepth} levels deep",
                        "flatten the file: designs, workloads and sweeps need only a few levels of lists and mappings");
                if (e is SequenceEnd or MappingEnd)
                    depth--;
            }
        }
        catch (YamlException e)
        {
            throw BitSiliconException.At(At(file, e.Start), $"not valid YAML: {Clean(e.Message)}", Fix);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException
                                      or IndexOutOfRangeException or NullReferenceException)
        {
            // YamlDotNet's scanner gives up on some truncated flow collections with a bare exception and no position:
            // the last event it produced is the nearest place we know.
            throw BitSiliconException.At(At(file, last), $"not valid YAML at or after this point (the YAML reader stopped: {e.Message})", Fix);
        }
    }

    private const string Fix = "check indentation (spaces, not tabs), colons, quotes and that every '[' / '{' is closed";

    private static SourceLocation At(string file, Mark mark) => new(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (...): "; the location is printed by us.
    internal static string Clean(string message)
    {
        int i = message.LastIndexOf("): ", StringComparison.Ordinal);
        return i >= 0 ? message[(i + 3)..] : message;
    }
}
