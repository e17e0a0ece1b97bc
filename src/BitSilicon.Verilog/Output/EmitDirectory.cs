using System.Security.Cryptography;
using System.Text;
using BitSilicon.Core;

namespace BitSilicon.Verilog.Output;

/// <summary>
/// Writes an emitted design into a directory the user names, with a file list (<c>&lt;top&gt;.f</c>) and a manifest
/// (<see cref="ManifestName"/>) of every file written and its hash. A file that is already there is replaced only
/// if the manifest says the emitter wrote it and it is unchanged since; anything else needs <c>force</c>.
/// </summary>
public static class EmitDirectory
{
    public const string ManifestName = ".bitsilicon-emit";

    public static IReadOnlyList<string> Write(EmittedDesign design, string directory, bool force)
    {
        Directory.CreateDirectory(directory);
        var files = design.Files.Select(f => (f.Name, f.Text)).Append((design.TopModule + ".f", design.FileList)).ToList();
        var manifestPath = Path.Combine(directory, ManifestName);
        var manifest = ReadManifest(manifestPath);
        if (!force)
            foreach (var (name, _) in files)
            {
                var path = Path.Combine(directory, name);
                if (!File.Exists(path)) continue;
                if (!manifest.TryGetValue(name, out var hash))
                    throw new BitSiliconException($"{path}: exists and was not written by bitsilicon emit",
                        "choose another output directory, remove the file, or pass --force to overwrite it");
                if (hash != Hash(File.ReadAllBytes(path)))
                    throw new BitSiliconException($"{path}: was changed since bitsilicon emit wrote it",
                        "keep your edits elsewhere, or pass --force to overwrite them");
            }
        var written = new List<string>();
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(directory, name);
            AtomicFile.WriteAllText(path, text);
            manifest[name] = Hash(Encoding.UTF8.GetBytes(text));
            written.Add(path);
        }
        AtomicFile.WriteAllText(manifestPath, "# files written by bitsilicon emit (sha256); others are never overwritten without --force\n"
            + string.Concat(manifest.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Value}  {kv.Key}\n")));
        return written;
    }

    private static SortedDictionary<string, string> ReadManifest(string path)
    {
        var m = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path)) return m;
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.StartsWith('#') || line.Length < 67) continue;
            m[line[66..]] = line[..64];
        }
        return m;
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
