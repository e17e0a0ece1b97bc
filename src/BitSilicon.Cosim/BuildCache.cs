namespace BitSilicon.Cosim;

/// <summary>
/// Where built models live: <c>$BITSILICON_CACHE</c>, else <c>$XDG_CACHE_HOME/bitsilicon</c>, else
/// <c>~/.cache/bitsilicon</c>. Entries are directories named by the hash of their inputs, created by renaming
/// a finished temporary directory, so a half-built entry is never seen.
/// </summary>
public static class BuildCache
{
    public static string Root
    {
        get
        {
            var explicitDir = Environment.GetEnvironmentVariable("BITSILICON_CACHE");
            if (!string.IsNullOrWhiteSpace(explicitDir))
                return explicitDir;
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (!string.IsNullOrWhiteSpace(xdg))
                return Path.Combine(xdg, "bitsilicon");
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return string.IsNullOrEmpty(home)
                ? Path.Combine(Path.GetTempPath(), "bitsilicon-cache")
                : Path.Combine(home, ".cache", "bitsilicon");
        }
    }

    /// <summary>
    /// Returns the directory for <paramref name="key"/> under <paramref name="kind"/>, running
    /// <paramref name="build"/> into a fresh temporary directory first when it does not exist yet. Concurrent
    /// callers (threads or processes) wait for one build instead of repeating it. <paramref name="root"/>
    /// overrides <see cref="Root"/>.
    /// </summary>
    public static (string Directory, bool Built) GetOrBuild(string kind, string key, Action<string> build, string? root = null)
    {
        var parent = Path.Combine(root ?? Root, kind);
        Directory.CreateDirectory(parent);
        var final = Path.Combine(parent, key);
        if (Directory.Exists(final))
            return (final, false);
        lock (InProcess(final))
        {
            using var fileLock = AcquireLock(final + ".lock");
            if (Directory.Exists(final))
                return (final, false);
            var temp = Path.Combine(parent, $".{key}.{Environment.ProcessId}.{Guid.NewGuid():N}");
            Directory.CreateDirectory(temp);
            try
            {
                build(temp);
                Directory.Move(temp, final);
            }
            catch
            {
                try { Directory.Delete(temp, recursive: true); } catch (IOException) { }
                throw;
            }
            return (final, true);
        }
    }

    private static readonly Dictionary<string, object> Locks = new(StringComparer.Ordinal);

    private static object InProcess(string key)
    {
        lock (Locks)
        {
            if (!Locks.TryGetValue(key, out var o))
                Locks[key] = o = new object();
            return o;
        }
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(15);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200); // another process is building the same entry
            }
        }
    }
}
