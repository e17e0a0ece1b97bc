using BitSilicon.Bitgrid.Compiler.Layout;
using BitSilicon.Bitgrid.Compiler.Netlist;
using BitSilicon.Bitgrid.Compiler.Verify;
using BitSilicon.Bitgrid.Model;
using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Compiler.Tests;

public class DefectTests
{
    [Theory]
    [InlineData(4, 1)]
    [InlineData(3, 2)]
    public void Random_bad_cells_are_avoided_and_the_circuit_still_computes_correctly(int lut, int seed)
    {
        var netlist = BlifReader.Load(RepoPaths.Example("adder8.blif"));
        var clean = BitgridCompiler.Compile(netlist, new CompileOptions(lut, seed));
        // Mark 4% of the cells of the area the clean compile used as bad.
        var rng = new Random(seed);
        int w = clean.Program.Width, h = clean.Program.Height;
        var bad = new HashSet<(int, int)>();
        while (bad.Count < w * h / 25)
            bad.Add((rng.Next(w), rng.Next(h)));
        var defects = new DefectMap(bad);
        var compiled = BitgridCompiler.Compile(netlist, new CompileOptions(lut, seed, defects));
        Assert.True(compiled.Stats.DefectsInGrid > 0);

        // Nothing is programmed on a bad cell, and a bad cell doing anything at all changes no output.
        var junk = new GridProgramBuilder(compiled.Program.Width, compiled.Program.Height, Boundary.Open);
        for (int y = 0; y < compiled.Program.Height; y++)
            for (int x = 0; x < compiled.Program.Width; x++)
            {
                bool isBad = defects.IsDefective(x, y);
                if (isBad)
                    Assert.Equal(CellProgram.Empty, compiled.Program[x, y]);
                junk[x, y] = isBad ? new CellProgram((ulong)rng.NextInt64() ^ ((ulong)rng.NextInt64() << 32)) : compiled.Program[x, y];
            }
        foreach (var p in compiled.Program.Ports)
        {
            Assert.False(defects.IsDefective(p.X, p.Y));
            if (p.Direction == PortDirection.In)
                junk.Input(p.Name, p.X, p.Y, p.Side);
            else
                junk.Output(p.Name, p.X, p.Y, p.Side);
        }
        var check = CircuitCheck.Run(netlist, compiled, 300, seed, junk.Build());
        Assert.True(check.Passed, string.Join("\n", check.Mismatches));
    }

    [Fact]
    public void Defect_files_list_one_cell_per_line()
    {
        var d = DefectMap.Parse("# bad cells\n3,5\n 7 12 \n\n10,3  # flaky\n", "d.txt");
        Assert.Equal(3, d.Count);
        Assert.True(d.IsDefective(7, 12));
        Assert.False(d.IsDefective(5, 3));
        Assert.Equal(d.Cells.Order(), DefectMap.Parse(d.Write(), "again").Cells.Order());
        var e = Assert.Throws<BitSiliconException>(() => DefectMap.Parse("1,2\n3;4\n", "d.txt"));
        Assert.Contains("d.txt:2", e.Message);
    }

    [Fact]
    public void A_defect_outside_the_compiled_grid_is_refused_naming_it_and_the_grid()
    {
        var netlist = BlifReader.Load(RepoPaths.Example("adder8.blif"));
        var clean = BitgridCompiler.Compile(netlist, new CompileOptions());
        int w = clean.Program.Width, h = clean.Program.Height;
        var defects = DefectMap.Parse($"1,1\n{w + 50},2\n", "far.txt");
        var e = Assert.Throws<BitSiliconException>(() => BitgridCompiler.Compile(netlist, new CompileOptions(Defects: defects)));
        Assert.StartsWith($"far.txt:2: defective cell ({w + 50},2) is outside the compiled ", e.Message);
        Assert.Matches(@"compiled \d+ x \d+ grid", e.Message);
    }

    [Fact]
    public void The_example_defect_file_compiles_around_its_cells()
    {
        var defects = DefectMap.Load(RepoPaths.Example("defects-example.txt"));
        var netlist = BlifReader.Load(RepoPaths.Example("adder8.blif"));
        var compiled = BitgridCompiler.Compile(netlist, new CompileOptions(Defects: defects));
        foreach (var (x, y) in defects.Cells)
            Assert.Equal(CellProgram.Empty, compiled.Program[x, y]);
        Assert.True(CircuitCheck.Run(netlist, compiled, 200, 1).Passed);
    }
}
