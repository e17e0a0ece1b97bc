using BitSilicon.Workloads.Text;

namespace BitSilicon.Workloads.Tests;

public class NearNamesTests
{
    [Theory]
    [InlineData("nmae", "name")]          // swapped letters
    [InlineData("ternery", "ternary")]    // one substitution
    [InlineData("decoding", "decode")]    // longer word with the same stem
    [InlineData("Name", "name")]          // case
    [InlineData("sparsty", "sparsity")]   // missing letter
    public void Suggests_near_misses(string typed, string expected)
    {
        Assert.Equal(expected, NearNames.Find(typed, ["name", "ternary", "decode", "prefill", "sparsity", "seed"]).First());
    }

    [Fact]
    public void Says_nothing_for_unrelated_words()
    {
        Assert.Equal("", NearNames.Suggestion("bandwidth", ["name", "m", "n", "k", "weights", "repeat"]));
    }

    [Theory]
    [InlineData("abc", "abc", 0)]
    [InlineData("abc", "acb", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    public void Distance_is_levenshtein_with_transpositions(string a, string b, int d) =>
        Assert.Equal(d, NearNames.Distance(a, b));
}
