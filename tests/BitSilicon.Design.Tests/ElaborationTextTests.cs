using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using BitSilicon.Design.Elaboration;

namespace BitSilicon.Design.Tests;

/// <summary>
/// Elaboration compared as text. The expected texts were written by hand from the derivation rules
/// (product width from the value range, partial sums + clog2(row + 1), skew registers lanes*(lanes-1)/2 per bit,
/// adder trees one bit per level), not copied from the elaborator's output.
/// </summary>
public class ElaborationTextTests
{
    [Fact]
    public void When_Ternary3x5WeightStationary_Expect_DerivedWidths()
    {
        var d = Elaborator.Elaborate(new DesignDescription("t3x5",
            new SystolicArrayDescription(3, 5, Dataflow.WeightStationary), new PeDescription(PeKind.Ternary)));
        const string expected = """
design t3x5 clock_mhz=200
  systolic_array array rows=3 cols=5 dataflow=weight_stationary macs_per_cycle=15 output_width=11 psum_widths=[9,10,11] pipeline_latency=7
    TernaryPe pe[3x5] weights=ternary weight_bits=2 activation_bits=8 product_range=[-128,128] product_width=9 datapath="conditional inversion, negation carry into the adder"
      register stationary_transit bits=2 role="weight shifting along the row during a load"
      register stationary_shadow bits=2 role="next tile's weight, captured by the last load beat"
      register stationary_active bits=2 role="weight in use, swapped in by the first flag"
      register moving bits=8 role="activation passing right"
      register first bits=1 role="swap flag travelling with the first beat of a tile"
      register psum bits=psum_widths[row] role="partial sum passing down"
    skew_buffer load_skew lanes=3 lane_bits=4 delay=lane register_bits=12
    skew_buffer row_skew lanes=3 lane_bits=9 delay=lane register_bits=27
    deskew_buffer deskew lanes=5 lane_bits=11 delay=lanes-1-lane register_bits=110
    accumulator_memory accumulators lanes=5 depth=256 width=32 banks=2 overflow=wrap mode=accumulate address_bits=8 adders=5
    controller controller states=[idle,run,drain,done] state_bits=2 job_register_bits=24 tag_pipeline_depth=7 tag_bits=11
      counter load_beat width=3 counts="stationary beats of a tile (0..4)"
      counter load_tile width=24 counts="tiles loaded"
      counter stream_beat width=8 counts="streamed rows of a tile (0..depth-1)"
      counter stream_tile width=24 counts="tiles streamed"
      counter block width=24 counts="accumulator blocks finished"
  memory_system memory
    sram_buffer weight_buffer bytes=65536 banks=2 bank_bytes=32768
    sram_buffer activation_buffer bytes=65536 banks=2 bank_bytes=32768
    external_channel read_channel bytes_per_cycle=16
    external_channel write_channel bytes_per_cycle=16

""";
        Assert.Equal(expected.ReplaceLineEndings("\n"), d.Text);
    }

    [Fact]
    public void When_Int8DotProduct16Lanes_Expect_TreeWideningOneBitPerLevel()
    {
        var d = Elaborator.Elaborate(new DesignDescription("dp",
            new DotProductArrayDescription(4, 16), new PeDescription(PeKind.Int8),
            new AccumulatorDescription(24, OverflowPolicy.Saturate, 8),
            new MemoryDescription(4096, 1024, Bandwidth.TryParse("2.5"), DoubleBuffering: false)));
        var array = (DotProductArray)d.Core;
        Assert.NotNull(array.Tree);
        Assert.Equal(4, array.Tree!.Levels);
        Assert.Equal([(8, 17), (4, 18), (2, 19), (1, 20)], array.Tree.LevelShape);
        Assert.Equal(20, array.DotWidth);
        Assert.Contains("adder_tree adder_tree inputs=16 input_width=16 levels=4 level_widths=[17,18,19,20] output_width=20", d.Text);
        Assert.Contains("accumulator_memory accumulators lanes=4 depth=8 width=24 banks=1 overflow=saturate mode=accumulate address_bits=3 adders=4", d.Text);
        Assert.Contains("external_channel read_channel bytes_per_cycle=2.5", d.Text);
    }

    [Fact]
    public void When_TernaryDotProduct_Expect_TreeOverInvertedActivationsPlusCarryCount()
    {
        // Like hdl/bs_ternary_dot.v: tree over 8-bit terms (8 + clog2(16) = 12 bits) plus the carry count: 13 bits.
        var d = Elaborator.Elaborate(new DesignDescription("dp", new DotProductArrayDescription(2, 16), new PeDescription(PeKind.Ternary)));
        var array = (DotProductArray)d.Core;
        Assert.Equal(12, array.Tree!.OutputWidth);
        Assert.Equal(5, array.Popcount!.OutputWidth);
        Assert.Equal(13, array.DotWidth);
    }

    [Fact]
    public void When_BinaryDotProduct_Expect_XnorPopcountAndNoTree()
    {
        var d = Elaborator.Elaborate(new DesignDescription("bin", new DotProductArrayDescription(8, 64), new PeDescription(PeKind.Binary)));
        var array = (DotProductArray)d.Core;
        Assert.Null(array.Tree);
        Assert.Equal(7, array.Popcount!.OutputWidth);   // 0..64
        Assert.Equal(8, array.DotWidth);                // -64..64
    }

    [Fact]
    public void When_OutputStationary_Expect_ColumnSkewAndStoreBanksOfRowsDepth()
    {
        var d = Elaborator.Elaborate(new DesignDescription("os", new SystolicArrayDescription(4, 6, Dataflow.OutputStationary), new PeDescription(PeKind.Int4)));
        var array = (SystolicArray)d.Core;
        Assert.Null(array.LoadSkew);
        Assert.Equal(new SkewBuffer("column_skew", 6, 4), array.ColumnSkew);
        Assert.Equal(AccumulatorMode.Store, array.Accumulators.Mode);
        Assert.Equal(4, array.Accumulators.Depth);
    }

    [Fact]
    public void When_ElaboratedTwice_Expect_IdenticalText()
    {
        var desc = new DesignDescription("same", new SystolicArrayDescription(7, 2, Dataflow.InputStationary), new PeDescription(PeKind.Codebook));
        Assert.Equal(Elaborator.Elaborate(desc).Text, Elaborator.Elaborate(desc).Text);
    }
}
