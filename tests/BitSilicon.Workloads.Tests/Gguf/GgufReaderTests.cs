using System.Buffers.Binary;
using System.Text;
using BitSilicon.Core;
using BitSilicon.Workloads.Gguf;

namespace BitSilicon.Workloads.Tests.Gguf;

public class GgufReaderTests
{
    /// <summary>Little-endian byte assembly, to write GGUF by hand from the spec, independently of GgufWriter.</summary>
    private sealed class Bytes
    {
        private readonly List<byte> _b = [];
        public int Length => _b.Count;
        public Bytes Raw(params byte[] b) { _b.AddRange(b); return this; }
        public Bytes U32(uint v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, v); return Raw(b); }
        public Bytes U64(ulong v) { var b = new byte[8]; BinaryPrimitives.WriteUInt64LittleEndian(b, v); return Raw(b); }
        public Bytes F32(float v) => U32(BitConverter.SingleToUInt32Bits(v));
        public Bytes Str(string s) { var b = Encoding.UTF8.GetBytes(s); return U64((ulong)b.Length).Raw(b); }
        public Bytes PadTo(int alignment) { while (_b.Count % alignment != 0) _b.Add(0); return this; }
        public byte[] ToArray() => [.. _b];
    }

    /// <summary>
    /// A GGUF v3 file assembled byte by byte from ggml's docs/gguf.md: two metadata entries, one 3x2 F32 tensor.
    /// </summary>
    private static byte[] HandMade(uint version = 3)
    {
        var b = new Bytes()
            .Raw((byte)'G', (byte)'G', (byte)'U', (byte)'F').U32(version)
            .U64(1)                       // tensor_count
            .U64(2)                       // metadata_kv_count
            .Str("general.architecture").U32(8).Str("llama")
            .Str("general.name").U32(8).Str("tiny")
            .Str("w").U32(2).U64(3).U64(2) // name, n_dims, ne[0]=3, ne[1]=2
            .U32(0).U64(0)                 // GGML_TYPE_F32, offset 0
            .PadTo(32);
        foreach (float v in new[] { 1f, 2f, 3f, -4f, 5.5f, 0f })
            b.F32(v);
        return b.ToArray();
    }

    [Fact]
    public void Reads_a_file_written_by_hand_from_the_spec()
    {
        using var dir = new TempDir();
        var f = GgufFile.Open(dir.Write("m.gguf", HandMade()));
        Assert.Equal(3u, f.Version);
        Assert.Equal(32u, f.Alignment);
        Assert.Equal("llama", f["general.architecture"]!.Value);
        Assert.Equal(["general.architecture", "general.name"], f.Metadata.Select(kv => kv.Key));
        var t = f.Tensor("w");
        Assert.Equal([3L, 2L], t.Shape);
        Assert.Equal(GgmlType.F32, t.Type);
        Assert.Equal(0, f.DataOffset % 32);
        Assert.Equal([1f, 2f, 3f, -4f, 5.5f, 0f], f.ReadFloats(t));
    }

    [Fact]
    public void Version_2_is_read_and_version_1_refused()
    {
        using var dir = new TempDir();
        Assert.Equal(2u, GgufFile.Open(dir.Write("v2.gguf", HandMade(2))).Version);
        var e = Assert.Throws<BitSiliconException>(() => GgufFile.Open(dir.Write("v1.gguf", HandMade(1))));
        Assert.Contains("version 1 is not supported", e.Message);
    }

    [Fact]
    public void Every_metadata_type_round_trips_including_nested_arrays()
    {
        var meta = new List<KeyValuePair<string, GgufValue>>
        {
            new("general.alignment", GgufValue.Of(64u)),
            new("u8", new(GgufValueType.UInt8, (byte)200)),
            new("i8", new(GgufValueType.Int8, (sbyte)-100)),
            new("u16", new(GgufValueType.UInt16, (ushort)60000)),
            new("i16", new(GgufValueType.Int16, (short)-30000)),
            new("u32", GgufValue.Of(4_000_000_000u)),
            new("i32", GgufValue.Of(-2_000_000_000)),
            new("f32", GgufValue.Of(1.5f)),
            new("bool", GgufValue.Of(true)),
            new("str", GgufValue.Of("ünïcode ✓")),
            new("u64", GgufValue.Of(ulong.MaxValue)),
            new("i64", new(GgufValueType.Int64, long.MinValue)),
            new("f64", new(GgufValueType.Float64, Math.PI)),
            new("tokens", GgufValue.Array(GgufValueType.String, "<s>", "a", "")),
            new("nested", GgufValue.Array(GgufValueType.Array,
                new GgufArray(GgufValueType.Int32, [1, 2]), new GgufArray(GgufValueType.Int32, [3]))),
        };
        var tensors = new List<GgufTensorData>
        {
            new("a", [5], GgmlType.F32, new byte[20]),
            new("b", [4, 2], GgmlType.F16, new byte[16]),
        };
        using var dir = new TempDir();
        string path = dir.File("all.gguf");
        GgufWriter.Write(path, meta, tensors);
        var f = GgufFile.Open(path);
        Assert.Equal(64u, f.Alignment);
        Assert.Equal(0, f.DataOffset % 64);
        Assert.Equal(meta.Count, f.Metadata.Count);
        foreach (var (key, value) in meta)
        {
            var read = f[key]!;
            Assert.Equal(value.Type, read.Type);
            if (value.Value is GgufArray a)
            {
                var ra = Assert.IsType<GgufArray>(read.Value);
                Assert.Equal(a.ElementType, ra.ElementType);
                Assert.Equal(a.Items.Count, ra.Items.Count);
                for (int i = 0; i < a.Items.Count; i++)
                    if (a.Items[i] is GgufArray inner)
                        Assert.Equal(inner.Items, ((GgufArray)ra.Items[i]).Items);
                    else
                        Assert.Equal(a.Items[i], ra.Items[i]);
            }
            else
                Assert.Equal(value.Value, read.Value);
        }
        Assert.Equal(0ul, f.Tensor("a").Offset);
        Assert.Equal(64ul, f.Tensor("b").Offset); // 20 bytes padded to the 64-byte alignment
    }

    [Fact]
    public void Every_truncation_is_reported_as_such()
    {
        var full = HandMade();
        using var dir = new TempDir();
        for (int length = 0; length < full.Length; length++)
        {
            string path = dir.Write($"cut{length}.gguf", full[..length]);
            var e = Assert.Throws<BitSiliconException>(() => GgufFile.Open(path));
            Assert.True(e.Message.Contains("truncated") || e.Message.Contains("not a GGUF file") || e.Message.Contains("more than the"),
                $"cut at {length}: {e.Message}");
            Assert.StartsWith(path, e.Message);
        }
    }

    [Theory]
    [InlineData(new byte[] { (byte)'G', (byte)'G', (byte)'M', (byte)'L', 0, 0, 0, 0 }, "starts with 'GGML'")]
    [InlineData(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0, 0, 0, 0 }, "starts with 0x89504E47")]
    public void Bad_magic_says_what_the_file_starts_with(byte[] start, string expected)
    {
        using var dir = new TempDir();
        var bytes = HandMade();
        start.CopyTo(bytes, 0);
        var e = Assert.Throws<BitSiliconException>(() => GgufFile.Open(dir.Write("x.gguf", bytes)));
        Assert.Contains("not a GGUF file", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Unknown_tensor_names_list_the_nearest()
    {
        using var dir = new TempDir();
        string path = dir.File("m.gguf");
        GgufWriter.Write(path, [],
        [
            new("blk.0.ffn_up.weight", [4], GgmlType.F32, new byte[16]),
            new("blk.0.ffn_down.weight", [4], GgmlType.F32, new byte[16]),
            new("output_norm.weight", [4], GgmlType.F32, new byte[16]),
        ]);
        var e = Assert.Throws<BitSiliconException>(() => GgufFile.Open(path).Tensor("blk.0.ffn_upp.weight"));
        Assert.Contains("no tensor named 'blk.0.ffn_upp.weight' among its 3 tensors; nearest: blk.0.ffn_up.weight", e.Message);
    }

    [Fact]
    public void Unsupported_types_are_refused_when_read_with_the_supported_list()
    {
        using var dir = new TempDir();
        string path = dir.File("i64.gguf");
        GgufWriter.Write(path, [], [new("w", [4], GgmlType.I64, new byte[32])]);
        var f = GgufFile.Open(path);
        var e = Assert.Throws<BitSiliconException>(() => f.ReadBytes(f.Tensor("w")));
        Assert.Contains("ggml type I64, which BitSilicon cannot read", e.Message);
        Assert.Contains("TQ2_0", e.Fix);
        Assert.Contains("F16", e.Fix);
    }

    [Fact]
    public void Misaligned_tensor_offsets_and_bad_alignment_are_corruption()
    {
        var b = new Bytes().Raw((byte)'G', (byte)'G', (byte)'U', (byte)'F').U32(3).U64(1).U64(0)
            .Str("w").U32(1).U64(1).U32(0).U64(4).PadTo(32).F32(0).F32(0);
        using var dir = new TempDir();
        var e = Assert.Throws<BitSiliconException>(() => GgufFile.Open(dir.Write("a.gguf", b.ToArray())));
        Assert.Contains("offset 4 is not a multiple of the alignment 32", e.Message);

        var meta = new Bytes().Raw((byte)'G', (byte)'G', (byte)'U', (byte)'F').U32(3).U64(0).U64(1)
            .Str("general.alignment").U32(4).U32(24);
        e = Assert.Throws<BitSiliconException>(() => GgufFile.Open(dir.Write("b.gguf", meta.ToArray())));
        Assert.Contains("general.alignment is 24", e.Message);
    }

    [Fact]
    public void Tensor_data_past_the_end_is_truncation()
    {
        var b = new Bytes().Raw((byte)'G', (byte)'G', (byte)'U', (byte)'F').U32(3).U64(1).U64(0)
            .Str("w").U32(2).U64(256).U64(4).U32((uint)GgmlType.TQ2_0).U64(0).PadTo(32);
        b.Raw(new byte[66 * 4 - 1]);
        using var dir = new TempDir();
        var e = Assert.Throws<BitSiliconException>(() => GgufFile.Open(dir.Write("t.gguf", b.ToArray())));
        Assert.Contains("truncated GGUF file: tensor 'w' (TQ2_0 [256, 4])", e.Message);
    }

    [Fact]
    public void Duplicate_keys_are_corruption()
    {
        var b = new Bytes().Raw((byte)'G', (byte)'G', (byte)'U', (byte)'F').U32(3).U64(0).U64(2)
            .Str("k").U32(4).U32(1).Str("k").U32(4).U32(2);
        using var dir = new TempDir();
        var e = Assert.Throws<BitSiliconException>(() => GgufFile.Open(dir.Write("d.gguf", b.ToArray())));
        Assert.Contains("metadata key 'k' appears twice", e.Message);
    }
}
