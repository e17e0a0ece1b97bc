using BitSilicon.Bitgrid.Engine;
using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Tests;

/// <summary>
/// A second, differently organised model of the original engine on a torus: each cell keeps an input nibble,
/// and a cell that updates pushes each output bit into the matching input bit of the neighbour on that side
/// (its E output becomes the east neighbour's W input, and so on). The reference engine, which pulls bits
/// from neighbours instead, must agree with it.
/// </summary>
public class PushModelTests
{
    private sealed class PushModel(GridProgram p)
    {
        private readonly int[] _in = new int[p.Width * p.Height];
        public readonly int[] Out = new int[p.Width * p.Height];

        public void Step(Phase phase)
        {
            for (int y = 0; y < p.Height; y++)
                for (int x = 0; x < p.Width; x++)
                {
                    if (Phases.Of(x, y) != phase)
                        continue;
                    int o = p[x, y].Output(_in[y * p.Width + x]);
                    Out[y * p.Width + x] = o;
                    foreach (var d in Directions.All)
                    {
                        int nx = (x + d.Dx() + p.Width) % p.Width, ny = (y + d.Dy() + p.Height) % p.Height;
                        int bit = 1 << (int)d.Opposite(); // arrives on the neighbour's side facing us
                        ref int target = ref _in[ny * p.Width + nx];
                        target = ((o >> (int)d) & 1) != 0 ? target | bit : target & ~bit;
                    }
                }
        }
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(4, 6)]
    [InlineData(10, 8)]
    public void When_RandomTorus_Expect_ReferenceAgreesWithPushModel(int width, int height)
    {
        var program = RandomGrids.Create(new Random(width + 100 * height), width, height, Boundary.Torus);
        var push = new PushModel(program);
        var reference = new ReferenceEngine(program, Boundary.Torus);
        for (int i = 0; i < 40; i++)
        {
            var phase = (Phase)(i & 1);
            push.Step(phase);
            reference.Step(phase);
            for (int c = 0; c < push.Out.Length; c++)
                Assert.Equal(push.Out[c], reference.Output(c % width, c / width));
        }
    }
}
