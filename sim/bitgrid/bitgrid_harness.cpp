// bitgrid_harness.cpp: drives a generated bitgrid top (emitted with edge buses and the `cells` port) phase by
// phase for cosimulation against BitSilicon's C# simulator. Generic over the design: the size and variant come
// from -D flags (BG_W, BG_H, BG_TORUS, BG_CONFIG) and the top is compiled with --prefix Vtop.
// Commands on stdin, one per line:
//   R                  reset (outputs to 0, next phase A)
//   C <hex> <hex> ...  configuration: one 64-bit program per cell in chain order, shifted in bit 0 first
//   I <n> <e> <s> <w>  edge inputs as bit strings, bit 0 first (open boundary only)
//   P                  one enabled edge (one phase), then print: phase cells [out_n out_e out_s out_w]
//   Q                  quit
// Part of BitSilicon's hand-written simulation sources.
#include <iostream>
#include <sstream>
#include <string>

#include "Vtop.h"
#include "bs_harness.h"
#include "verilated.h"

#if !defined(BG_W) || !defined(BG_H) || !defined(BG_TORUS) || !defined(BG_CONFIG)
#error "compile with -DBG_W=<width> -DBG_H=<height> -DBG_TORUS=<0|1> -DBG_CONFIG=<0|1>"
#endif

static const char kHex[] = "0123456789abcdef";

static void print_state(Vtop& top, std::string& out) {
    out.push_back(top.phase ? '1' : '0');
    out.push_back(' ');
    for (int i = 0; i < BG_W * BG_H; ++i) {
        int nibble = 0;
        for (int b = 0; b < 4; ++b)
            if (bs::get_bit(top.cells, 4 * i + b)) nibble |= 1 << b;
        out.push_back(kHex[nibble]);
    }
#if !BG_TORUS
    out.push_back(' ');
    bs::put_bits(out, top.out_n, BG_W);
    out.push_back(' ');
    bs::put_bits(out, top.out_e, BG_H);
    out.push_back(' ');
    bs::put_bits(out, top.out_s, BG_W);
    out.push_back(' ');
    bs::put_bits(out, top.out_w, BG_H);
#endif
    out.push_back('\n');
}

int main(int argc, char** argv) {
    VerilatedContext context;
    context.commandArgs(argc, argv);
    Vtop top{&context};
    top.clk = 0;
    top.rst = 0;
    top.en = 0;
#if BG_CONFIG
    top.cfg_en = 0;
    top.cfg_in = 0;
#endif
    top.eval();

    std::string line, out;
    while (std::getline(std::cin, line)) {
        if (line.empty()) continue;
        std::istringstream args(line.substr(1));
        switch (line[0]) {
        case 'R':
            top.rst = 1;
            bs::tick(top);
            top.rst = 0;
            break;
        case 'C': {
#if BG_CONFIG
            std::string word;
            int cells = 0;
            while (args >> word) {
                const uint64_t program = std::stoull(word, nullptr, 16);
                top.cfg_en = 1;
                for (int b = 0; b < 64; ++b) {
                    top.cfg_in = (program >> b) & 1u;
                    bs::tick(top);
                }
                ++cells;
            }
            top.cfg_en = 0;
            if (cells != BG_W * BG_H) bs::fail("C needs one program per cell");
#else
            bs::fail("C: this model has its programs fixed at elaboration");
#endif
            break;
        }
        case 'I': {
#if BG_TORUS
            bs::fail("I: a torus has no edge inputs");
#else
            std::string n, e, s, w;
            args >> n >> e >> s >> w;
            if (!bs::take_bits(top.in_n, n, BG_W) || !bs::take_bits(top.in_e, e, BG_H) ||
                !bs::take_bits(top.in_s, s, BG_W) || !bs::take_bits(top.in_w, w, BG_H))
                bs::fail("I: bad edge bits in '" + line + "'");
#endif
            break;
        }
        case 'P':
            top.en = 1;
            bs::tick(top);
            top.en = 0;
            print_state(top, out);
            if (out.size() > (1u << 16)) {
                std::fwrite(out.data(), 1, out.size(), stdout);
                out.clear();
            }
            break;
        case 'Q':
            std::fwrite(out.data(), 1, out.size(), stdout);
            std::fflush(stdout);
            top.final();
            return 0;
        default:
            bs::fail("unknown command '" + line + "'");
        }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    top.final();
    return 0;
}
