"""Reads the world's files (models/data/*) and builds padded Phoenix batches.

Featurization goes through features.py: every post's hashes, text tokens, media class and word count
are computed once with features.py's own functions (hash_pair, text_token_ids, media_class,
count_feature_bucket) and cached per post; per-event parts (actions bits, dwell, surface, age bucket, the
candidates' count buckets) are the same formulas applied to whole arrays. A candidate's counts are those
its session records for the serve time (world@2), not the post's counts at the world's now. `check_against_features_py()` proves the result equals
features.featurize_history / featurize_candidates tensor for tensor (test_model.py runs it).

Truth vectors (eval file only) are kept for quick_eval's oracle; features never read them, nor any
post's `truth` field.
"""

import json
import os

import numpy as np
import torch

import features as F

H = F.H
A = F.A
T = F.T
C_MAX = F.CFG["maxCandidates"]
AGE_MAX = F.CFG["ageBuckets"] - 1
SURFACE_MAX = F.CFG["surfaces"] - 1
DWELL_CAP = F.DWELL_CAP
ACTIONS = F.DOC["discreteActions"]
BITS = (np.int64(1) << np.arange(A, dtype=np.int64))


class Posts:
    """Per-post cached features; row 0 is the padding post (all zeros → hash 0)."""

    def __init__(self, path):
        rows = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    rows.append(json.loads(line))
        n = len(rows) + 1
        self.ids = ["0"] + [r["id"] for r in rows]
        self.index = {pid: i for i, pid in enumerate(self.ids)}
        self.post_hash = np.zeros((n, 2), np.int32)
        self.author_hash = np.zeros((n, 2), np.int32)
        self.text = np.zeros((n, T), np.int32)
        self.media = np.zeros(n, np.int32)
        self.counts = np.zeros((n, len(F.COUNT_FEATURES)), np.int32)
        self.created = np.zeros(n, np.int64)
        self.created_valid = np.zeros(n, bool)
        self.kind_flags = np.zeros((n, 3), np.float32)  # is_reply, is_repost, is_quote
        self.raw_counts = np.zeros((n, len(F.COUNT_FEATURES)), np.float64)
        self.author_ids = ["0"] * n
        self.text_raw = [""] * n
        self.media_raw = ["none"] * n
        self.video_ms = [None] * n
        author_cache = {}
        for i, r in enumerate(rows, start=1):
            self.post_hash[i] = F.hash_pair("post", r["id"])
            a = r["authorId"]
            if a not in author_cache:
                author_cache[a] = F.hash_pair("author", a)
            self.author_hash[i] = author_cache[a]
            self.author_ids[i] = a
            self.text[i] = F.text_token_ids(r["text"])
            self.text_raw[i] = r["text"]
            self.media[i] = F.media_class(r["media"], r.get("videoDurationMs"))
            self.media_raw[i] = r["media"]
            self.video_ms[i] = r.get("videoDurationMs")
            for j, cf in enumerate(F.COUNT_FEATURES):
                self.counts[i, j] = F.count_feature_bucket(cf, r["counts"], r["text"])
                self.raw_counts[i, j] = r["counts"].get(cf["name"], 0)
            c = r.get("createdAtMs")
            if c is not None and c > 0:
                self.created[i] = int(c)
                self.created_valid[i] = True
            self.kind_flags[i] = [r.get("replyToId") is not None, r.get("repostOfId") is not None,
                                  r.get("quoteOfId") is not None]
        self.n = n

    def candidate_input(self, i, in_network, counts=None):
        """The raw CandidateInput dict features.py takes (for the equality check and fixtures); `counts`
        (the serve-time counts) replaces the post's counts at the world's now when given."""
        return {
            "postId": self.ids[i], "authorId": self.author_ids[i], "createdAtMs": int(self.created[i]),
            "text": self.text_raw[i], "media": self.media_raw[i], "videoDurationMs": self.video_ms[i],
            "counts": counts if counts is not None else
            {cf["name"]: self.raw_counts[i, j] for j, cf in enumerate(F.COUNT_FEATURES) if cf["name"] != "words"},
            "inNetwork": bool(in_network), "isReply": bool(self.kind_flags[i, 0]),
            "isRepost": bool(self.kind_flags[i, 1]), "isQuote": bool(self.kind_flags[i, 2]),
        }


SERVED_COUNT_KEYS = ("favorite", "reply", "repost", "quote", "view")  # a session candidate's 5th field


def count_buckets(counts, cap):
    """Vectorised features.count_bucket: bit length of counts ≥ 1 (frexp's exponent), capped; 0 below 1."""
    c = np.asarray(counts, np.int64)
    bits = np.frexp(np.maximum(c, 1).astype(np.float64))[1]
    return np.where(c >= 1, np.minimum(bits, cap), 0).astype(np.int32)


def age_bucket(created, created_valid, at_ms):
    """Vectorised features.post_age_bucket."""
    age = at_ms - created
    b = np.minimum(age // F.HOUR_MS + 1, AGE_MAX)
    ok = created_valid & (at_ms > 0) & (age >= 0)
    return np.where(ok, b, 0).astype(np.int32)


class Sessions:
    """Ragged arrays over all sessions of one file (history clipped to the last H events)."""

    def __init__(self, path, posts, limit=None):
        user_ids, served = [], []
        h_len, h_post, h_mask, h_dwell, h_surf, h_at = [], [], [], [], [], []
        c_len, c_post, c_net, c_mask, c_dwell, c_counts = [], [], [], [], [], []
        truth = []
        missing = 0
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                s = json.loads(line)
                user_ids.append(s["userId"])
                served.append(int(s["servedAtMs"]))
                hist = s["history"][-H:]
                h_len.append(len(hist))
                for pid, mask, dwell, surface, at in hist:
                    pi = posts.index.get(pid)
                    if pi is None:
                        missing += 1
                        pi = 0  # unreachable with the world's files; hash 0 would mark it invalid
                    h_post.append(pi)
                    h_mask.append(mask)
                    h_dwell.append(dwell)
                    h_surf.append(surface)
                    h_at.append(at)
                cands = s["candidates"][:C_MAX]
                c_len.append(len(cands))
                for pid, net, mask, dwell, counts in cands:
                    c_counts.append(counts)
                    c_post.append(posts.index[pid])
                    c_net.append(net)
                    c_mask.append(mask)
                    c_dwell.append(dwell)
                if "truth" in s:
                    truth.extend(s["truth"][:C_MAX])
                if limit is not None and len(user_ids) >= limit:
                    break
        if missing:
            raise ValueError(f"{path}: {missing} history events reference unknown posts")
        self.n = len(user_ids)
        self.user_ids = user_ids
        self.user_hash = np.array([F.hash_pair("user", u) for u in user_ids], np.int32).reshape(-1, 2)
        self.served = np.array(served, np.int64)
        self.h_len = np.array(h_len, np.int64)
        self.h_off = np.concatenate([[0], np.cumsum(self.h_len)])
        self.c_len = np.array(c_len, np.int64)
        self.c_off = np.concatenate([[0], np.cumsum(self.c_len)])
        h_post = np.array(h_post, np.int64)
        self.h_post = h_post
        self.h_mask = np.array(h_mask, np.int64)
        self.h_raw_dwell = np.array(h_dwell, np.float64)
        self.h_raw_surface = np.array(h_surf, np.int64)
        self.h_at = np.array(h_at, np.int64)
        # per-event features, the features.py formulas on whole arrays
        self.h_dwell = (np.clip(self.h_raw_dwell, 0.0, DWELL_CAP) / DWELL_CAP).astype(np.float32)
        self.h_surface = np.clip(self.h_raw_surface, 0, SURFACE_MAX).astype(np.int32)
        self.h_age = age_bucket(posts.created[h_post], posts.created_valid[h_post], self.h_at)
        c_post = np.array(c_post, np.int64)
        self.c_post = c_post
        self.c_net = np.array(c_net, np.float32)
        self.c_mask = np.array(c_mask, np.int64)
        self.c_dwell = np.array(c_dwell, np.float64)
        # counts at the serve time → the cand_counts buckets; the `words` column is the post's own
        self.c_raw_counts = np.array(c_counts, np.int64).reshape(-1, len(SERVED_COUNT_KEYS))
        self.c_counts = posts.counts[c_post].copy()
        for j, cf in enumerate(F.COUNT_FEATURES):
            if cf["name"] != "words":
                self.c_counts[:, j] = count_buckets(self.c_raw_counts[:, SERVED_COUNT_KEYS.index(cf["name"])], cf["max"])
        served_per_cand = np.repeat(self.served, self.c_len)
        self.c_age = age_bucket(posts.created[c_post], posts.created_valid[c_post], served_per_cand)
        self.c_session = np.repeat(np.arange(self.n), self.c_len)
        self.truth = np.array(truth, np.float32) if truth else None
        self.posts = posts

    @property
    def n_candidates(self):
        return int(self.c_len.sum())

    def labels(self):
        """[Ncand, A] 0/1 float32 over all candidates."""
        return ((self.c_mask[:, None] & BITS) != 0).astype(np.float32)

    # ---- batches ----------------------------------------------------------------------------------------

    def batch(self, idx, full_history=False, max_c=None, row_cap=None):
        """Padded tensors for sessions idx. History is right-aligned to Hb = the batch's longest history
        (or H with full_history); candidates padded to the batch max (post index 0 → hash 0).
        With row_cap, candidates are packed into rows of ≤ row_cap (cand_* [R, Cr, …]) and
        extra["row_session"] [R] gives each row's position in idx (training only: less padding)."""
        idx = np.asarray(idx, np.int64)
        b = len(idx)
        p = self.posts
        hl = self.h_len[idx]
        hb = H if full_history else max(int(hl.max()), 1)
        if row_cap is not None:
            rows_per = np.maximum(1, -(-self.c_len[idx] // row_cap))
            row_session = np.repeat(np.arange(b), rows_per)
            first = np.concatenate([[0], np.cumsum(rows_per)])[:-1]
            r_in_s = np.arange(len(row_session)) - np.repeat(first, rows_per)
            row_start = self.c_off[idx][row_session] + r_in_s * row_cap
            cl = np.minimum(self.c_len[idx][row_session] - r_in_s * row_cap, row_cap)
            c_start = row_start
            cb = max(int(cl.max()), 1)
        else:
            row_session = None
            cl = self.c_len[idx]
            c_start = self.c_off[idx]
            cb = max(int(cl.max()), 1) if max_c is None else max_c
        # history gather indices [b, hb]: slot j of session s holds event h_off[s] + hl[s] - hb + j
        j = np.arange(hb)[None, :]
        ev = self.h_off[idx][:, None] + hl[:, None] - hb + j
        hvalid = j >= (hb - hl[:, None])
        ev = np.where(hvalid, ev, 0)
        pidx = np.where(hvalid, self.h_post[ev] if len(self.h_post) else 0, 0)
        masks = np.where(hvalid, self.h_mask[ev] if len(self.h_mask) else 0, 0)
        out = {
            "user_hash": self.user_hash[idx],
            "hist_post": p.post_hash[pidx],
            "hist_author": p.author_hash[pidx],
            "hist_actions": ((masks[..., None] & BITS) != 0).astype(np.float32),
            "hist_dwell": np.where(hvalid, self.h_dwell[ev], 0).astype(np.float32),
            "hist_surface": np.where(hvalid, self.h_surface[ev], 0).astype(np.int32),
            "hist_age": np.where(hvalid, self.h_age[ev], 0).astype(np.int32),
            "hist_text": p.text[pidx],
        }
        k = np.arange(cb)[None, :]
        cvalid = k < cl[:, None]
        ci = np.where(cvalid, c_start[:, None] + k, 0)
        cpost = np.where(cvalid, self.c_post[ci], 0)
        cmask = np.where(cvalid, self.c_mask[ci], 0)
        flags = np.concatenate([np.where(cvalid, self.c_net[ci], 0)[..., None], p.kind_flags[cpost]], -1)
        out.update({
            "cand_post": p.post_hash[cpost],
            "cand_author": p.author_hash[cpost],
            "cand_text": p.text[cpost],
            "cand_media": p.media[cpost],
            "cand_age": np.where(cvalid, self.c_age[ci], 0).astype(np.int32),
            "cand_counts": np.where(cvalid[..., None], self.c_counts[ci], 0).astype(np.int32),
            "cand_flags": flags.astype(np.float32),
        })
        extra = {
            "cand_mask": cvalid.astype(np.float32),
            "labels": ((cmask[..., None] & BITS) != 0).astype(np.float32),
            "dwell_target": (np.clip(np.where(cvalid, self.c_dwell[ci], 0.0), 0, DWELL_CAP) / DWELL_CAP).astype(np.float32),
            "post_index": np.where(cvalid, cpost, -1),
            "cand_flat": np.where(cvalid, ci, -1),
        }
        if row_session is not None:
            extra["row_session"] = row_session
        return out, extra

    def raw_request(self, s):
        """The raw featurizer input (userId, history events, candidates) for session s."""
        p = self.posts
        events = []
        for e in range(self.h_off[s], self.h_off[s + 1]):
            pi = self.h_post[e]
            events.append({
                "postId": p.ids[pi], "authorId": p.author_ids[pi],
                "postCreatedAtMs": int(p.created[pi]) if p.created_valid[pi] else None,
                "actionMask": int(self.h_mask[e]), "dwellSeconds": float(self.h_raw_dwell[e]),
                "surface": int(self.h_raw_surface[e]), "engagedAtMs": int(self.h_at[e]),
                "postText": p.text_raw[pi],
            })
        cands = [p.candidate_input(self.c_post[c], self.c_net[c], dict(zip(SERVED_COUNT_KEYS, self.c_raw_counts[c].tolist())))
                 for c in range(self.c_off[s], self.c_off[s + 1])]
        return {"userId": self.user_ids[s], "nowMs": int(self.served[s]), "history": events, "candidates": cands}


def to_torch(d):
    return {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in d.items()}


def check_against_features_py(sessions, n=20, seed=0):
    """Featurizes n sessions with features.py directly and compares with batch(); returns max abs diff."""
    rng = np.random.default_rng(seed)
    worst = 0.0
    keys = {"user_hash": "userHash", "hist_post": "histPost", "hist_author": "histAuthor",
            "hist_actions": "histActions", "hist_dwell": "histDwell", "hist_surface": "histSurface",
            "hist_age": "histAge", "hist_text": "histText", "cand_post": "candPost", "cand_author": "candAuthor", "cand_text": "candText",
            "cand_media": "candMedia", "cand_age": "candAge", "cand_counts": "candCounts", "cand_flags": "candFlags"}
    for s in rng.choice(sessions.n, size=min(n, sessions.n), replace=False):
        req = sessions.raw_request(int(s))
        ref = F.featurize_history(req["userId"], req["history"])
        ref.update(F.featurize_candidates(req["candidates"], req["nowMs"]))
        got, _ = sessions.batch([s], full_history=True)
        for name, key in keys.items():
            a, b_ = got[name][0], ref[key]
            if a.shape != b_.shape or a.dtype != b_.dtype:
                raise AssertionError(f"{name}: {a.shape}/{a.dtype} vs {b_.shape}/{b_.dtype}")
            if a.tobytes() != b_.tobytes():
                worst = max(worst, float(np.abs(a.astype(np.float64) - b_.astype(np.float64)).max()))
                raise AssertionError(f"{name} differs from features.py for session {s}")
    return worst


def load(data_dir, train_limit=None, eval_limit=None, need_eval=True):
    posts = Posts(os.path.join(data_dir, "posts.jsonl"))
    train = Sessions(os.path.join(data_dir, "sessions-train.jsonl"), posts, limit=train_limit)
    ev = Sessions(os.path.join(data_dir, "sessions-eval.jsonl"), posts, limit=eval_limit) if need_eval else None
    return posts, train, ev


def length_bucketed_batches(lengths, batch_size, rng, pool=64):
    """Deterministic (given rng) shuffled batches of similar history length: shuffle, cut into pools of
    `pool` batches, sort each pool by length, split into batches, shuffle the batch order."""
    order = rng.permutation(len(lengths))
    batches = []
    step = batch_size * pool
    for start in range(0, len(order), step):
        chunk = order[start:start + step]
        chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
        for k in range(0, len(chunk), batch_size):
            batches.append(chunk[k:k + batch_size])
    perm = rng.permutation(len(batches))
    return [batches[i] for i in perm]
