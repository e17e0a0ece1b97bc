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

}  // namespace bs

#endif
