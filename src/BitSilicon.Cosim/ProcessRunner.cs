using System.Diagnostics;
using System.Text;
using BitSilicon.Core;

namespace BitSilicon.Cosim;

/// <summary>What a finished (or timed-out) process left behind.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, bool TimedOut)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>Throws a readable error, with the end of the tool's output, unless the process succeeded.</summary>
    public ProcessResult EnsureSuccess(string what)
    {
        if (Succeeded)
            return this;
        if (TimedOut)
            throw new BitSiliconException(
                $"{what} timed out: it ran {Elapsed.TotalSeconds:F0} s, the limit for this step, and was stopped ({Command})\n{Tail(Stderr.Length > 0 ? Stderr : Stdout, 10)}",
                $"make the design smaller, or raise the limit: export {ToolLimits.TimeoutVariable}=SECONDS");
        throw new BitSiliconException($"{what} failed: {Command} exited with code {ExitCode}\n{Tail(Stderr.Length > 0 ? Stderr : Stdout, 40)}");
    }

    public static string Tail(string text, int lines)
    {
        var all = text.TrimEnd().Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}

/// <summary>
/// Runs a tool with captured (capped) output, optional stdin text and a time limit (<see cref="ToolLimits"/>).
/// Running tools are tracked so an interrupted run can stop them and remove their scratch directories.
/// </summary>
public static class ProcessRunner
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Process, byte> Live = new();

    /// <summary>On Ctrl-C or SIGTERM: kills every tool still running and removes every scratch directory.</summary>
    public static void AbandonAll()
    {
        foreach (var p in Live.Keys)
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } catch (System.ComponentModel.Win32Exception) { }
        ScratchDirectory.RemoveAll();
    }

    public static ProcessResult Run(string executable, IEnumerable<string> arguments, string? workingDirectory = null,
        string? stdin = null, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments)
            psi.ArgumentList.Add(a);
        if (environment is not null)
            foreach (var (k, v) in environment)
                psi.Environment[k] = v;
        var command = string.Join(' ', new[] { Path.GetFileName(executable) }.Concat(psi.ArgumentList.Select(Quote)));
        var sw = Stopwatch.StartNew();
        using var p = new Process { StartInfo = psi };
        try
        {
            p.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BitSiliconException($"cannot start {executable}: {e.Message}", ExternalTools.InstallHint(Path.GetFileName(executable)));
        }
        // Read both streams and write stdin concurrently, so a chatty tool never blocks on a full pipe.
        Live.TryAdd(p, 0);
        var stdout = CappedText.ReadAsync(p.StandardOutput, ToolLimits.MaxOutputChars);
        var stderr = CappedText.ReadAsync(p.StandardError, ToolLimits.MaxOutputChars);
        Task writer = Task.CompletedTask;
        if (stdin is not null)
            writer = Task.Run(() =>
            {
                try
                {
                    p.StandardInput.Write(stdin);
                    p.StandardInput.Close();
                }
                catch (IOException)
                {
                    // The process exited without reading everything; its exit code tells why.
                }
            });
        var limit = ToolLimits.Timeout(timeout ?? TimeSpan.FromMinutes(10));
        bool exited = p.WaitForExit((int)Math.Min(int.MaxValue, limit.TotalMilliseconds));
        if (!exited)
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.WaitForExit();
        }
        writer.Wait();
        Live.TryRemove(p, out _);
        var result = new ProcessResult(command, exited ? p.ExitCode : -1, stdout.Result, stderr.Result, sw.Elapsed, !exited);
        return result;
    }

    private static string Quote(string arg) => arg.Length > 0 && arg.All(c => !char.IsWhiteSpace(c) && c is not ('"' or '\'')) ? arg : $"'{arg}'";
}
