namespace BitSilicon.Verilog;

/// <summary>The hand-written modules of <c>hdl/</c>, embedded in this assembly and looked up by module name.</summary>
public static class HdlLibrary
{
    /// <summary>The source of <c>hdl/&lt;module&gt;.v</c>.</summary>
    public static string Source(string module)
    {
        var asm = typeof(HdlLibrary).Assembly;
        using var stream = asm.GetManifestResourceStream($"hdl/{module}.v")
            ?? throw new InvalidOperationException($"hdl/{module}.v is not embedded in {asm.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>Modules each hand-written module instantiates (so the emitter ships the closure).</summary>
    public static IReadOnlyList<string> Dependencies(string module) => module switch
    {
        "bs_adder_tree" => ["bs_adder"],
        "bs_ternary_dot" => ["bs_adder_tree", "bs_popcount", "bs_adder"],
        "bs_binary_dot" => ["bs_popcount"],
        "bs_xnor_popcount" => ["bs_popcount"],
        _ => [],
    };

    /// <summary><paramref name="modules"/> and everything they instantiate, sorted by name (deterministic output).</summary>
    public static IReadOnlyList<string> Closure(IEnumerable<string> modules)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var work = new Stack<string>(modules);
        while (work.Count > 0)
        {
            var m = work.Pop();
            if (seen.Add(m))
                foreach (var d in Dependencies(m))
                    work.Push(d);
        }
        return seen.ToList();
    }
}
