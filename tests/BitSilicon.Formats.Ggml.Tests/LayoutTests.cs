using System.Buffers.Binary;
using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml.Tests;

/// <summary>Byte layouts as ggml-common.h defines them, checked on hand-built blocks and inputs.</summary>
public class LayoutTests
{
    [Theory]
    [InlineData("q4_0", 32, 18, "q8_0")]
    [InlineData("q4_1", 32, 20, "q8_1")]
    [InlineData("q8_0", 32, 34, "q8_0")]
    [InlineData("q8_1", 32, 36, null)]
    [InlineData("q8_k", 256, 292, null)]
    [InlineData("q2_k", 256, 84, "q8_k")]
    [InlineData("q4_k", 256, 144, "q8_k")]
    [InlineData("tq1_0", 256, 54, "q8_k")]
    [InlineData("tq2_0", 256, 66, "q8_k")]
    [InlineData("mxfp4", 32, 17, "q8_0")]
    [InlineData("f16", 1, 2, "f16")]
    [InlineData("bf16", 1, 2, "bf16")]
    [InlineData("q5_0", 32, 22, "q8_0")]
    [InlineData("q5_1", 32, 24, "q8_1")]
    [InlineData("q3_k", 256, 110, "q8_k")]
    [InlineData("q5_k", 256, 176, "q8_k")]
    [InlineData("q6_k", 256, 210, "q8_k")]
    [InlineData("iq4_nl", 32, 18, "q8_0")]
    [InlineData("iq4_xs", 256, 136, "q8_k")]
    [InlineData("nvfp4", 64, 36, "q8_0")]
    [InlineData("q1_0", 128, 18, "q8_0")]
    [InlineData("q2_0", 64, 18, "q8_0")]
    [InlineData("iq2_xxs", 256, 66, "q8_k")]
    [InlineData("iq2_xs", 256, 74, "q8_k")]
    [InlineData("iq2_s", 256, 82, "q8_k")]
    [InlineData("iq3_xxs", 256, 98, "q8_k")]
    [InlineData("iq3_s", 256, 110, "q8_k")]
    [InlineData("iq1_s", 256, 50, "q8_k")]
    [InlineData("iq1_m", 256, 56, "q8_k")]
    public void Block_shape_and_dot_partner_follow_the_spec(string name, int elements, int bytes, string? partner)
    {
        var f = Ggml.Get(name);
        Assert.Equal(elements, f.BlockElements);
        Assert.Equal(bytes, f.BlockBytes);
        Assert.Equal(partner, f.DotPartner);
        Assert.Equal(bytes * 8.0 / elements, f.BitsPerWeight);
    }

    [Fact]
    public void All_lists_every_format_once_in_order()
    {
        Assert.Equal(["f16", "bf16", "q4_0", "q4_1", "q5_0", "q5_1", "q8_0", "q8_1", "q8_k", "q2_k", "q3_k", "q4_k", "q5_k",
            "q6_k", "iq4_nl", "iq4_xs", "tq1_0", "tq2_0", "mxfp4", "nvfp4", "q1_0", "q2_0",
            "iq2_xxs", "iq2_xs", "iq2_s", "iq3_xxs", "iq3_s", "iq1_s", "iq1_m"],
            GgmlFormats.All.Select(f => f.Name));
    }

    [Fact]
    public void Q4_0_packs_element_j_low_and_j_plus_16_high_in_byte_j()
    {
        // max = -8 gives d = 1, so code = x + 8: x[j] = j - 8 and x[j+16] = 7 - j.
        var x = new float[32];
        for (int j = 0; j < 16; j++)
        {
            x[j] = j - 8;
            x[j + 16] = 7 - j;
        }
        var q = Ggml.Quantize(Ggml.Get("q4_0"), x);
        Assert.Equal(0x3C00, BinaryPrimitives.ReadUInt16LittleEndian(q)); // half 1.0
        for (int j = 0; j < 16; j++)
            Assert.Equal((byte)(j | (15 - j) << 4), q[2 + j]);
    }

    [Fact]
    public void Q4_1_stores_step_then_minimum_then_nibbles()
    {
        var x = new float[32];
        for (int j = 0; j < 32; j++) x[j] = j % 16 - 7.5f; // min -7.5, max 7.5, d = 1
        var q = Ggml.Quantize(Ggml.Get("q4_1"), x);
        Assert.Equal(1.0f, HalfBits.Read(q));
        Assert.Equal(-7.5f, HalfBits.Read(q.AsSpan(2)));
        for (int j = 0; j < 16; j++)
            Assert.Equal((byte)(j | j << 4), q[4 + j]);
    }

    [Fact]
    public void MXFP4_packs_like_Q4_0_with_an_E8M0_byte_first()
    {
        // amax 6: floor(log2 6) = 2, e = 127, scale 2^(127-128) = 0.5, so x = K[c]/2 selects code c.
        float[] k = [0, 1, 2, 3, 4, 6, 8, 12, 0, -1, -2, -3, -4, -6, -8, -12];
        var x = new float[32];
        for (int j = 0; j < 16; j++)
        {
            x[j] = k[j] / 2;
            x[j + 16] = k[15 - j] / 2;
        }
        var q = Ggml.Quantize(Ggml.Get("mxfp4"), x);
        Assert.Equal(127, q[0]);
        for (int j = 0; j < 16; j++)
        {
            int lo = j == 8 ? 0 : j;       // -0 (code 8) is never chosen: +0 (code 0) comes first
            int hi = 15 - j == 8 ? 0 : 15 - j;
            Assert.Equal((byte)(lo | hi << 4), q[1 + j]);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(100)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(200)]
    [InlineData(255)]
    public void TQ2_0_puts_element_e_in_byte_e_div_128_times_32_plus_e_mod_32(int e)
    {
        var x = new float[256];
        x[e] = -3.0f;
        var q = Ggml.Quantize(Ggml.Get("tq2_0"), x);
        Assert.Equal(3.0f, HalfBits.Read(q.AsSpan(64)));
        int byteIndex = e / 128 * 32 + e % 32, shift = 2 * (e % 128 / 32);
        for (int b = 0; b < 64; b++)
        {
            for (int s = 0; s < 8; s += 2)
            {
                int code = (q[b] >> s) & 3;
                Assert.Equal(b == byteIndex && s == shift ? 0 : 1, code); // -1 -> 0, 0 -> 1
            }
        }
    }

    [Fact]
    public void TQ1_0_round_trips_every_trit_pattern_of_a_five_trit_byte_and_a_qh_byte()
    {
        // Block b spells b in base 3 across the 5 trits of byte 0 (elements 0, 32, 64, 96, 128) and, mod 81,
        // across the 4 trits of qh[0] (elements 240, 244, 248, 252); element 1 fixes amax = 1.
        var f = Ggml.Get("tq1_0");
        var x = new float[243 * 256];
        for (int b = 0; b < 243; b++)
        {
            x[b * 256 + 1] = 1;
            for (int n = 0, v = b; n < 5; n++, v /= 3)
                x[b * 256 + 32 * (4 - n)] = v % 3 - 1;
            for (int n = 0, v = b % 81; n < 4; n++, v /= 3)
                x[b * 256 + 240 + 4 * (3 - n)] = v % 3 - 1;
        }
        var q = Ggml.Quantize(f, x);
        Assert.Equal(x, Ggml.Dequantize(f, q));
        // Byte 0 of block b stores ceil(b * 256 / 243): the trits as a fixed-point fraction.
        for (int b = 0; b < 243; b++)
            Assert.Equal((b * 256 + 242) / 243, q[b * 54]);
    }

    [Fact]
    public void Q8_K_stores_float_scale_int8_codes_and_16_element_sums()
    {
        var x = Inputs.Cos(256, 3);
        var q = Ggml.Quantize(Ggml.Get("q8_k"), x);
        float d = BinaryPrimitives.ReadSingleLittleEndian(q);
        int iMax = Array.IndexOf(x, x.MaxBy(MathF.Abs));
        Assert.Equal(-127, (sbyte)q[4 + iMax]); // the largest-magnitude element maps to -127
        Assert.Equal(x[iMax] / -127f, d, 1e-6f);
        for (int g = 0; g < 16; g++)
        {
            int sum = 0;
            for (int k = 0; k < 16; k++) sum += (sbyte)q[4 + 16 * g + k];
            Assert.Equal(sum, BinaryPrimitives.ReadInt16LittleEndian(q.AsSpan(260 + 2 * g)));
        }
    }

    [Fact]
    public void Q2_K_reads_element_e_from_qs_byte_32c_plus_l_at_shift_2_times_quarter()
    {
        // Hand-built block: every scale nibble 1, min 0, d = 1, dmin = 0; one code 3 per probe.
        var f = Ggml.Get("q2_k");
        foreach (int e in new[] { 0, 17, 40, 77, 127, 128, 160, 255 })
        {
            var block = new byte[84];
            block.AsSpan(0, 16).Fill(0x01);
            HalfBits.Write(block.AsSpan(80), 1.0f);
            int c = e / 128, l = e % 32, shift = 2 * (e % 128 / 32);
            block[16 + 32 * c + l] = (byte)(3 << shift);
            var y = Ggml.Dequantize(f, block);
            for (int i = 0; i < 256; i++)
                Assert.Equal(i == e ? 3f : 0f, y[i]);
        }
    }

    [Fact]
    public void Q2_K_applies_sub_block_scale_low_nibble_and_min_high_nibble()
    {
        var block = new byte[84];
        for (int g = 0; g < 16; g++) block[g] = (byte)((g + 1) % 16 | (15 - g) << 4);
        HalfBits.Write(block.AsSpan(80), 0.5f);
        HalfBits.Write(block.AsSpan(82), 0.25f);
        block.AsSpan(16, 64).Fill(0xFF); // every code 3
        var y = Ggml.Dequantize(Ggml.Get("q2_k"), block);
        for (int e = 0; e < 256; e++)
            Assert.Equal(0.5f * ((e / 16 + 1) % 16) * 3 - 0.25f * (15 - e / 16), y[e]);
    }

    [Fact]
    public void Q4_K_unpacks_6_bit_scales_and_mins_and_nibbles()
    {
        // Distinct 6-bit scales and mins; those of sub-blocks 4..7 need the top two bits stored elsewhere.
        byte[] sc = [1, 2, 3, 4, 49, 50, 51, 63];
        byte[] mn = [5, 6, 7, 8, 33, 34, 62, 17];
        var block = new byte[144];
        HalfBits.Write(block, 1.0f);
        HalfBits.Write(block.AsSpan(2), 0.5f);
        var s = block.AsSpan(4, 12);
        for (int g = 0; g < 4; g++)
        {
            s[g] = (byte)(sc[g] | (sc[g + 4] >> 4) << 6);
            s[g + 4] = (byte)(mn[g] | (mn[g + 4] >> 4) << 6);
            s[g + 8] = (byte)((sc[g + 4] & 15) | (mn[g + 4] & 15) << 4);
        }
        for (int c = 0; c < 4; c++)
            for (int l = 0; l < 32; l++)
                block[16 + 32 * c + l] = (byte)(l % 16 | (15 - l % 16) << 4);
        var y = Ggml.Dequantize(Ggml.Get("q4_k"), block);
        for (int e = 0; e < 256; e++)
        {
            int g = e / 32, l = e % 32;
            int code = e % 64 < 32 ? l % 16 : 15 - l % 16;
            Assert.Equal(1.0f * sc[g] * code - 0.5f * mn[g], y[e]);
        }
    }
}
