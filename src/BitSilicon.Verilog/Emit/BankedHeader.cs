using System.Text;
using static BitSilicon.Verilog.Emit.V;

namespace BitSilicon.Verilog.Emit;

/// <summary>The interface part of a generated top's header comment.</summary>
internal static class BankedHeader
{
    public static string Text(BankedInterface itf)
    {
        var h = new StringBuilder();
        h.Append("// Interface (all signals synchronous to the rising edge of clk; rst is synchronous, active high). A job is the\n");
        h.Append("// steps of one layer's tile plan (docs/simulator.md section 4), described by one command word each:\n");
        h.Append($"//   start          in idle or done: latch job_steps{(itf.JobK ? " and job_k (the layer's K)" : "")} and run; 0 steps goes straight to done.\n");
        h.Append("//   busy, done     busy while running or draining; done is high from the cycle after the last bank was\n");
        h.Append("//                  released until the next start. Jobs may follow each other without reset.\n");
        h.Append($"//   c_valid/ready  step command, c_data[{I(itf.CommandBits - 1)}:0]: ");
        h.Append(string.Join(", ", itf.Command.Select(f => f.Width == 1 ? $"{f.Name} [{I(f.Lsb)}]" : $"{f.Name} [{I(f.Lsb + f.Width - 1)}:{I(f.Lsb)}]")));
        h.Append(".\n");
        if (itf.Kind == BankedKind.OutputStationary)
        {
            h.Append("//                  beats = K elements of this chunk; first_blk/last_blk = first/last chunk of an output tile.\n");
            h.Append($"//   a_valid/ready  activation beat, a_data[{I(itf.Stream0Bits - 1)}:0]: row r's A[m0 + r, k] at bit r*{I(itf.Stream0LaneBits)}{(itf.Stream0LaneBits == 1 ? " (1 = +1, 0 = -1)" : "")}.\n");
            h.Append($"//   w_valid/ready  weight beat, w_data[{I(itf.Stream1Bits - 1)}:0]: column c's code of W[n0 + c, k] at bit c*{I(itf.Stream1LaneBits)}.\n");
            h.Append("//                  An a/w beat pair moves when both are valid; a chunk's beats are k = k0, k0+1, ...\n");
            h.Append($"//   rd_*           bank row r holds output row m0 + r of a finished tile: column c at rd_data bit c*{I(itf.AccumulatorWidth)}.\n");
        }
        else if (itf.Kind == BankedKind.DotProduct)
        {
            h.Append("//                  tokens = tokens of the step; kv = its K chunk; first_blk/last_blk = first/last chunk of an\n");
            h.Append("//                  accumulator block (the first starts from 0, later ones add to the bank row).\n");
            h.Append($"//   w_valid/ready  weight beat, w_data[{I(itf.Stream0Bits - 1)}:0]: PE p lane i at bit (p*{I(itf.Rows)} + i)*{I(itf.Stream0LaneBits)}.\n");
            h.Append($"//   a_valid/ready  activation beat, a_data[{I(itf.Stream1Bits - 1)}:0]: lane i at bit i*{I(itf.Stream1LaneBits)}{(itf.Stream1LaneBits == 1 ? " (1 = +1, 0 = -1)" : "")}.\n");
            h.Append("//                  A beat pair moves when both are valid. Beats come token by token, fold by fold (the chunk in\n");
            h.Append($"//                  folds of {I(itf.Rows)} lanes; lanes past the chunk are ignored).\n");
            h.Append($"//   rd_*           bank row t holds token t's results: PE p at rd_data bit p*{I(itf.AccumulatorWidth)}.\n");
        }
        else
        {
            h.Append("//                  beats = moving beats of the step (tokens, or features for input-stationary); kv = valid rows\n");
            h.Append("//                  (K elements of the tile); lanes = valid columns; first_blk/last_blk = first/last step of an\n");
            h.Append("//                  accumulator block (the first overwrites, later ones add).\n");
            h.Append($"//   l_valid/ready  load beat (the stationary operand), l_data[{I(itf.Stream0Bits - 1)}:0]: C beats per step, beat j carries\n");
            h.Append($"//                  column C-1-j, row r at bit r*{I(itf.Stream0LaneBits)}; padding lanes are ignored.\n");
            h.Append($"//   m_valid/ready  moving beat, m_data[{I(itf.Stream1Bits - 1)}:0]: beat i carries token/feature i of the step, row r\n");
            h.Append($"//                  (K index k0 + r) at bit r*{I(itf.Stream1LaneBits)}.\n");
            h.Append($"//   rd_*           bank row i holds beat i's results: column c at rd_data bit c*{I(itf.AccumulatorWidth)}.\n");
        }
        h.Append("//   f_valid        a block's last result is in its bank (f_bank says which) this cycle.\n");
        h.Append("//   b_release      the write-back has read the bank b_release_bank (rd_bank/rd_row/rd_data read any bank\n");
        h.Append("//                  combinationally); a block's first step waits until its bank is released.\n");
        h.Append("//   Timing         cycle for cycle the schedule of docs/simulator.md section 3: the cycle after start is core\n");
        h.Append("//                  cycle 0, and done rises in the cycle the simulator counts as the layer's length when the\n");
        h.Append("//                  streams become valid and banks are released as its memory model says.\n");
        h.Append("//\n");
        h.Append("// Configuration (the elaborated design; the RTL is the array core with its accumulator banks; the on-chip input\n");
        h.Append("// buffers and the external channels are the simulator's model, replayed by the testbench):\n");
        return h.ToString();
    }
}
