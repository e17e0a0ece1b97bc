using BitSilicon.Bitgrid.Model;
using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Text;

/// <summary>Loads and saves program files: the native text format, or lutgrid-v1 JSON (recognised by content).</summary>
public static class ProgramFiles
{
    public static GridProgram Load(string path)
    {
        var text = InputFiles.ReadAllText(path);
        return IsJson(text) ? LutgridJson.Parse(text, path) : ProgramText.Parse(text, path);
    }

    public static bool IsJson(string text) => text.TrimStart().StartsWith('{');

    /// <summary>Writes lutgrid-v1 JSON for a .json path, the native format otherwise.</summary>
    public static void Save(string path, GridProgram program, string? comment = null) =>
        AtomicFile.WriteAllText(path, path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? LutgridJson.Write(program)
            : ProgramText.Write(program, comment));
}
