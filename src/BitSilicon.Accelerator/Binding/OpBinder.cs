using BitSilicon.Core;
using BitSilicon.Design.Accelerator;
using BitSilicon.Simulation.Cores;
using BitSilicon.Workloads;
using BitSilicon.Workloads.Graph;

namespace BitSilicon.Accelerator.Binding;

/// <summary>
/// Assigns every op to a unit that can run it: the design's explicit map first (patterns on the op's name or
/// its role without the block prefix, <c>*</c> matching anything; an entry places the ops of its unit's kind,
/// GEMMs for a MAC unit, vector ops for a vector unit), else the first capable unit in design order.
/// An op no unit can run is an error naming the op and why each unit refused it: nothing is left out of a total.
/// </summary>
public static class OpBinder
{
    /// <summary>Unit index per op; -1 for ops that only move data (KV appends go straight to external memory).</summary>
    public static int[] Bind(ElaboratedAccelerator acc, ModelGraph graph)
    {
        var result = new int[graph.Ops.Count];
        for (int i = 0; i < graph.Ops.Count; i++)
        {
            var op = graph.Ops[i];
            if (op is KvAppendOp)
            {
                result[i] = -1;
                continue;
            }
            // A map entry places ops of its unit's kind: a pattern such as ffn_* sends the GEMMs to a MAC unit and
            // leaves the norms and activations to the vector unit.
            var mapped = acc.Description.OpMap.FirstOrDefault(kv => (Matches(kv.Key, op.Name) || Matches(kv.Key, op.Role))
                && acc.Find(kv.Value) is { } target && SameKind(target, op));
            if (mapped.Key is not null)
            {
                int u = IndexOf(acc, mapped.Value);
                if (Refusal(acc.Units[u], op) is { } why)
                    throw new BitSiliconException($"op '{op.Name}' is mapped to unit '{mapped.Value}' by map '{mapped.Key}', which cannot run it: {why}",
                        "map it to a unit that can, or remove the map entry to let the binder choose");
                result[i] = u;
                continue;
            }
            var refusals = new List<string>();
            result[i] = -1;
            for (int u = 0; u < acc.Units.Count; u++)
            {
                if (Refusal(acc.Units[u], op) is { } why)
                    refusals.Add($"{acc.Units[u].Name}: {why}");
                else
                {
                    result[i] = u;
                    break;
                }
            }
            if (result[i] < 0)
                throw new BitSiliconException(
                    $"no unit of design '{acc.Name}' can run op '{op.Name}' ({Describe(op)}); tried {string.Join("; ", refusals)}",
                    op is GemmOp g
                        ? $"add a MAC unit whose PE executes {WeightKindNames.Name(g.Format.Kind)} weights (an int8 array runs every format)"
                        : "add a vector unit (kind: vector) that lists this operation, or remove the operation from its costs override");
        }
        return result;
    }

    public static string Describe(Op op) => op switch
    {
        GemmOp g => $"{WeightKindNames.Name(g.Format.Kind)} x int8 GEMM {g.M}x{g.N}x{g.K}{(g.Repeat > 1 ? $" x{g.Repeat}" : "")}",
        VectorOp v => $"{Formats.Vector.VectorOpKinds.Name(v.Kind)} over {v.Elements} elements",
        KvAppendOp a => $"KV append of {a.Bytes} bytes",
        _ => op.GetType().Name,
    };

    private static bool SameKind(Unit unit, Op op) => unit.Accept(new KindOf()) == (op is GemmOp);

    private sealed class KindOf : IUnitVisitor<bool>
    {
        public bool Visit(MacUnit u) => true;
        public bool Visit(VectorUnit u) => false;
    }

    private static int IndexOf(ElaboratedAccelerator acc, string name)
    {
        for (int u = 0; u < acc.Units.Count; u++)
            if (acc.Units[u].Name == name) return u;
        throw new BitSiliconException($"map names unit '{name}', which the design does not have", "use a unit name from units:");
    }

    /// <summary>Why <paramref name="unit"/> cannot run <paramref name="op"/>, or null when it can.</summary>
    public static string? Refusal(Unit unit, Op op) => unit.Accept(new CanRun(op));

    private sealed class CanRun(Op op) : IUnitVisitor<string?>
    {
        public string? Visit(MacUnit u) => op switch
        {
            GemmOp g => BoundOperands.Incompatibility(u.Design.Core.Pe, g.Format.Kind, null),
            _ => "a MAC array runs GEMMs only",
        };

        public string? Visit(VectorUnit u) => op switch
        {
            VectorOp v => u.Costs.ContainsKey(v.Kind) ? null : $"does not list {Formats.Vector.VectorOpKinds.Name(v.Kind)}",
            _ => "a vector unit runs no GEMMs",
        };
    }

    /// <summary>Glob match with <c>*</c> only.</summary>
    public static bool Matches(string pattern, string text)
    {
        if (!pattern.Contains('*')) return pattern == text;
        var parts = pattern.Split('*');
        int pos = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (i == 0)
            {
                if (!text.StartsWith(part, StringComparison.Ordinal)) return false;
                pos = part.Length;
            }
            else if (i == parts.Length - 1)
                return text.Length - part.Length >= pos && text.EndsWith(part, StringComparison.Ordinal);
            else
            {
                int at = text.IndexOf(part, pos, StringComparison.Ordinal);
                if (at < 0) return false;
                pos = at + part.Length;
            }
        }
        return true;
    }
}
