"""Writes models/artifacts/test-vectors/features.json: inputs (edge cases plus seeded random requests)
and the bytes features.py produces for them, base64 little-endian per tensor. The TypeScript test
featurizes the same inputs and must produce the same bytes.

Run: /usr/bin/python3 models/train/write_test_vectors.py
"""

import base64
import json
import os
import random

import features as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "artifacts", "test-vectors", "features.json")

EDGE_IDS = ["1", "7", "9007199254740993", "1859384756123456789", "18446744073709551615", "4294967296"]
EDGE_TEXTS = [
    "",
    "Rocket LAUNCH tonight #space @author_00042 by the launchpad",
    "Ünïcode café — naïve 東京 😀 words_with_underscores and CAPS",
    " ".join(f"w{i}" for i in range(40)),
    "dup dup DUP Dup dup! again, again.",
    "http://spam.example/buy-now FREE free FREE crypto!!!",
    "  tabs\tand\nnew lines\r\n  between   words \u00a0nbsp  ",
]


def rand_id(rng):
    return str(rng.randrange(1, 2**63))


def rand_history(rng, n, now):
    events = []
    for _ in range(n):
        created = now - rng.randrange(0, 200 * F.HOUR_MS)
        events.append({
            "postId": rng.choice(EDGE_IDS + [rand_id(rng)]),
            "authorId": rand_id(rng),
            "postCreatedAtMs": rng.choice([created, None, now + 5000]),
            "actionMask": rng.randrange(0, 2**F.A),
            "dwellSeconds": rng.choice([0.0, 3.25, 29.99, 30.0, 45.5, -2.0, rng.random() * 60]),
            "surface": rng.choice([1, 1, 10, 0, 15, -3, 99]),
            "engagedAtMs": created + rng.randrange(0, 3 * F.HOUR_MS),
            "postText": rng.choice(EDGE_TEXTS + [None, "", "Rocket launch tonight #space"]),
        })
    return events


def rand_candidate(rng, now):
    media = rng.choice(["none", "image", "video", "gif"])
    return {
        "postId": rng.choice(EDGE_IDS + [rand_id(rng)]),
        "authorId": rand_id(rng),
        "createdAtMs": now - rng.choice([0, 1, F.HOUR_MS - 1, F.HOUR_MS, 47 * F.HOUR_MS, 400 * F.HOUR_MS, -60_000]),
        "text": rng.choice(EDGE_TEXTS + [" ".join(rng.choice(["ml", "Model", "GPU", "#ai", "@bob"]) for _ in range(8))]),
        "media": media,
        "videoDurationMs": rng.choice([9_999, 10_000, 65_000]) if media == "video" else None,
        "counts": {
            "favorite": rng.choice([0, 1, 2, 3, 1023, 1024, 2**40]),
            "reply": rng.randrange(0, 50_000),
            "repost": rng.randrange(0, 3),
            "quote": rng.choice([0, 8191, 8192]),
            "view": rng.randrange(0, 2**33),
        },
        "inNetwork": rng.random() < 0.5,
        "isReply": rng.random() < 0.3,
        "isRepost": rng.random() < 0.2,
        "isQuote": rng.random() < 0.2,
    }


def b64(arr):
    return base64.b64encode(arr.astype(arr.dtype.newbyteorder("<")).tobytes()).decode("ascii")


def main():
    rng = random.Random(20261123)
    now = 1_784_592_000_000
    cases = []
    for k, n_hist in enumerate([0, 1, 5, 127, 130, 40]):
        cands = [rand_candidate(rng, now) for _ in range(1 + (k * 7) % 13)]
        request = {"userId": EDGE_IDS[k % len(EDGE_IDS)], "nowMs": now, "history": rand_history(rng, n_hist, now),
                   "candidates": cands}
        hist = F.featurize_history(request["userId"], request["history"])
        cand = F.featurize_candidates(cands, now)
        expected = {name: b64(arr) for name, arr in {**hist, **cand}.items()}
        cases.append({"request": request, "expected": expected})
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"format": "for-you-edge/feature-vectors@1", "cases": cases}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
