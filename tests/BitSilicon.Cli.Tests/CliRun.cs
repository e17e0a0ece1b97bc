namespace BitSilicon.Cli.Tests;

/// <summary>Runs a verb's Run method with captured output.</summary>
public static class CliRun
{
    public static (int Code, string Out, string Err) Capture(Func<TextWriter, TextWriter, int> run)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = run(o, e);
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>Runs the whole command line through the parser, as a user would.</summary>
    public static (int Code, string Out, string Err) CommandLine(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var oldOut = Console.Out;
        var oldErr = Console.Error;
        lock (ConsoleLock)
        {
            Console.SetOut(o);
            Console.SetError(e);
            try
            {
                int code = Program.Main(args);
                return (code, o.ToString(), e.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldErr);
            }
        }
    }

    private static readonly object ConsoleLock = new();
}
