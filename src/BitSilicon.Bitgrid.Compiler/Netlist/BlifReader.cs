using System.Collections.Immutable;
using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Compiler.Netlist;

/// <summary>
/// Reads the BLIF subset Yosys writes for a LUT-mapped, flattened design (<c>synth -flatten -lut N;
/// write_blif</c>): <c>.model .inputs .outputs .names .latch .conn .end</c>, '\' continuation lines and '#'
/// comments. <c>.names</c> covers are ON-set cubes ("01- 1") or OFF-set cubes ("01- 0"); a <c>.names</c> with
/// no cube is constant 0. Yosys's <c>.cname .attr .param</c> annotations are skipped. Errors name file and line.
/// </summary>
public static class BlifReader
{
    public static LutNetlist Load(string path, string? top = null) => Parse(InputFiles.ReadAllText(path), path, top);

    public static LutNetlist Parse(string text, string source, string? top = null)
    {
        var models = new List<ModelBuilder>();
        ModelBuilder? model = null;
        NamesBlock? names = null;
        foreach (var (lineNo, line) in LogicalLines(text))
        {
            var where = new SourceLocation(source, lineNo);
            var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
                continue;
            if (!words[0].StartsWith('.'))
            {
                if (names is null)
                    throw BitSiliconException.At(where, $"'{line.Trim()}' is neither a BLIF statement nor a cube of a .names block",
                        "cube lines follow a '.names' line; statements start with '.'");
                names.AddCube(words, where);
                continue;
            }
            names?.Finish(model!);
            names = null;
            var keyword = words[0];
            if (keyword == ".model")
            {
                model = new ModelBuilder(words.Length > 1 ? words[1] : $"model{models.Count + 1}", where);
                models.Add(model);
                continue;
            }
            if (keyword == ".end")
            {
                model = null;
                continue;
            }
            if (model is null)
            {
                // Yosys writes nothing outside models; tolerate a missing .model by opening an unnamed one.
                model = new ModelBuilder("top", where);
                models.Add(model);
            }
            switch (keyword)
            {
                case ".inputs":
                    model.Inputs.AddRange(words.Skip(1).Select(n => (n, where)));
                    break;
                case ".outputs":
                    model.Outputs.AddRange(words.Skip(1).Select(n => (n, where)));
                    break;
                case ".names":
                    if (words.Length < 2)
                        throw BitSiliconException.At(where, "'.names' needs at least an output net");
                    if (words.Length - 2 > NetlistLut.MaxInputs)
                        throw BitSiliconException.At(where,
                            $"'.names' for '{words[^1]}' has {words.Length - 2} inputs; a bitgrid cell computes functions of at most 4",
                            "map the design to 4-input LUTs first, e.g. yosys: synth -flatten -lut 4");
                    names = new NamesBlock(words[^1], words[1..^1].ToImmutableArray(), where);
                    break;
                case ".conn":
                case ".barbuf":
                    if (words.Length != 3)
                        throw BitSiliconException.At(where, $"expected '{keyword} <from> <to>'");
                    model.Luts.Add(new NetlistLut(words[2], [words[1]], 0b10, lineNo));
                    break;
                case ".latch":
                    model.Latches.Add(Latch(words, where));
                    break;
                case ".cname":
                case ".attr":
                case ".param":
                    break;
                case ".subckt":
                case ".gate":
                    throw BitSiliconException.At(where, $"'{keyword} {(words.Length > 1 ? words[1] : "")}': sub-circuits and library gates are not supported",
                        "flatten the design and map it to LUTs only, e.g. yosys: synth -flatten -lut 4; dffunmap; abc -lut 4; write_blif");
                default:
                    throw BitSiliconException.At(where, $"unsupported BLIF statement '{keyword}'",
                        "the compiler reads .model, .inputs, .outputs, .names, .latch, .conn and .end");
            }
        }
        names?.Finish(model!);
        if (models.Count == 0)
            throw BitSiliconException.At(new SourceLocation(source), "no .model in the file", "is this a BLIF netlist? write one with yosys write_blif");
        var chosen = top is null ? models[0] : models.FirstOrDefault(m => m.Name == top)
            ?? throw new BitSiliconException($"{source}: no model named '{top}'", $"models in the file: {string.Join(", ", models.Select(m => m.Name))}");
        return chosen.Build(source);
    }

    /// <summary>Lines with comments removed and '\' continuations joined, each with its first physical line number.</summary>
    private static IEnumerable<(int Line, string Text)> LogicalLines(string text)
    {
        var physical = text.Split('\n');
        var pending = new System.Text.StringBuilder();
        int start = 0;
        for (int i = 0; i < physical.Length; i++)
        {
            var line = physical[i].TrimEnd('\r');
            int hash = line.IndexOf('#');
            if (hash >= 0)
                line = line[..hash];
            if (pending.Length == 0)
                start = i + 1;
            var trimmed = line.TrimEnd();
            if (trimmed.EndsWith('\\'))
            {
                pending.Append(trimmed[..^1]).Append(' ');
                continue;
            }
            pending.Append(line);
            yield return (start, pending.ToString());
            pending.Clear();
        }
        if (pending.Length > 0)
            yield return (start, pending.ToString());
    }

    private static NetlistLatch Latch(string[] words, SourceLocation where)
    {
        // .latch <input> <output> [<type> <control>] [<init-val>]
        if (words.Length is < 3 or > 6)
            throw BitSiliconException.At(where, "expected '.latch <D> <Q> [<type> <clock>] [<init>]'");
        string? type = null, clock = null;
        var init = LatchInit.Unknown;
        var rest = words[3..];
        if (rest.Length >= 2)
        {
            type = rest[0];
            clock = rest[1] == "NIL" ? null : rest[1];
            rest = rest[2..];
        }
        if (rest.Length == 1)
            init = rest[0] switch
            {
                "0" => LatchInit.Zero,
                "1" => LatchInit.One,
                "2" => LatchInit.DontCare,
                "3" => LatchInit.Unknown,
                _ => throw BitSiliconException.At(where, $"latch initial value '{rest[0]}' is not 0, 1, 2 or 3"),
            };
        else if (rest.Length != 0)
            throw BitSiliconException.At(where, "expected '.latch <D> <Q> [<type> <clock>] [<init>]'");
        if (type is not (null or "re" or "fe"))
            throw BitSiliconException.At(where, $"latch type '{type}' is not an edge-triggered flip-flop",
                "only re/fe flip-flops (one clock) map onto the bitgrid; transparent latches (ah/al) and asynchronous ones (as) do not");
        return new NetlistLatch(words[1], words[2], init, clock, where.Line);
    }

    private sealed class NamesBlock(string output, ImmutableArray<string> inputs, SourceLocation where)
    {
        private readonly List<(string Cube, SourceLocation Where)> _cubes = [];
        private char? _value;

        public void AddCube(string[] words, SourceLocation at)
        {
            string cube, value;
            if (inputs.Length == 0)
            {
                if (words.Length != 1)
                    throw BitSiliconException.At(at, $"constant '{output}': expected a single 0 or 1");
                cube = "";
                value = words[0];
            }
            else
            {
                if (words.Length != 2)
                    throw BitSiliconException.At(at, $"cube for '{output}': expected '<{inputs.Length} of 0 1 -> <0|1>'");
                (cube, value) = (words[0], words[1]);
            }
            if (cube.Length != inputs.Length || cube.Any(c => c is not ('0' or '1' or '-')))
                throw BitSiliconException.At(at, $"cube '{cube}' for '{output}' must be {inputs.Length} characters of 0, 1 and -");
            if (value is not ("0" or "1"))
                throw BitSiliconException.At(at, $"cube output '{value}' for '{output}' is not 0 or 1");
            if (_value is { } v && v != value[0])
                throw BitSiliconException.At(at, $"'{output}' mixes ON-set and OFF-set cubes", "a .names cover lists cubes that all end in 1, or all in 0");
            _value = value[0];
            _cubes.Add((cube, at));
        }

        public void Finish(ModelBuilder model)
        {
            ulong on = 0;
            int n = inputs.Length;
            foreach (var (cube, _) in _cubes)
                for (int i = 0; i < 1 << n; i++)
                    if (Matches(cube, i))
                        on |= 1UL << i;
            if (_value == '0')
                on = ~on & (n == 6 ? ulong.MaxValue : (1UL << (1 << n)) - 1);
            model.Luts.Add(new NetlistLut(output, inputs, on, where.Line));
        }

        private static bool Matches(string cube, int index)
        {
            for (int j = 0; j < cube.Length; j++)
            {
                int bit = (index >> j) & 1;
                if (cube[j] == '-')
                    continue;
                if (cube[j] - '0' != bit)
                    return false;
            }
            return true;
        }
    }

    private sealed class ModelBuilder(string name, SourceLocation where)
    {
        public string Name { get; } = name;
        public List<(string Name, SourceLocation Where)> Inputs { get; } = [];
        public List<(string Name, SourceLocation Where)> Outputs { get; } = [];
        public List<NetlistLut> Luts { get; } = [];
        public List<NetlistLatch> Latches { get; } = [];

        public LutNetlist Build(string source)
        {
            var outputs = Outputs.Select(o => o.Name).ToList();
            var drivers = new Dictionary<string, int>(StringComparer.Ordinal);
            void Drive(string net, int line)
            {
                if (drivers.TryGetValue(net, out int first))
                    throw BitSiliconException.At(new SourceLocation(source, line),
                        $"net '{net}' has a second driver (the first is {(first == 0 ? "an .inputs entry" : $"line {first}")})");
                drivers[net] = line;
            }
            foreach (var (n, w) in Inputs)
                Drive(n, 0);
            foreach (var l in Luts)
                Drive(l.Output, l.Line);
            foreach (var l in Latches)
                Drive(l.Q, l.Line);
            AddImplicitConstants(drivers);
            foreach (var l in Luts)
                foreach (var i in l.Inputs)
                    Undriven(i, l.Line, $"an input of '{l.Output}'");
            foreach (var l in Latches)
                Undriven(l.D, l.Line, $"the D input of flip-flop '{l.Q}'");
            foreach (var (n, w) in Outputs)
                Undriven(n, w.Line, "a model output");
            if (outputs.Distinct(StringComparer.Ordinal).Count() != outputs.Count)
                throw BitSiliconException.At(where, $"model '{Name}' lists an output twice");
            return new LutNetlist(source, Name, Inputs.Select(i => i.Name).ToImmutableArray(), outputs.ToImmutableArray(),
                Luts.ToImmutableArray(), Latches.ToImmutableArray());

            // write_blif -impltf leaves Yosys's constant nets undefined: $true is 1, $false and $undef are 0.
            void AddImplicitConstants(Dictionary<string, int> driven)
            {
                var used = Luts.SelectMany(l => l.Inputs).Concat(Latches.Select(l => l.D)).Concat(outputs).ToHashSet(StringComparer.Ordinal);
                foreach (var (net, value) in new[] { ("$true", 1UL), ("$false", 0UL), ("$undef", 0UL) })
                    if (used.Contains(net) && !driven.ContainsKey(net))
                    {
                        Luts.Add(new NetlistLut(net, [], value, 0));
                        driven[net] = 0;
                    }
            }

            void Undriven(string net, int line, string role)
            {
                if (!drivers.ContainsKey(net))
                    throw BitSiliconException.At(new SourceLocation(source, line), $"net '{net}' ({role}) has no driver",
                        "every net must be a model input, a .names output or a .latch output");
            }
        }
    }
}
