"""The same calculation as `Attention::compute`, in numpy, the way learners often write it:
Q, K, V projections, scores, a row softmax (shifted by the maximum) and the context.
Prints microseconds per full calculation for the lesson's size and the largest scenario."""

import timeit

import numpy as np


def attention(x, w_q, w_k, w_v, scale, causal):
    q, k, v = x @ w_q, x @ w_k, x @ w_v
    scores = q @ k.T
    logits = scores / np.sqrt(w_k.shape[1]) if scale else scores
    if causal:
        logits = np.where(np.tril(np.ones(logits.shape, dtype=bool)), logits, -np.inf)
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    weights = shifted / shifted.sum(axis=1, keepdims=True)
    return q, k, v, scores, weights, weights @ v


def lesson():
    x = np.array([[1, 2, 1, 1], [1, 0, 2, 1]], dtype=float)
    w_q = np.array([[1, 0], [0, 1], [1, 1], [0, 1]], dtype=float)
    w_k = np.array([[1, 1], [1, 0], [0, 1], [1, -1]], dtype=float)
    w_v = np.array([[0, 1], [1, 0], [1, 1], [1, 0]], dtype=float)
    return x, w_q, w_k, w_v, False, False


def largest():
    fill = np.fromfunction(lambda r, c: (r * 31 + c * 17) % 13 - 6.0, (64, 64))
    x = np.fromfunction(lambda r, c: (r * 31 + c * 17) % 13 - 6.0, (16, 64))
    return x, fill, fill.T.copy(), fill, True, True


def per_call_us(args):
    runs = 20000
    seconds = min(timeit.repeat(lambda: attention(*args), number=runs, repeat=5))
    return seconds / runs * 1e6


if __name__ == "__main__":
    _, _, _, _, weights, _ = attention(*lesson())
    assert abs(weights[1, 0] - 0.952574126822433) < 1e-12
    print(f"numpy lesson {per_call_us(lesson()):.2f}")
    print(f"numpy largest {per_call_us(largest()):.2f}")
