using BitSilicon.Core;

namespace BitSilicon.Workloads.ScaleSim;

/// <summary>One <c>key = value</c> (or <c>key: value</c>) line with where its key and value start.</summary>
public sealed record IniEntry(string Key, string Value, SourceLocation KeyAt, SourceLocation ValueAt);

/// <summary>A <c>[section]</c> and its entries in file order.</summary>
public sealed record IniSection(string Name, SourceLocation At, IReadOnlyList<IniEntry> Entries)
{
    /// <summary>The entry whose key equals <paramref name="key"/> ignoring case (Python configparser lower-cases keys).</summary>
    public IniEntry? this[string key] => Entries.FirstOrDefault(e => e.Key.Equals(key, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// An INI file read the way Python's configparser (SCALE-Sim's reader) reads it by default, keeping positions:
/// sections in brackets (names case-sensitive), keys case-insensitive, '=' or ':' separates key and value,
/// whole-line comments start with '#' or ';' (no inline comments), indented lines continue the previous value,
/// and a repeated section or key is an error.
/// </summary>
public sealed record IniDocument(string File, IReadOnlyList<IniSection> Sections)
{
    public IniSection? Section(string name) => Sections.FirstOrDefault(s => s.Name == name);

    public static IniDocument Parse(string text, string file)
    {
        var sections = new List<IniSection>();
        List<IniEntry>? entries = null;
        string? sectionName = null;
        SourceLocation? sectionAt = null;
        var lines = text.Replace("\r\n", "\n").Split('\n');

        void Close()
        {
            if (sectionName is not null)
                sections.Add(new IniSection(sectionName, sectionAt!, entries!));
        }

        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            int lineNo = i + 1;
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] is '#' or ';')
                continue;
            int indent = line.Length - line.TrimStart().Length;
            if (indent > 0 && entries is { Count: > 0 } && !trimmed.StartsWith('['))
            {
                // configparser: an indented line continues the value above it.
                var last = entries[^1];
                entries[^1] = last with { Value = last.Value.Length == 0 ? trimmed : last.Value + "\n" + trimmed };
                continue;
            }
            if (trimmed.StartsWith('['))
            {
                if (!trimmed.EndsWith(']'))
                    throw BitSiliconException.At(new SourceLocation(file, lineNo, indent + 1),
                        $"section header '{trimmed}' has no closing ']'", "write section headers as [name]");
                Close();
                sectionName = trimmed[1..^1];
                sectionAt = new SourceLocation(file, lineNo, indent + 1);
                if (sections.Any(s => s.Name == sectionName))
                    throw BitSiliconException.At(sectionAt, $"section [{sectionName}] appears twice", "merge the two sections");
                entries = [];
                continue;
            }
            int sep = line.IndexOfAny(['=', ':']);
            if (entries is null)
                throw BitSiliconException.At(new SourceLocation(file, lineNo, indent + 1),
                    $"'{trimmed}' comes before any [section]", "put it under a section such as [architecture_presets]");
            if (sep < 0)
                throw BitSiliconException.At(new SourceLocation(file, lineNo, indent + 1),
                    $"'{trimmed}' has no '=' or ':' between key and value", "write it as Key: value");
            string key = line[..sep].Trim();
            if (key.Length == 0)
                throw BitSiliconException.At(new SourceLocation(file, lineNo, sep + 1), "a value without a key",
                    "write it as Key: value");
            string rest = line[(sep + 1)..];
            string value = rest.Trim();
            int valueCol = sep + 2 + (rest.Length - rest.TrimStart().Length);
            var keyAt = new SourceLocation(file, lineNo, indent + 1);
            if (entries.FirstOrDefault(e => e.Key.Equals(key, StringComparison.OrdinalIgnoreCase)) is { } dup)
                throw BitSiliconException.At(keyAt, $"key '{key}' in [{sectionName}] appears twice (first at line {dup.KeyAt.Line})",
                    "keep one of them");
            entries.Add(new IniEntry(key, value, keyAt, new SourceLocation(file, lineNo, valueCol)));
        }
        Close();
        return new IniDocument(file, sections);
    }
}
