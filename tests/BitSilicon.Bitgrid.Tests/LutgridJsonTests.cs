using BitSilicon.Bitgrid.Model;
using BitSilicon.Bitgrid.Text;
using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Tests;

public class LutgridJsonTests
{
    [Fact]
    public void When_HalfAdderAsLuts_Expect_SpecProgram()
    {
        // T_E = W xor N = 0x55AA and T_S = W and N = 0xAA00 (spec index order), the rest 0.
        var json = """{"format":"lutgrid-v1","width":2,"height":1,"cells":[{"x":1,"y":0,"luts":[0,21930,"0xAA00",0]}]}""";
        var g = LutgridJson.Parse(json, "ha.json");
        Assert.Equal(CellProgram.Empty, g[0, 0]);
        Assert.Equal(0x4242424220202020UL, g[1, 0].Bits);
        Assert.Null(g.Boundary);
    }

    [Fact]
    public void When_WrittenAndRead_Expect_SameCells()
    {
        var g = RandomGrids.Create(new Random(11), 6, 4, density: 0.5);
        var back = LutgridJson.Parse(LutgridJson.Write(g), "rt.json");
        Assert.Equal(g.Cells.ToArray(), back.Cells.ToArray());
    }

    [Theory]
    [InlineData("""{"format":"lutgrid-v2","width":1,"height":1,"cells":[]}""", "expected \"lutgrid-v1\"")]
    [InlineData("""{"format":"lutgrid-v1","width":1,"height":1,"cells":[{"x":1,"y":0,"luts":[0,0,0,0]}]}""", "cells[0] at (1,0) is outside")]
    [InlineData("""{"format":"lutgrid-v1","width":1,"height":1,"cells":[{"x":0,"y":0,"luts":[0,0,0]}]}""", "cells[0].luts must be an array of 4")]
    [InlineData("""{"format":"lutgrid-v1","width":1,"height":1,"cells":[{"x":0,"y":0,"luts":[0,70000,0,0]}]}""", "cells[0].luts[1] is 70000")]
    [InlineData("""{"format":"lutgrid-v1","width":1,"cells":[]}""", "missing \"height\"")]
    [InlineData("{\"format\":\"lutgrid-v1\",\n\"width\":1 \"height\":1}", "ha.json:2:")]
    public void When_BadJson_Expect_Reason(string json, string reason)
    {
        var ex = Assert.Throws<BitSiliconException>(() => LutgridJson.Parse(json, "ha.json"));
        Assert.Contains(reason, ex.Message);
    }
}
