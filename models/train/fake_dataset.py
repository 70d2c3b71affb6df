"""THROWAWAY development helper: writes a small synthetic dataset in the world CLI's file format
(posts.jsonl, accounts.jsonl, follows.tsv, sessions-train.jsonl, sessions-eval.jsonl, manifest.json) so the
trainer can be developed and tested before models/world exists. Not used by the real pipeline.

  /usr/bin/python3 models/train/fake_dataset.py --out /tmp/fake-data [--train 400 --eval 100]
"""

import argparse
import json
import math
import os
import random

import features as F

ACTIONS = F.DOC["discreteActions"]
I = {a: i for i, a in enumerate(ACTIONS)}
HOUR = 3_600_000
NOW = 1_784_592_000_000
TOPICS = 8
WORDS = [[f"t{t}w{k}" for k in range(30)] for t in range(TOPICS)]


def sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


def build(seed=7, accounts=200, authors=60, posts=1500):
    rng = random.Random(seed)
    accs = []
    for a in range(accounts):
        pref = [rng.random() ** 3 for _ in range(TOPICS)]
        s = sum(pref)
        accs.append({
            "id": str(10_000_000 + a * 7919),
            "pref": [p / s for p in pref],
            "topic": rng.randrange(TOPICS),
            "quality": rng.random(),
            "spammy": rng.random() < 0.05,
            "activity": rng.random(),
        })
    author_idx = list(range(authors))
    follows = {a: set(rng.sample(author_idx, 8)) for a in range(accounts)}
    ps = []
    for k in range(posts):
        au = rng.choice(author_idx)
        topic = accs[au]["topic"] if rng.random() < 0.8 else rng.randrange(TOPICS)
        media = rng.choice(["none", "none", "image", "video", "gif"])
        kind = rng.choice(["original"] * 7 + ["reply", "quote", "repost"])
        prev = ps[rng.randrange(len(ps))]["id"] if ps and kind != "original" else None
        n_words = rng.randrange(0, 20)
        ps.append({
            "id": str(1_800_000_000_000_000_000 + k * 104729),
            "authorId": accs[au]["id"],
            "createdAtMs": NOW - 72 * HOUR + int(k / posts * 72 * HOUR),
            "text": " ".join(rng.choice(WORDS[topic]) for _ in range(n_words)),
            "media": media,
            "videoDurationMs": rng.choice([5000, 30000, 120000]) if media == "video" else 0,
            "replyToId": prev if kind == "reply" else None,
            "quoteOfId": prev if kind == "quote" else None,
            "repostOfId": prev if kind == "repost" else None,
            "conversationId": None,
            "subscriberOnly": False,
            "language": "en",
            "counts": {"favorite": int(rng.expovariate(0.05)), "reply": int(rng.expovariate(0.3)),
                       "repost": int(rng.expovariate(0.2)), "quote": int(rng.expovariate(0.5)),
                       "view": int(rng.expovariate(0.001))},
            "truth": {"topic": topic, "quality": rng.random()},
            "_author": au,
        })
    return rng, accs, follows, ps


def truth(accs, viewer, post, in_net):
    a = accs[viewer]
    t = post["truth"]["topic"]
    g = sigmoid(6.0 * a["pref"][t] * TOPICS / 4 - 3.0 + 1.0 * post["truth"]["quality"] + 0.5 * in_net)
    neg = sigmoid(2.0 - 8.0 * a["pref"][t] + (2.0 if accs[post["_author"]]["spammy"] else 0.0))
    p = [0.0] * len(ACTIONS)
    p[I["favorite"]] = 0.3 * g
    p[I["reply"]] = 0.05 * g
    p[I["repost"]] = 0.06 * g
    p[I["photo_expand"]] = 0.1 + 0.3 * g if post["media"] == "image" else 0.0
    p[I["video_open"]] = 0.1 + 0.3 * g if post["media"] == "video" else 0.0
    p[I["click"]] = 0.03 + 0.15 * g
    p[I["open_link"]] = 0.02 + 0.05 * g
    p[I["profile_click"]] = 0.01 + 0.05 * g
    p[I["vqv"]] = 0.4 * g if post["media"] == "video" and post["videoDurationMs"] >= 10000 else 0.0
    p[I["share"]] = 0.02 * g
    p[I["share_via_dm"]] = 0.01 * g
    p[I["share_via_copy_link"]] = 0.01 * g
    p[I["quote"]] = 0.02 * g
    p[I["quoted_click"]] = 0.05 + 0.2 * g if post["quoteOfId"] else 0.0
    p[I["quoted_vqv"]] = 0.0
    p[I["follow_author"]] = 0.0 if in_net else 0.1 * g * g
    p[I["not_interested"]] = 0.08 * neg
    p[I["mute_author"]] = 0.03 * neg
    p[I["block_author"]] = 0.01 * neg
    p[I["report"]] = 0.005 * neg
    p[I["post_unexplored"]] = 0.05 * (1 - g)
    p_dwell = 0.1 + 0.7 * g
    p[I["dwell"]] = p_dwell
    p[I["not_dwelled"]] = 1 - p_dwell
    return p, 2.0 + 20.0 * g


def session(rng, accs, follows, ps, with_truth):
    viewer = rng.randrange(len(accs))
    served = NOW - rng.randrange(1, 24) * HOUR
    older = [k for k in range(len(ps)) if ps[k]["createdAtMs"] < served]
    n_hist = rng.randrange(0, 127) if rng.random() < 0.9 else rng.randrange(127, 140)
    hist_posts = sorted(rng.sample(older, min(n_hist, len(older))), key=lambda k: ps[k]["createdAtMs"])
    history = []
    t = served - 40 * HOUR
    for k in hist_posts:
        p, _ = truth(accs, viewer, ps[k], ps[k]["_author"] in follows[viewer])
        mask = 0
        for i in range(len(ACTIONS)):
            if rng.random() < min(0.97, 2.5 * p[i]):
                mask |= 1 << i
        t = max(t + rng.randrange(1000, 600_000), ps[k]["createdAtMs"] + 1000)
        history.append([ps[k]["id"], mask, round(rng.random() * 40, 1), rng.choice([1, 1, 1, 2, 10]), min(t, served - 1)])
    n_cand = rng.randrange(8, 65)
    cands, truths = [], []
    for k in rng.sample(older, min(n_cand, len(older))):
        in_net = ps[k]["_author"] in follows[viewer]
        p, dwell = truth(accs, viewer, ps[k], in_net)
        mask = 0
        for i in range(len(ACTIONS)):
            if i in (I["dwell"], I["not_dwelled"]):
                continue
            if rng.random() < p[i]:
                mask |= 1 << i
        dwelled = rng.random() < p[I["dwell"]]
        mask |= 1 << (I["dwell"] if dwelled else I["not_dwelled"])
        sec = round(min(30.0, rng.expovariate(1.0 / dwell)), 1)
        # counts at the serve time: a share of the post's counts, growing with its age then
        share = min(1.0, (served - ps[k]["createdAtMs"]) / (12 * HOUR))
        counts = [round(ps[k]["counts"][c] * share) for c in ("favorite", "reply", "repost", "quote", "view")]
        cands.append([ps[k]["id"], 1 if in_net else 0, mask, sec, counts])
        truths.append(p + [dwell])
    s = {"userId": accs[viewer]["id"], "servedAtMs": served, "history": history, "candidates": cands}
    if with_truth:
        s["truth"] = truths
    return s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--train", type=int, default=400)
    ap.add_argument("--eval", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng, accs, follows, ps = build(args.seed)
    with open(os.path.join(args.out, "posts.jsonl"), "w") as f:
        for p in ps:
            f.write(json.dumps({k: v for k, v in p.items() if not k.startswith("_")}) + "\n")
    with open(os.path.join(args.out, "accounts.jsonl"), "w") as f:
        for a in accs:
            f.write(json.dumps({"id": a["id"]}) + "\n")
    with open(os.path.join(args.out, "follows.tsv"), "w") as f:
        for a, fs in follows.items():
            for b in sorted(fs):
                f.write(f"{accs[a]['id']}\t{accs[b]['id']}\n")
    for split, n in (("train", args.train), ("eval", args.eval)):
        with open(os.path.join(args.out, f"sessions-{split}.jsonl"), "w") as f:
            for _ in range(n):
                f.write(json.dumps(session(rng, accs, follows, ps, split == "eval")) + "\n")
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump({"format": "fake-dataset", "seed": args.seed, "sessions": {"train": args.train, "eval": args.eval}}, f)
    print(f"wrote fake dataset to {args.out}")


if __name__ == "__main__":
    main()
