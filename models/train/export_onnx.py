"""ONNX export (opset 17, fp32, dynamic B and C) of the ranker (full + split pair) and the two towers,
with named initializers, plus a parity fixture for the TypeScript reference.

  /usr/bin/python3 models/train/export_onnx.py --random-dev      # random-init set → models/artifacts/dev/

Library use (train.py): export_all(ranker, two_tower, out_dir) → {file: path}.
"""

import argparse
import json
import os
import random
import warnings

import numpy as np
import onnx
import torch

import features as F
import phoenix_ranker as PR
import two_tower as TT

HERE = os.path.dirname(os.path.abspath(__file__))
ARTIFACTS = os.path.join(HERE, "..", "artifacts")
OPSET = 17
ONNX_FILES = ["ranker.onnx", "ranker_history.onnx", "ranker_candidates.onnx", "user_tower.onnx", "post_tower.onnx"]

# feature-dict key (features.py) for each ONNX input name
FEATURE_KEYS = {
    "user_hash": "userHash", "hist_post": "histPost", "hist_author": "histAuthor", "hist_actions": "histActions",
    "hist_dwell": "histDwell", "hist_surface": "histSurface", "hist_age": "histAge", "hist_text": "histText",
    "cand_post": "candPost",
    "cand_author": "candAuthor", "cand_text": "candText", "cand_media": "candMedia", "cand_age": "candAge",
    "cand_counts": "candCounts", "cand_flags": "candFlags",
}


# ---- a fake raw request (fixture + tracing example) -----------------------------------------------------

def example_request(seed=12345, n_hist=37, n_cand=5):
    rng = random.Random(seed)
    now = 1_784_592_000_000
    words = ["rocket", "launch", "#space", "gpu", "model", "@author_00042", "café", "tonight", "ml", "news"]
    history = []
    for k in range(n_hist):
        created = now - rng.randrange(1, 100) * F.HOUR_MS - rng.randrange(0, F.HOUR_MS)
        history.append({
            "postId": str(rng.randrange(1, 2**63)),
            "authorId": str(rng.randrange(1, 2**40)),
            "postCreatedAtMs": created,
            "actionMask": rng.choice([1, 1 | 4096, 32, 4096, 1 << 17, 1 | 2, 256 | 4096]),
            "dwellSeconds": round(rng.random() * 45, 1),
            "surface": rng.choice([1, 1, 2, 10]),
            "engagedAtMs": created + rng.randrange(0, 2 * F.HOUR_MS),
            # some events without text: an engaged post whose text is unknown gets no text tokens
            "postText": None if k % 7 == 3 else " ".join(rng.choice(words) for _ in range(rng.randrange(0, 30))),
        })
    history.sort(key=lambda e: e["engagedAtMs"])
    media = ["none", "image", "video", "gif", "video"]
    candidates = []
    for c in range(n_cand):
        m = media[c % len(media)]
        candidates.append({
            "postId": str(rng.randrange(1, 2**63)),
            "authorId": str(rng.randrange(1, 2**40)),
            "createdAtMs": now - rng.randrange(0, 80 * F.HOUR_MS),
            "text": "" if c == 3 else " ".join(rng.choice(words) for _ in range(rng.randrange(1, 12))),
            "media": m,
            "videoDurationMs": (5_000 if c == 2 else 65_000) if m == "video" else None,
            "counts": {"favorite": rng.randrange(0, 5000), "reply": rng.randrange(0, 100), "repost": rng.randrange(0, 300),
                       "quote": rng.randrange(0, 20), "view": rng.randrange(0, 10**6)},
            "inNetwork": c % 2 == 0,
            "isReply": c == 1,
            "isRepost": c == 4,
            "isQuote": False,
        })
    return {"userId": str(rng.randrange(1, 2**63)), "nowMs": now, "history": history, "candidates": candidates}


def featurize_request(req):
    """→ {onnx input name: np array with a leading batch dim of 1}."""
    t = F.featurize_history(req["userId"], req["history"])
    t.update(F.featurize_candidates(req["candidates"], req["nowMs"]))
    return {name: t[key][None] for name, key in FEATURE_KEYS.items()}


def to_torch(feats, names):
    return tuple(torch.from_numpy(np.ascontiguousarray(feats[n])) for n in names)


# ---- export -----------------------------------------------------------------------------------------------

def _export(module, args, path, input_names, output_names, dynamic_axes):
    module.eval()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            module, args, path, opset_version=OPSET, input_names=input_names, output_names=output_names,
            dynamic_axes=dynamic_axes, do_constant_folding=False, export_params=True,
            keep_initializers_as_inputs=False,
        )
    model = onnx.load(path)
    if materialize_aliased_initializers(model):
        onnx.save(model, path)
    onnx.checker.check_model(model)
    return model


def materialize_aliased_initializers(model):
    """torch's exporter de-duplicates equal parameters (e.g. two all-ones norms) into one initializer plus
    `Identity` nodes; the TypeScript reference looks weights up by name, so give each its own copy."""
    g = model.graph
    inits = {i.name: i for i in g.initializer}
    keep, changed = [], False
    for n in g.node:
        if n.op_type == "Identity" and n.input[0] in inits:
            t = onnx.TensorProto()
            t.CopyFrom(inits[n.input[0]])
            t.name = n.output[0]
            g.initializer.append(t)
            changed = True
        else:
            keep.append(n)
    if changed:
        del g.node[:]
        g.node.extend(keep)
    return changed


def _axes(names, batch_dims):
    return {n: batch_dims(n) for n in names}


def _ranker_axes(n):
    if n.startswith("cand_") or n in ("probs", "dwell_seconds"):
        return {0: "B", 1: "C"}
    if n in ("prefix_k", "prefix_v"):
        return {1: "B"}
    return {0: "B"}


def export_ranker(ranker, out_dir, feats):
    ranker.eval()
    os.makedirs(out_dir, exist_ok=True)
    paths = {}
    full_in = to_torch(feats, PR.RANKER_INPUTS)
    outs = ["probs", "dwell_seconds"]
    try:
        ranker.mode = "full"
        p = os.path.join(out_dir, "ranker.onnx")
        _export(ranker, full_in, p, PR.RANKER_INPUTS, outs, _axes(PR.RANKER_INPUTS + outs, _ranker_axes))
        paths["ranker.onnx"] = p

        ranker.mode = "history"
        hist_in = to_torch(feats, PR.HISTORY_INPUTS)
        hist_out = ["prefix_k", "prefix_v", "prefix_valid"]
        p = os.path.join(out_dir, "ranker_history.onnx")
        _export(ranker, hist_in, p, PR.HISTORY_INPUTS, hist_out, _axes(PR.HISTORY_INPUTS + hist_out, _ranker_axes))
        paths["ranker_history.onnx"] = p
        with torch.no_grad():
            pk, pv, pvalid = ranker(*hist_in)

        ranker.mode = "candidates"
        cand_names = hist_out + PR.CANDIDATE_INPUTS
        cand_in = (pk, pv, pvalid) + to_torch(feats, PR.CANDIDATE_INPUTS)
        p = os.path.join(out_dir, "ranker_candidates.onnx")
        _export(ranker, cand_in, p, cand_names, outs, _axes(cand_names + outs, _ranker_axes))
        paths["ranker_candidates.onnx"] = p
    finally:
        ranker.mode = "full"
    return paths


def export_towers(tt, out_dir, feats):
    tt.eval()
    os.makedirs(out_dir, exist_ok=True)
    paths = {}
    p = os.path.join(out_dir, "user_tower.onnx")
    _export(TT.UserTowerExport(tt), to_torch(feats, TT.USER_INPUTS), p, TT.USER_INPUTS, ["user_embedding"],
            _axes(TT.USER_INPUTS + ["user_embedding"], lambda n: {0: "B"}))
    paths["user_tower.onnx"] = p
    post_in = tuple(t[0] for t in to_torch(feats, TT.POST_INPUTS))  # [N, …], no session batch
    p = os.path.join(out_dir, "post_tower.onnx")
    _export(TT.PostTowerExport(tt), post_in, p, TT.POST_INPUTS, ["post_embedding"],
            _axes(TT.POST_INPUTS + ["post_embedding"], lambda n: {0: "N"}))
    paths["post_tower.onnx"] = p
    return paths


# ---- verification of the exported graphs --------------------------------------------------------------------

def expected_initializers(module, prefix_filter=None):
    names = [n for n, _ in module.named_parameters()]
    return [n for n in names if prefix_filter is None or prefix_filter(n)]


def inspect_onnx(path):
    """Initializer names/shapes and a check that every MatMul weight is a named initializer used directly."""
    m = onnx.load(path)
    g = m.graph
    inits = {i.name: list(i.dims) for i in g.initializer}
    produced_by = {o: n.op_type for n in g.node for o in n.output}
    problems = []
    for n in g.node:
        if n.op_type == "Transpose" and any(i in inits for i in n.input):
            problems.append(f"Transpose applied to initializer {n.input}")
        if n.op_type == "MatMul" and n.input[1] not in inits and produced_by.get(n.input[1]) == "Transpose":
            # activations (attention scores) legitimately use a transposed K; weights must not
            pass
    unnamed = [n for n in inits if n.startswith("onnx::") or n.startswith("/")]
    return {"initializers": inits, "problems": problems, "unnamed": unnamed,
            "inputs": [i.name for i in g.input], "outputs": [o.name for o in g.output]}


def verify_export(paths, ranker, tt):
    """Returns a dict of issues (empty lists when all is well)."""
    report = {}
    rank_names = set(n for n, _ in ranker.named_parameters())
    for f, p in paths.items():
        info = inspect_onnx(p)
        inits = set(info["initializers"])
        if f.startswith("ranker"):
            stray = sorted(inits - rank_names)
        elif f == "user_tower.onnx":
            stray = sorted(n for n in inits if not n.startswith("ut."))
        else:
            stray = sorted(n for n in inits if not n.startswith("pt."))
        report[f] = {"stray_initializers": stray, "problems": info["problems"], "unnamed": info["unnamed"],
                     "n_initializers": len(inits)}
    full = set(inspect_onnx(paths["ranker.onnx"])["initializers"]) if "ranker.onnx" in paths else set()
    if full:
        report["ranker.onnx"]["missing_params"] = sorted(rank_names - full)
    return report


# ---- fixture ----------------------------------------------------------------------------------------------

def flat(arr):
    a = np.asarray(arr)
    kind = "int32" if a.dtype.kind in "iu" else "float32"
    vals = a.astype(np.int64 if kind == "int32" else np.float64).reshape(-1).tolist()
    return {"dims": list(a.shape), "dtype": kind, "data": vals}


def write_fixture(ranker, tt, out_dir, req=None):
    req = req or example_request()
    feats = featurize_request(req)
    ranker.eval()
    tt.eval()
    with torch.no_grad():
        ranker.mode = "full"
        probs, dwell = ranker(*to_torch(feats, PR.RANKER_INPUTS))
        ranker.mode = "history"
        pk, pv, pvalid = ranker(*to_torch(feats, PR.HISTORY_INPUTS))
        ranker.mode = "full"
        u = tt.ut(*to_torch(feats, TT.USER_INPUTS))
        pe = tt.pt(*(t[0] for t in to_torch(feats, TT.POST_INPUTS)))
    fixture = {
        "format": "for-you-edge/phoenix-fixture@1",
        "note": "request = raw featurizer input (HistoryEvent / CandidateInput shapes); inputs = features.py "
                "tensors with a leading batch dim of 1 (post_tower takes cand_* without it: dims[1:]); "
                "outputs = PyTorch fp32 results. prefix_k/prefix_v summarised by sum and sum of squares.",
        "request": req,
        "inputs": {n: flat(feats[n]) for n in PR.RANKER_INPUTS},
        "outputs": {
            "probs": flat(probs.numpy()),
            "dwell_seconds": flat(dwell.numpy()),
            "prefix_valid": flat(pvalid.numpy()),
            "user_embedding": flat(u.numpy()),
            "post_embedding": flat(pe.numpy()),
            "prefix_k_summary": {"dims": list(pk.shape), "sum": float(pk.double().sum()),
                                 "sum_sq": float((pk.double() ** 2).sum())},
            "prefix_v_summary": {"dims": list(pv.shape), "sum": float(pv.double().sum()),
                                 "sum_sq": float((pv.double() ** 2).sum())},
        },
    }
    p = os.path.join(out_dir, "fixture.json")
    with open(p, "w", encoding="utf-8") as f:
        json.dump(fixture, f)
    return p


def export_all(ranker, tt, out_dir, fixture=True):
    fast = PR.FAST_MATMUL
    PR.set_fast_matmul(False)  # plain MatMul: what the graphs contain and the fixture must reproduce
    try:
        feats = featurize_request(example_request())
        paths = export_ranker(ranker, out_dir, feats)
        paths.update(export_towers(tt, out_dir, feats))
        if fixture:
            paths["fixture.json"] = write_fixture(ranker, tt, out_dir)
    finally:
        PR.set_fast_matmul(fast)
    return paths


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--random-dev", action="store_true", help="export a random-init set to models/artifacts/dev/")
    ap.add_argument("--out", default=os.path.join(ARTIFACTS, "dev"))
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(args.seed)
    ranker = PR.PhoenixRanker()
    # random but non-trivial: randomise norms/biases too so parity tests exercise every parameter
    with torch.no_grad():
        for name, p in ranker.named_parameters():
            if name.endswith("norm") or name in ("head_bias", "dwell_bias"):
                p.add_(torch.randn_like(p) * 0.1)
        ranker.head.mul_(50.0)
        ranker.dwell_head.mul_(50.0)
        for layer in ranker.layers:
            layer.wo.mul_(10.0)
            layer.w2.mul_(10.0)
    tt = TT.TwoTower()
    paths = export_all(ranker, tt, args.out)
    rep = verify_export({k: v for k, v in paths.items() if k.endswith(".onnx")}, ranker, tt)
    for f, r in rep.items():
        print(f, json.dumps(r))
    for f, p in paths.items():
        print(f"{f}: {os.path.getsize(p)} bytes")


if __name__ == "__main__":
    main()
