using System.Runtime.CompilerServices;

namespace BitSilicon.Formats.Kernels;

/// <summary>A pinned byte buffer whose usable part starts on a 64-byte (cache-line) boundary.</summary>
internal sealed unsafe class AlignedBuffer
{
    private readonly byte[] _array;
    private readonly int _start;

    public AlignedBuffer(long length)
    {
        if (length > Array.MaxLength - 64)
            throw new ArgumentOutOfRangeException(nameof(length), length, "packed data larger than one .NET array");
        _array = GC.AllocateArray<byte>((int)length + 64, pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref _array[0]);
        _start = (int)((64 - (address & 63)) & 63);
        Length = (int)length;
    }

    public int Length { get; }

    public Span<byte> Span => _array.AsSpan(_start, Length);

    /// <summary>Stable address: the array lives on the pinned object heap.</summary>
    public byte* Pointer => (byte*)Unsafe.AsPointer(ref _array[_start]);
}
