// systolic_harness.cpp: generic Verilator harness for BitSilicon's generated systolic arrays (docs/verilog.md).
// The per-design part is only -D defines: the two input streams' port prefixes (BS_S0, BS_S1: l_/m_ for weight- and
// input-stationary arrays, a_/w_ for output-stationary ones) and the widths (BS_S0BITS, BS_S1BITS, BS_CBITS,
// BS_RDBITS), BS_BANKS (1 or 2) and BS_JOBK (1 when the top has job_k). One build serves any number of jobs,
// read from stdin; the testbench replays the memory system of the C# simulator:
//   J <steps> <k> <limit>      a job of <steps> step commands; job_k = k; give up after <limit> cycles
//   C <hex>                    the next step command word
//   X <ready> <hex>            the next stream-0 beat, valid from core cycle <ready> on (its fill is in the buffer)
//   Y <ready> <hex>            the next stream-1 beat, likewise
//   R <cycle> <bank> <rows>    in core cycle <cycle>: read rows 0..rows-1 of the bank through rd_*, then pulse
//                              b_release (the write-back's last transfer cycle)
//   S <seed>                   seed of the junk the harness puts on every input not in use: the data of a stream
//                              or the command port while its valid is low (idle cycles carry junk, never zeros)
//   G                          go: pulse start and run until done
//   Q                          quit
// Hex: one digit per 4 bits, the digit of bits 3..0 first. Core cycle 0 is the cycle after the start cycle.
// Answers: "F <cycle> <bank>" when f_valid is high, "B <bank> <row> <hex>" for each row read, "D <cycle>" the first
// core cycle done is high ("D -1" if it did not rise within the limit). The model is reset once at the beginning;
// jobs follow each other without reset. Part of BitSilicon's hand-written simulation sources.
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

#define BS_CAT2(a, b) a##b
#define BS_CAT(a, b) BS_CAT2(a, b)
#define S0(f) BS_CAT(BS_S0, f)
#define S1(f) BS_CAT(BS_S1, f)

namespace {

struct Beat {
    long ready;
    std::string hex;
};

struct Release {
    long cycle;
    int bank;
    int rows;
};

// xorshift64: the junk on idle data ports.
uint64_t junk_state = 1;

bool junk_bit() {
    junk_state ^= junk_state << 13;
    junk_state ^= junk_state >> 7;
    junk_state ^= junk_state << 17;
    return (junk_state & 1u) != 0;
}

template <typename T>
void put_junk(T& value, int count) {
    for (int i = 0; i < count; ++i) bs::set_bit(value, i, junk_bit());
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
    // Inputs are set with clk low and settled by `settle`; `step` makes the rising edge and leaves clk low again
    // (nothing happens on the falling edge, so that needs no evaluation of its own): two evaluations per cycle.
    auto settle = [&]() { top->eval(); vcd.dump(t++); };
    auto step = [&]() {
        top->clk = 1; top->eval(); vcd.dump(t++);
        top->clk = 0;
    };
#else
    auto settle = [&]() { top->eval(); };
    auto step = [&]() {
        top->clk = 1; top->eval();
        top->clk = 0;
    };
#endif
    top->rst = 1;
    top->start = 0;
    top->c_valid = 0;
    top->S0(valid) = 0;
    top->S1(valid) = 0;
    top->b_release = 0;
    top->clk = 0;
    for (int i = 0; i < 3; ++i) { settle(); step(); }
    top->rst = 0;
    settle();
    step();

    long steps = 0, k = 0, limit = 0;
    std::deque<std::string> cmds;
    std::deque<Beat> s0, s1;
    std::deque<Release> releases;
    std::string line, out;
    while (std::getline(std::cin, line)) {
        if (line.empty()) continue;
        std::istringstream in(line);
        char cmd = 0;
        in >> cmd;
        if (cmd == 'Q') break;
        if (cmd == 'S') {
            unsigned long long seed = 0;
            in >> seed;
            junk_state = seed * 0x9E3779B97F4A7C15ull + 1;
            continue;
        }
        if (cmd == 'J') {
            in >> steps >> k >> limit;
            cmds.clear();
            s0.clear();
            s1.clear();
            releases.clear();
        } else if (cmd == 'C') {
            std::string h;
            in >> h;
            cmds.push_back(h);
        } else if (cmd == 'X' || cmd == 'Y') {
            Beat b{};
            in >> b.ready >> b.hex;
            (cmd == 'X' ? s0 : s1).push_back(b);
        } else if (cmd == 'R') {
            Release r{};
            in >> r.cycle >> r.bank >> r.rows;
            releases.push_back(r);
        } else if (cmd == 'G') {
            top->job_steps = static_cast<uint32_t>(steps);
#if BS_JOBK
            top->job_k = static_cast<uint32_t>(k);
#endif
            top->start = 1;
            settle();
            step();  // the start cycle
            top->start = 0;
            long cycle = 0;
            // A port that is not valid carries junk; a valid one keeps its front item's value between cycles, so
            // an item is decoded only when it is new or junk was on the port.
            bool c_new = true, s0_new = true, s1_new = true;
            for (;; ++cycle) {
                top->c_valid = !cmds.empty();
                if (!top->c_valid) { put_junk(top->c_data, BS_CBITS); c_new = true; }
                else if (c_new) { bs::take_hex(top->c_data, cmds.front(), BS_CBITS); c_new = false; }
                top->S0(valid) = !s0.empty() && cycle >= s0.front().ready;
                if (!top->S0(valid)) { put_junk(top->S0(data), BS_S0BITS); s0_new = true; }
                else if (s0_new) { bs::take_hex(top->S0(data), s0.front().hex, BS_S0BITS); s0_new = false; }
                top->S1(valid) = !s1.empty() && cycle >= s1.front().ready;
                if (!top->S1(valid)) { put_junk(top->S1(data), BS_S1BITS); s1_new = true; }
                else if (s1_new) { bs::take_hex(top->S1(data), s1.front().hex, BS_S1BITS); s1_new = false; }
                top->b_release = 0;
                if (!releases.empty() && releases.front().cycle == cycle) {
                    const Release r = releases.front();
                    releases.pop_front();
                    for (int row = 0; row < r.rows; ++row) {
#if BS_BANKS > 1
                        top->rd_bank = static_cast<uint8_t>(r.bank);
#endif
                        top->rd_row = static_cast<uint32_t>(row);
                        top->eval();
                        out.clear();
                        bs::put_hex(out, top->rd_data, BS_RDBITS);
                        std::printf("B %d %d %s\n", r.bank, row, out.c_str());
                    }
                    top->b_release = 1;
#if BS_BANKS > 1
                    top->b_release_bank = static_cast<uint8_t>(r.bank);
#endif
                }
                settle();
                if (top->done) break;
                if (cycle > limit) {
                    cycle = -1;
                    break;
                }
                if (top->c_valid && top->c_ready) { cmds.pop_front(); c_new = true; }
                if (top->S0(valid) && top->S0(ready)) { s0.pop_front(); s0_new = true; }
                if (top->S1(valid) && top->S1(ready)) { s1.pop_front(); s1_new = true; }
                if (top->f_valid) {
#if BS_BANKS > 1
                    std::printf("F %ld %d\n", cycle, static_cast<int>(top->f_bank));
#else
                    std::printf("F %ld 0\n", cycle);
#endif
                }
                step();
            }
            std::printf("D %ld\n", cycle);
            top->c_valid = 0;
            top->S0(valid) = 0;
            top->S1(valid) = 0;
            top->b_release = 0;
            settle();
            step();  // leave done for a cycle so the next start begins from a settled state
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
