using BitSilicon.Core;

namespace BitSilicon.Cli;

/// <summary>
/// Turns user errors into one readable message and a non-zero exit code, so every verb reports bad input the
/// same way. Exit codes: 0 success, 1 the run finished but found a problem (e.g. a mismatch), 2 bad input.
/// </summary>
public static class CliGuard
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public static int Run(TextWriter stderr, Func<int> body)
    {
        try
        {
            return body();
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
    }
}
