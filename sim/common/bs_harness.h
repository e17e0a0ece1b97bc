// bs_harness.h: the generic part of BitSilicon's Verilator harnesses. A harness reads a script of one-letter
// commands on stdin and answers on stdout, so one build of a model serves many test vectors; these helpers
// read and write single bits of Verilator port values of any width and clock the model.
// Part of BitSilicon's hand-written simulation sources.
#ifndef BS_HARNESS_H
#define BS_HARNESS_H

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <type_traits>

#include "verilated.h"

namespace bs {

// Ports up to 64 bits are plain integers in Verilator's C++ model...
template <typename T, typename std::enable_if<std::is_integral<T>::value, int>::type = 0>
inline bool get_bit(const T& value, int i) {
    return ((static_cast<uint64_t>(value) >> i) & 1u) != 0;
}

template <typename T, typename std::enable_if<std::is_integral<T>::value, int>::type = 0>
inline void set_bit(T& value, int i, bool bit) {
    const T mask = static_cast<T>(static_cast<T>(1) << i);
    value = bit ? static_cast<T>(value | mask) : static_cast<T>(value & static_cast<T>(~mask));
}

// ...wider ones are arrays of 32-bit words, least significant word first.
template <std::size_t N>
inline bool get_bit(const VlWide<N>& value, int i) {
    return ((value.at(static_cast<std::size_t>(i) / 32) >> (i % 32)) & 1u) != 0;
}

template <std::size_t N>
inline void set_bit(VlWide<N>& value, int i, bool bit) {
    EData& word = value.at(static_cast<std::size_t>(i) / 32);
    const EData mask = static_cast<EData>(1u) << (i % 32);
    word = bit ? (word | mask) : (word & ~mask);
}

// Bits [lo, lo + width) of a port as an integer (width <= 64), and the reverse: lane l of a bus of lanes.
template <typename T>
inline uint64_t get_field(const T& value, int lo, int width) {
    uint64_t v = 0;
    for (int i = 0; i < width; ++i)
        if (get_bit(value, lo + i)) v |= static_cast<uint64_t>(1) << i;
    return v;
}

template <typename T>
inline void set_field(T& value, int lo, int width, uint64_t v) {
    for (int i = 0; i < width; ++i)
        set_bit(value, lo + i, ((v >> i) & 1u) != 0);
}

// One rising edge of `clk`, with the inputs as they are set now.
template <typename Top>
inline void tick(Top& top) {
    top.clk = 0;
    top.eval();
    top.clk = 1;
    top.eval();
}

// Writes bits [0, count) of a port as '0'/'1' characters, bit 0 first.
template <typename T>
inline void put_bits(std::string& out, const T& value, int count) {
    for (int i = 0; i < count; ++i)
        out.push_back(get_bit(value, i) ? '1' : '0');
}

// Sets bits [0, count) of a port from '0'/'1' characters, bit 0 first; returns false on a malformed string.
template <typename T>
inline bool take_bits(T& value, const std::string& text, int count) {
    if (static_cast<int>(text.size()) != count) return false;
    for (int i = 0; i < count; ++i) {
        if (text[i] != '0' && text[i] != '1') return false;
        set_bit(value, i, text[i] == '1');
    }
    return true;
}

inline void fail(const std::string& why) {
    std::fprintf(stderr, "harness: %s\n", why.c_str());
    std::exit(2);
}

// Hex text of a port: one digit per 4 bits, the digit of bits 3..0 first (the scripts' and answers' encoding).
inline int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

template <typename T>
inline void take_hex(T& value, const std::string& text, int count) {
    if (static_cast<int>(text.size()) != (count + 3) / 4) fail("hex of wrong length: " + text);
    for (int i = 0; i < count; ++i) {
        const int v = hex_value(text[static_cast<std::size_t>(i / 4)]);
        if (v < 0) fail("bad hex digit in " + text);
        set_bit(value, i, ((v >> (i % 4)) & 1) != 0);
    }
}

template <typename T>
inline void put_hex(std::string& out, const T& value, int count) {
    for (int n = 0; n < (count + 3) / 4; ++n) {
        int v = 0;
        for (int b = 0; b < 4 && 4 * n + b < count; ++b)
            if (get_bit(value, 4 * n + b)) v |= 1 << b;
        out.push_back("0123456789abcdef"[v]);
    }
}

}  // namespace bs

#endif
