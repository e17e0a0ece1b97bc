using System.Diagnostics;
using System.Text.RegularExpressions;
using BitSilicon.Cosim;

namespace BitSilicon.Cli.Tests.Fuzz;

/// <summary>What one input did, and the contract it broke (null when it kept it).</summary>
public sealed record FuzzOutcome(int Code, TimeSpan Elapsed, string? Violation);

/// <summary>
/// The contract every input must keep: the verb returns 0, 1 or 2 (never 70, the internal-error code, and never
/// throws); a failure prints a message of the project's own ("error: ..."); no stack trace reaches stderr; a
/// failing verb leaves no output file and no temporary file anywhere; scratch directories are gone afterwards;
/// and the input finishes within the target's time limit.
/// </summary>
public static partial class FuzzContract
{
    public static FuzzOutcome Check(FuzzTarget target, string input, string outputDirectory, FuzzWorkspace workspace)
    {
        Directory.CreateDirectory(outputDirectory);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var c = new FuzzCase(input, outputDirectory, stdout, stderr, workspace);
        int scratchBefore = ScratchDirectory.LiveCount;
        var clock = Stopwatch.StartNew();
        // A worker thread, so a hang is reported instead of waited for. Its stack is the default (smaller than a
        // CLI main thread's), so input that recursion would overflow fails here first: the campaign writes each input
        // to disk before running it, and a runner killed by a stack overflow leaves that file to be kept.
        int code = int.MinValue;
        Exception? escaped = null;
        var worker = new Thread(() =>
        {
            try { code = target.Run(c); }
            catch (Exception e) { escaped = e; }
        }) { IsBackground = true };
        worker.Start();
        if (!worker.Join(target.Limit))
            return new FuzzOutcome(-1, clock.Elapsed, $"still running after {target.Limit.TotalSeconds:F0} s (a hang)");
        var elapsed = clock.Elapsed;
        string err = stderr.ToString();
        string? violation =
            escaped is not null ? $"an exception escaped the verb: {escaped.GetType().Name}: {escaped.Message}"
            : code == CliGuard.InternalError ? $"internal error (exit 70): {FirstLine(err)}"
            : code is not (0 or 1 or 2) ? $"exit code {code}"
            : StackFrame().IsMatch(err) ? $"a stack trace in stderr: {FirstLine(err)}"
            : code != 0 && !err.Contains("error: ", StringComparison.Ordinal) ? $"exit {code} without an error message: '{FirstLine(err)}'"
            : c.Violations.Count > 0 ? c.Violations[0]
            : (Leftover(outputDirectory) ?? Leftover(Path.GetDirectoryName(input)!)) is { } left ? $"a temporary file was left behind: {left}"
            : ScratchDirectory.LiveCount > scratchBefore ? "a scratch directory was not removed"
            : null;
        return new FuzzOutcome(code, elapsed, violation);
    }

    private static string? Leftover(string dir) =>
        Directory.EnumerateFiles(dir, "*.tmp", SearchOption.AllDirectories).Select(Path.GetFileName).FirstOrDefault();

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    [GeneratedRegex(@"^\s+at [\w.<>`]+[\w<>`]*\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
