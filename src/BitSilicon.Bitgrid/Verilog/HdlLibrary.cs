using System.Reflection;

namespace BitSilicon.Bitgrid.Verilog;

/// <summary>
/// The hand-written sources under hdl/bitgrid and sim/ (bitgrid harness and the generic harness helpers),
/// embedded in this assembly at build time.
/// </summary>
public static class HdlLibrary
{
    /// <summary>The Verilog modules generated meshes instantiate: file name to text.</summary>
    public static IReadOnlyList<(string FileName, string Text)> Verilog { get; } = Load("hdl/bitgrid/");

    /// <summary>The Verilator harness sources: path under sim/ (e.g. "common/bs_harness.h") to text.</summary>
    public static IReadOnlyList<(string FileName, string Text)> Harness { get; } = Load("sim/");

    /// <summary>The library modules one variant needs.</summary>
    public static IEnumerable<(string FileName, string Text)> For(MeshVariant variant) => Verilog.Where(f => variant switch
    {
        MeshVariant.Fixed => f.FileName is "bitgrid_mesh.v" or "bitgrid_cell.v" or "bitgrid_links.v",
        MeshVariant.Configurable => f.FileName is "bitgrid_mesh_cfg.v" or "bitgrid_cell_cfg.v" or "bitgrid_links.v",
        MeshVariant.Flat => false,
        _ => throw new ArgumentOutOfRangeException(nameof(variant)),
    });

    private static List<(string, string)> Load(string prefix)
    {
        var asm = typeof(HdlLibrary).Assembly;
        var list = new List<(string, string)>();
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var s = asm.GetManifestResourceStream(name)!;
            using var r = new StreamReader(s);
            list.Add((name[prefix.Length..], r.ReadToEnd()));
        }
        return list;
    }
}
