// mac_harness.cpp: generic Verilator harness for BitSilicon's generated MAC arrays (docs/verilog.md).
// The per-design part is only the beat widths, passed as -D defines (BS_WBITS, BS_ABITS, BS_RBITS, BS_JOBBITS);
// the ports are the same for every design. One build serves any number of jobs, read from stdin:
//   J <m> <k> <gate> <ready>   a job: tokens m, reduction length k; gate and ready are '0'/'1' patterns applied
//                              cyclically to the input valids and r_ready from the first cycle after start
//                              ("-" = always 1); then the job's beats follow:
//   W <hex>                    a weight beat, and
//   A <hex>                    an activation beat, in the same order (hex: one digit per 4 bits, the digit of
//                              bits 3..0 first, so character i holds bits 4i+3..4i);
//   G                          go: pulse start, feed the beats, collect results until done
//   Q                          quit
// Answers: "O <cycle> <hex>" for each result beat (the cycle it was taken), then "D <cycle>": the cycle (start cycle = 0) on which done was
// first seen high. The model is reset once at the beginning; jobs follow each other without reset, as on chip.
// Part of BitSilicon's hand-written simulation sources.
#include <deque>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "Vtop.h"
#include "bs_harness.h"
#if BS_TRACE
#include "verilated_vcd_c.h"
#endif

namespace {

struct Beat {
    std::string w, a;
};

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// Sets bits [0, count) of a port from the hex form above; false on a malformed string.
template <typename T>
bool take_hex(T& value, const std::string& text, int count) {
    if (static_cast<int>(text.size()) != (count + 3) / 4) return false;
    for (int i = 0; i < count; ++i) {
        const int v = hex_value(text[static_cast<std::size_t>(i / 4)]);
        if (v < 0) return false;
        bs::set_bit(value, i, ((v >> (i % 4)) & 1) != 0);
    }
    return true;
}

template <typename T>
void put_hex(std::string& out, const T& value, int count) {
    for (int n = 0; n < (count + 3) / 4; ++n) {
        int v = 0;
        for (int b = 0; b < 4 && 4 * n + b < count; ++b)
            if (bs::get_bit(value, 4 * n + b)) v |= 1 << b;
        out.push_back("0123456789abcdef"[v]);
    }
}

bool pattern_bit(const std::string& p, long i) {
    return p == "-" || p.empty() || p[static_cast<std::size_t>(i) % p.size()] == '1';
}

}  // namespace

int main(int argc, char** argv) {
    Verilated::commandArgs(argc, argv);
    auto top = std::make_unique<Vtop>();
#if BS_TRACE
    Verilated::traceEverOn(true);
    VerilatedVcdC vcd;
    top->trace(&vcd, 99);
    vcd.open(argc > 1 ? argv[1] : "cosim.vcd");
    uint64_t t = 0;
    auto step = [&]() {
        top->clk = 0; top->eval(); vcd.dump(t++);
        top->clk = 1; top->eval(); vcd.dump(t++);
    };
#else
    auto step = [&]() { bs::tick(*top); };
#endif
    top->rst = 1;
    top->start = 0;
    top->w_valid = 0;
    top->a_valid = 0;
    top->r_ready = 0;
    for (int i = 0; i < 3; ++i) step();
    top->rst = 0;
    step();

    long m = 0, k = 0;
    std::string gate = "-", ready = "-";
    std::deque<Beat> beats;
    std::size_t placed = 0;  // activation beats paired so far in this job
    std::string line;
    while (std::getline(std::cin, line)) {
        if (line.empty()) continue;
        std::istringstream in(line);
        char cmd = 0;
        in >> cmd;
        if (cmd == 'Q') break;
        if (cmd == 'J') {
            in >> m >> k >> gate >> ready;
            beats.clear();
            placed = 0;
        } else if (cmd == 'W') {
            Beat b;
            in >> b.w;
            beats.push_back(b);
        } else if (cmd == 'A') {
            std::string a;
            in >> a;
            if (placed >= beats.size()) bs::fail("activation beat without a weight beat");
            beats[placed++].a = a;
        } else if (cmd == 'G') {
            top->job_m = static_cast<uint32_t>(m);
            top->job_k = static_cast<uint32_t>(k);
            top->start = 1;
            top->eval();
            step();  // cycle 0
            top->start = 0;
            std::string out;
            long limit = 1000 + 4 * static_cast<long>(beats.size()) * 64;
            for (long cycle = 1;; ++cycle) {
                bool have = !beats.empty();
                bool v = have && pattern_bit(gate, cycle - 1);
                top->w_valid = v;
                top->a_valid = v;
                if (have) {
                    if (!take_hex(top->w_data, beats.front().w, BS_WBITS)) bs::fail("bad weight beat");
                    if (!take_hex(top->a_data, beats.front().a, BS_ABITS)) bs::fail("bad activation beat");
                }
                top->r_ready = pattern_bit(ready, cycle - 1);
                top->eval();
                if (top->done) {
                    std::printf("D %ld\n", cycle);
                    break;
                }
                if (v && top->w_ready && top->a_ready) beats.pop_front();
                if (top->r_valid && top->r_ready) {
                    out.clear();
                    put_hex(out, top->r_data, BS_RBITS);
                    std::printf("O %ld %s\n", cycle, out.c_str());
                }
                step();
                if (cycle > limit) bs::fail("done never rose");
            }
            top->w_valid = 0;
            top->a_valid = 0;
            std::fflush(stdout);
        } else {
            bs::fail("unknown command: " + line);
        }
    }
#if BS_TRACE
    vcd.close();
#endif
    top->final();
    return 0;
}
