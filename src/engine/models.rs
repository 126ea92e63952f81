//! Real models' attention sizes, computed from their published configurations with the same
//! functions the quiz uses ([`projection_parameters`], [`kv_cache_bytes_per_token`]). Each
//! entry names the configuration file and the fields it is read from, so a learner can check
//! every figure against the checkpoint.

use super::sizes::{CacheConfig, ProjectionConfig, kv_cache_bytes_per_token, projection_parameters};

/// Which projections carry a bias vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bias {
    None,
    All,
    /// Whisper: q_proj and v_proj have a bias, k_proj has none.
    QueryAndValue,
}

/// How the checkpoint stores the projection weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// GPT-2's Conv1D `c_attn`: one [in, out] = [D, 3·D] matrix; nn.Linear loaders transpose it.
    FusedInOut,
    /// Three nn.Linear modules, [out, in] each, under these names (`q_proj`, `k_proj`,
    /// `v_proj` in Llama and Whisper; `query`, `key`, `value` in BERT and ViT).
    SeparateOutIn([&'static str; 3]),
}

/// Where the tokens come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tokens {
    /// Text pieces, generated left to right (a causal mask).
    CausalText,
    /// Text read in both directions; only padding is masked.
    BidirectionalText,
    /// Square patches of a square image, plus one class token.
    Patches { image: u64, patch: u64 },
    /// Mel-spectrogram frames through two 1-D convolutions, the second with stride 2.
    Audio { mel_bins: u64, frames: u64 },
}

/// One model's attention configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModelConfig {
    pub name: &'static str,
    /// The configuration the figures are read from, and its field names.
    pub source: &'static str,
    pub model_width: u64,
    pub query_heads: u64,
    pub kv_heads: u64,
    pub head_dim: u64,
    /// Attention blocks with their own W_Q, W_K, W_V (Whisper: encoder self, decoder self
    /// and decoder cross attention).
    pub attention_blocks: u64,
    /// Self-attention layers that cache a key and a value per generated token (0: encoder).
    pub cached_layers: u64,
    pub bias: Bias,
    pub storage: Storage,
    pub tokens: Tokens,
}

/// What the engine works out from one configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModelFigures {
    pub parameters_per_block: u64,
    pub parameters_total: u64,
    /// At fp16 (2 bytes a number), over the cached layers; 0 for an encoder.
    pub kv_bytes_per_token: u64,
    /// The same with one KV head per query head (no grouped-query attention).
    pub kv_bytes_without_gqa: u64,
    /// Query heads per KV head: how many times smaller grouped-query attention makes the cache.
    pub gqa_factor: u64,
    /// Tokens per input for patch and audio models (ViT: per image; Whisper: per 30 s window).
    pub tokens_per_input: Option<u64>,
}

/// Which of the two things a decoder could keep per past token takes fewer numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Smaller {
    /// The embeddings X: D numbers a token and layer.
    X,
    /// The KV cache: a key and a value a token and layer.
    KeysAndValues,
    Equal,
}

/// Numbers per token and layer for each choice. Neither is always smaller: the lesson's are
/// equal, GPT-2's X is half its K and V, and Llama-3-8B's grouped KV heads make its cache
/// half of X. Either way, keeping X means projecting every past token again at every step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryChoice {
    /// D.
    pub x: u64,
    /// d_k + d_v, or 2 · KV heads · d_head.
    pub keys_and_values: u64,
}

impl MemoryChoice {
    /// From the widths of one attention layer: X is D wide, a key d_k and a value d_v.
    #[must_use]
    pub fn for_widths(model_width: u64, key_width: u64, value_width: u64) -> Self {
        Self { x: model_width, keys_and_values: key_width.saturating_add(value_width) }
    }

    #[must_use]
    pub fn smaller(self) -> Smaller {
        match self.x.cmp(&self.keys_and_values) {
            std::cmp::Ordering::Less => Smaller::X,
            std::cmp::Ordering::Greater => Smaller::KeysAndValues,
            std::cmp::Ordering::Equal => Smaller::Equal,
        }
    }
}

const FP16_BYTES: u64 = 2;
const PROJ: [&str; 3] = ["q_proj", "k_proj", "v_proj"];
const BERT_NAMES: [&str; 3] = ["query", "key", "value"];

impl ModelConfig {
    fn projections(self) -> ProjectionConfig {
        let (model_width, query_heads, kv_heads, head_dim) =
            (self.model_width, self.query_heads, self.kv_heads, self.head_dim);
        ProjectionConfig { model_width, query_heads, kv_heads, head_dim, bias: false }
    }

    /// Output widths of W_Q, W_K and W_V.
    #[must_use]
    pub fn widths(self) -> [u64; 3] {
        self.projections().widths()
    }

    /// The stored weight shapes, as the checkpoint lays them out.
    #[must_use]
    pub fn stored_shapes(self) -> Vec<(&'static str, [u64; 2])> {
        let [q, k, v] = self.widths();
        let d = self.model_width;
        match self.storage {
            Storage::FusedInOut => vec![("c_attn", [d, q + k + v])],
            Storage::SeparateOutIn([nq, nk, nv]) => vec![(nq, [q, d]), (nk, [k, d]), (nv, [v, d])],
        }
    }

    fn bias_parameters(self) -> u64 {
        let [q, k, v] = self.widths();
        match self.bias {
            Bias::None => 0,
            Bias::All => q + k + v,
            Bias::QueryAndValue => q + v,
        }
    }

    fn cache(self, kv_heads: u64) -> u64 {
        let (layers, head_dim) = (self.cached_layers, self.head_dim);
        kv_cache_bytes_per_token(CacheConfig { layers, kv_heads, head_dim, bytes_per_number: FP16_BYTES })
    }

    /// What caching X instead of K and V would cost per token and layer.
    #[must_use]
    pub fn memory_choice(self) -> MemoryChoice {
        let [_, k, v] = self.widths();
        MemoryChoice::for_widths(self.model_width, k, v)
    }

    /// Every figure of the table.
    #[must_use]
    pub fn figures(self) -> ModelFigures {
        let per_block = projection_parameters(self.projections()).saturating_add(self.bias_parameters());
        let tokens_per_input = match self.tokens {
            Tokens::Patches { image, patch } => Some((image / patch.max(1)).pow(2) + 1),
            Tokens::Audio { frames, .. } => Some(frames / 2),
            Tokens::CausalText | Tokens::BidirectionalText => None,
        };
        ModelFigures {
            parameters_per_block: per_block,
            parameters_total: per_block.saturating_mul(self.attention_blocks),
            kv_bytes_per_token: self.cache(self.kv_heads),
            kv_bytes_without_gqa: self.cache(self.query_heads),
            gqa_factor: self.query_heads / self.kv_heads.max(1),
            tokens_per_input,
        }
    }
}

/// The five models the Lab names, as their Hugging Face configurations give them.
pub const MODELS: [ModelConfig; 5] = [
    ModelConfig {
        name: "GPT-2 small",
        source: "openai-community/gpt2 config.json: n_embd 768, n_head 12, n_layer 12",
        model_width: 768,
        query_heads: 12,
        kv_heads: 12,
        head_dim: 64,
        attention_blocks: 12,
        cached_layers: 12,
        bias: Bias::All,
        storage: Storage::FusedInOut,
        tokens: Tokens::CausalText,
    },
    ModelConfig {
        name: "Llama-3-8B",
        source: "meta-llama/Meta-Llama-3-8B config.json: hidden_size 4096, num_hidden_layers 32, \
                 num_attention_heads 32, num_key_value_heads 8, attention_bias false",
        model_width: 4096,
        query_heads: 32,
        kv_heads: 8,
        head_dim: 128,
        attention_blocks: 32,
        cached_layers: 32,
        bias: Bias::None,
        storage: Storage::SeparateOutIn(PROJ),
        tokens: Tokens::CausalText,
    },
    ModelConfig {
        name: "BERT-base",
        source: "google-bert/bert-base-uncased config.json: hidden_size 768, num_attention_heads 12, \
                 num_hidden_layers 12",
        model_width: 768,
        query_heads: 12,
        kv_heads: 12,
        head_dim: 64,
        attention_blocks: 12,
        cached_layers: 0,
        bias: Bias::All,
        storage: Storage::SeparateOutIn(BERT_NAMES),
        tokens: Tokens::BidirectionalText,
    },
    ModelConfig {
        name: "ViT-B/16",
        source: "google/vit-base-patch16-224 config.json: hidden_size 768, num_attention_heads 12, \
                 num_hidden_layers 12, patch_size 16, image_size 224, qkv_bias true",
        model_width: 768,
        query_heads: 12,
        kv_heads: 12,
        head_dim: 64,
        attention_blocks: 12,
        cached_layers: 0,
        bias: Bias::All,
        storage: Storage::SeparateOutIn(BERT_NAMES),
        tokens: Tokens::Patches { image: 224, patch: 16 },
    },
    ModelConfig {
        name: "Whisper base",
        source: "openai/whisper-base config.json: d_model 512, encoder_layers 6, decoder_layers 6, \
                 encoder_attention_heads 8, decoder_attention_heads 8, num_mel_bins 80, max_source_positions 1500",
        model_width: 512,
        query_heads: 8,
        kv_heads: 8,
        head_dim: 64,
        attention_blocks: 18,
        cached_layers: 6,
        bias: Bias::QueryAndValue,
        storage: Storage::SeparateOutIn(PROJ),
        tokens: Tokens::Audio { mel_bins: 80, frames: 3000 },
    },
];
