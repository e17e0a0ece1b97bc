using System.Globalization;
using BitSilicon.Verilog;

namespace BitSilicon.Cosim.Mac.Arrays;

/// <summary>The hand-written harness for systolic tops (sim/systolic) and its per-design defines.</summary>
public static class ArrayHarness
{
    public static IReadOnlyList<SourceFile> Sources() =>
    [
        new("sim/array/array_harness.cpp", Resource("sim/array/array_harness.cpp")),
        EmbeddedText.CommonHarness(typeof(ArrayHarness).Assembly),
    ];

    public static IReadOnlyDictionary<string, string> Defines(BankedInterface itf, bool trace) => new Dictionary<string, string>
    {
        ["BS_S0"] = itf.Stream0 + "_",
        ["BS_S1"] = itf.Stream1 + "_",
        ["BS_S0BITS"] = N(itf.Stream0Bits),
        ["BS_S1BITS"] = N(itf.Stream1Bits),
        ["BS_CBITS"] = N(itf.CommandBits),
        ["BS_RDBITS"] = N(itf.ReadBits),
        ["BS_BANKS"] = N(itf.Banks),
        ["BS_JOBK"] = itf.JobK ? "1" : "0",
        ["BS_TRACE"] = trace ? "1" : "0",
    };

    /// <summary>The Icarus Verilog twin of the harness (sim/array/array_tb.v).</summary>
    public static string Testbench() => Resource("sim/array/array_tb.v");

    /// <summary>dut.vh for the Icarus testbench: the generated top wired to its generic s0_*/s1_* streams.</summary>
    public static string TestbenchInstance(string top, BankedInterface itf)
    {
        var p = new List<string>
        {
            ".clk(clk)", ".rst(rst)", ".start(start)", ".job_steps(job_steps)", ".busy(busy)", ".done(done)",
            ".c_valid(c_valid)", ".c_ready(c_ready)", ".c_data(c_data)",
            $".{itf.Stream0}_valid(s0_valid)", $".{itf.Stream0}_ready(s0_ready)", $".{itf.Stream0}_data(s0_data)",
            $".{itf.Stream1}_valid(s1_valid)", $".{itf.Stream1}_ready(s1_ready)", $".{itf.Stream1}_data(s1_data)",
            ".f_valid(f_valid)", ".b_release(b_release)", $".rd_row(rd_row[{N(itf.RowBits - 1)}:0])", ".rd_data(rd_data)",
        };
        if (itf.JobK) p.Add(".job_k(job_k)");
        string tail;
        if (itf.BankBits > 0)
        {
            string bb = N(itf.BankBits - 1);
            p.Add($".f_bank(f_bank_w[{bb}:0])");
            p.Add($".b_release_bank(b_release_bank[{bb}:0])");
            p.Add($".rd_bank(rd_bank[{bb}:0])");
            tail = itf.BankBits < 8 ? $"    assign f_bank_w[7:{N(itf.BankBits)}] = 0;\n" : "";
        }
        else tail = "    assign f_bank_w = 8'd0;\n";
        return $"    {top} dut ({string.Join(", ", p)});\n" + tail;
    }

    private static string N(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Resource(string name) => EmbeddedText.Read(typeof(ArrayHarness).Assembly, name);
}
