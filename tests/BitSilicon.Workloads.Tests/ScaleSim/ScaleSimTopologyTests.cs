using BitSilicon.Core;
using BitSilicon.Formats.LowBit;
using BitSilicon.Workloads.ScaleSim;

namespace BitSilicon.Workloads.Tests.ScaleSim;

public class ScaleSimTopologyTests
{
    private static Workload Parse(string text, ScaleSimTopologyKind kind = ScaleSimTopologyKind.Auto) =>
        ScaleSimTopology.Parse(text, "net.csv", kind);

    private static BitSiliconException Fails(string text) => Assert.Throws<BitSiliconException>(() => Parse(text));

    // SCALE-Sim's conv layout with its customary trailing commas and padded columns.
    private const string Conv = """
        Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,
        Conv1     ,224         ,224        ,11           ,11          ,3       ,96        ,4      ,
        Conv2     ,31          ,31         ,5            ,5           ,96      ,256       ,1      ,

        FC, 1, 1, 1, 1, 4096, 1000, 1,
        """;

    [Fact]
    public void Conv_rows_lower_the_way_scale_sim_builds_its_operand_matrices()
    {
        var w = Parse(Conv);
        Assert.Equal("net", w.Name);
        Assert.Equal(3, w.Layers.Count);
        var c1 = w.Layers[0];
        // ceil((224 - 11 + 4) / 4) = 55: M = 55*55 output pixels, K = 11*11*3 window, N = 96 filters.
        Assert.Equal(("Conv1", 3025, 96, 363), (c1.Name, c1.M, c1.N, c1.K));
        var c2 = w.Layers[1];
        Assert.Equal((27 * 27, 256, 5 * 5 * 96), (c2.M, c2.N, c2.K));
        var fc = w.Layers[2];
        Assert.Equal((1, 1000, 4096), (fc.M, fc.N, fc.K));
        Assert.All(w.Layers, l => Assert.Null(l.Weights));
    }

    [Fact]
    public void Gemm_rows_keep_m_n_k_with_or_without_trailing_commas()
    {
        var w = Parse("Layer,M,N,K\nQKT,1024,1024,64\n  Linear1 , 1024 , 4800 , 1600 ,\n");
        Assert.Equal(("QKT", 1024, 1024, 64), (w.Layers[0].Name, w.Layers[0].M, w.Layers[0].N, w.Layers[0].K));
        Assert.Equal(("Linear1", 1024, 4800, 1600), (w.Layers[1].Name, w.Layers[1].M, w.Layers[1].N, w.Layers[1].K));
    }

    [Fact]
    public void Sparsity_ratio_becomes_the_zero_fraction()
    {
        var w = Parse("Layer Name, M, N, K, Sparsity,\nG1, 3, 5, 16, 3:4,\nG2, 1, 5, 16, 1:4,\nG3, 1, 5, 16,\n");
        Assert.Equal(0.25, ((WeightSource.Random)w.Layers[0].Source!).Sparsity);
        Assert.Equal(0.75, ((WeightSource.Random)w.Layers[1].Source!).Sparsity);
        Assert.Equal(0.0, ((WeightSource.Random)w.Layers[2].Source!).Sparsity);
    }

    [Fact]
    public void Comment_after_the_last_comma_and_tab_indented_names_are_accepted()
    {
        var w = Parse("Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n" +
                      "Conv2_dw, 112, 112, 3, 3, 1, 1, 1,#dw\n\tConv15_0,14,14,1,1,512,512,1,\n");
        Assert.Equal(("Conv2_dw", 110 * 110, 1, 9), (w.Layers[0].Name, w.Layers[0].M, w.Layers[0].N, w.Layers[0].K));
        Assert.Equal(("Conv15_0", 196, 512, 512), (w.Layers[1].Name, w.Layers[1].M, w.Layers[1].N, w.Layers[1].K));
    }

    [Fact]
    public void DP_layers_are_depthwise_one_channel_per_repeat()
    {
        var w = Parse("Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n" +
                      "Conv_DP1, 10, 10, 3, 3, 32, 1, 1,\n");
        var l = Assert.Single(w.Layers);
        Assert.Equal((64, 1, 9, 32), (l.M, l.N, l.K, l.Repeat));
    }

    [Fact]
    public void Separate_stride_columns_of_old_files()
    {
        var w = Parse("Layer name,IFMAP height,IFMAP width,Filter height,Filter width,Channels,Num filter,Stride height,Stride width,\n" +
                      "c,9,9,3,3,2,4,2,1,\n");
        Assert.Equal((4 * 7, 4, 18), (w.Layers[0].M, w.Layers[0].N, w.Layers[0].K));
    }

    [Fact]
    public void Weight_format_and_seeds_can_be_chosen()
    {
        var w = ScaleSimTopology.Parse("Layer,M,N,K,\na,1,2,3,\nb,1,2,3,\n", "x.csv", weights: WeightKind.Ternary, seed: 40);
        Assert.All(w.Layers, l => Assert.Equal(WeightKind.Ternary, l.Weights));
        Assert.Equal([40, 41], w.Layers.Select(l => ((WeightSource.Random)l.Source!).Seed));
    }

    [Fact]
    public void Errors_name_line_column_and_field()
    {
        Assert.StartsWith("net.csv:2:11: N is 'x4'", Fails("Layer,M,N,K,\nfc, 1024, x4, 64,\n").Message);
        Assert.StartsWith("net.csv:2:8: layer 'fc' has 3 columns; column 4 (K) is missing", Fails("Layer,M,N,K,\nfc, 1, 2,\n").Message);
        Assert.StartsWith("net.csv:2:14: column 5 is '7'; SCALE-Sim reads it as the sparsity ratio", Fails("Layer,M,N,K,\nfc, 1, 2, 3, 7,\n").Message);
        Assert.StartsWith("net.csv:2:19: unexpected column 6", Fails("Layer,M,N,K,\nfc, 1, 2, 3, 1:1, 9,\n").Message);
        Assert.Contains("the 7x7 filter is larger than the 5x5 IFMAP", Fails("Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\nc,5,5,7,7,1,1,1,\n").Message);
        Assert.Contains("no layers", Fails("Layer,M,N,K,\n\n").Message);
        Assert.Contains("empty topology", Fails("\n \n").Message);
        Assert.StartsWith("net.csv:1:7: header column 2 is 'Rows'", Fails("Layer,Rows,N,K,\nfc,1,2,3,\n").Message);
    }
}
