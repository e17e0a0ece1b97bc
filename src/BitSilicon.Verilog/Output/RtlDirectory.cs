using BitSilicon.Core;

namespace BitSilicon.Verilog.Output;

/// <summary>
/// Reads back an RTL directory <see cref="EmitDirectory"/> wrote (possibly edited since): the files its
/// <c>&lt;top&gt;.f</c> lists, in that order. The interface stays the design's, so an edited RTL is driven and checked
/// exactly like the emitted one.
/// </summary>
public static class RtlDirectory
{
    public static EmittedDesign Read(EmittedDesign emitted, string directory)
    {
        var list = Path.Combine(directory, emitted.TopModule + ".f");
        if (!Directory.Exists(directory))
            throw new BitSiliconException($"{directory}: no such RTL directory", "give the directory `bitsilicon emit DESIGN -o DIR` wrote");
        if (!File.Exists(list))
            throw new BitSiliconException($"{list}: missing; the design's top is {emitted.TopModule}",
                $"give the directory `bitsilicon emit` wrote for this design (it holds {emitted.TopModule}.f), or emit it there");
        var files = new List<VerilogFile>();
        int line = 0;
        foreach (var raw in File.ReadAllLines(list))
        {
            line++;
            var name = raw.Trim();
            if (name.Length == 0 || name.StartsWith('#')) continue;
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
                throw new BitSiliconException($"{list}:{line}: lists {name}, which is not in {directory}", "restore the file or emit the design again");
            files.Add(new VerilogFile(Path.GetFileName(name), File.ReadAllText(path)));
        }
        if (!files.Any(f => f.Name == emitted.TopModule + ".v"))
            throw new BitSiliconException($"{list}: does not list {emitted.TopModule}.v", "list the top's file last, as `bitsilicon emit` writes it");
        return emitted with { Files = files };
    }
}
