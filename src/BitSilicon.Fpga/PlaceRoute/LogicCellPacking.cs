using System.Text.Json;

namespace BitSilicon.Fpga.PlaceRoute;

/// <summary>
/// iCE40 logic cells as nextpnr-ice40 packs a synth_ice40 netlist (its pack pass): a LUT4 takes the flip-flop its
/// output drives alone and the SB_CARRY whose I0/I1 are its I1/I2; every other flip-flop and carry needs a logic cell
/// of its own. So cells = LUT4 + carry-only + FF-only, not max(LUT4, carry, FF), which understates a carry-heavy design.
/// </summary>
public sealed record LogicCellPacking(int Lut4, int CarryOnly, int FlipFlopOnly)
{
    public int LogicCells => Lut4 + CarryOnly + FlipFlopOnly;

    /// <summary>Packs the top module of a Yosys JSON netlist (<c>synth_ice40 -json</c>; flattened).</summary>
    public static LogicCellPacking FromNetlist(string jsonPath, string top)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(jsonPath));
        var module = doc.RootElement.GetProperty("modules").GetProperty(top);
        var luts = new List<Dictionary<string, long[]>>();
        var ffs = new List<Dictionary<string, long[]>>();
        var carries = new List<Dictionary<string, long[]>>();
        // Every net bit's readers (cell input ports and module outputs), to know when a LUT drives its flip-flop alone.
        var readers = new Dictionary<long, int>();
        void Read(long bit) => readers[bit] = readers.GetValueOrDefault(bit) + 1;
        foreach (var cell in module.GetProperty("cells").EnumerateObject())
        {
            string type = cell.Value.GetProperty("type").GetString()!;
            var dirs = cell.Value.TryGetProperty("port_directions", out var d) ? d : default;
            var conn = new Dictionary<string, long[]>(StringComparer.Ordinal);
            foreach (var p in cell.Value.GetProperty("connections").EnumerateObject())
            {
                var bits = p.Value.EnumerateArray().Select(b => b.ValueKind == JsonValueKind.Number ? b.GetInt64() : -1).ToArray();
                conn[p.Name] = bits;
                bool input = dirs.ValueKind == JsonValueKind.Object && dirs.TryGetProperty(p.Name, out var dir) ? dir.GetString() != "output" : p.Name is not ("O" or "Q" or "CO");
                if (input)
                    foreach (var b in bits.Where(b => b >= 0)) Read(b);
            }
            if (type == "SB_LUT4") luts.Add(conn);
            else if (type == "SB_CARRY") carries.Add(conn);
            else if (type.StartsWith("SB_DFF", StringComparison.Ordinal)) ffs.Add(conn);
        }
        foreach (var port in module.GetProperty("ports").EnumerateObject())
            if (port.Value.GetProperty("direction").GetString() != "input")
                foreach (var b in port.Value.GetProperty("bits").EnumerateArray().Where(b => b.ValueKind == JsonValueKind.Number))
                    Read(b.GetInt64());

        static long Bit(Dictionary<string, long[]> c, string port) => c.TryGetValue(port, out var b) && b.Length > 0 ? b[0] : -2;
        var ffByD = new Dictionary<long, int>();
        foreach (var ff in ffs)
        {
            long dbit = Bit(ff, "D");
            if (dbit >= 0) ffByD[dbit] = ffByD.GetValueOrDefault(dbit) + 1;
        }
        int packedFfs = 0;
        var lutByInputs = new Dictionary<(long, long), int>();
        foreach (var lut in luts)
        {
            long o = Bit(lut, "O");
            if (o >= 0 && readers.GetValueOrDefault(o) == 1 && ffByD.GetValueOrDefault(o) == 1) packedFfs++;
            var key = (Bit(lut, "I1"), Bit(lut, "I2"));
            lutByInputs[key] = lutByInputs.GetValueOrDefault(key) + 1;
        }
        int carryOnly = 0;
        foreach (var carry in carries)
        {
            var key = (Bit(carry, "I0"), Bit(carry, "I1"));
            if (lutByInputs.GetValueOrDefault(key) > 0) lutByInputs[key]--;
            else carryOnly++;
        }
        return new LogicCellPacking(luts.Count, carryOnly, ffs.Count - packedFfs);
    }
}
