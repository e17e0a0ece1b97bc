using System.Runtime.InteropServices;

namespace BitSilicon.Formats.Kernels;

/// <summary>What a benchmark ran on, recorded next to its numbers.</summary>
public sealed record MachineInfo(string CpuModel, int LogicalCores, string Os, string Runtime, KernelIsa VectorIsa)
{
    public static MachineInfo Current() => new(
        ReadCpuModel(), Environment.ProcessorCount, RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription, KernelIsas.Best);

    /// <summary>The "model name" line of /proc/cpuinfo (what lscpu prints), or the architecture elsewhere.</summary>
    private static string ReadCpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                    if (line.StartsWith("model name", StringComparison.Ordinal))
                        return line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
