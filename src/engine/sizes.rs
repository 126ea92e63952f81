//! Sizes a learner works out with a pencil: the bytes a KV cache holds per token, the
//! parameters of the three projections, and the multiply-adds a KV cache saves. Whole-number
//! arithmetic only, saturating rather than wrapping, so a silly configuration cannot panic.

/// What one token costs in a KV cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheConfig {
    pub layers: u64,
    /// Key/value heads; fewer than query heads under grouped-query attention.
    pub kv_heads: u64,
    pub head_dim: u64,
    /// 2 for fp16/bf16, 1 for int8, 4 for fp32.
    pub bytes_per_number: u64,
}

/// One key and one value per layer and KV head: 2 × layers × kv_heads × head_dim × bytes.
#[must_use]
pub fn kv_cache_bytes_per_token(c: CacheConfig) -> u64 {
    [c.layers, c.kv_heads, c.head_dim, c.bytes_per_number].iter().fold(2, |acc, f| acc.saturating_mul(*f))
}

/// The three projections of one attention layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProjectionConfig {
    pub model_width: u64,
    pub query_heads: u64,
    pub kv_heads: u64,
    pub head_dim: u64,
    pub bias: bool,
}

impl ProjectionConfig {
    /// Output widths of W_Q, W_K and W_V.
    #[must_use]
    pub fn widths(self) -> [u64; 3] {
        let kv = self.kv_heads.saturating_mul(self.head_dim);
        [self.query_heads.saturating_mul(self.head_dim), kv, kv]
    }
}

/// Weights (D × width each) plus, when the layer has them, one bias per output column.
#[must_use]
pub fn projection_parameters(c: ProjectionConfig) -> u64 {
    let outputs = c.widths().iter().fold(0u64, |acc, w| acc.saturating_add(*w));
    let weights = c.model_width.saturating_mul(outputs);
    if c.bias { weights.saturating_add(outputs) } else { weights }
}

/// Multiply-adds saved at decode step `step` (counted from 1) by keeping past keys and values:
/// without the cache, the `step - 1` earlier tokens are each multiplied by W_K (D × d_k) and
/// W_V (D × d_v) again. Scoring and mixing cost the same either way.
#[must_use]
pub fn cache_saving(step: u64, model_width: u64, key_width: u64, value_width: u64) -> u64 {
    step.saturating_sub(1).saturating_mul(model_width).saturating_mul(key_width.saturating_add(value_width))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn llama_3_8b_caches_128_kib_per_token_in_fp16() {
        // 2 × 32 layers × 8 KV heads × 128 × 2 bytes, worked by hand: 64 × 8 = 512, × 128 =
        // 65536, × 2 = 131072.
        let llama = CacheConfig { layers: 32, kv_heads: 8, head_dim: 128, bytes_per_number: 2 };
        assert_eq!(kv_cache_bytes_per_token(llama), 131_072);
    }

    #[test]
    fn gpt2_small_caches_36_kib_per_token_in_fp16() {
        // 2 × 12 × 12 × 64 × 2 = 24 × 12 = 288, × 64 = 18432, × 2 = 36864.
        let gpt2 = CacheConfig { layers: 12, kv_heads: 12, head_dim: 64, bytes_per_number: 2 };
        assert_eq!(kv_cache_bytes_per_token(gpt2), 36_864);
    }

    #[test]
    fn llama_3_8b_projections_per_layer() {
        // q_proj 4096 × 4096 = 16777216; k_proj and v_proj 4096 × 1024 = 4194304 each.
        let llama = ProjectionConfig { model_width: 4096, query_heads: 32, kv_heads: 8, head_dim: 128, bias: false };
        assert_eq!(llama.widths(), [4096, 1024, 1024]);
        assert_eq!(projection_parameters(llama), 16_777_216 + 2 * 4_194_304);
    }

    #[test]
    fn gpt2_c_attn_counts_its_bias() {
        // c_attn weight [768, 2304] = 1769472, bias 2304.
        let gpt2 = ProjectionConfig { model_width: 768, query_heads: 12, kv_heads: 12, head_dim: 64, bias: true };
        assert_eq!(projection_parameters(gpt2), 1_769_472 + 2304);
    }

    #[test]
    fn the_first_step_saves_nothing_and_later_ones_grow_linearly() {
        assert_eq!(cache_saving(1, 4, 2, 2), 0);
        // Step 3 of the lesson's sizes: 2 earlier tokens × 4 × (2 + 2) = 32.
        assert_eq!(cache_saving(3, 4, 2, 2), 32);
        assert_eq!(cache_saving(u64::MAX, u64::MAX, 1, 1), u64::MAX, "saturates, never panics");
    }
}
