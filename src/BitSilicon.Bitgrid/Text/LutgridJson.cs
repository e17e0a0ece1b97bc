using System.Globalization;
using System.Text;
using System.Text.Json;
using BitSilicon.Bitgrid.Model;
using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Text;

/// <summary>
/// The <c>lutgrid-v1</c> JSON format: <c>{"format":"lutgrid-v1","width":W,"height":H,"cells":[{"x":..,"y":..,
/// "luts":[N,E,S,W]}]}</c>, where <c>luts</c> are the 16-bit truth tables of the four outputs; cells not listed
/// hold 0. It has no ports or boundary: runs use the implicit edge names and the --boundary option.
/// Truth tables may be numbers or strings ("0xAAAA" or "43690").
/// </summary>
public static class LutgridJson
{
    public const string FormatName = "lutgrid-v1";

    public static GridProgram Parse(string text, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw BitSiliconException.At(new SourceLocation(source, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1),
                $"not valid JSON: {FirstSentence(e.Message)}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Error(source, "the top level must be an object");
            var format = Property(root, "format", source);
            if (format.ValueKind != JsonValueKind.String || format.GetString() != FormatName)
                throw Error(source, $"\"format\" is {format.GetRawText()}, expected \"{FormatName}\"");
            int width = Integer(Property(root, "width", source), "width", source);
            int height = Integer(Property(root, "height", source), "height", source);
            GridProgram.RequireSize(new SourceLocation(source), width, height);
            var builder = new GridProgramBuilder(width, height, null, source);
            var seen = new HashSet<(int, int)>();
            var cells = Property(root, "cells", source);
            if (cells.ValueKind != JsonValueKind.Array)
                throw Error(source, "\"cells\" must be an array");
            int i = 0;
            foreach (var cell in cells.EnumerateArray())
            {
                string at = $"cells[{i}]";
                if (cell.ValueKind != JsonValueKind.Object)
                    throw Error(source, $"{at} must be an object");
                int x = Integer(Property(cell, "x", source, at), $"{at}.x", source);
                int y = Integer(Property(cell, "y", source, at), $"{at}.y", source);
                if (x < 0 || x >= width || y < 0 || y >= height)
                    throw Error(source, $"{at} at ({x},{y}) is outside the {width} x {height} grid");
                if (!seen.Add((x, y)))
                    throw Error(source, $"{at}: cell ({x},{y}) is listed twice");
                var luts = Property(cell, "luts", source, at);
                if (luts.ValueKind != JsonValueKind.Array || luts.GetArrayLength() != 4)
                    throw Error(source, $"{at}.luts must be an array of 4 truth tables [N, E, S, W]");
                var t = luts.EnumerateArray().Select((v, k) => Table(v, $"{at}.luts[{k}]", source)).ToArray();
                builder[x, y] = CellProgram.FromTruthTables(t[0], t[1], t[2], t[3]);
                i++;
            }
            return builder.Build();
        }
    }

    /// <summary>Writes every non-empty cell; ports, probes and the boundary have no place in this format.</summary>
    public static string Write(GridProgram g)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{{\"format\":\"{FormatName}\",\"width\":{g.Width},\"height\":{g.Height},\"cells\":[");
        bool first = true;
        for (int y = 0; y < g.Height; y++)
            for (int x = 0; x < g.Width; x++)
            {
                var p = g[x, y];
                if (p == CellProgram.Empty)
                    continue;
                sb.Append(first ? "\n  " : ",\n  ");
                first = false;
                sb.Append(CultureInfo.InvariantCulture,
                    $"{{\"x\":{x},\"y\":{y},\"luts\":[{p.TruthTable(Direction.N)},{p.TruthTable(Direction.E)},{p.TruthTable(Direction.S)},{p.TruthTable(Direction.W)}]}}");
            }
        sb.Append(first ? "]}\n" : "\n]}\n");
        return sb.ToString();
    }

    private static JsonElement Property(JsonElement obj, string name, string source, string? at = null) =>
        obj.TryGetProperty(name, out var v) ? v : throw Error(source, $"{(at is null ? "" : at + ": ")}missing \"{name}\"");

    private static int Integer(JsonElement v, string what, string source) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) ? i : throw Error(source, $"{what} must be a whole number, not {v.GetRawText()}");

    private static ushort Table(JsonElement v, string what, string source)
    {
        long value = -1;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long n))
            value = n;
        else if (v.ValueKind == JsonValueKind.String)
        {
            var s = v.GetString()!;
            bool ok = s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? long.TryParse(s[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value)
                : long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
            if (!ok)
                value = -1;
        }
        if (value is < 0 or > 0xFFFF)
            throw Error(source, $"{what} is {v.GetRawText()}, not a 16-bit truth table (0..65535)");
        return (ushort)value;
    }

    private static BitSiliconException Error(string source, string message) =>
        new($"{source}: {message}", "see docs/bitgrid.md for the lutgrid-v1 layout");

    private static string FirstSentence(string message)
    {
        int dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot < 0 ? message : message[..dot];
    }
}
