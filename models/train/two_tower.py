"""Phoenix two-tower retrieval: user tower over the history, post tower over author hashes + content.

Both towers output R = retrievalDim (64) unit vectors (L2 normalisation x / max(‖x‖, 1e-12)); the
retrieval score is their dot product. Matrices are stored [in, out] and applied as x @ W.

User tower (`user_tower.onnx`; inputs hist_post, hist_author, hist_actions, hist_dwell, hist_surface,
hist_age, hist_text → user_embedding [B, R]). No user-id embedding (as upstream). Parameters:
- `ut.hash_table [tableRows, W]` (row 0 = padding, kept zero), `ut.hist_post_proj.{0,1}`,
  `ut.hist_author_proj.{0,1}` `[W, D]`, `ut.action_emb [A, D]`, `ut.dwell_vec [D]`, `ut.surface_emb [16, D]`,
  `ut.hist_age_emb [82, D]`, `ut.text_emb [textBuckets, D]`, `ut.pos_emb [H, D]`.
- one pre-norm transformer layer `ut.layers.0.{attn_norm, wq, wk, wv, wo, ffn_norm, w1, w2}` with the
  ranker's math (4 heads, bidirectional attention over valid history keys, invalid keys −1e9).
- `ut.out_norm [D]`, `ut.w1 [D, F]`, `ut.b1 [F]`, `ut.w2 [F, R]`, `ut.b2 [R]`.
  token_i = post part + author part + hist_actions_i @ action_emb + hist_dwell_i · dwell_vec
            + surface_emb[hist_surface_i] + hist_age_emb[hist_age_i] + text part_i + pos_emb[i]
  (text part: mean of text_emb over the engaged post's tokens ≠ 0, zero when none)
  x = layer(tokens); pooled = Σ_valid x_i / max(#valid, 1)   (valid: hist_post[i,0] ≠ 0)
  u = L2(GELU_tanh(RMSNorm(pooled) · out_norm @ w1 + b1) @ w2 + b2)
Post tower (`post_tower.onnx`; inputs cand_author [N,2], cand_text [N,T], cand_media [N], cand_counts [N,6]
→ post_embedding [N, R]). Parameters:
- `pt.hash_table [tableRows, W]`, `pt.author_proj.{0,1} [W, D]`, `pt.text_emb [textBuckets, D]`,
  `pt.media_emb [6, D]`, `pt.count_emb.{0..5} [32, D]`, `pt.out_norm [D]`, `pt.w1 [D, F]`, `pt.b1 [F]`,
  `pt.w2 [F, R]`, `pt.b2 [R]`.
  x = author part + text part (mean of text_emb over tokens ≠ 0) + media_emb[m] + Σ_k count_emb.k[c_k]
  p = L2(GELU_tanh(RMSNorm(x) · out_norm @ w1 + b1) @ w2 + b2)
Loss (training only; the temperature is not exported): sampled softmax with a learned temperature
(init 0.1). Each valid positive (favorite without a hard negative) of user b is scored against every
valid candidate of the other users in the batch (in-batch negatives) plus user b's own hard negatives
(not_interested, block, mute, report) and soft negatives (not_dwelled); other copies of the positive's
post are masked out of its denominator. Loss = logsumexp(denominator) − positive, averaged per user over
its positives, then over users with any.
"""

import math

import torch
import torch.nn as nn
import torch.nn.functional as Fn

import features as F
from phoenix_ranker import A, DH, EPS, HEADS, N_COUNTS, TABLE_ROWS, H, Layer, W, bmm, gelu_tanh, hash_part, history_event_tokens, mm, text_mean, merge_heads, param, plist, rms_norm, split_heads

CFG = F.CFG
R = CFG["retrievalDim"]
TD = 128  # tower width
TF = 256  # tower MLP hidden width
IDX = {a: i for i, a in enumerate(F.DOC["discreteActions"])}
HARD_NEG = [IDX[a] for a in ("not_interested", "block_author", "mute_author", "report")]
SOFT_NEG = [IDX["not_dwelled"]]
POSITIVE = [IDX["favorite"]]

USER_INPUTS = ["hist_post", "hist_author", "hist_actions", "hist_dwell", "hist_surface", "hist_age", "hist_text"]
POST_INPUTS = ["cand_author", "cand_text", "cand_media", "cand_counts"]


def l2_normalize(x):
    return x / torch.sqrt((x * x).sum(-1, keepdim=True)).clamp(min=1e-12)


class UserTower(nn.Module):
    def __init__(self):
        super().__init__()
        s_proj = 1.0 / math.sqrt(W)
        self.hash_table = param(TABLE_ROWS, W, std=0.02)
        with torch.no_grad():
            self.hash_table[0].zero_()
        self.hist_post_proj = plist(2, W, TD, std=s_proj)
        self.hist_author_proj = plist(2, W, TD, std=s_proj)
        self.action_emb = param(A, TD)
        self.dwell_vec = param(TD)
        self.surface_emb = param(CFG["surfaces"], TD)
        self.hist_age_emb = param(CFG["ageBuckets"], TD)
        self.text_emb = param(CFG["textBuckets"], TD)
        self.pos_emb = param(H, TD)
        self.layers = nn.ModuleList([Layer()])
        self.out_norm = param(TD, value=1.0)
        self.w1 = param(TD, TF, std=1.0 / math.sqrt(TD))
        self.b1 = param(TF, value=0.0)
        self.w2 = param(TF, R, std=1.0 / math.sqrt(TF))
        self.b2 = param(R, value=0.0)

    def forward(self, hist_post, hist_author, hist_actions, hist_dwell, hist_surface, hist_age, hist_text):
        hb = hist_post.shape[1]
        x = (
            history_event_tokens(self, hist_post, hist_author, hist_actions, hist_dwell, hist_surface, hist_age,
                                 hist_text)
            + self.pos_emb[H - hb : H]
        )
        valid = (hist_post[:, :, 0] != 0).to(torch.float32)
        bias = ((valid - 1.0) * 1e9).unsqueeze(1).unsqueeze(1)
        for layer in self.layers:
            h = rms_norm(x, layer.attn_norm)
            q, k, v = split_heads(mm(h, layer.wq)), split_heads(mm(h, layer.wk)), split_heads(mm(h, layer.wv))
            att = torch.softmax(bmm(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(DH)) + bias, dim=-1)
            x = x + mm(merge_heads(bmm(att, v)), layer.wo)
            x = layer.ffn(x)
        pooled = (x * valid.unsqueeze(-1)).sum(1) / valid.sum(1, keepdim=True).clamp(min=1.0)
        y = mm(gelu_tanh(mm(rms_norm(pooled, self.out_norm), self.w1) + self.b1), self.w2) + self.b2
        return l2_normalize(y)


class PostTower(nn.Module):
    def __init__(self):
        super().__init__()
        s_proj = 1.0 / math.sqrt(W)
        self.hash_table = param(TABLE_ROWS, W, std=0.02)
        with torch.no_grad():
            self.hash_table[0].zero_()
        self.author_proj = plist(2, W, TD, std=s_proj)
        self.text_emb = param(CFG["textBuckets"], TD)
        self.media_emb = param(CFG["mediaClasses"], TD)
        self.count_emb = plist(N_COUNTS, CFG["countBuckets"], TD)
        self.out_norm = param(TD, value=1.0)
        self.w1 = param(TD, TF, std=1.0 / math.sqrt(TD))
        self.b1 = param(TF, value=0.0)
        self.w2 = param(TF, R, std=1.0 / math.sqrt(TF))
        self.b2 = param(R, value=0.0)

    def forward(self, cand_author, cand_text, cand_media, cand_counts):
        text = text_mean(cand_text, self.text_emb)
        x = hash_part(self.hash_table, cand_author, self.author_proj) + text + Fn.embedding(cand_media.long(), self.media_emb)
        for k in range(N_COUNTS):
            x = x + Fn.embedding(cand_counts[..., k].long(), self.count_emb[k])
        y = mm(gelu_tanh(mm(rms_norm(x, self.out_norm), self.w1) + self.b1), self.w2) + self.b2
        return l2_normalize(y)


class TwoTower(nn.Module):
    """Holds both towers; state-dict names are `ut.*` / `pt.*` (+ `log_temp`, training only)."""

    def __init__(self):
        super().__init__()
        self.ut = UserTower()
        self.pt = PostTower()
        self.log_temp = nn.Parameter(torch.tensor(math.log(0.1)))

    @torch.no_grad()
    def zero_padding_rows(self):
        self.ut.hash_table[0].zero_()
        self.pt.hash_table[0].zero_()

    @torch.no_grad()
    def warm_start(self, ranker):
        """Copy the ranker's trained hash rows and the matching projections/embeddings as a start."""
        self.ut.hash_table.copy_(ranker.hash_table)
        self.pt.hash_table.copy_(ranker.hash_table)
        for j in range(2):
            self.ut.hist_post_proj[j].copy_(ranker.hist_post_proj[j])
            self.ut.hist_author_proj[j].copy_(ranker.hist_author_proj[j])
            self.pt.author_proj[j].copy_(ranker.cand_author_proj[j])
        self.ut.action_emb.copy_(ranker.action_emb)
        self.ut.dwell_vec.copy_(ranker.dwell_vec)
        self.ut.surface_emb.copy_(ranker.surface_emb)
        self.ut.hist_age_emb.copy_(ranker.hist_age_emb)
        self.pt.text_emb.copy_(ranker.text_emb)
        self.ut.text_emb.copy_(ranker.text_emb)
        self.pt.media_emb.copy_(ranker.media_emb)
        for k in range(N_COUNTS):
            self.pt.count_emb[k].copy_(ranker.count_emb[k])

    def loss(self, user_inputs, post_inputs, post_ids, labels, cand_mask):
        """user_inputs: USER_INPUTS tensors [B, …]; post_inputs: POST_INPUTS tensors [B, C, …];
        post_ids [B, C] int64 (dataset post index, −1 pad); labels [B, C, A] 0/1; cand_mask [B, C]."""
        b, c = cand_mask.shape
        u = self.ut(*user_inputs)  # [B, R]
        flat = [t.reshape(b * c, *t.shape[2:]) for t in post_inputs]
        p = self.pt(*flat)  # [B*C, R]
        temp = self.log_temp.exp()
        logits = (u @ p.t()) / temp  # [B, B*C]
        valid = cand_mask.reshape(-1) > 0
        hard = labels[..., HARD_NEG].sum(-1) > 0
        soft = labels[..., SOFT_NEG].sum(-1) > 0
        pos = (labels[..., POSITIVE].sum(-1) > 0) & ~hard & (cand_mask > 0)  # [B, C]
        owner = torch.arange(b).repeat_interleave(c)  # column → session
        own = owner.unsqueeze(0) == torch.arange(b).unsqueeze(1)  # [B, B*C]
        own_neg = own & (hard | soft).reshape(1, -1)
        base = (~own | own_neg) & valid.unsqueeze(0)  # denominator columns for each user, before the positive
        pos_rows, pos_cols = pos.nonzero(as_tuple=True)
        if pos_rows.numel() == 0:
            return logits.sum() * 0.0, 0
        col = pos_rows * c + pos_cols
        ids = post_ids.reshape(-1)
        same_post = ids.unsqueeze(0) == ids[col].unsqueeze(1)  # [P, B*C]
        den_mask = base[pos_rows] & ~same_post
        den_mask[torch.arange(col.numel()), col] = True
        lg = logits[pos_rows]  # [P, B*C]
        lse = torch.logsumexp(lg.masked_fill(~den_mask, -1e9), dim=-1)
        per_pos = lse - lg[torch.arange(col.numel()), col]
        # mean per user over its positives, then over users with any
        sums = torch.zeros(b).index_add(0, pos_rows, per_pos)
        cnt = torch.zeros(b).index_add(0, pos_rows, torch.ones_like(per_pos))
        has = cnt > 0
        return (sums[has] / cnt[has]).mean(), int(pos_rows.numel())


class UserTowerExport(nn.Module):
    def __init__(self, tt):
        super().__init__()
        self.ut = tt.ut

    def forward(self, *inputs):
        return self.ut(*inputs)


class PostTowerExport(nn.Module):
    def __init__(self, tt):
        super().__init__()
        self.pt = tt.pt

    def forward(self, *inputs):
        return self.pt(*inputs)
