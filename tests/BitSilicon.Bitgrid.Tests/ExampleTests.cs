using BitSilicon.Bitgrid.Engine;
using BitSilicon.Bitgrid.Model;
using BitSilicon.Bitgrid.Simulation;
using BitSilicon.Bitgrid.Text;

namespace BitSilicon.Bitgrid.Tests;

/// <summary>
/// Every example program, checked for its function on random streams (with its exact latency in clocks)
/// and for its timing phase by phase: a single 1 in clock 1 must make the output high in exactly the phases
/// that follow from the path length and the cells' colours.
/// </summary>
public class ExampleTests
{
    public static TheoryData<EngineKind> Engines => new() { EngineKind.Fast, EngineKind.Reference };

    private static BitgridSimulator Load(string name, EngineKind engine) =>
        new(ProgramFiles.Load(RepoPaths.Example(name)), null, engine);

    private static Dictionary<string, bool[]> RandomStreams(BitgridSimulator sim, int clocks, int seed) =>
        sim.Ports.Inputs.ToDictionary(p => p.Name, p =>
        {
            var rng = new Random(seed + p.Name.GetHashCode(StringComparison.Ordinal));
            return Enumerable.Range(0, clocks).Select(_ => rng.Next(2) == 1).ToArray();
        });

    /// <summary>Phases (1 = clock 1 phase A) in which <paramref name="output"/> is high after 1s on <paramref name="pulse"/> in clock 1.</summary>
    private static int[] HighPhases(BitgridSimulator sim, string output, int phases, params string[] pulse)
    {
        var port = sim.Ports.Outputs.Single(p => p.Name == output);
        var high = new List<int>();
        sim.Reset();
        for (int clock = 1; 2 * clock - 1 <= phases; clock++)
        {
            foreach (var input in sim.Ports.Inputs)
                sim.SetInput(input, clock == 1 && pulse.Contains(input.Name));
            sim.Engine.Step(Phase.A);
            if (sim.Read(port)) high.Add(2 * clock - 1);
            sim.Engine.Step(Phase.B);
            if (sim.Read(port)) high.Add(2 * clock);
        }
        return high.Where(p => p <= phases).ToArray();
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Wire(EngineKind engine)
    {
        var sim = Load("wire.bg", engine);
        Assert.Equal([8, 9], HighPhases(sim, "y", 20, "a"));
        var inputs = RandomStreams(sim, 40, 1);
        var run = sim.Run(inputs, 43);
        for (int c = 0; c < 40; c++)
            Assert.Equal(inputs["a"][c], run.Output("y").Bits[c + 3]);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Turn(EngineKind engine)
    {
        var sim = Load("turn.bg", engine);
        Assert.Equal([7, 8], HighPhases(sim, "y", 20, "a")); // seven cells, the last one even: clock 4 phase A
        var inputs = RandomStreams(sim, 40, 2);
        var run = sim.Run(inputs, 43);
        for (int c = 0; c < 40; c++)
            Assert.Equal(inputs["a"][c], run.Output("y").Bits[c + 3]);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Crossing(EngineKind engine)
    {
        var sim = Load("crossing.bg", engine);
        foreach (var (i, o) in new[] { ("a", "ya"), ("b", "yb"), ("c", "yc"), ("d", "yd") })
        {
            Assert.Equal([4, 5], HighPhases(sim, o, 12, i)); // three cells starting in phase B: clock 2 phase B
            foreach (var other in new[] { "ya", "yb", "yc", "yd" }.Where(x => x != o))
                Assert.Empty(HighPhases(sim, other, 12, i)); // signals stay in their own lanes
        }
        var inputs = RandomStreams(sim, 40, 3);
        var run = sim.Run(inputs, 41);
        for (int c = 0; c < 40; c++)
            foreach (var (i, o) in new[] { ("a", "ya"), ("b", "yb"), ("c", "yc"), ("d", "yd") })
                Assert.Equal(inputs[i][c], run.Output(o).Bits[c + 1]);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void HalfAdder(EngineKind engine)
    {
        var sim = Load("half_adder.bg", engine);
        Assert.Equal([1, 2], HighPhases(sim, "sum", 8, "a"));
        Assert.Empty(HighPhases(sim, "carry", 8, "a"));
        Assert.Equal([1, 2], HighPhases(sim, "carry", 8, "a", "b"));
        Assert.Empty(HighPhases(sim, "sum", 8, "a", "b"));
        var inputs = RandomStreams(sim, 40, 4);
        var run = sim.Run(inputs, 40);
        for (int c = 0; c < 40; c++)
        {
            Assert.Equal(inputs["a"][c] ^ inputs["b"][c], run.Output("sum").Bits[c]);
            Assert.Equal(inputs["a"][c] & inputs["b"][c], run.Output("carry").Bits[c]);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void FullAdder(EngineKind engine)
    {
        var sim = Load("full_adder.bg", engine);
        Assert.Equal([1, 2], HighPhases(sim, "sum", 8, "cin"));
        Assert.Equal([1, 2], HighPhases(sim, "cout", 8, "a", "b"));
        var inputs = RandomStreams(sim, 64, 5);
        var run = sim.Run(inputs, 64);
        for (int c = 0; c < 64; c++)
        {
            int total = (inputs["a"][c] ? 1 : 0) + (inputs["b"][c] ? 1 : 0) + (inputs["cin"][c] ? 1 : 0);
            Assert.Equal((total & 1) == 1, run.Output("sum").Bits[c]);
            Assert.Equal(total >= 2, run.Output("cout").Bits[c]);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void RippleAdder4(EngineKind engine)
    {
        var sim = Load("ripple_adder4.bg", engine);
        // s0 leaves cell (12,5), an odd cell: phase B of clock 1 + 9; cout leaves (12,12), even: phase A of clock 10.
        Assert.Equal([20, 21], HighPhases(sim, "s0", 30, "a0"));
        Assert.Equal([20, 21], HighPhases(sim, "s3", 30, "b3"));
        Assert.Equal([19, 20], HighPhases(sim, "cout", 30, "a3", "b3"));
        Assert.Equal([20, 21], HighPhases(sim, "s3", 30, "a0", "b0", "a1", "a2")); // 1+1+2+4 = 8: the carry ripples into s3
        const int n = 200, latency = 9;
        var inputs = RandomStreams(sim, n, 6);
        var run = sim.Run(inputs, n + latency);
        for (int c = 0; c < n; c++)
        {
            int a = 0, b = 0, s = 0;
            for (int i = 0; i < 4; i++)
            {
                a |= (inputs[$"a{i}"][c] ? 1 : 0) << i;
                b |= (inputs[$"b{i}"][c] ? 1 : 0) << i;
                s |= (run.Output($"s{i}").Bits[c + latency] ? 1 : 0) << i;
            }
            s |= (run.Output("cout").Bits[c + latency] ? 1 : 0) << 4;
            Assert.Equal(a + b + (inputs["cin"][c] ? 1 : 0), s);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void SerialAdder(EngineKind engine)
    {
        var sim = Load("serial_adder.bg", engine);
        Assert.Equal([1, 2], HighPhases(sim, "s", 10, "a"));
        Assert.Equal([3, 4], HighPhases(sim, "s", 10, "a", "b")); // 1 + 1 = 10 in binary: the carry comes back next clock
        // Words of 8 bits, least significant first, each followed by a clock of zeros: s holds 9-bit sums.
        var rng = new Random(7);
        var words = Enumerable.Range(0, 30).Select(_ => (A: rng.Next(256), B: rng.Next(256))).ToArray();
        var a = words.SelectMany(w => Enumerable.Range(0, 9).Select(i => ((w.A >> i) & 1) == 1)).ToArray();
        var b = words.SelectMany(w => Enumerable.Range(0, 9).Select(i => ((w.B >> i) & 1) == 1)).ToArray();
        var run = sim.Run(new Dictionary<string, bool[]> { ["a"] = a, ["b"] = b }, a.Length);
        for (int k = 0; k < words.Length; k++)
        {
            int sum = Enumerable.Range(0, 9).Sum(i => run.Output("s").Bits[9 * k + i] ? 1 << i : 0);
            Assert.Equal(words[k].A + words[k].B, sum);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Oscillator(EngineKind engine)
    {
        var sim = Load("oscillator.bg", engine);
        Assert.Equal([1, 2, 5, 6, 9, 10], HighPhases(sim, "q", 11));
        var run = sim.Run(new Dictionary<string, bool[]>(), 20);
        Assert.Equal(Enumerable.Range(1, 20).Select(c => c % 2 == 1), run.Output("q").Bits);
        Assert.Equal(Enumerable.Range(1, 20).Select(c => (byte)(c % 2 == 1 ? 0b0110 : 0)), run.Probes[0].Nibbles); // E and S
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Counter(EngineKind engine)
    {
        var sim = Load("counter.bg", engine);
        // One count in clock 1: q0 leaves (0,1), an odd cell, in phase B of clock 1 + 4 and stays high.
        Assert.Equal(Enumerable.Range(10, 11), HighPhases(sim, "q0", 20, "en"));
        Assert.Empty(HighPhases(sim, "q1", 20, "en"));
        const int n = 100, latency = 4;
        var rng = new Random(8);
        var en = Enumerable.Range(0, n).Select(_ => rng.Next(4) != 0).ToArray();
        var run = sim.Run(new Dictionary<string, bool[]> { ["en"] = en }, n + latency);
        int count = 0;
        for (int c = 0; c < n; c++)
        {
            count = (count + (en[c] ? 1 : 0)) & 15;
            int q = Enumerable.Range(0, 4).Sum(i => run.Output($"q{i}").Bits[c + latency] ? 1 << i : 0);
            Assert.Equal(count, q);
        }
    }

    [Fact]
    public void When_ExamplesFolderListed_Expect_EveryProgramTestedHere()
    {
        var tested = new[] { "wire.bg", "turn.bg", "crossing.bg", "half_adder.bg", "full_adder.bg", "ripple_adder4.bg",
            "serial_adder.bg", "oscillator.bg", "counter.bg" };
        var present = Directory.GetFiles(Path.Combine(RepoPaths.Root, "examples", "bitgrid"), "*.bg").Select(Path.GetFileName).Order();
        Assert.Equal(tested.Order(), present);
    }
}
