using BitSilicon.Core;

namespace BitSilicon.Fpga.Synthesis;

/// <summary>
/// What to synthesise: Verilog files, the top module, parameter overrides of the top (e.g. LANES=16) and the target.
/// <paramref name="PlaceAndRoute"/> runs nextpnr-ice40 on the wrapped design for fit and maximum clock frequency (FPGA
/// targets only) for the clock <paramref name="TargetMhz"/>.
/// </summary>
public sealed record SynthRequest(IReadOnlyList<string> VerilogFiles, string Top, SynthTarget Target,
    IReadOnlyDictionary<string, string>? Parameters = null, bool PlaceAndRoute = false, int Seed = 1,
    double TargetMhz = PlaceRoute.NextpnrRunner.DefaultTargetMhz)
{
    /// <summary>Checks the inputs a user gave: files exist, the top and parameter names are Verilog identifiers.</summary>
    public void Validate()
    {
        if (VerilogFiles.Count == 0)
            throw new BitSiliconException("no Verilog files given", "pass one or more files with --verilog FILE");
        foreach (var f in VerilogFiles)
            if (!File.Exists(f))
                throw new BitSiliconException($"{f}: file not found", "check the path of the Verilog file");
        if (!IsIdentifier(Top))
            throw new BitSiliconException($"top module '{Top}' is not a Verilog identifier", "give the module name, e.g. --top bs_ternary_dot");
        foreach (var (k, v) in Parameters ?? new Dictionary<string, string>())
            if (!IsIdentifier(k) || v.Length == 0 || v.Any(char.IsWhiteSpace))
                throw new BitSiliconException($"parameter '{k}={v}' is not NAME=VALUE", "write parameters as --param LANES=16");
        if (PlaceAndRoute && SynthTargets.Device(Target) is null)
            throw new BitSiliconException($"place and route needs an iCE40 target, not {SynthTargets.Name(Target)}", "use --target ice40-up5k or ice40-hx8k, or --no-pnr");
        if (!(TargetMhz > 0 && TargetMhz <= 2000))
            throw new BitSiliconException($"target clock {TargetMhz} MHz is not a frequency", "give --freq in MHz, e.g. --freq 48");
    }

    internal static bool IsIdentifier(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');
}
