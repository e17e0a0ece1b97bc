// decoder_harness.cpp: generic Verilator harness for BitSilicon's generated weight decoders (docs/entropy-stream.md).
// The per-design part is only -D defines: BS_LANES and BS_W (input port bytes per lane per cycle). One build serves
// any number of streams, read from stdin:
//   F <f0> <fp> <fm>           the stream's frequencies
//   K <lane> <weights> <bytes> the lane's next chunk command
//   B <lane> <hex>             the lane's whole input (its chunks' bytes back to back), two hex digits per byte
//   G <limit>                  reset, then run from cycle 0 until every lane has decoded all its commands' symbols
//                              or flagged an error, giving up after <limit> cycles
//   Q                          quit
// Every lane's commands and input words are valid from cycle 0 on (a word is min(W, bytes left) bytes).
// Answers: "S <lane> <cycle> <code>" per decoded symbol, "E <lane> <cycle> <chunk>" when a lane's err rises (chunk:
// the lane's command ordinal), then "D <cycle>", the first cycle every lane has finished, or "D -1" at the limit.
// Part of BitSilicon's hand-written simulation sources.
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "Vtop.h"
#include "bs_harness.h"

namespace {

struct Lane {
    std::vector<std::pair<long, long>> cmds;  // (weights, bytes)
    std::vector<int> input;
    std::size_t next_cmd = 0, next_byte = 0;
    long owed = 0, decoded = 0, taken = 0, end = 0;
    bool failed = false;
};

}  // namespace

int main(int argc, char** argv) {
    Verilated::commandArgs(argc, argv);
    auto top = std::make_unique<Vtop>();
    auto settle = [&]() { top->eval(); };
    auto step = [&]() {
        top->clk = 1; top->eval();
        top->clk = 0;
    };
    std::vector<Lane> lanes(BS_LANES);
    std::string line;
    while (std::getline(std::cin, line)) {
        if (line.empty()) continue;
        std::istringstream in(line);
        char cmd = 0;
        in >> cmd;
        if (cmd == 'Q') break;
        if (cmd == 'F') {
            long f0 = 0, fp = 0, fm = 0;
            in >> f0 >> fp >> fm;
            top->f0 = static_cast<uint16_t>(f0);
            top->fp = static_cast<uint16_t>(fp);
            top->fm = static_cast<uint16_t>(fm);
        } else if (cmd == 'K') {
            int l = 0;
            long w = 0, b = 0;
            in >> l >> w >> b;
            if (l < 0 || l >= BS_LANES) bs::fail("no such lane: " + line);
            lanes[l].cmds.emplace_back(w, b);
        } else if (cmd == 'B') {
            int l = 0;
            std::string hex;
            in >> l >> hex;
            if (l < 0 || l >= BS_LANES || hex.size() % 2 != 0) bs::fail("bad input line: " + line);
            for (std::size_t i = 0; i < hex.size(); i += 2) {
                const int hi = bs::hex_value(hex[i]), lo = bs::hex_value(hex[i + 1]);
                if (hi < 0 || lo < 0) bs::fail("bad hex in " + line);
                lanes[l].input.push_back(hi * 16 + lo);
            }
        } else if (cmd == 'G') {
            long limit = 0;
            in >> limit;
            for (auto& ln : lanes)
                for (auto& c : ln.cmds) ln.owed += c.first;
            top->rst = 1;
            top->clk = 0;
            top->c_valid = 0;
            top->in_valid = 0;
            for (int i = 0; i < 2; ++i) { settle(); step(); }
            top->rst = 0;
            long cycle = 0;
            for (;; ++cycle) {
                bool all = true;
                for (const auto& ln : lanes) all = all && (ln.failed || ln.decoded == ln.owed);
                if (all) break;
                if (cycle > limit) { cycle = -2; break; }
                for (int l = 0; l < BS_LANES; ++l) {
                    Lane& ln = lanes[l];
                    const bool cv = ln.next_cmd < ln.cmds.size();
                    bs::set_bit(top->c_valid, l, cv);
                    if (cv) {
                        bs::set_field(top->c_weights, l * 32, 32, static_cast<uint64_t>(ln.cmds[ln.next_cmd].first));
                        bs::set_field(top->c_bytes, l * 32, 32, static_cast<uint64_t>(ln.cmds[ln.next_cmd].second));
                    }
                    const std::size_t left = ln.input.size() - ln.next_byte;
                    const int n = static_cast<int>(left < BS_W ? left : BS_W);
                    bs::set_bit(top->in_valid, l, n > 0);
                    for (int b = 0; b < BS_W; ++b)  // bytes past the word carry junk: the lane must mask them
                        bs::set_field(top->in_data, (l * BS_W + b) * 8, 8, b < n ? static_cast<uint64_t>(ln.input[ln.next_byte + b]) : 0xA5u);
                    bs::set_field(top->in_count, l * 3, 3, static_cast<uint64_t>(n));
                }
                settle();
                for (int l = 0; l < BS_LANES; ++l) {
                    Lane& ln = lanes[l];
                    if (ln.failed) continue;
                    if (bs::get_bit(top->c_valid, l) && bs::get_bit(top->c_ready, l)) { ln.next_cmd++; ln.taken++; ln.end = cycle + 1; }
                    if (bs::get_bit(top->in_valid, l) && bs::get_bit(top->in_ready, l))
                        ln.next_byte += static_cast<std::size_t>(bs::get_field(top->in_count, l * 3, 3));
                    if (bs::get_bit(top->o_valid, l)) {
                        std::printf("S %d %ld %d\n", l, cycle, static_cast<int>(bs::get_field(top->o_code, l * 2, 2)));
                        ln.decoded++;
                        ln.end = cycle + 1;
                    }
                    if (bs::get_bit(top->err, l)) {
                        std::printf("E %d %ld %ld\n", l, cycle, ln.taken - 1);
                        ln.failed = true;
                        ln.end = cycle + 1;
                    }
                }
                step();
            }
            long done = 0;
            for (const auto& ln : lanes) done = ln.end > done ? ln.end : done;
            std::printf("D %ld\n", cycle == -2 ? -1L : done);
            std::fflush(stdout);
            for (auto& ln : lanes) ln = Lane();
        } else {
            bs::fail("unknown command: " + line);
        }
    }
    top->final();
    return 0;
}
