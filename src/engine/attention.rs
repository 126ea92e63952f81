use super::{Derivation, EngineError, Matrix, Shape, SoftmaxDerivation, Term, masked_row_softmax};
use strum::{EnumIter, IntoEnumIterator};

/// Which of the three learned views of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter)]
pub enum Projection {
    Query,
    Key,
    Value,
}

impl Projection {
    /// The lower-case letter the lesson uses for one token's vector (`q`, `k`, `v`).
    #[must_use]
    pub fn letter(self) -> &'static str {
        match self {
            Projection::Query => "q",
            Projection::Key => "k",
            Projection::Value => "v",
        }
    }

    /// The name of the stacked result matrix (`Q`, `K`, `V`).
    #[must_use]
    pub fn matrix_name(self) -> &'static str {
        match self {
            Projection::Query => "Q",
            Projection::Key => "K",
            Projection::Value => "V",
        }
    }

    /// The name of the weight matrix that produces it.
    #[must_use]
    pub fn weight_name(self) -> &'static str {
        match self {
            Projection::Query => "W_Q",
            Projection::Key => "W_K",
            Projection::Value => "W_V",
        }
    }
}

/// Everything one attention step needs: the tokens, the three weight matrices and the switches.
#[derive(Debug, Clone, PartialEq)]
pub struct AttentionInput {
    /// T×D: one row per token.
    pub x: Matrix,
    /// D×d_k.
    pub w_q: Matrix,
    /// D×d_k.
    pub w_k: Matrix,
    /// D×d_v.
    pub w_v: Matrix,
    /// Divide scores by sqrt(d_k) before the softmax.
    pub scale: bool,
    /// The exam rule: token t may only look at tokens 1..=t.
    pub causal: bool,
}

impl AttentionInput {
    #[must_use]
    pub fn weight(&self, projection: Projection) -> &Matrix {
        match projection {
            Projection::Query => &self.w_q,
            Projection::Key => &self.w_k,
            Projection::Value => &self.w_v,
        }
    }

    /// Checks that the matrices fit together, naming both shapes when they do not.
    ///
    /// # Errors
    /// A shape mismatch, differing query and key widths, or an empty matrix.
    pub fn check_shapes(&self) -> Result<(), EngineError> {
        let x = Shape::of("X", &self.x);
        if x.rows == 0 || x.cols == 0 {
            return Err(EngineError::Empty(x));
        }
        for projection in Projection::iter() {
            let w = Shape::of(projection.weight_name(), self.weight(projection));
            if w.cols == 0 {
                return Err(EngineError::Empty(w));
            }
            if w.rows != x.cols {
                return Err(EngineError::ShapeMismatch { left: x, right: w });
            }
        }
        if self.w_q.ncols() != self.w_k.ncols() {
            return Err(EngineError::QueryKeyWidth {
                w_q: Shape::of("W_Q", &self.w_q),
                w_k: Shape::of("W_K", &self.w_k),
            });
        }
        Ok(())
    }
}

/// One computed attention step: every intermediate matrix, kept so it can be explained.
#[derive(Debug, Clone, PartialEq)]
pub struct Attention {
    pub input: AttentionInput,
    pub q: Matrix,
    pub k: Matrix,
    pub v: Matrix,
    /// Raw Q·Kᵀ, never scaled or masked.
    pub scores: Matrix,
    /// What the softmax sees: the scores, divided by sqrt(d_k) when scaling is on.
    pub logits: Matrix,
    pub weights: Matrix,
    pub context: Matrix,
    /// Cross-attention's second sequence (the encoder's tokens, T_kv×D), which gave K and V;
    /// `None` for self-attention, where X gives all three.
    pub encoder: Option<Matrix>,
}

impl Attention {
    /// Runs the whole step.
    ///
    /// # Errors
    /// When the input's shapes do not fit (see [`AttentionInput::check_shapes`]).
    pub fn compute(input: AttentionInput) -> Result<Self, EngineError> {
        input.check_shapes()?;
        let q = &input.x * &input.w_q;
        let k = &input.x * &input.w_k;
        let v = &input.x * &input.w_v;
        let scores = &q * k.transpose();
        let logits = if input.scale {
            #[allow(clippy::cast_precision_loss, reason = "d_k is at most 64")]
            let root = (input.w_k.ncols() as f64).sqrt();
            &scores / root
        } else {
            scores.clone()
        };
        let weights = softmax_rows(&logits, input.causal);
        let context = &weights * &v;
        Ok(Self { input, q, k, v, scores, logits, weights, context, encoder: None })
    }

    /// Cross-attention: Q from `input.x` (the decoder's tokens), K and V from `encoder`.
    /// The scores are [T_q, T_kv], and no causal mask applies across: the encoded input is
    /// complete before decoding starts, so `input.causal` (the decoder's own rule) is kept
    /// but never hides an encoder token.
    ///
    /// # Errors
    /// When the input does not fit, or the encoder is empty or not D wide.
    pub fn cross(input: AttentionInput, encoder: &Matrix) -> Result<Self, EngineError> {
        input.check_shapes()?;
        if encoder.nrows() == 0 || encoder.ncols() == 0 {
            return Err(EngineError::Empty(Shape::of("encoder X", encoder)));
        }
        if encoder.ncols() != input.w_k.nrows() {
            return Err(EngineError::ShapeMismatch {
                left: Shape::of("encoder X", encoder),
                right: Shape::of("W_K", &input.w_k),
            });
        }
        let q = &input.x * &input.w_q;
        let k = encoder * &input.w_k;
        let v = encoder * &input.w_v;
        let scores = &q * k.transpose();
        #[allow(clippy::cast_precision_loss, reason = "d_k is at most 64")]
        let logits = if input.scale { &scores / (k.ncols() as f64).sqrt() } else { scores.clone() };
        let weights = softmax_rows(&logits, false);
        let context = &weights * &v;
        Ok(Self { input, q, k, v, scores, logits, weights, context, encoder: Some(encoder.clone()) })
    }

    /// How many keys each query meets: the tokens themselves, or the encoder's in
    /// cross-attention.
    #[must_use]
    pub fn keys(&self) -> usize {
        self.k.nrows()
    }

    #[must_use]
    pub fn tokens(&self) -> usize {
        self.input.x.nrows()
    }

    #[must_use]
    pub fn model_width(&self) -> usize {
        self.input.x.ncols()
    }

    #[must_use]
    pub fn key_width(&self) -> usize {
        self.input.w_k.ncols()
    }

    #[must_use]
    pub fn value_width(&self) -> usize {
        self.input.w_v.ncols()
    }

    #[must_use]
    pub fn projected(&self, projection: Projection) -> &Matrix {
        match projection {
            Projection::Query => &self.q,
            Projection::Key => &self.k,
            Projection::Value => &self.v,
        }
    }

    /// Whether query `a` may look at key `b` under the exam rule.
    #[must_use]
    pub fn is_visible(&self, a: usize, b: usize) -> bool {
        self.encoder.is_some() || !self.input.causal || b <= a
    }

    /// `x[t] · W[:, j]`, term by term; in cross-attention, keys and values take the encoder's
    /// token t.
    #[must_use]
    pub fn projection_derivation(&self, projection: Projection, t: usize, j: usize) -> Derivation {
        let w = self.input.weight(projection);
        let x = match (&self.encoder, projection) {
            (Some(encoder), Projection::Key | Projection::Value) => encoder,
            _ => &self.input.x,
        };
        let terms = (0..self.model_width()).map(|i| Term::new(x[(t, i)], w[(i, j)]));
        Derivation::new(terms.collect(), self.projected(projection)[(t, j)])
    }

    /// `q[a] · k[b]`, term by term (the raw score, before any scaling).
    #[must_use]
    pub fn score_derivation(&self, a: usize, b: usize) -> Derivation {
        let terms = (0..self.key_width()).map(|j| Term::new(self.q[(a, j)], self.k[(b, j)]));
        Derivation::new(terms.collect(), self.scores[(a, b)])
    }

    /// How row `a` of logits becomes row `a` of weights.
    #[must_use]
    pub fn softmax_derivation(&self, a: usize) -> SoftmaxDerivation {
        let row: Vec<f64> = self.logits.row(a).iter().copied().collect();
        let visible: Vec<bool> = (0..self.keys()).map(|b| self.is_visible(a, b)).collect();
        SoftmaxDerivation::new(&row, &visible)
    }

    /// `Σ_b weight[a][b] · v[b][j]`, term by term; masked keys are left out.
    #[must_use]
    pub fn context_derivation(&self, a: usize, j: usize) -> Derivation {
        let terms = (0..self.keys())
            .filter(|b| self.is_visible(a, *b))
            .map(|b| Term::new(self.weights[(a, b)], self.v[(b, j)]));
        Derivation::new(terms.collect(), self.context[(a, j)])
    }
}

fn softmax_rows(logits: &Matrix, causal: bool) -> Matrix {
    let n = logits.nrows();
    let mut weights = Matrix::zeros(n, logits.ncols());
    for a in 0..n {
        let row: Vec<f64> = logits.row(a).iter().copied().collect();
        let visible: Vec<bool> = (0..row.len()).map(|b| !causal || b <= a).collect();
        for (b, w) in masked_row_softmax(&row, &visible).into_iter().enumerate() {
            weights[(a, b)] = w;
        }
    }
    weights
}
