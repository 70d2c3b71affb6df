"""The Phoenix ranker, exactly as models/train/ARCHITECTURE.md specifies.

Pre-norm transformer (RMSNorm, 4-head attention, tanh-GELU FFN, no biases) over
[user] [history × H] [candidates × C] (history tokens carry the engaged post's text tokens, through the
same text table as candidates) with upstream's candidate isolation (§1.7): the prefix (user +
history) attends bidirectionally to valid prefix keys only; each candidate attends to the valid prefix
keys and to itself. Every matrix is stored [in, out] and applied as x @ W, so the exported ONNX
initializers carry the spec names (hash_table, user_proj.0, layers.2.wq, head_bias, ...).

The forward pass is split the same way the ONNX pair is: `prefix()` builds the per-layer prefix keys and
values (never depends on candidates), `candidates()` scores candidates against them. `forward()` is the
composition, so full and split graphs compute the same function by construction.
"""

import math

import torch
import torch.nn as nn
import torch.nn.functional as Fn

import features as F

CFG = F.CFG
H = CFG["historyLen"]
D = CFG["dModel"]
L = CFG["layers"]
HEADS = CFG["heads"]
DH = D // HEADS
FF = CFG["ffnDim"]
W = CFG["hashWidth"]
A = CFG["discreteHeads"]
T = CFG["textTokens"]
EPS = CFG["rmsEps"]
DWELL_SCALE = float(CFG["dwellScaleSeconds"])
TABLE_ROWS = F.DOC["tableRows"]
N_COUNTS = len(F.COUNT_FEATURES)

HISTORY_INPUTS = ["user_hash", "hist_post", "hist_author", "hist_actions", "hist_dwell", "hist_surface", "hist_age",
                  "hist_text"]
N_HISTORY = len(HISTORY_INPUTS)
CANDIDATE_INPUTS = ["cand_post", "cand_author", "cand_text", "cand_media", "cand_age", "cand_counts", "cand_flags"]
RANKER_INPUTS = HISTORY_INPUTS + CANDIDATE_INPUTS


# Debian's torch links the reference BLAS, so `x @ W` is slow on CPU; a 1×1 convolution runs the same
# product through oneDNN ~4× faster (forward and backward). Training switches it on; exports and the
# parity tests use plain MatMul (FAST_MATMUL False), which is what the ONNX graphs contain.
FAST_MATMUL = False


def set_fast_matmul(on):
    global FAST_MATMUL
    FAST_MATMUL = bool(on)


# Sparse gradients for the two big tables (hash_table, text_emb: ~75 % of the parameters) while training
# with a sparse table optimizer (train.py --table-optimizer adagrad): a step then touches only the rows
# the batch looked up, as upstream's row-wise Adagrad does. Same forward math.
SPARSE_TABLES = False


def set_sparse_tables(on):
    global SPARSE_TABLES
    SPARSE_TABLES = bool(on)


def _sparse():
    return SPARSE_TABLES and not torch.jit.is_tracing() and not torch.onnx.is_in_onnx_export()


def mm(x, w):
    """x [..., in] @ w [in, out]."""
    if not FAST_MATMUL or torch.jit.is_tracing() or torch.onnx.is_in_onnx_export():
        return x @ w
    shape = x.shape
    din, dout = w.shape
    y = Fn.conv2d(x.reshape(-1, din, 1, 1), w.t().reshape(dout, din, 1, 1))
    return y.reshape(*shape[:-1], dout)


def bmm(a, b):
    """Batched a [..., P, K] @ b [..., K, Q]; on the fast path a grouped 1×1 convolution (oneDNN)."""
    if not FAST_MATMUL or torch.jit.is_tracing() or torch.onnx.is_in_onnx_export():
        return a @ b
    lead = a.shape[:-2]
    p, k = a.shape[-2:]
    q = b.shape[-1]
    g = a.numel() // (p * k)
    inp = a.reshape(g, p, k).transpose(1, 2).reshape(1, g * k, p, 1)
    w = b.reshape(g, k, q).transpose(1, 2).reshape(g * q, k, 1, 1)
    out = Fn.conv2d(inp, w, groups=g).reshape(g, q, p).transpose(1, 2)
    return out.reshape(*lead, p, q)


def text_mean(tokens, table):
    """Mean of table[tok] over tokens ≠ 0 (zero when none); tokens [..., T]."""
    mask = (tokens != 0).to(torch.float32)
    count = mask.sum(-1, keepdim=True).clamp(min=1.0)
    if FAST_MATMUL and not torch.jit.is_tracing():
        flat = tokens.reshape(-1, tokens.shape[-1]).long()
        w = (mask / count).reshape(flat.shape)
        out = Fn.embedding_bag(flat, table, mode="sum", per_sample_weights=w, sparse=_sparse())
        return out.reshape(*tokens.shape[:-1], table.shape[1])
    return (Fn.embedding(tokens.long(), table) * mask.unsqueeze(-1)).sum(-2) / count


def rms_norm(x, weight):
    return x / torch.sqrt((x * x).mean(-1, keepdim=True) + EPS) * weight


def gelu_tanh(x):
    return Fn.gelu(x, approximate="tanh")


def param(*shape, std=0.02, value=None):
    if value is not None:
        return nn.Parameter(torch.full(shape, float(value)))
    return nn.Parameter(torch.randn(*shape) * std)


def plist(n, *shape, std=0.02):
    return nn.ParameterList([param(*shape, std=std) for _ in range(n)])


def hash_part(table, idx, projs):
    """Project then sum: Σ_j table[idx[..., j]] @ projs[j]."""
    if FAST_MATMUL and not torch.jit.is_tracing() and not torch.onnx.is_in_onnx_export():
        # training: one gather for both hashes (half the dense table-gradient buffers in backward)
        rows = Fn.embedding(idx.long(), table, sparse=_sparse())  # [..., J, W]
        return sum(mm(rows[..., j, :], p) for j, p in enumerate(projs))
    out = None
    for j, p in enumerate(projs):
        term = mm(Fn.embedding(idx[..., j].long(), table, sparse=_sparse()), p)
        out = term if out is None else out + term
    return out


def history_event_tokens(m, hist_post, hist_author, hist_actions, hist_dwell, hist_surface, hist_age, hist_text):
    """A history event's token before type/position: post and author parts, actions, dwell, surface, age and
    text. `m` is the ranker or the user tower; both own the same-named tables (the TypeScript twin is
    addHistoryEvent in shared/phoenix/reference/ranker-tokens.ts)."""
    return (
        hash_part(m.hash_table, hist_post, m.hist_post_proj)
        + hash_part(m.hash_table, hist_author, m.hist_author_proj)
        + mm(hist_actions, m.action_emb)
        + hist_dwell.unsqueeze(-1) * m.dwell_vec
        + Fn.embedding(hist_surface.long(), m.surface_emb)
        + Fn.embedding(hist_age.long(), m.hist_age_emb)
        + text_mean(hist_text, m.text_emb)
    )


def split_heads(x):
    # [B, N, D] -> [B, heads, N, dh]
    b, n, _ = x.shape
    return x.reshape(b, n, HEADS, DH).transpose(1, 2)


def merge_heads(x):
    # [B, heads, N, dh] -> [B, N, D]
    b, _, n, _ = x.shape
    return x.transpose(1, 2).reshape(b, n, D)


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        s_in = 1.0 / math.sqrt(D)
        s_out = 0.02 / math.sqrt(2 * L)
        self.attn_norm = param(D, value=1.0)
        self.wq = param(D, D, std=s_in)
        self.wk = param(D, D, std=s_in)
        self.wv = param(D, D, std=s_in)
        self.wo = param(D, D, std=s_out)
        self.ffn_norm = param(D, value=1.0)
        self.w1 = param(D, FF, std=s_in)
        self.w2 = param(FF, D, std=s_out)

    def ffn(self, x):
        return x + mm(gelu_tanh(mm(rms_norm(x, self.ffn_norm), self.w1)), self.w2)


class PhoenixRanker(nn.Module):
    def __init__(self, head_base_rates=None, mean_dwell_seconds=None):
        super().__init__()
        s_proj = 1.0 / math.sqrt(W)
        self.hash_table = param(TABLE_ROWS, W, std=0.02)
        with torch.no_grad():
            self.hash_table[0].zero_()
        self.user_proj = plist(2, W, D, std=s_proj)
        self.hist_post_proj = plist(2, W, D, std=s_proj)
        self.hist_author_proj = plist(2, W, D, std=s_proj)
        self.cand_post_proj = plist(2, W, D, std=s_proj)
        self.cand_author_proj = plist(2, W, D, std=s_proj)
        self.action_emb = param(A, D)
        self.dwell_vec = param(D)
        self.surface_emb = param(CFG["surfaces"], D)
        self.hist_age_emb = param(CFG["ageBuckets"], D)
        self.text_emb = param(CFG["textBuckets"], D)
        self.media_emb = param(CFG["mediaClasses"], D)
        self.cand_age_emb = param(CFG["ageBuckets"], D)
        self.count_emb = plist(N_COUNTS, CFG["countBuckets"], D)
        self.flag_proj = param(4, D)
        self.type_emb = param(3, D)
        self.pos_emb = param(H + 2, D)
        self.layers = nn.ModuleList([Layer() for _ in range(L)])
        self.final_norm = param(D, value=1.0)
        self.head = param(D, A, std=0.02 / math.sqrt(D))
        self.head_bias = param(A, value=0.0)
        self.dwell_head = param(D, 1, std=0.02 / math.sqrt(D))
        self.dwell_bias = param(1, value=0.0)
        self.calibrate(head_base_rates, mean_dwell_seconds)
        self.mode = "full"

    @torch.no_grad()
    def calibrate(self, head_base_rates=None, mean_dwell_seconds=None):
        """head_bias = logit(base rate) per head; dwell_bias = logit(mean dwell / 30)."""
        if head_base_rates is not None:
            r = torch.as_tensor(head_base_rates, dtype=torch.float32).clamp(1e-5, 1 - 1e-5)
            self.head_bias.copy_(torch.log(r) - torch.log1p(-r))
        if mean_dwell_seconds is not None:
            m = min(max(float(mean_dwell_seconds) / DWELL_SCALE, 1e-3), 1 - 1e-3)
            self.dwell_bias.fill_(math.log(m / (1 - m)))

    @torch.no_grad()
    def zero_padding_row(self):
        self.hash_table[0].zero_()

    # ---- tokens ----------------------------------------------------------------------------------------

    def prefix_tokens(self, user_hash, hist_post, hist_author, hist_actions, hist_dwell, hist_surface, hist_age,
                      hist_text):
        """Returns x [B, 1+Hb, D] and valid [B, 1+Hb]. Hb ≤ H: training may pass only the last Hb
        (right-aligned) history slots; positions stay those of the full-length layout."""
        hb = hist_post.shape[1]
        user = hash_part(self.hash_table, user_hash, self.user_proj) + self.type_emb[0] + self.pos_emb[0]
        hist = (
            history_event_tokens(self, hist_post, hist_author, hist_actions, hist_dwell, hist_surface, hist_age,
                                 hist_text)
            + self.type_emb[1]
            + self.pos_emb[1 + H - hb : 1 + H]
        )
        x = torch.cat([user.unsqueeze(1), hist], dim=1)
        valid = torch.cat([user_hash[:, :1] != 0, hist_post[:, :, 0] != 0], dim=1).to(torch.float32)
        return x, valid

    def candidate_tokens(self, cand_post, cand_author, cand_text, cand_media, cand_age, cand_counts, cand_flags):
        text = text_mean(cand_text, self.text_emb)
        counts = None
        for k in range(N_COUNTS):
            term = Fn.embedding(cand_counts[..., k].long(), self.count_emb[k])
            counts = term if counts is None else counts + term
        return (
            hash_part(self.hash_table, cand_post, self.cand_post_proj)
            + hash_part(self.hash_table, cand_author, self.cand_author_proj)
            + text
            + Fn.embedding(cand_media.long(), self.media_emb)
            + Fn.embedding(cand_age.long(), self.cand_age_emb)
            + counts
            + mm(cand_flags, self.flag_proj)
            + self.type_emb[2]
            + self.pos_emb[H + 1]
        )

    # ---- trunk -----------------------------------------------------------------------------------------

    def prefix_kv(self, x, valid):
        """Runs the prefix through the layers. Returns lists of per-layer K and V [B, heads, P, dh]."""
        bias = ((valid - 1.0) * 1e9).unsqueeze(1).unsqueeze(1)  # [B,1,1,P]: 0 valid, -1e9 not
        ks, vs = [], []
        for li, layer in enumerate(self.layers):
            h = rms_norm(x, layer.attn_norm)
            k = split_heads(mm(h, layer.wk))
            v = split_heads(mm(h, layer.wv))
            ks.append(k)
            vs.append(v)
            if li == L - 1:
                break  # the last layer's prefix outputs are never read
            q = split_heads(mm(h, layer.wq))
            att = torch.softmax(bmm(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(DH)) + bias, dim=-1)
            x = x + mm(merge_heads(bmm(att, v)), layer.wo)
            x = layer.ffn(x)
        return ks, vs

    def candidate_trunk(self, ks, vs, valid, xc):
        """ks/vs: per-layer prefix keys/values [B, heads, P, dh]; valid [B, P]; xc [B, C, D]."""
        bias = ((valid - 1.0) * 1e9).unsqueeze(1).unsqueeze(1)  # [B,1,1,P]
        for li, layer in enumerate(self.layers):
            h = rms_norm(xc, layer.attn_norm)
            q = split_heads(mm(h, layer.wq))  # [B, heads, C, dh]
            kc = split_heads(mm(h, layer.wk))
            vc = split_heads(mm(h, layer.wv))
            scale = 1.0 / math.sqrt(DH)
            s_prefix = bmm(q, ks[li].transpose(-1, -2)) * scale + bias  # [B, heads, C, P]
            s_self = (q * kc).sum(-1, keepdim=True) * scale  # [B, heads, C, 1]
            att = torch.softmax(torch.cat([s_prefix, s_self], dim=-1), dim=-1)
            p = ks[li].shape[2]
            out = bmm(att[..., :p], vs[li]) + att[..., p:] * vc
            xc = xc + mm(merge_heads(out), layer.wo)
            xc = layer.ffn(xc)
        return xc

    def heads_out(self, xc):
        h = rms_norm(xc, self.final_norm)
        logits = mm(h, self.head) + self.head_bias
        dwell_logit = (mm(h, self.dwell_head) + self.dwell_bias).squeeze(-1)
        return logits, dwell_logit

    # ---- public entry points ---------------------------------------------------------------------------

    def prefix(self, *history):
        x, valid = self.prefix_tokens(*history)
        ks, vs = self.prefix_kv(x, valid)
        return ks, vs, valid

    def candidates(self, ks, vs, valid, cand_post, cand_author, cand_text, cand_media, cand_age, cand_counts, cand_flags):
        xc = self.candidate_tokens(cand_post, cand_author, cand_text, cand_media, cand_age, cand_counts, cand_flags)
        return self.heads_out(self.candidate_trunk(ks, vs, valid, xc))

    def logits(self, *inputs, row_session=None):
        """inputs in RANKER_INPUTS order → (discrete logits [B,C,A], dwell logit [B,C]).
        Training may pack candidates into rows: cand_* [R, Cr, …] with row_session [R] naming each row's
        session; a row attends to its session's prefix (exact, since candidates never see each other)."""
        ks, vs, valid = self.prefix(*inputs[:N_HISTORY])
        if row_session is not None:
            ks = [k.index_select(0, row_session) for k in ks]
            vs = [v.index_select(0, row_session) for v in vs]
            valid = valid.index_select(0, row_session)
        return self.candidates(ks, vs, valid, *inputs[N_HISTORY:])

    def forward(self, *inputs):
        """Dispatches on `self.mode` so the exported graphs keep the spec's unprefixed parameter names:
        "full" (ranker.onnx), "history" (ranker_history.onnx), "candidates" (ranker_candidates.onnx)."""
        if self.mode == "history":
            ks, vs, valid = self.prefix(*inputs)
            return torch.stack(ks, 0), torch.stack(vs, 0), valid
        if self.mode == "candidates":
            prefix_k, prefix_v, prefix_valid = inputs[:3]
            ks = [prefix_k[i] for i in range(L)]
            vs = [prefix_v[i] for i in range(L)]
            logits, dwell_logit = self.candidates(ks, vs, prefix_valid, *inputs[3:])
        else:
            logits, dwell_logit = self.logits(*inputs)
        return torch.sigmoid(logits), DWELL_SCALE * torch.sigmoid(dwell_logit)
