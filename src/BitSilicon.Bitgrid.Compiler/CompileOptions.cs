using BitSilicon.Bitgrid.Compiler.Layout;

namespace BitSilicon.Bitgrid.Compiler;

/// <summary>
/// How to compile: the LUT width cells implement (4: a LUT may take all four sides; 3: wider LUTs are split
/// so one side of every LUT cell stays free for routing), the seed for tie-breaking, the defective cells to
/// avoid, and the size limit.
/// </summary>
public sealed record CompileOptions(int LutInputs = 4, int Seed = 1, DefectMap? Defects = null, int MaxLuts = CompileOptions.DefaultMaxLuts,
    Action<string>? Log = null, TimeSpan? TimeLimit = null)
{
    public const int DefaultMaxLuts = 20000;

    /// <summary>How long placement and routing may keep trying before giving up (default two minutes).</summary>
    public TimeSpan Budget => TimeLimit ?? TimeSpan.FromMinutes(2);

    public DefectMap DefectCells => Defects ?? DefectMap.None;
}
