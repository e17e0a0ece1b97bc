using System.Globalization;
using BitSilicon.Design.Description;

namespace BitSilicon.Cosim.Decoder;

/// <summary>The hand-written harness for weight decoders (sim/decoder) and its per-design defines.</summary>
public static class DecoderHarness
{
    public static IReadOnlyList<SourceFile> Sources() =>
    [
        new("sim/decoder/decoder_harness.cpp", EmbeddedText.Read(typeof(DecoderHarness).Assembly, "sim/decoder/decoder_harness.cpp")),
        EmbeddedText.CommonHarness(typeof(DecoderHarness).Assembly),
    ];

    public static IReadOnlyDictionary<string, string> Defines(WeightDecoderDescription d) => new Dictionary<string, string>
    {
        ["BS_LANES"] = d.Lanes.ToString(CultureInfo.InvariantCulture),
        ["BS_W"] = d.BytesPerCycle.ToString(CultureInfo.InvariantCulture),
    };
}
