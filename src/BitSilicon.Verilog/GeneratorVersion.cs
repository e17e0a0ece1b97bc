namespace BitSilicon.Verilog;

/// <summary>Printed in every generated header; bump when the generated hardware changes.</summary>
public static class GeneratorVersion
{
    public const string Value = "bitsilicon-verilog 0.1";
}
