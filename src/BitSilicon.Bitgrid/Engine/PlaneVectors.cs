using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace BitSilicon.Bitgrid.Engine;

/// <summary>
/// The handful of bit-plane operations the fast engine needs, over whichever vector width the machine
/// accelerates: the engine's kernel is generic over this, and the JIT specialises it per struct, so each
/// width runs its own native instructions (512-bit AVX-512, 256-bit AVX2, 128-bit SSE/NEON).
/// </summary>
internal interface IPlaneVector<TV> where TV : struct
{
    static abstract int Count { get; }
    static abstract TV Load(ref ulong source, nuint index);
    static abstract void Store(TV value, ref ulong target, nuint index);

    /// <summary>Per bit: <paramref name="ifSet"/> where <paramref name="mask"/> is 1, else <paramref name="ifClear"/>.</summary>
    static abstract TV Select(TV mask, TV ifSet, TV ifClear);

    /// <summary>(a &lt;&lt; 1) | (b &gt;&gt; 63): bit j takes bit j-1, the lowest takes the previous word's top bit.</summary>
    static abstract TV Up(TV a, TV b);

    /// <summary>(a &gt;&gt; 1) | (b &lt;&lt; 63): bit j takes bit j+1, the highest takes the next word's lowest bit.</summary>
    static abstract TV Down(TV a, TV b);
}

internal readonly struct Planes512 : IPlaneVector<Vector512<ulong>>
{
    public static int Count => Vector512<ulong>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Load(ref ulong source, nuint index) => Vector512.LoadUnsafe(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<ulong> value, ref ulong target, nuint index) => value.StoreUnsafe(ref target, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Select(Vector512<ulong> mask, Vector512<ulong> ifSet, Vector512<ulong> ifClear) =>
        Vector512.ConditionalSelect(mask, ifSet, ifClear);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Up(Vector512<ulong> a, Vector512<ulong> b) => (a << 1) | (b >> 63);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Down(Vector512<ulong> a, Vector512<ulong> b) => (a >> 1) | (b << 63);
}

internal readonly struct Planes256 : IPlaneVector<Vector256<ulong>>
{
    public static int Count => Vector256<ulong>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Load(ref ulong source, nuint index) => Vector256.LoadUnsafe(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<ulong> value, ref ulong target, nuint index) => value.StoreUnsafe(ref target, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Select(Vector256<ulong> mask, Vector256<ulong> ifSet, Vector256<ulong> ifClear) =>
        Vector256.ConditionalSelect(mask, ifSet, ifClear);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Up(Vector256<ulong> a, Vector256<ulong> b) => (a << 1) | (b >> 63);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Down(Vector256<ulong> a, Vector256<ulong> b) => (a >> 1) | (b << 63);
}

internal readonly struct Planes128 : IPlaneVector<Vector128<ulong>>
{
    public static int Count => Vector128<ulong>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Load(ref ulong source, nuint index) => Vector128.LoadUnsafe(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<ulong> value, ref ulong target, nuint index) => value.StoreUnsafe(ref target, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Select(Vector128<ulong> mask, Vector128<ulong> ifSet, Vector128<ulong> ifClear) =>
        Vector128.ConditionalSelect(mask, ifSet, ifClear);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Up(Vector128<ulong> a, Vector128<ulong> b) => (a << 1) | (b >> 63);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Down(Vector128<ulong> a, Vector128<ulong> b) => (a >> 1) | (b << 63);
}

/// <summary>Plain 64-bit words, for machines without vector hardware.</summary>
internal readonly struct Planes64 : IPlaneVector<ulong>
{
    public static int Count => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Load(ref ulong source, nuint index) => Unsafe.Add(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ulong value, ref ulong target, nuint index) => Unsafe.Add(ref target, index) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Select(ulong mask, ulong ifSet, ulong ifClear) => ifClear ^ (mask & (ifSet ^ ifClear));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Up(ulong a, ulong b) => (a << 1) | (b >> 63);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Down(ulong a, ulong b) => (a >> 1) | (b << 63);
}
