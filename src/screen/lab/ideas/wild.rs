//! "In the wild": GPT-2's fused c_attn on the current numbers, and a table of real models'
//! attention sizes, every figure computed by the engine from the named configuration.

use super::super::bugs::{grid, render_grids, render_lines};
use crate::engine::models::{MODELS, ModelConfig};
use crate::engine::{Attention, Fused};
use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// Below this height the fused matrix gives way to the models table.
const FUSED_GRID_MIN_HEIGHT: u16 = 22;

pub fn render_wild(a: &Attention, theme: Theme, area: Rect, buf: &mut Buffer) {
    let fused = Fused::compute(&a.input);
    let rest = if area.height >= FUSED_GRID_MIN_HEIGHT {
        render_grids(&[grid("GPT-2 c_attn: [W_Q|W_K|W_V]", "", &fused.weight, false)], theme, area, buf)
    } else {
        area
    };
    let dk = a.key_width();
    let mut lines = vec![if fused.matches(a) {
        let (rows, cols) = (fused.product.nrows(), fused.product.ncols());
        Line::styled(format!("✓ fused X·W [{rows}×{cols}] split at {dk}, {} = separate q, k, v", 2 * dk), theme.right())
    } else {
        Line::styled("✗ the fused product differs from the separate projections", theme.wrong())
    }];
    lines.push(Line::styled(row("model", "W_QKV/blk", "×", "total", "KV B/tk"), theme.key()));
    lines.extend(MODELS.iter().map(|m| Line::raw(model_line(*m))));
    lines.push(Line::styled(
        "W_QKV/blk: W_Q, W_K, W_V parameters per attention block; KV B/tk: KV-cache bytes per token at fp16",
        theme.muted(),
    ));
    let sources: Vec<&str> = MODELS.iter().map(|m| config_name(*m)).collect();
    lines.push(Line::styled(format!("from: {} config.json (walk --models)", sources.join(", ")), theme.muted()));
    render_lines(&lines, rest, buf);
}

fn row(name: &str, per_block: &str, blocks: &str, total: &str, cache: &str) -> String {
    format!("{name:<12} {per_block:>9} {blocks:>3} {total:>10} {cache:>7}")
}

fn config_name(model: ModelConfig) -> &'static str {
    model.source.split(" config.json").next().unwrap_or(model.source)
}

fn model_line(m: ModelConfig) -> String {
    let f = m.figures();
    let cache = if m.cached_layers == 0 { "-".to_string() } else { f.kv_bytes_per_token.to_string() };
    let grouped = if f.gqa_factor > 1 { format!(" GQA {}×", f.gqa_factor) } else { String::new() };
    let line = row(
        m.name,
        &f.parameters_per_block.to_string(),
        &m.attention_blocks.to_string(),
        &f.parameters_total.to_string(),
        &cache,
    );
    format!("{line}{grouped}")
}
