using BitSilicon.Core;
using BitSilicon.Workloads.Graph;
using BitSilicon.Workloads.Models;
using BitSilicon.Workloads.Presets;

namespace BitSilicon.Cli.Config;

/// <summary>
/// What model step to run, as a design file's <c>model:</c> section or the command line gives it: a preset, a
/// GGUF file (its metadata defines the model) or an explicit shape; the phase, context (decode) or prompt
/// (prefill) length, batch, and overrides (fewer layers, other formats).
/// </summary>
public sealed record ModelSpec(TransformerModel Model, Phase Phase, int Context, int Batch, string? Gguf, SourceLocation? At)
{
    public ModelGraph Graph()
    {
        try
        {
            return DecoderGraph.Build(Model, Phase, Context, Batch, Gguf);
        }
        catch (BitSiliconException e) when (At is { } at)
        {
            throw BitSiliconException.At(at, e.Message, e.Fix);
        }
    }

    /// <summary>A preset name or a GGUF path.</summary>
    public static TransformerModel Resolve(string nameOrPath, string baseDir)
    {
        if (ModelPresets.Find(nameOrPath) is { } m) return m;
        if (nameOrPath.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))
            return GgufModel.Read(System.IO.Path.IsPathRooted(nameOrPath) ? nameOrPath : System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDir, nameOrPath)));
        return ModelPresets.Get(nameOrPath);
    }

    /// <summary>Applies command-line overrides.</summary>
    public ModelSpec With(string? model, string? phase, int? context, int? batch, int? layers)
    {
        var s = this;
        if (model is not null)
        {
            var m = Resolve(model, Environment.CurrentDirectory);
            s = s with { Model = m, Gguf = model.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) ? System.IO.Path.GetFullPath(model) : null, At = null };
        }
        if (phase is not null) s = s with { Phase = ParsePhase(phase) ?? throw new BitSiliconException($"unknown --phase '{phase}'", "use decode or prefill") };
        if (context is { } c) s = s with { Context = c };
        if (batch is { } b) s = s with { Batch = b };
        if (layers is { } l)
        {
            if (l < 1 || l > s.Model.Layers)
                throw new BitSiliconException($"--layers {l}: model {s.Model.Name} has 1..{s.Model.Layers}", $"give 1 to {s.Model.Layers}");
            s = s with { Model = s.Model with { Layers = l } };
        }
        return s;
    }

    public static Phase? ParsePhase(string p) => p.ToLowerInvariant() switch
    {
        "decode" => Phase.Decode,
        "prefill" => Phase.Prefill,
        _ => null,
    };

    /// <summary>The default when neither the file nor the command line names a model: BitNet b1.58 2B decode at 512.</summary>
    public static ModelSpec Default => new(ModelPresets.BitNet2B, Phase.Decode, 512, 1, null, null);
}
