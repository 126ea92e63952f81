//! Generated questions on whole-number sizes: shapes (with and without the batch), the fused
//! matrix, head widths, the context window, KV-cache bytes, projection parameters and the
//! multiply-adds a cache saves. Every answer is the engine's number.

use super::{Generated, NumericAnswer, dims_text, number, pick, plural};
use crate::engine::{self, AttentionInput, CacheConfig, Fused, Matrix, ProjectionConfig, Shape, shape_line};
use crate::quiz::rng::SplitMix;

#[allow(clippy::cast_precision_loss, reason = "generated sizes stay far below 2^53")]
fn whole(value: u64) -> NumericAnswer {
    number(value as f64, None)
}

fn to_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

pub(super) fn q_shape(rng: &mut SplitMix) -> Generated {
    let (t, d, dk) = (rng.index(5) + 1, rng.index(6) + 2, rng.index(4) + 1);
    let (x, w) = (Shape::new("X", t, d), Shape::new("W_Q", d, dk));
    Generated {
        fields: vec![
            ("t", t.to_string()),
            ("tokens", plural(to_u64(t), "token")),
            ("d", d.to_string()),
            ("dk", dk.to_string()),
        ],
        step: format!("the rows come from X ({}) and the columns from W_Q", plural(to_u64(t), "token")),
        worked: shape_line(&x, &w, "Q"),
        answer: NumericAnswer::Shape(t, dk),
    }
}

/// `project_qkv`: X is [B, T, D]; Q = X @ W_Q keeps [B, T, D]; then the heads are split off.
pub(super) fn batch_shape(rng: &mut SplitMix) -> Generated {
    let (b, t) = (1 + rng.index(4), 2 + rng.index(7));
    let (h, head) = (pick(rng, &[2, 3, 4, 8]), pick(rng, &[2, 4, 8, 16]));
    let d = h * head;
    let dims = engine::split_heads_shape(b, t, d, h).map_or_else(|_| vec![b, h, t, head], |s| s.to_vec());
    let worked = format!(
        "X @ W_Q is {}; reshape to [B, T, h, d_head] = {}; swap T and h: [B, h, T, d_head] = {}",
        dims_text(&[b, t, d]),
        dims_text(&[b, t, h, dims[3]]),
        dims_text(&dims)
    );
    Generated {
        fields: vec![("b", b.to_string()), ("t", t.to_string()), ("d", d.to_string()), ("h", h.to_string())],
        step: format!(
            "project first: X @ W_Q is still {}; each head then takes D / h of the columns",
            dims_text(&[b, t, d])
        ),
        worked,
        answer: NumericAnswer::Dims(dims),
    }
}

pub(super) fn fused_shape(rng: &mut SplitMix) -> Generated {
    let (d, dk, dv) = (2 + rng.index(7), 1 + rng.index(4), 1 + rng.index(4));
    let input = AttentionInput {
        x: Matrix::zeros(1, d),
        w_q: Matrix::zeros(d, dk),
        w_k: Matrix::zeros(d, dk),
        w_v: Matrix::zeros(d, dv),
        scale: false,
        causal: false,
    };
    let fused = Fused::compute(&input);
    let (rows, cols) = (fused.weight.nrows(), fused.weight.ncols());
    Generated {
        fields: vec![("d", d.to_string()), ("dk", dk.to_string()), ("dv", dv.to_string())],
        step: "the three matrices stand side by side: they share their rows and add up their columns".into(),
        worked: format!("[W_Q | W_K | W_V] is D×(d_k + d_k + d_v) = {d}×({dk} + {dk} + {dv}) = {rows}×{cols}"),
        answer: NumericAnswer::Shape(rows, cols),
    }
}

pub(super) fn head_width(rng: &mut SplitMix) -> Generated {
    let (h, head) = (pick(rng, &[2, 4, 8, 12, 16, 32]), pick(rng, &[16, 32, 64, 128]));
    let d = h * head;
    let width = engine::head_width(d, h).unwrap_or(head);
    Generated {
        fields: vec![("d", d.to_string()), ("h", h.to_string())],
        step: format!("the {h} heads share the {d} columns of Q equally"),
        worked: format!("d_head = D / h = {d} / {h} = {width}"),
        answer: whole(to_u64(width)),
    }
}

/// Which token is the oldest still inside a window of `window` tokens after `arrived`
/// arrivals, run through the engine's window one token at a time. One draw in eight fits
/// in the window (the answer is token 1); the rest overflow it, so there is something to
/// work out.
pub(super) fn window_oldest(rng: &mut SplitMix) -> Generated {
    let window = 2 + rng.index(7);
    let arrived = if rng.index(8) == 0 { 1 + rng.index(window) } else { window + 1 + rng.index(12) };
    let mut tokens = Matrix::zeros(0, 1);
    for n in 1..=arrived {
        #[allow(clippy::cast_precision_loss, reason = "at most 20")]
        let label = n as f64;
        tokens = engine::window::arrive(&tokens, window, &[label]).0;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a small positive label")]
    let oldest = tokens.get((0, 0)).map_or(1, |v| *v as usize);
    let arrivals = if arrived == 1 {
        "token 1 has arrived".into()
    } else {
        format!("tokens 1 to {arrived} have arrived in order")
    };
    let worked = if arrived <= window {
        let fit = if arrived == 1 { "1 token fits".to_string() } else { format!("{arrived} tokens fit") };
        format!("{fit} in a window of {window}: none has left, so the oldest is token 1")
    } else {
        let gone = arrived - window;
        let left = if gone == 1 { "token 1 has left".to_string() } else { format!("tokens 1 to {gone} have left") };
        format!("{arrived} − {window} = {gone}: {left}, so the oldest still inside is token {oldest}")
    };
    Generated {
        fields: vec![("window", plural(to_u64(window), "token")), ("arrivals", arrivals)],
        step: format!("the window keeps only the {window} most recent tokens"),
        worked,
        answer: whole(to_u64(oldest)),
    }
}

const DTYPES: [(u64, &str); 3] = [(1, "int8"), (2, "fp16"), (4, "fp32")];

pub(super) fn kv_cache_bytes(rng: &mut SplitMix) -> Generated {
    let layers = pick(rng, &[1, 2, 4, 12, 24, 32, 48]);
    let kv_heads = pick(rng, &[1, 2, 4, 8, 12]);
    let head_dim = pick(rng, &[32, 64, 128]);
    let (bytes, dtype) = pick(rng, &DTYPES);
    let config = CacheConfig { layers, kv_heads, head_dim, bytes_per_number: bytes };
    let total = engine::kv_cache_bytes_per_token(config);
    Generated {
        fields: vec![
            ("layers", plural(layers, "layer")),
            ("kv_heads", plural(kv_heads, "KV head")),
            ("head_dim", head_dim.to_string()),
            ("dtype", format!("{dtype} ({} a number)", plural(bytes, "byte"))),
        ],
        step: format!("every layer keeps a key and a value for each KV head, {head_dim} numbers each"),
        worked: format!("2 × {layers} × {kv_heads} × {head_dim} × {bytes} = {total} bytes"),
        answer: whole(total),
    }
}

pub(super) fn projection_params(rng: &mut SplitMix) -> Generated {
    // Answers stay below 1e6, the largest number the answer checker accepts.
    let query_heads = pick(rng, &[2, 4, 8]);
    let kv_heads = pick(rng, &[query_heads, query_heads / 2, query_heads / 4, 1]).max(1);
    let head_dim = pick(rng, &[16, 32]);
    let bias = rng.index(2) == 1;
    let model_width = query_heads * head_dim;
    let config = ProjectionConfig { model_width, query_heads, kv_heads, head_dim, bias };
    let total = engine::projection_parameters(config);
    let [qw, kw, _] = config.widths();
    let (d, weights) = (model_width, model_width * (qw + 2 * kw));
    let products = format!("{d}×{qw} + {d}×{kw} + {d}×{kw} = {} + {} + {} = {weights}", d * qw, d * kw, d * kw);
    let worked = if bias { format!("{products}, plus {qw} + {kw} + {kw} biases = {total}") } else { products };
    Generated {
        fields: vec![
            ("d", d.to_string()),
            ("query_heads", plural(query_heads, "query head")),
            ("kv_heads", plural(kv_heads, "KV head")),
            ("head_dim", head_dim.to_string()),
            ("bias", if bias { "with a bias on every output".into() } else { "without biases".to_string() }),
        ],
        step: format!(
            "W_Q is {d}×{qw}; W_K and W_V are {d}×{kw} each{}",
            if bias { ", and each output has a bias" } else { "" }
        ),
        worked,
        answer: whole(total),
    }
}

pub(super) fn cache_saving(rng: &mut SplitMix) -> Generated {
    let step = to_u64(1 + rng.index(8));
    let d = pick(rng, &[4, 8, 16, 32, 64]);
    let (dk, dv) = (pick(rng, &[2, 4, 8, 16]), pick(rng, &[2, 4, 8, 16]));
    let saved = engine::cache_saving(step, d, dk, dv);
    Generated {
        fields: vec![
            ("step", step.to_string()),
            ("seen", plural(step, "token")),
            ("d", d.to_string()),
            ("dk", dk.to_string()),
            ("dv", dv.to_string()),
        ],
        step: format!(
            "without the cache, the {} would each be multiplied by W_K and W_V again",
            plural(step - 1, "earlier token")
        ),
        worked: format!("(step − 1) × D × (d_k + d_v) = {} × {d} × ({dk} + {dv}) = {saved}", step - 1),
        answer: whole(saved),
    }
}
