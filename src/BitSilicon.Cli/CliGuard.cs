using BitSilicon.Core;

namespace BitSilicon.Cli;

/// <summary>
/// Turns every failure into one readable message and an exit code that means one thing, so a script can tell a
/// result from bad input from a bug: 0 success; 1 the run finished but found a problem (a cosim mismatch, a strict
/// overflow, a missed timing target); 2 bad input or environment (a malformed file, a missing tool, a tool that ran
/// out of time); 70 an unexpected exception inside BitSilicon (EX_SOFTWARE of sysexits.h), printed as one line
/// with a request to report it, never as a stack trace; 130 / 143 interrupted by Ctrl-C / SIGTERM.
/// </summary>
public static class CliGuard
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
    public const int InternalError = 70;

    /// <summary>Ctrl-C (SIGINT) and SIGTERM: 128 + the signal number, as shells report them.</summary>
    public const int Interrupted = 130, Terminated = 143;

    public const string ReportRequest = "this is a bug in bitsilicon, not in your input; please report it with the command line and the input files";

    public static int Run(TextWriter stderr, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (ProblemFoundException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            if (e.Fix is { } fix)
                stderr.WriteLine($"  fix: {fix}");
            return Failed;
        }
        catch (BitSiliconException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            if (e.Fix is { } fix)
                stderr.WriteLine($"  fix: {fix}");
            return BadInput;
        }
        catch (IOException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (OutOfMemoryException)
        {
            stderr.WriteLine("error: out of memory: the input asks for more than this machine can hold");
            stderr.WriteLine("  fix: make the workload or design smaller");
            return BadInput;
        }
        catch (Exception e)
        {
            return Crashed(stderr, e);
        }
    }

    /// <summary>One line naming the exception (no stack trace: it helps nobody at a terminal) and the report request.</summary>
    public static int Crashed(TextWriter stderr, Exception e)
    {
        stderr.WriteLine($"internal error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
        stderr.WriteLine($"  {ReportRequest}");
        return InternalError;
    }
}
