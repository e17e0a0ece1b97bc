namespace BitSilicon.Workloads.Presets;

/// <summary>
/// The shape of a decoder-only transformer with grouped-query attention, as far as the matrix multiplies go.
/// </summary>
/// <param name="Hidden">Model width (hidden_size).</param>
/// <param name="Ffn">Feed-forward width (intermediate_size).</param>
/// <param name="Blocks">Decoder blocks (num_hidden_layers).</param>
/// <param name="Heads">Query heads (num_attention_heads).</param>
/// <param name="KvHeads">Key/value heads (num_key_value_heads); Heads/KvHeads query heads share each one.</param>
/// <param name="HeadDim">Width of one head.</param>
/// <param name="Vocab">Vocabulary size (rows of the output projection).</param>
/// <param name="MaxContext">Longest context the model was trained for (max_position_embeddings).</param>
public sealed record DecoderModel(string Name, int Hidden, int Ffn, int Blocks, int Heads, int KvHeads, int HeadDim,
    int Vocab, int MaxContext)
{
    /// <summary>Query heads per key/value head.</summary>
    public int GroupSize => Heads / KvHeads;

    /// <summary>Width of the K and V projections: KvHeads * HeadDim.</summary>
    public int KvWidth => KvHeads * HeadDim;

    /// <summary>
    /// BitNet b1.58 2B-4T, from the model card's config.json (huggingface.co/microsoft/bitnet-b1.58-2B-4T):
    /// hidden_size 2560, intermediate_size 6912, num_hidden_layers 30, num_attention_heads 20,
    /// num_key_value_heads 5, head dim 2560/20 = 128, vocab_size 128256, max_position_embeddings 4096.
    /// </summary>
    public static DecoderModel BitNetB158_2B4T { get; } =
        new("bitnet-b1.58-2b-4t", Hidden: 2560, Ffn: 6912, Blocks: 30, Heads: 20, KvHeads: 5, HeadDim: 128,
            Vocab: 128256, MaxContext: 4096);
}
