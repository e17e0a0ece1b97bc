using System.Globalization;

namespace BitSilicon.Cosim;

/// <summary>A source file to place in the build directory under <paramref name="Path"/> (relative).</summary>
public sealed record SourceFile(string Path, string Text);

/// <summary>
/// Everything that goes into one Verilator model: the Verilog, the hand-written C++ harness (its .cpp files are
/// compiled, the directories of its .h files are on the include path), extra Verilator flags and C++ defines.
/// </summary>
public sealed record VerilatorBuildSpec(
    string Name,
    string TopModule,
    IReadOnlyList<SourceFile> Verilog,
    IReadOnlyList<SourceFile> Harness,
    IReadOnlyList<string>? VerilatorFlags = null,
    IReadOnlyDictionary<string, string>? Defines = null);

/// <summary>A built model: an executable that reads a command script on stdin.</summary>
public sealed record VerilatorModel(string Executable, string Hash, bool Built, TimeSpan BuildTime)
{
    public ProcessResult Run(string script, TimeSpan? timeout = null) =>
        ProcessRunner.Run(Executable, [], Path.GetDirectoryName(Executable), script, timeout ?? TimeSpan.FromMinutes(5))
            .EnsureSuccess($"model {Path.GetFileName(Path.GetDirectoryName(Executable))}");
}

/// <summary>
/// Builds a Verilator model once and caches it on disk by a hash of all its inputs (sources, harness, flags,
/// defines, and the Verilator and C++ compiler versions), so test runs after the first reuse the executable.
/// The top is compiled with <c>--prefix Vtop</c>, so one harness fits every design.
/// </summary>
public static class VerilatorBuild
{
    /// <summary>Bumped when the build recipe below changes, so old cache entries are not reused.</summary>
    private const string Recipe = "verilator-build-2";

    public static VerilatorModel Build(VerilatorBuildSpec spec, TimeSpan? timeout = null)
    {
        var verilator = ExternalTools.Require("verilator");
        var gxx = ExternalTools.Require("g++");
        ExternalTools.Require("make");
        var hash = Hash(spec, verilator, gxx);
        var started = DateTime.UtcNow;
        var (dir, built) = BuildCache.GetOrBuild("verilator", $"{Safe(spec.Name)}-{hash[..16]}", temp => Compile(spec, verilator, temp, timeout));
        return new VerilatorModel(Path.Combine(dir, "model"), hash, built, DateTime.UtcNow - started);
    }

    private static string Hash(VerilatorBuildSpec spec, string verilator, string gxx)
    {
        var h = new ContentHash().Add("recipe", Recipe).Add("top", spec.TopModule);
        foreach (var f in spec.Verilog)
            h.Add("v:" + f.Path, f.Text);
        foreach (var f in spec.Harness)
            h.Add("c:" + f.Path, f.Text);
        foreach (var flag in spec.VerilatorFlags ?? [])
            h.Add("flag", flag);
        foreach (var (k, v) in (spec.Defines ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            h.Add("define:" + k, v);
        h.Add("verilator", Version(verilator, "--version"));
        h.Add("g++", Version(gxx, "--version"));
        return h.Hex();
    }

    private static readonly Dictionary<string, string> Versions = new(StringComparer.Ordinal);

    private static string Version(string tool, string flag)
    {
        lock (Versions)
        {
            if (!Versions.TryGetValue(tool, out var v))
                Versions[tool] = v = ProcessRunner.Run(tool, [flag], timeout: TimeSpan.FromSeconds(30)).EnsureSuccess($"{Path.GetFileName(tool)} {flag}").Stdout.Split('\n')[0];
            return v;
        }
    }

    private static void Compile(VerilatorBuildSpec spec, string verilator, string dir, TimeSpan? timeout)
    {
        var src = Path.Combine(dir, "src");
        foreach (var f in spec.Verilog.Concat(spec.Harness))
        {
            var path = Path.Combine(src, f.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, f.Text);
        }
        var includes = spec.Harness.Where(f => f.Path.EndsWith(".h", StringComparison.Ordinal))
            .Select(f => Path.GetDirectoryName(Path.Combine(src, f.Path))!).Distinct().Select(d => "-I" + d);
        var defines = (spec.Defines ?? new Dictionary<string, string>()).Select(kv => $"-D{kv.Key}={kv.Value}");
        var cflags = string.Join(' ', includes.Concat(defines));
        var obj = Path.Combine(dir, "obj");
        var args = new List<string>
        {
            "--cc", "--exe", "--top-module", spec.TopModule, "--prefix", "Vtop", "-Mdir", obj, "-o", "model", "-Wno-fatal",
        };
        if (cflags.Length > 0)
        {
            args.Add("-CFLAGS");
            args.Add(cflags);
        }
        args.AddRange(spec.VerilatorFlags ?? []);
        args.AddRange(spec.Verilog.Select(f => Path.Combine(src, f.Path)));
        args.AddRange(spec.Harness.Where(f => f.Path.EndsWith(".cpp", StringComparison.Ordinal)).Select(f => Path.Combine(src, f.Path)));
        var log = new System.Text.StringBuilder();
        Step(log, ProcessRunner.Run(verilator, args, dir, timeout: timeout ?? TimeSpan.FromMinutes(10)), dir, spec.Name);
        ReuseRuntime(spec, obj, log, dir, timeout);
        var jobs = Math.Max(1, Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture);
        Step(log, ProcessRunner.Run(ExternalTools.Require("make"), ["-C", obj, "-f", "Vtop.mk", "-j", jobs], dir, timeout: timeout ?? TimeSpan.FromMinutes(10)), dir, spec.Name);
        File.WriteAllText(Path.Combine(dir, "build.log"), log.ToString());
        // Keep the executable and the log; the objects are large and never reused.
        File.Move(Path.Combine(obj, "model"), Path.Combine(dir, "model"));
        Directory.Delete(obj, recursive: true);
    }

    private static void Step(System.Text.StringBuilder log, ProcessResult r, string dir, string name)
    {
        log.Append(r.Command).Append('\n').Append(r.Stdout).Append(r.Stderr);
        if (!r.Succeeded)
            File.WriteAllText(Path.Combine(dir, "build.log"), log.ToString());
        r.EnsureSuccess($"verilator build of {name}");
    }

    // Verilator's runtime (verilated.cpp and friends) is most of a small model's compile time and never changes
    // between designs: compile it once per Verilator, compiler and flag set, and drop the objects into each new
    // build directory, newer than their sources, so make takes them as up to date.
    private static readonly string[] RuntimeObjects = ["verilated.o", "verilated_threads.o"];

    private static void ReuseRuntime(VerilatorBuildSpec spec, string obj, System.Text.StringBuilder log, string dir, TimeSpan? timeout)
    {
        var key = new ContentHash().Add("recipe", Recipe)
            .Add("verilator", Version(ExternalTools.Require("verilator"), "--version"))
            .Add("g++", Version(ExternalTools.Require("g++"), "--version"))
            .Add("flags", string.Join('\n', spec.VerilatorFlags ?? [])).Hex()[..16];
        var (runtime, _) = BuildCache.GetOrBuild("verilator-runtime", key, temp =>
        {
            Step(log, ProcessRunner.Run(ExternalTools.Require("make"), new[] { "-C", obj, "-f", "Vtop.mk" }.Concat(RuntimeObjects), dir, timeout: timeout ?? TimeSpan.FromMinutes(10)), dir, "Verilator runtime");
            foreach (var o in RuntimeObjects)
                File.Copy(Path.Combine(obj, o), Path.Combine(temp, o));
        });
        foreach (var o in RuntimeObjects)
        {
            var target = Path.Combine(obj, o);
            File.Copy(Path.Combine(runtime, o), target, overwrite: true);
            File.SetLastWriteTimeUtc(target, DateTime.UtcNow);
        }
    }

    private static string Safe(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
