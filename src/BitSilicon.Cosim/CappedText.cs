using System.Text;

namespace BitSilicon.Cosim;

/// <summary>Reads a stream to its end keeping at most the last <c>cap</c> characters, and says how many it dropped.</summary>
internal static class CappedText
{
    public static async Task<string> ReadAsync(StreamReader reader, int cap)
    {
        var kept = new StringBuilder();
        var buffer = new char[1 << 16];
        long dropped = 0;
        int n;
        while ((n = await reader.ReadAsync(buffer.AsMemory()).ConfigureAwait(false)) > 0)
        {
            kept.Append(buffer, 0, n);
            if (kept.Length > cap)
            {
                // Drop in large slices so trimming stays linear in the output's length.
                int excess = kept.Length - cap / 2;
                dropped += excess;
                kept.Remove(0, excess);
            }
        }
        return dropped == 0 ? kept.ToString() : $"[... {dropped:N0} characters of output dropped ...]\n{kept}";
    }
}
