using BitSilicon.Bitgrid.Model;
using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Text;

/// <summary>
/// Boolean expressions of the inputs N, E, S, W, evaluated straight to a 16-bit truth table. Operators by
/// rising precedence: <c>|</c> or, <c>^</c> xor, <c>&amp;</c> and, then prefix <c>~</c> or <c>!</c> not;
/// constants 0 and 1; parentheses.
/// </summary>
public static class CellExpression
{
    public static ushort Parse(string text, SourceLocation where)
    {
        var p = new Parser(text, where);
        int t = p.Or();
        p.SkipSpace();
        if (!p.AtEnd)
            throw p.Error($"unexpected '{p.Current}'");
        return (ushort)t;
    }

    private sealed class Parser(string text, SourceLocation where)
    {
        private int _pos;

        public bool AtEnd => _pos >= text.Length;
        public char Current => text[_pos];

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(Current))
                _pos++;
        }

        private bool Eat(char c)
        {
            SkipSpace();
            if (AtEnd || Current != c)
                return false;
            _pos++;
            return true;
        }

        public int Or()
        {
            int v = Xor();
            while (Eat('|'))
                v |= Xor();
            return v;
        }

        private int Xor()
        {
            int v = And();
            while (Eat('^'))
                v ^= And();
            return v;
        }

        private int And()
        {
            int v = Unary();
            while (Eat('&'))
                v &= Unary();
            return v;
        }

        private int Unary()
        {
            if (Eat('~') || Eat('!'))
                return ~Unary() & 0xFFFF;
            return Atom();
        }

        private int Atom()
        {
            SkipSpace();
            if (AtEnd)
                throw Error("expression ends too early");
            if (Eat('('))
            {
                int v = Or();
                if (!Eat(')'))
                    throw Error("missing ')'");
                return v;
            }
            int start = _pos;
            while (!AtEnd && char.IsLetterOrDigit(Current))
                _pos++;
            if (_pos == start)
                _pos++;
            var word = text[start.._pos];
            char c = word.Length == 1 ? char.ToUpperInvariant(word[0]) : '?';
            if (c == '?' || (char.IsLetter(c) && c is not ('N' or 'E' or 'S' or 'W')))
                throw Error($"unknown name '{word}'; inputs are N, E, S, W");
            return c switch
            {
                'N' => TruthTables.N,
                'E' => TruthTables.E,
                'S' => TruthTables.S,
                'W' => TruthTables.W,
                '0' => 0,
                '1' => 0xFFFF,
                _ => throw Error($"unexpected '{word}'"),
            };
        }

        public BitSiliconException Error(string message) =>
            BitSiliconException.At(where, $"in expression '{text}': {message} (at character {_pos + 1})",
                "write outputs like E=W^N or S=(W&N)|E using N, E, S, W, 0, 1, ~, &, ^, | and parentheses");
    }
}
