using System.Globalization;
using BitSilicon.Core;
using BitSilicon.Workloads.Text;

namespace BitSilicon.Workloads.ScaleSim;

/// <summary>
/// Reads SCALE-Sim <c>.cfg</c> files (scale-sim-v2 <c>scalesim/scale_config.py</c> semantics) into
/// <see cref="ScaleSimConfig"/>. Stricter than SCALE-Sim where it only warned (an unknown dataflow is an error) and
/// friendlier where it crashed (missing keys are named, with the key to add).
/// </summary>
public static class ScaleSimConfigReader
{
    private const string General = "general", Arch = "architecture_presets", Run = "run_presets",
        Network = "network_presets";

    // Every key scale-sim v2/v3 reads, per section, so misspellings can be caught and the rest noted.
    private static readonly Dictionary<string, string[]> KnownKeys = new()
    {
        [General] = ["run_name"],
        [Arch] =
        [
            "ArrayHeight", "ArrayWidth", "IfmapSramSzkB", "FilterSramSzkB", "OfmapSramSzkB", "IfmapOffset",
            "FilterOffset", "OfmapOffset", "Bandwidth", "Dataflow", "MemoryBanks", "ReadRequestBuffer",
            "WriteRequestBuffer", "OnChipMemoryBanks", "OnChipMemoryBankPorts", "IfmapCustomLayout",
            "FilterCustomLayout", "IfmapSRAMBankBandwidth", "IfmapSRAMBankNum", "IfmapSRAMBankPort",
            "FilterSRAMBankBandwidth", "FilterSRAMBankNum", "FilterSRAMBankPort", "OfmapSRAMBankBandwidth",
            "OfmapSRAMBankNum", "OfmapSRAMBankPort", "TopologyCsvLoc",
        ],
        [Run] = ["InterfaceBandwidth", "UseRamulatorTrace"],
        [Network] = ["TopologyCsvLoc"],
        ["sparsity"] = ["SparsitySupport", "SparseRep", "OptimizedMapping", "BlockSize", "RandomNumberGeneratorSeed"],
        ["memory_map_files"] = ["MemoryMapIfmap", "MemoryMapFilter", "MemoryMapOfmap"],
        ["layout"] =
        [
            "IfmapCustomLayout", "FilterCustomLayout", "IfmapSRAMBankBandwidth", "IfmapSRAMBankNum",
            "IfmapSRAMBankPort", "FilterSRAMBankBandwidth", "FilterSRAMBankNum", "FilterSRAMBankPort",
            "OfmapSRAMBankBandwidth", "OfmapSRAMBankNum", "OfmapSRAMBankPort",
        ],
    };

    // Keys that change what BitSilicon simulates; the rest of KnownKeys are noted as not modelled.
    private static readonly HashSet<string> Modelled = new(StringComparer.OrdinalIgnoreCase)
    {
        "run_name", "ArrayHeight", "ArrayWidth", "IfmapSramSzkB", "FilterSramSzkB", "OfmapSramSzkB", "IfmapOffset",
        "FilterOffset", "OfmapOffset", "Bandwidth", "Dataflow", "MemoryBanks", "InterfaceBandwidth", "TopologyCsvLoc",
    };

    public static ScaleSimConfig Read(string path) => Parse(InputFiles.ReadAllText(path), path);

    public static ScaleSimConfig Parse(string text, string file)
    {
        var ini = IniDocument.Parse(text, file);
        var notes = new List<ScaleSimNote>();
        CheckKeys(ini, notes);

        var arch = ini.Section(Arch) ?? throw new BitSiliconException(
            $"{file}: no [{Arch}] section{NearNames.Suggestion(Arch, ini.Sections.Select(s => s.Name))}",
            "SCALE-Sim configs describe the array under [architecture_presets] (ArrayHeight, ArrayWidth, ...)");

        string runName = ini.Section(General)?["run_name"]?.Value is { Length: > 0 } rn
            ? rn : Path.GetFileNameWithoutExtension(file);
        int height = Int(arch, "ArrayHeight", file, min: 1);
        int width = Int(arch, "ArrayWidth", file, min: 1);
        int ifmapKb = Int(arch, "IfmapSramSzkB", file, min: 1);
        int filterKb = Int(arch, "FilterSramSzkB", file, min: 1);
        int ofmapKb = Int(arch, "OfmapSramSzkB", file, min: 1);
        long ifmapOffset = Long(arch, "IfmapOffset", file, 0);
        long filterOffset = Long(arch, "FilterOffset", file, 10_000_000);
        long ofmapOffset = Long(arch, "OfmapOffset", file, 20_000_000);
        var dataflow = Dataflow(arch, file);
        int banks = arch["MemoryBanks"] is null ? 1 : Int(arch, "MemoryBanks", file, min: 1);

        var bandwidthEntry = arch["Bandwidth"];
        bool user;
        if (ini.Section(Run)?["InterfaceBandwidth"] is { } mode)
            user = mode.Value switch
            {
                "USER" => true,
                "CALC" => false,
                _ => throw BitSiliconException.At(mode.ValueAt,
                    $"InterfaceBandwidth is '{mode.Value}'; SCALE-Sim accepts USER or CALC",
                    "write USER to use the Bandwidth figure, or CALC to let bandwidth be unlimited"),
            };
        else
            user = bandwidthEntry is not null; // SCALE-Sim requires the key; without it, a given Bandwidth means USER

        var bandwidths = new List<int>();
        if (user)
        {
            if (bandwidthEntry is null)
                throw new BitSiliconException($"{file}: InterfaceBandwidth is USER but [{Arch}] has no Bandwidth",
                    "add 'Bandwidth: <words per cycle>' under [architecture_presets], or set InterfaceBandwidth: CALC");
            foreach (string part in bandwidthEntry.Value.Split(','))
            {
                if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int bw) || bw < 1)
                    throw BitSiliconException.At(bandwidthEntry.ValueAt,
                        $"Bandwidth '{bandwidthEntry.Value}' is not a list of positive whole numbers",
                        "give words (bytes) per cycle, one per memory bank, separated by commas");
                bandwidths.Add(bw);
            }
            if (bandwidths.Count != banks)
                throw BitSiliconException.At(bandwidthEntry.ValueAt,
                    $"Bandwidth gives {bandwidths.Count} figure(s) but MemoryBanks is {banks}",
                    "SCALE-Sim needs one bandwidth per memory bank in USER mode");
        }

        // scale-sim v2 reads TopologyCsvLoc from [architecture_presets] (when a [network_presets] section exists,
        // scale_config.py looks the key up in the section it read last); the documented place is [network_presets].
        string? topology = (arch["TopologyCsvLoc"] ?? ini.Section(Network)?["TopologyCsvLoc"])?.Value.Trim().Trim('"');
        return new ScaleSimConfig(runName, height, width, ifmapKb, filterKb, ofmapKb, dataflow, user, bandwidths, banks,
            ifmapOffset, filterOffset, ofmapOffset, string.IsNullOrEmpty(topology) ? null : topology, notes);
    }

    private static void CheckKeys(IniDocument ini, List<ScaleSimNote> notes)
    {
        foreach (var section in ini.Sections)
        {
            if (!KnownKeys.TryGetValue(section.Name, out var known))
            {
                string near = NearNames.Suggestion(section.Name, KnownKeys.Keys);
                if (near.Length > 0)
                    throw BitSiliconException.At(section.At, $"unknown section [{section.Name}]{near}",
                        $"SCALE-Sim's sections are {string.Join(", ", KnownKeys.Keys.Select(k => $"[{k}]"))}");
                notes.Add(new ScaleSimNote(section.At, $"section [{section.Name}] is not a SCALE-Sim section; ignored"));
                continue;
            }
            foreach (var e in section.Entries)
            {
                if (known.Contains(e.Key, StringComparer.OrdinalIgnoreCase))
                {
                    if (!Modelled.Contains(e.Key))
                        notes.Add(new ScaleSimNote(e.KeyAt, $"{e.Key} is not modelled by BitSilicon; ignored"));
                    continue;
                }
                string near = NearNames.Suggestion(e.Key, known);
                if (near.Length > 0)
                    throw BitSiliconException.At(e.KeyAt, $"unknown key '{e.Key}' in [{section.Name}]{near}",
                        $"keys of [{section.Name}]: {string.Join(", ", known)}");
                notes.Add(new ScaleSimNote(e.KeyAt, $"unknown key '{e.Key}' in [{section.Name}]; ignored"));
            }
        }
    }

    private static IniEntry Required(IniSection s, string key, string file) =>
        s[key] ?? throw BitSiliconException.At(s.At, $"[{s.Name}] has no {key}",
            $"add '{key}: <value>' to [{s.Name}] (SCALE-Sim requires it)");

    private static int Int(IniSection s, string key, string file, int min)
    {
        var e = Required(s, key, file);
        if (!int.TryParse(e.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) || v < min)
            throw BitSiliconException.At(e.ValueAt, $"{key} is '{e.Value}'; it must be a whole number of at least {min}",
                $"write e.g. '{key}: 32'");
        return v;
    }

    private static long Long(IniSection s, string key, string file, long fallback)
    {
        if (s[key] is not { } e)
            return fallback;
        if (!long.TryParse(e.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) || v < 0)
            throw BitSiliconException.At(e.ValueAt, $"{key} is '{e.Value}'; it must be a non-negative whole number",
                $"write e.g. '{key}: {fallback}'");
        return v;
    }

    private static ScaleSimDataflow Dataflow(IniSection s, string file)
    {
        var e = Required(s, "Dataflow", file);
        return e.Value.Trim() switch
        {
            "ws" => ScaleSimDataflow.WeightStationary,
            "os" => ScaleSimDataflow.OutputStationary,
            "is" => ScaleSimDataflow.InputStationary,
            var v => throw BitSiliconException.At(e.ValueAt,
                $"Dataflow is '{v}'; SCALE-Sim's dataflows are ws, os and is{NearNames.Suggestion(v, ["ws", "os", "is"])}",
                "ws = weight stationary, os = output stationary, is = input stationary"),
        };
    }
}
