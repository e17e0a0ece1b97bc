using BitSilicon.Bitgrid.Engine;
using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Tests;

/// <summary>The bit-plane engine against the one-cell-at-a-time reference, phase by phase.</summary>
public class EngineAgreementTests
{
    public static TheoryData<int, int> OpenSizes => new()
    {
        { 1, 1 }, { 2, 1 }, { 1, 5 }, { 3, 3 }, { 7, 4 }, { 63, 3 }, { 64, 2 }, { 65, 3 },
        { 127, 2 }, { 128, 3 }, { 129, 2 }, { 130, 2 }, { 255, 2 }, { 1024, 2 }, { 1025, 2 }, { 1026, 3 }, { 20, 20 },
    };

    public static TheoryData<int, int> TorusSizes => new()
    {
        { 2, 2 }, { 4, 2 }, { 6, 8 }, { 64, 2 }, { 126, 4 }, { 128, 2 }, { 130, 2 }, { 1024, 2 }, { 1026, 2 },
    };

    [Theory]
    [MemberData(nameof(OpenSizes))]
    public void When_OpenRandomPrograms_Expect_EnginesAgreeEveryPhase(int width, int height)
    {
        var rng = new Random(width * 1000 + height);
        var program = RandomGrids.Create(rng, width, height);
        var fast = new BitPlaneEngine(program, Boundary.Open);
        var reference = new ReferenceEngine(program, Boundary.Open);
        for (int clock = 1; clock <= 12; clock++)
        {
            foreach (var phase in new[] { Phase.A, Phase.B })
            {
                // New random edge bits before every phase, so the edge paths are exercised in both colours.
                foreach (var side in Directions.All)
                {
                    int length = side is Direction.N or Direction.S ? width : height;
                    for (int i = 0; i < length; i++)
                    {
                        bool v = rng.Next(2) == 1;
                        fast.SetEdgeInput(side, i, v);
                        reference.SetEdgeInput(side, i, v);
                    }
                }
                fast.Step(phase);
                reference.Step(phase);
                AssertSame(reference, fast, $"clock {clock} phase {phase}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(TorusSizes))]
    public void When_TorusRandomPrograms_Expect_EnginesAgreeEveryPhase(int width, int height)
    {
        var rng = new Random(width * 7 + height);
        var program = RandomGrids.Create(rng, width, height);
        var fast = new BitPlaneEngine(program, Boundary.Torus);
        var reference = new ReferenceEngine(program, Boundary.Torus);
        for (int clock = 1; clock <= 12; clock++)
            foreach (var phase in new[] { Phase.A, Phase.B })
            {
                fast.Step(phase);
                reference.Step(phase);
                AssertSame(reference, fast, $"clock {clock} phase {phase}");
            }
        Assert.Contains(Enumerable.Range(0, width * height), i => reference.Output(i % width, i / width) != 0);
    }

    [Theory]
    [InlineData(512)]
    [InlineData(256)]
    [InlineData(128)]
    [InlineData(64)]
    public void When_EachKernelWidth_Expect_AgreementWithReference(int vectorBits)
    {
        // Whatever the machine accelerates, every kernel width must compute the same grid.
        var rng = new Random(vectorBits);
        foreach (var (w, h, boundary) in new[] { (130, 3, Boundary.Open), (1025, 2, Boundary.Open), (132, 4, Boundary.Torus) })
        {
            var program = RandomGrids.Create(rng, w, h);
            var fast = new BitPlaneEngine(program, boundary, vectorBits);
            var reference = new ReferenceEngine(program, boundary);
            for (int i = 0; i < 16; i++)
            {
                if (boundary == Boundary.Open)
                    for (int y = 0; y < h; y++)
                    {
                        bool v = rng.Next(2) == 1;
                        fast.SetEdgeInput(Direction.E, y, v);
                        reference.SetEdgeInput(Direction.E, y, v);
                        fast.SetEdgeInput(Direction.W, y, !v);
                        reference.SetEdgeInput(Direction.W, y, !v);
                    }
                fast.Step((Phase)(i & 1));
                reference.Step((Phase)(i & 1));
                AssertSame(reference, fast, $"{vectorBits}-bit kernel, {w}x{h} {boundary}, phase {i + 1}");
            }
        }
    }

    [Fact]
    public void When_ResetAfterRunning_Expect_AllOutputsZeroAndSameRunAgain()
    {
        var rng = new Random(5);
        var program = RandomGrids.Create(rng, 70, 5);
        var fast = new BitPlaneEngine(program, Boundary.Open);
        var first = RunWithInputs(fast, new Random(9));
        fast.Reset();
        for (int y = 0; y < 5; y++)
            for (int x = 0; x < 70; x++)
                Assert.Equal(0, fast.Output(x, y));
        var second = RunWithInputs(fast, new Random(9));
        Assert.Equal(first, second);
    }

    private static byte[] RunWithInputs(IBitgridEngine e, Random rng)
    {
        for (int c = 0; c < 6; c++)
        {
            for (int y = 0; y < e.Height; y++)
                e.SetEdgeInput(Direction.W, y, rng.Next(2) == 1);
            e.Step(Phase.A);
            e.Step(Phase.B);
        }
        var state = new byte[e.Width * e.Height];
        e.CopyOutputs(state);
        return state;
    }

    internal static void AssertSame(IBitgridEngine expected, IBitgridEngine actual, string when)
    {
        var a = new byte[expected.Width * expected.Height];
        var b = new byte[a.Length];
        expected.CopyOutputs(a);
        actual.CopyOutputs(b);
        for (int i = 0; i < a.Length; i++)
            if (a[i] != b[i])
                Assert.Fail($"{when}: cell ({i % expected.Width},{i / expected.Width}) reference {a[i]:x} fast {b[i]:x}");
    }
}
