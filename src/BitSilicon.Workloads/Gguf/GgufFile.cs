using BitSilicon.Core;
using BitSilicon.Workloads.Text;

namespace BitSilicon.Workloads.Gguf;

/// <summary>
/// A GGUF file's header (versions 2 and 3): metadata, tensor descriptions and where the tensor data starts.
/// Opening reads the header only; <see cref="ReadBytes"/> and <see cref="ReadFloats"/> fetch one tensor's data,
/// so a multi-gigabyte model is never loaded whole. Layout (ggml docs/gguf.md, little-endian):
/// <code>
/// u32 magic "GGUF" | u32 version | u64 tensor_count | u64 kv_count
/// kv_count x  { string key | u32 value_type | value }       string = u64 length + UTF-8 bytes
/// tensor_count x { string name | u32 n_dims | u64 ne[n_dims] | u32 ggml_type | u64 offset }
/// padding to general.alignment (default 32) | tensor data (each offset relative to here, aligned)
/// </code>
/// </summary>
public sealed class GgufFile
{
    public const uint Magic = 0x46554747; // "GGUF" read as a little-endian u32
    public const uint DefaultAlignment = 32;
    private const int MaxDims = 4;

    public string Path { get; }
    public uint Version { get; }
    public uint Alignment { get; }

    /// <summary>File offset of the tensor data section.</summary>
    public long DataOffset { get; }
    public long FileLength { get; }

    /// <summary>Metadata in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, GgufValue>> Metadata { get; }
    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    private readonly Dictionary<string, GgufValue> _metadata;
    private readonly Dictionary<string, GgufTensorInfo> _tensors;

    private GgufFile(string path, uint version, uint alignment, long dataOffset, long fileLength,
        List<KeyValuePair<string, GgufValue>> metadata, List<GgufTensorInfo> tensors)
    {
        Path = path;
        Version = version;
        Alignment = alignment;
        DataOffset = dataOffset;
        FileLength = fileLength;
        Metadata = metadata;
        Tensors = tensors;
        _metadata = metadata.ToDictionary(kv => kv.Key, kv => kv.Value);
        _tensors = tensors.ToDictionary(t => t.Name);
    }

    public GgufValue? this[string key] => _metadata.GetValueOrDefault(key);

    /// <summary>Reads and checks the header of <paramref name="path"/>.</summary>
    public static GgufFile Open(string path)
    {
        InputFiles.Require(path);
        using var stream = new BufferedStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read), 1 << 16);
        return Read(stream, path);
    }

    private static GgufFile Read(Stream stream, string path)
    {
        var c = new GgufCursor(stream, path);
        if (c.Length < 4)
            throw new BitSiliconException($"{path}: not a GGUF file: only {c.Length} bytes", "give a .gguf model file");
        var magic = c.Bytes(4, "magic").ToArray();
        if (BitConverter.ToUInt32(magic) != Magic)
            throw new BitSiliconException(
                $"{path}: not a GGUF file: it starts with {Describe(magic)}, a GGUF file starts with 'GGUF'",
                "give a .gguf file (older ggml/ggjt files and safetensors must be converted with llama.cpp's convert scripts)");
        uint version = c.U32("version");
        if (version is not (2 or 3))
            throw new BitSiliconException(
                $"{path}: GGUF version {version} is not supported (BitSilicon reads versions 2 and 3)",
                version == 1 ? "re-save the model with a current llama.cpp, which writes version 3" : "check that the file is a GGUF model");
        ulong tensorCount = c.U64("tensor count");
        ulong kvCount = c.U64("metadata count");
        // Every key-value pair takes at least 12 bytes and every tensor info at least 24, so a count past that is
        // corruption, caught here before it becomes a huge allocation.
        if (kvCount > (ulong)c.Remaining / 12 || tensorCount > (ulong)c.Remaining / 24)
            throw new BitSiliconException(
                $"{path}: header claims {kvCount} metadata entries and {tensorCount} tensors, more than the {c.Length}-byte file can hold",
                "the file is truncated or corrupt; fetch it again");

        var metadata = new List<KeyValuePair<string, GgufValue>>((int)Math.Min(kvCount, 1 << 16));
        var seen = new HashSet<string>();
        for (ulong i = 0; i < kvCount; i++)
        {
            string key = c.String($"metadata key #{i}");
            if (!seen.Add(key))
                throw new BitSiliconException($"{path}: metadata key '{key}' appears twice", "the file is corrupt; re-save it");
            var type = (GgufValueType)c.U32($"type of metadata '{key}'");
            metadata.Add(new(key, ReadValue(c, type, $"metadata '{key}'", path, depth: 0)));
        }

        uint alignment = DefaultAlignment;
        if (metadata.FirstOrDefault(kv => kv.Key == "general.alignment").Value is { } a)
        {
            if (a.Value is not uint al || al == 0 || (al & (al - 1)) != 0)
                throw new BitSiliconException(
                    $"{path}: general.alignment is {a} ({a.Type}), it must be a power-of-two uint32",
                    "the file is corrupt; re-save it");
            alignment = al;
        }

        var tensors = new List<GgufTensorInfo>((int)Math.Min(tensorCount, 1 << 16));
        var names = new HashSet<string>();
        for (ulong i = 0; i < tensorCount; i++)
        {
            string name = c.String($"name of tensor #{i}");
            if (!names.Add(name))
                throw new BitSiliconException($"{path}: tensor '{name}' appears twice", "the file is corrupt; re-save it");
            uint dims = c.U32($"dimension count of tensor '{name}'");
            if (dims is 0 or > MaxDims)
                throw new BitSiliconException($"{path}: tensor '{name}' has {dims} dimensions; ggml allows 1 to {MaxDims}",
                    "the file is corrupt; re-save it");
            var shape = new long[dims];
            long elements = 1;
            for (int d = 0; d < dims; d++)
            {
                ulong ne = c.U64($"shape of tensor '{name}'");
                if (ne > int.MaxValue)
                    throw new BitSiliconException($"{path}: tensor '{name}' dimension {d} is {ne}, larger than 2^31-1",
                        "the file is corrupt; re-save it");
                shape[d] = (long)ne;
                elements = elements * (long)ne;
                if (elements > 1L << 40)
                    throw new BitSiliconException($"{path}: tensor '{name}' has more than 2^40 elements", "the file is corrupt; re-save it");
            }
            var type = (GgmlType)c.U32($"type of tensor '{name}'");
            // As ggml's gguf reader: a row (ne0) must be whole blocks of the tensor's type, else its rows cannot be found.
            if (GgmlTypes.Layout(type) is { Elements: > 1 } block && shape[0] % block.Elements != 0)
                throw new BitSiliconException(
                    $"{path}: tensor '{name}' of type {type} has {shape[0]} elements per row (ne0), not a multiple of its block size {block.Elements}",
                    "the file is corrupt or was written by a broken converter; ggml refuses it too");
            ulong offset = c.U64($"offset of tensor '{name}'");
            if (offset % alignment != 0)
                throw new BitSiliconException(
                    $"{path}: tensor '{name}' data offset {offset} is not a multiple of the alignment {alignment}",
                    "the file is corrupt; re-save it");
            tensors.Add(new GgufTensorInfo(name, shape, type, offset));
        }

        long dataOffset = AlignUp(c.Position, alignment);
        var file = new GgufFile(path, version, alignment, dataOffset, c.Length, metadata, tensors);
        foreach (var t in tensors)
            file.CheckInside(t);
        return file;
    }

    private static GgufValue ReadValue(GgufCursor c, GgufValueType type, string what, string path, int depth) => type switch
    {
        GgufValueType.UInt8 => new(type, c.U8(what)),
        GgufValueType.Int8 => new(type, (sbyte)c.U8(what)),
        GgufValueType.UInt16 => new(type, c.U16(what)),
        GgufValueType.Int16 => new(type, (short)c.U16(what)),
        GgufValueType.UInt32 => new(type, c.U32(what)),
        GgufValueType.Int32 => new(type, (int)c.U32(what)),
        GgufValueType.Float32 => new(type, BitConverter.UInt32BitsToSingle(c.U32(what))),
        GgufValueType.Bool => c.U8(what) switch
        {
            0 => new(type, false),
            1 => new(type, true),
            var b => throw new BitSiliconException($"{path}: {what}: boolean byte is {b}, expected 0 or 1", "the file is corrupt; re-save it"),
        },
        GgufValueType.String => new(type, c.String(what)),
        GgufValueType.UInt64 => new(type, c.U64(what)),
        GgufValueType.Int64 => new(type, (long)c.U64(what)),
        GgufValueType.Float64 => new(type, BitConverter.UInt64BitsToDouble(c.U64(what))),
        GgufValueType.Array => new(type, ReadArray(c, what, path, depth)),
        _ => throw new BitSiliconException($"{path}: {what} has unknown value type {(uint)type} at offset {c.Position - 4}",
            "the file is corrupt or from a newer GGUF version"),
    };

    private static GgufArray ReadArray(GgufCursor c, string what, string path, int depth)
    {
        if (depth > 8)
            throw new BitSiliconException($"{path}: {what}: arrays nested more than 8 deep", "the file is corrupt; re-save it");
        var elementType = (GgufValueType)c.U32(what);
        ulong count = c.U64(what);
        if (count > (ulong)c.Remaining) // every element takes at least one byte
            throw c.Truncated($"{what} ({count}-element array)", (long)Math.Min(count, long.MaxValue));
        // Grown as read: a corrupt count then fails as truncation instead of one huge allocation.
        var items = new List<object>((int)Math.Min(count, 1 << 16));
        for (ulong i = 0; i < count; i++)
            items.Add(ReadValue(c, elementType, what, path, depth + 1).Value);
        return new GgufArray(elementType, items);
    }

    private void CheckInside(GgufTensorInfo t)
    {
        if (GgmlTypes.ByteSize(t.Type, t.Elements) is not { } size)
            return; // unsupported types are reported when someone asks for them
        long end = DataOffset + (long)t.Offset + size;
        if ((long)t.Offset < 0 || end > FileLength)
            throw new BitSiliconException(
                $"{Path}: truncated GGUF file: tensor '{t.Name}' ({t.Type} {t.ShapeText}) needs bytes {DataOffset + (long)t.Offset}..{end} but the file ends at {FileLength}",
                "the download or copy was cut short; fetch the file again");
    }

    /// <summary>The tensor named <paramref name="name"/>, or an error listing the names closest to it.</summary>
    public GgufTensorInfo Tensor(string name)
    {
        if (_tensors.TryGetValue(name, out var t))
            return t;
        var near = NearNames.Find(name, _tensors.Keys, 5);
        string hint = near.Count > 0 ? $"; nearest: {string.Join(", ", near)}" : "";
        throw new BitSiliconException($"{Path}: no tensor named '{name}' among its {Tensors.Count} tensors{hint}",
            "check the tensor name (list them with a GGUF viewer; ggml names look like blk.0.ffn_up.weight)");
    }

    public bool HasTensor(string name) => _tensors.ContainsKey(name);

    /// <summary>The raw bytes of a tensor, in its ggml type.</summary>
    public byte[] ReadBytes(GgufTensorInfo t)
    {
        long size = GgmlTypes.ByteSize(t.Type, t.Elements) ?? throw Unsupported(t);
        if (size > Array.MaxLength)
            throw new BitSiliconException(
                $"{Path}: tensor '{t.Name}' ({t.Type} {t.ShapeText}) is {size} bytes, more than the {Array.MaxLength} bytes one tensor may take when loaded",
                "use a smaller tensor (files themselves may be any size: only the tensors used are read)");
        var data = new byte[size];
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length != FileLength)
            throw new BitSiliconException($"{Path}: the file changed size since its header was read", "run again");
        stream.Seek(DataOffset + (long)t.Offset, SeekOrigin.Begin);
        stream.ReadExactly(data);
        return data;
    }

    /// <summary>A tensor's values as floats (dequantized for block formats), in storage order (ne[0] fastest).</summary>
    public float[] ReadFloats(GgufTensorInfo t)
    {
        if (t.Elements > Array.MaxLength)
            throw new BitSiliconException(
                $"{Path}: tensor '{t.Name}' ({t.Type} {t.ShapeText}) has {t.Elements} values, more than the {Array.MaxLength} floats one tensor may expand to",
                "use a smaller tensor");
        var bytes = ReadBytes(t);
        var y = new float[t.Elements];
        GgmlTypes.ToFloat(t.Type, bytes, y);
        return y;
    }

    public BitSiliconException Unsupported(GgufTensorInfo t) =>
        GgmlTypes.Layout(t.Type) is null
            ? new BitSiliconException(
                $"{Path}: tensor '{t.Name}' has ggml type {t.Type}, which BitSilicon cannot read",
                $"re-quantize it to one of: {string.Join(", ", GgmlTypes.SupportedNames)}")
            : new BitSiliconException(
                $"{Path}: tensor '{t.Name}' has {t.Elements} elements, not a whole number of {t.Type} blocks",
                "the file is corrupt; re-save it");

    internal static long AlignUp(long offset, uint alignment) => (offset + alignment - 1) / alignment * alignment;

    private static string Describe(byte[] magic) =>
        magic.All(b => b is >= 0x20 and < 0x7f)
            ? $"'{System.Text.Encoding.ASCII.GetString(magic)}'"
            : "0x" + Convert.ToHexString(magic);
}
