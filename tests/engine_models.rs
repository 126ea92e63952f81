//! The real-models table against figures worked out by hand from each published
//! configuration (the arithmetic is in the comments, independent of the engine).

use qkv_tutor::engine::models::{MODELS, ModelConfig};

fn model(name: &str) -> ModelConfig {
    *MODELS.iter().find(|m| m.name == name).expect("in the table")
}

#[test]
fn llama_3_8b_caches_131072_bytes_a_token_and_gqa_saves_four_times() {
    let f = model("Llama-3-8B").figures();
    // 2 × 32 layers × 8 KV heads × 128 × 2 bytes = 131072.
    assert_eq!(f.kv_bytes_per_token, 2 * 32 * 8 * 128 * 2);
    assert_eq!(f.kv_bytes_per_token, 131_072);
    // With 32 KV heads it would be 2 × 32 × 32 × 128 × 2 = 524288: 4× more.
    assert_eq!(f.kv_bytes_without_gqa, 524_288);
    assert_eq!(f.gqa_factor, 4);
    // q_proj 4096 × 4096 = 16777216, k_proj and v_proj 1024 × 4096 = 4194304 each, no bias.
    assert_eq!(f.parameters_per_block, 25_165_824);
    assert_eq!(f.parameters_total, 25_165_824 * 32);
    let shapes = model("Llama-3-8B").stored_shapes();
    assert_eq!(shapes, [("q_proj", [4096, 4096]), ("k_proj", [1024, 4096]), ("v_proj", [1024, 4096])]);
}

#[test]
fn gpt2_small_counts_c_attn_and_its_bias() {
    let m = model("GPT-2 small");
    let f = m.figures();
    // c_attn weight [768, 2304] = 1769472, bias 2304: 1771776 a layer, × 12 = 21261312.
    assert_eq!(m.stored_shapes(), [("c_attn", [768, 2304])]);
    assert_eq!(f.parameters_per_block, 1_771_776);
    assert_eq!(f.parameters_total, 21_261_312);
    // 2 × 12 × 12 × 64 × 2 = 36864; no grouping.
    assert_eq!((f.kv_bytes_per_token, f.gqa_factor), (36_864, 1));
}

#[test]
fn bert_and_vit_are_encoders_with_the_same_projections_as_gpt2() {
    for name in ["BERT-base", "ViT-B/16"] {
        let f = model(name).figures();
        // Three 768 × 768 weights with a 768 bias each: 3 × 590592 = 1771776.
        assert_eq!(f.parameters_per_block, 1_771_776, "{name}");
        assert_eq!(f.kv_bytes_per_token, 0, "{name}: an encoder keeps no cache");
    }
    // (224 / 16)² = 196 patches and one class token.
    assert_eq!(model("ViT-B/16").figures().tokens_per_input, Some(197));
}

#[test]
fn whisper_base_has_no_key_bias_and_three_kinds_of_attention() {
    let f = model("Whisper base").figures();
    // 3 × 512 × 512 = 786432, biases on q and v only: + 1024 = 787456; 6 + 6 + 6 blocks.
    assert_eq!(f.parameters_per_block, 787_456);
    assert_eq!(f.parameters_total, 787_456 * 18);
    // The decoder's 6 self-attention layers: 2 × 6 × 8 × 64 × 2 = 12288.
    assert_eq!(f.kv_bytes_per_token, 12_288);
    // 3000 mel frames, halved by the stride-2 convolution: max_source_positions 1500.
    assert_eq!(f.tokens_per_input, Some(1500));
}

#[test]
fn every_model_names_its_config_file() {
    for m in MODELS {
        assert!(m.source.contains("config.json:"), "{}", m.name);
        assert_eq!(m.query_heads * m.head_dim, m.model_width, "{}: heads × width = D", m.name);
    }
}

#[test]
fn walk_models_prints_the_engines_figures_with_their_configs() {
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_qkv-tutor")).args(args).output().expect("runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let json: serde_json::Value = serde_json::from_str(&run(&["walk", "--models", "--json"])).expect("json");
    let rows = json["models"].as_array().expect("a list");
    assert_eq!(rows.len(), MODELS.len());
    let llama = rows.iter().find(|r| r["name"] == "Llama-3-8B").expect("llama");
    assert_eq!(llama["kv_cache_bytes_per_token_fp16"], 131_072);
    assert_eq!(llama["gqa_factor"], 4);
    assert!(llama["config"].as_str().is_some_and(|c| c.contains("num_key_value_heads 8")), "{llama}");
    let text = run(&["walk", "--models"]);
    for m in MODELS {
        assert!(text.contains(m.source), "{} names its config", m.name);
    }
    assert!(text.contains("c_attn [768, 2304] stored [in, out]"), "{text}");
}
