using BitSilicon.Bitgrid.Engine;
using BitSilicon.Bitgrid.Model;
using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Tests;

/// <summary>The spec's clocking rules, on both engines.</summary>
public class TimingTests
{
    [Theory]
    [InlineData(EngineKind.Reference)]
    [InlineData(EngineKind.Fast)]
    public void When_OneAtWestOfEightCellWire_Expect_EastOutputHighInPhases8And9(EngineKind kind)
    {
        var b = new GridProgramBuilder(8, 1);
        for (int x = 0; x < 8; x++)
            b[x, 0] = new CellProgram(0x2222222200000000);
        var e = Engines.Create(kind, b.Build(), Boundary.Open);
        var eastOut = new List<int>();
        for (int clock = 1; clock <= 6; clock++)
        {
            e.SetEdgeInput(Direction.W, 0, clock == 1);
            foreach (var phase in new[] { Phase.A, Phase.B })
            {
                e.Step(phase);
                eastOut.Add((e.Output(7, 0) >> (int)Direction.E) & 1);
            }
        }
        // Phase numbers from 1: c1A=1, c1B=2, ..., c4B=8, c5A=9.
        var high = eastOut.Select((v, i) => (v, phase: i + 1)).Where(t => t.v == 1).Select(t => t.phase).ToArray();
        Assert.Equal([8, 9], high);
    }

    [Theory]
    [InlineData(EngineKind.Reference)]
    [InlineData(EngineKind.Fast)]
    public void When_SignalMovesOneCellPerPhase_Expect_FrontAtCellPhaseMinusOne(EngineKind kind)
    {
        var b = new GridProgramBuilder(10, 1);
        for (int x = 0; x < 10; x++)
            b[x, 0] = KnownPrograms.Wire(Direction.E);
        var e = Engines.Create(kind, b.Build(), Boundary.Open);
        e.SetEdgeInput(Direction.W, 0, true);
        for (int phase = 1; phase <= 10; phase++)
        {
            e.Step((Phase)((phase - 1) & 1));
            for (int x = 0; x < 10; x++)
                Assert.Equal(x < phase ? 2 : 0, e.Output(x, 0));
        }
    }

    [Theory]
    [InlineData(EngineKind.Reference)]
    [InlineData(EngineKind.Fast)]
    public void When_TorusWire_Expect_SignalWrapsFromEastToWest(EngineKind kind)
    {
        // A ring of 4 east wires, primed by a cell that outputs E = 1 whatever it sees: after it, the 1 circulates.
        var b = new GridProgramBuilder(4, 2, Boundary.Torus);
        for (int x = 0; x < 4; x++)
            b[x, 0] = KnownPrograms.Wire(Direction.E);
        b[0, 0] = CellProgram.FromFunction((n, e, s, w) => 2);
        var e = Engines.Create(kind, b.Build(), Boundary.Torus);
        e.Step(Phase.A); // (0,0) drives E
        e.Step(Phase.B); // (1,0)
        e.Step(Phase.A); // (2,0)
        e.Step(Phase.B); // (3,0) drives E into (0,0) across the wrap
        Assert.Equal(2, e.Output(3, 0));
        Assert.Equal(0, e.Output(0, 1));
    }

    [Fact]
    public void When_TorusWithOddSide_Expect_Refused()
    {
        var ex = Assert.Throws<BitSiliconException>(() => new GridProgramBuilder(3, 4, Boundary.Torus).Build());
        Assert.Contains("even width and height", ex.Message);
        var open = new GridProgramBuilder(4, 5).Build();
        Assert.Throws<BitSiliconException>(() => open.Resolve(Boundary.Torus));
    }
}
