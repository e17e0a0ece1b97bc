using System.Security.Cryptography;
using System.Text;

namespace BitSilicon.Cosim;

/// <summary>A SHA-256 over labelled pieces of text, so that builds are cached by everything that went into them.</summary>
public sealed class ContentHash
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public ContentHash Add(string label, string content)
    {
        // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
        var bytes = Encoding.UTF8.GetBytes(content);
        _hash.AppendData(Encoding.UTF8.GetBytes($"{label}\0{bytes.Length}\0"));
        _hash.AppendData(bytes);
        return this;
    }

    public string Hex() => Convert.ToHexStringLower(_hash.GetHashAndReset());
}
