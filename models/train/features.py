"""Phoenix feature preparation, the Python twin of shared/phoenix/features.ts.

Training reads sessions through these functions; serving uses the TypeScript version. Both must write
the same bytes for the same input: write_test_vectors.py records this module's output and a TypeScript
test (shared/phoenix/features-vectors.test.ts) compares its own output with it byte for byte.
"""

import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG_PATH = os.path.join(HERE, "..", "artifacts", "phoenix-config.json")

with open(CONFIG_PATH, encoding="utf-8") as f:
    DOC = json.load(f)
CFG = DOC["config"]
H = CFG["historyLen"]
T = CFG["textTokens"]
A = CFG["discreteHeads"]
BUCKETS = {"user": CFG["userBuckets"], "post": CFG["postBuckets"], "author": CFG["authorBuckets"]}
OFFSETS = DOC["tableOffsets"]
FAMILIES = DOC["hashFamilies"]
COUNT_FEATURES = DOC["countFeatures"]
DWELL_CAP = 30.0
HOUR_MS = 3_600_000


def hash_row(entity, id_str, j):
    """Exact big-integer arithmetic; 0 is the padding id."""
    if id_str == "0":
        return 0
    fam = FAMILIES[entity]
    m = fam["modulus"]
    raw = (int(id_str) * fam["scales"][j] + fam["biases"][j]) % m
    return OFFSETS[entity] + raw % (BUCKETS[entity] - 1)


def hash_pair(entity, id_str):
    return hash_row(entity, id_str, 0), hash_row(entity, id_str, 1)


def fnv1a32(word):
    h = 0x811C9DC5
    for ch in word:
        h ^= ord(ch)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def words(text):
    """ASCII-only lower-casing; runs of [a-z0-9#@_] are words; first appearance order, unique."""
    out, seen, cur = [], set(), []

    def flush():
        if cur:
            w = "".join(cur)
            if w not in seen:
                seen.add(w)
                out.append(w)
            cur.clear()

    for ch in text:
        c = ord(ch)
        if 65 <= c <= 90:
            c += 32
        if 97 <= c <= 122 or 48 <= c <= 57 or c in (35, 64, 95):
            cur.append(chr(c))
        else:
            flush()
    flush()
    return out


def text_token_ids(text):
    ids = [fnv1a32(w) % (CFG["textBuckets"] - 1) + 1 for w in words(text)[:T]]
    return ids + [0] * (T - len(ids))


def post_age_bucket(created_ms, at_ms):
    if created_ms is None or at_ms is None or not created_ms > 0 or not at_ms > 0:
        return 0
    age = at_ms - created_ms
    if age < 0:
        return 0
    return min(int(age // HOUR_MS) + 1, CFG["ageBuckets"] - 1)


def count_bucket(count, cap):
    if not count >= 1:
        return 0
    return min(int(count).bit_length(), cap)


def word_count(text):
    """Runs of characters other than space, tab, CR and LF."""
    n, in_word = 0, False
    for ch in text:
        sep = ch in " \t\r\n"
        if not sep and not in_word:
            n += 1
        in_word = not sep
    return n


def count_feature_bucket(feature, counts, text):
    """One cand_counts column: log2 bucket of an engagement count, or the linear `words` bucket."""
    if feature["name"] == "words":
        return min(word_count(text), feature["max"])
    return count_bucket(counts[feature["name"]], feature["max"])


def media_class(media, video_duration_ms=None):
    if media == "none":
        return 1
    if media == "image":
        return 2
    if media == "video":
        return 3 if (video_duration_ms or 0) < 10_000 else 4
    if media == "gif":
        return 5
    raise ValueError(f"unknown media {media!r}")


def featurize_history(user_id, events):
    """events: dicts with postId, authorId, postCreatedAtMs, actionMask, dwellSeconds, surface, engagedAtMs and
    optionally postText (the engaged post's text; absent → no text tokens)."""
    t = {
        "userHash": np.array(hash_pair("user", user_id), dtype=np.int32),
        "histPost": np.zeros((H, 2), np.int32),
        "histAuthor": np.zeros((H, 2), np.int32),
        "histActions": np.zeros((H, A), np.float32),
        "histDwell": np.zeros(H, np.float32),
        "histSurface": np.zeros(H, np.int32),
        "histAge": np.zeros(H, np.int32),
        "histText": np.zeros((H, T), np.int32),
    }
    recent = events[-H:] if events else []
    start = H - len(recent)
    for k, e in enumerate(recent):
        i = start + k
        t["histPost"][i] = hash_pair("post", e["postId"])
        t["histAuthor"][i] = hash_pair("author", e["authorId"])
        mask = e["actionMask"]
        for a in range(A):
            if (mask >> a) & 1:
                t["histActions"][i, a] = 1.0
        t["histDwell"][i] = np.float32(min(max(e["dwellSeconds"], 0.0), DWELL_CAP) / DWELL_CAP)
        t["histSurface"][i] = min(max(int(e["surface"]), 0), CFG["surfaces"] - 1)
        t["histAge"][i] = post_age_bucket(e.get("postCreatedAtMs"), e["engagedAtMs"])
        if e.get("postText") is not None:
            t["histText"][i] = text_token_ids(e["postText"])
    return t


def featurize_candidates(candidates, now_ms):
    n = len(candidates)
    t = {
        "candPost": np.zeros((n, 2), np.int32),
        "candAuthor": np.zeros((n, 2), np.int32),
        "candText": np.zeros((n, T), np.int32),
        "candMedia": np.zeros(n, np.int32),
        "candAge": np.zeros(n, np.int32),
        "candCounts": np.zeros((n, len(COUNT_FEATURES)), np.int32),
        "candFlags": np.zeros((n, 4), np.float32),
    }
    for i, c in enumerate(candidates):
        t["candPost"][i] = hash_pair("post", c["postId"])
        t["candAuthor"][i] = hash_pair("author", c["authorId"])
        t["candText"][i] = text_token_ids(c["text"])
        t["candMedia"][i] = media_class(c["media"], c.get("videoDurationMs"))
        t["candAge"][i] = post_age_bucket(c["createdAtMs"], now_ms)
        for j, f in enumerate(COUNT_FEATURES):
            t["candCounts"][i, j] = count_feature_bucket(f, c["counts"], c["text"])
        t["candFlags"][i] = [float(c["inNetwork"]), float(c["isReply"]), float(c["isRepost"]), float(c["isQuote"])]
    return t
