"""Model tests (no pytest needed):  /usr/bin/python3 models/train/test_model.py [--ckpt-dir DIR] [--onnx-dir DIR]

- split vs full: ranker_history + ranker_candidates (PyTorch, same modules as the ONNX export) equal the
  full ranker to ≤ 1e-4;
- candidate isolation: a candidate's outputs do not change when other candidates change, are removed,
  are added or are reordered;
- padding invariance: extra padded candidates (post hash 0) and a shorter right-aligned history slice
  (training's truncation) leave the real candidates' outputs unchanged; padded history never matters;
- prefix independence: the prefix keys/values do not depend on candidates;
- training fast path (oneDNN convolutions) equals the plain MatMul path;
- featurization: dataset batches equal features.py byte for byte (on a fake dataset, whose candidates carry
  serve-time counts as the world's sessions do);
- early stopping stops after `patience` evaluations without improvement and restores the best weights;
  a profile fills only the options not given;
- the two towers are unit-norm and post embeddings depend only on their own post;
- the exported ONNX files (when present) carry every spec initializer name, with no aliases.
Uses trained checkpoints when --ckpt-dir has them, otherwise random weights (made non-trivial).
"""

import argparse
import os
import random
import sys
import tempfile

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import torch  # noqa: E402

import dataset as DS  # noqa: E402
import export_onnx as EX  # noqa: E402
import phoenix_ranker as PR  # noqa: E402
import two_tower as TT  # noqa: E402

TOL = 1e-4
FAILURES = []


def check(name, ok, detail=""):
    print(f"{'ok  ' if ok else 'FAIL'} {name}{(': ' + detail) if detail else ''}")
    if not ok:
        FAILURES.append(name)


def maxdiff(a, b):
    return float((a.double() - b.double()).abs().max())


def requests(seed, n_cand=9):
    reqs = []
    for k, n_hist in enumerate([0, 5, 60, 127, 140]):
        reqs.append(EX.example_request(seed=seed + k, n_hist=n_hist, n_cand=n_cand))
    return reqs


def batch_of(reqs):
    feats = [EX.featurize_request(r) for r in reqs]
    return {n: np.concatenate([f[n] for f in feats], 0) for n in PR.RANKER_INPUTS}


def t(feats, names):
    return [torch.from_numpy(np.ascontiguousarray(feats[n])) for n in names]


def full(ranker, feats):
    ranker.mode = "full"
    with torch.no_grad():
        return ranker(*t(feats, PR.RANKER_INPUTS))


def select_cands(feats, cols):
    out = dict(feats)
    for n in PR.CANDIDATE_INPUTS:
        out[n] = feats[n][:, cols]
    return out


def load_models(ckpt_dir):
    torch.manual_seed(3)
    ranker = PR.PhoenixRanker()
    tt = TT.TwoTower()
    trained = False
    if ckpt_dir and os.path.exists(os.path.join(ckpt_dir, "ranker.pt")):
        ranker.load_state_dict(torch.load(os.path.join(ckpt_dir, "ranker.pt")))
        trained = True
        if os.path.exists(os.path.join(ckpt_dir, "two_tower.pt")):
            tt.load_state_dict(torch.load(os.path.join(ckpt_dir, "two_tower.pt")))
    else:
        with torch.no_grad():
            ranker.head.mul_(50.0)
            ranker.dwell_head.mul_(50.0)
            for layer in ranker.layers:
                layer.wo.mul_(10.0)
                layer.w2.mul_(10.0)
    ranker.eval()
    tt.eval()
    return ranker, tt, trained


def test_split_vs_full(ranker, feats):
    probs, dwell = full(ranker, feats)
    with torch.no_grad():
        ranker.mode = "history"
        pk, pv, pvalid = ranker(*t(feats, PR.HISTORY_INPUTS))
        ranker.mode = "candidates"
        p2, d2 = ranker(pk, pv, pvalid, *t(feats, PR.CANDIDATE_INPUTS))
        ranker.mode = "full"
    check("split vs full: probs", maxdiff(probs, p2) <= TOL, f"{maxdiff(probs, p2):.2e}")
    check("split vs full: dwell_seconds", maxdiff(dwell, d2) <= TOL * 30, f"{maxdiff(dwell, d2):.2e}")
    b = feats["user_hash"].shape[0]
    check("prefix shapes", tuple(pk.shape) == (PR.L, b, PR.HEADS, PR.H + 1, PR.DH) and tuple(pvalid.shape) == (b, PR.H + 1))
    exp_valid = np.concatenate([(feats["user_hash"][:, :1] != 0), feats["hist_post"][:, :, 0] != 0], 1).astype(np.float32)
    check("prefix_valid = user/history validity", np.array_equal(pvalid.numpy(), exp_valid))


def test_isolation(ranker, feats):
    probs, dwell = full(ranker, feats)
    c = feats["cand_post"].shape[1]
    rng = np.random.default_rng(0)
    # reorder
    perm = rng.permutation(c)
    p2, d2 = full(ranker, select_cands(feats, perm))
    check("isolation: permuted candidates", maxdiff(probs[:, perm], p2) <= TOL and maxdiff(dwell[:, perm], d2) <= TOL * 30,
          f"{maxdiff(probs[:, perm], p2):.2e}")
    # subset
    keep = np.array([1, 4, 7])
    p3, _ = full(ranker, select_cands(feats, keep))
    check("isolation: subset of candidates", maxdiff(probs[:, keep], p3) <= TOL, f"{maxdiff(probs[:, keep], p3):.2e}")
    # single candidate alone
    p4, _ = full(ranker, select_cands(feats, np.array([2])))
    check("isolation: candidate alone", maxdiff(probs[:, [2]], p4) <= TOL, f"{maxdiff(probs[:, [2]], p4):.2e}")
    # change every other candidate's features
    other = select_cands(feats, np.arange(c))
    for n in PR.CANDIDATE_INPUTS:
        other[n] = other[n].copy()
    for n in ("cand_post", "cand_author", "cand_text"):
        other[n][:, 1:] = rng.integers(1, 4000, size=other[n][:, 1:].shape).astype(np.int32)
    other["cand_flags"][:, 1:] = 1.0
    p5, _ = full(ranker, other)
    check("isolation: other candidates changed", maxdiff(probs[:, 0], p5[:, 0]) <= TOL, f"{maxdiff(probs[:, 0], p5[:, 0]):.2e}")
    check("sanity: a changed candidate does change", maxdiff(probs[:, 1:], p5[:, 1:]) > 1e-4)
    # duplicate the batch in another order of sessions
    order = np.arange(feats["user_hash"].shape[0])[::-1].copy()
    fb = {n: v[order] for n, v in feats.items()}
    p6, _ = full(ranker, fb)
    check("batch invariance: sessions reordered", maxdiff(probs[order], p6) <= TOL, f"{maxdiff(probs[order], p6):.2e}")


def test_padding(ranker, feats):
    probs, dwell = full(ranker, feats)
    b, c = feats["cand_post"].shape[:2]
    padded = dict(feats)
    extra = 5
    for n in PR.CANDIDATE_INPUTS:
        v = feats[n]
        pad = np.zeros((b, extra) + v.shape[2:], v.dtype)
        padded[n] = np.concatenate([v, pad], 1)
    p2, d2 = full(ranker, padded)
    check("padding: extra padded candidates", maxdiff(probs, p2[:, :c]) <= TOL and maxdiff(dwell, d2[:, :c]) <= TOL * 30,
          f"{maxdiff(probs, p2[:, :c]):.2e}")
    # garbage in padded history slots must not matter
    g = dict(feats)
    inv = feats["hist_post"][:, :, 0] == 0
    for n in ("hist_author", "hist_surface", "hist_age", "hist_text"):
        v = feats[n].copy()
        v[inv] = 3
        g[n] = v
    v = feats["hist_actions"].copy()
    v[inv] = 1.0
    g["hist_actions"] = v
    v = feats["hist_dwell"].copy()
    v[inv] = 0.7
    g["hist_dwell"] = v
    p3, _ = full(ranker, g)
    check("padding: padded history slots ignored", maxdiff(probs, p3) <= TOL, f"{maxdiff(probs, p3):.2e}")
    # training's right-aligned history slice equals the full-length layout
    short = np.nonzero((feats["hist_post"][:, :, 0] != 0).sum(1) <= 60)[0]
    fs = {n: v[short] for n, v in feats.items()}
    ps, ds = full(ranker, fs)
    hb = max(int((fs["hist_post"][:, :, 0] != 0).sum(1).max()), 1)
    sl = dict(fs)
    for n in PR.HISTORY_INPUTS[1:]:
        sl[n] = fs[n][:, PR.H - hb:]
    p4, d4 = full(ranker, sl)
    check(f"padding: history sliced to last {hb} slots", hb < PR.H and maxdiff(ps, p4) <= TOL
          and maxdiff(ds, d4) <= TOL * 30, f"{maxdiff(ps, p4):.2e}")


def test_packing(ranker, feats):
    """Training packs candidates into rows that point at their session's prefix: same outputs."""
    probs, dwell = full(ranker, feats)
    b, c = feats["cand_post"].shape[:2]
    cap = 4
    rows, row_session, where = [], [], []
    for s in range(b):
        for start in range(0, c, cap):
            cols = list(range(start, min(c, start + cap)))
            rows.append((s, cols))
    packed = {n: np.zeros((len(rows), cap) + feats[n].shape[2:], feats[n].dtype) for n in PR.CANDIDATE_INPUTS}
    for r, (s, cols) in enumerate(rows):
        row_session.append(s)
        for n in PR.CANDIDATE_INPUTS:
            packed[n][r, : len(cols)] = feats[n][s, cols]
        where.append((s, cols))
    x = t(feats, PR.HISTORY_INPUTS) + [torch.from_numpy(packed[n]) for n in PR.CANDIDATE_INPUTS]
    with torch.no_grad():
        lg, dl = ranker.logits(*x, row_session=torch.tensor(row_session))
    pp, dd = torch.sigmoid(lg), 30.0 * torch.sigmoid(dl)
    worst = 0.0
    for r, (s, cols) in enumerate(where):
        worst = max(worst, maxdiff(pp[r, : len(cols)], probs[s, cols]), maxdiff(dd[r, : len(cols)], dwell[s, cols]) / 30)
    check("packing: candidate rows over shared prefixes = full ranker", worst <= TOL, f"{worst:.2e}")


def test_prefix_independent(ranker, feats):
    ranker.mode = "history"
    with torch.no_grad():
        a = ranker(*t(feats, PR.HISTORY_INPUTS))
    ranker.mode = "full"
    check("prefix keys/values depend only on user+history", all(isinstance(x, torch.Tensor) for x in a))


def test_fast_path(ranker, tt, feats):
    p0, d0 = full(ranker, feats)
    with torch.no_grad():
        u0 = tt.ut(*t(feats, TT.USER_INPUTS))
    PR.set_fast_matmul(True)
    try:
        p1, d1 = full(ranker, feats)
        with torch.no_grad():
            u1 = tt.ut(*t(feats, TT.USER_INPUTS))
        # and gradients flow through the fast path
        ranker.train()
        logits, dl = ranker.logits(*t(feats, PR.RANKER_INPUTS))
        (logits.sum() + dl.sum()).backward()
        grads_ok = all(p.grad is not None for p in ranker.parameters())
        ranker.zero_grad(set_to_none=True)
        ranker.eval()
    finally:
        PR.set_fast_matmul(False)
    check("training fast path = plain MatMul path", maxdiff(p0, p1) <= TOL and maxdiff(d0, d1) <= TOL * 30
          and maxdiff(u0, u1) <= TOL, f"{maxdiff(p0, p1):.2e}")
    check("every ranker parameter gets a gradient", grads_ok)


def test_towers(tt, feats):
    with torch.no_grad():
        u = tt.ut(*t(feats, TT.USER_INPUTS))
        flat = [torch.from_numpy(np.ascontiguousarray(feats[n][0])) for n in TT.POST_INPUTS]
        p = tt.pt(*flat)
        p1 = tt.pt(*[x[2:3] for x in flat])
    has_hist = torch.from_numpy((feats["hist_post"][:, :, 0] != 0).any(1))
    check("towers: unit-norm user embeddings (viewers with history)",
          float((u[has_hist].norm(dim=-1) - 1).abs().max()) < 1e-5)
    check("towers: unit-norm post embeddings", float((p.norm(dim=-1) - 1).abs().max()) < 1e-5)
    check("towers: post embedding independent of the batch", maxdiff(p[2:3], p1) <= TOL)
    check("towers: output dims", u.shape[-1] == TT.R and p.shape[-1] == TT.R)


def test_featurization():
    with tempfile.TemporaryDirectory() as d:
        import fake_dataset
        argv = sys.argv
        sys.argv = ["fake_dataset.py", "--out", d, "--train", "40", "--eval", "10"]
        try:
            fake_dataset.main()
        finally:
            sys.argv = argv
        _, tr, ev = DS.load(d)
        DS.check_against_features_py(tr, n=40)
        DS.check_against_features_py(ev, n=10)
        check("featurization: dataset batches == features.py (fake dataset)", True)
        # labels from bitmasks
        x, e = tr.batch([0, 1])
        lab = e["labels"][0, : tr.c_len[0]]
        ok = all(int(sum(int(lab[c, a]) << a for a in range(PR.A))) == int(tr.c_mask[tr.c_off[0] + c])
                 for c in range(tr.c_len[0]))
        check("labels [B,C,A] reproduce the bitmasks", ok)


def test_onnx_names(onnx_dir, ranker):
    if not onnx_dir or not os.path.exists(os.path.join(onnx_dir, "ranker.onnx")):
        print(f"skip ONNX name checks (no ranker.onnx in {onnx_dir})")
        return
    spec = set(n for n, _ in ranker.named_parameters())
    for f in EX.ONNX_FILES:
        m = onnx.load(os.path.join(onnx_dir, f))
        onnx.checker.check_model(m)
        # an int8 table (models:shrink) is "<name>.int8" + "<name>.scale" dequantized into <name>
        deq = {n.output[0] for n in m.graph.node if n.op_type == "DequantizeLinear"}
        inits = {i.name for i in m.graph.initializer if i.name.rsplit(".", 1)[0] not in deq} | deq
        alias = [n for n in m.graph.node if n.op_type == "Identity" and n.input[0] in inits]
        if f == "ranker.onnx":
            check(f"{f}: initializers == spec parameter names", inits == spec, str(sorted(spec ^ inits))[:200])
        elif f.startswith("ranker"):
            check(f"{f}: initializers ⊂ spec names", inits <= spec, str(sorted(inits - spec))[:200])
        else:
            pre = "ut." if f.startswith("user") else "pt."
            check(f"{f}: initializers prefixed {pre}", all(n.startswith(pre) for n in inits))
        check(f"{f}: opset 17, no aliased initializers", m.opset_import[0].version == 17 and not alias)


def test_early_stopping():
    """Losses 3.0, 2.9, 2.95, 2.96, 2.97 with patience 3: the 5th point is the 3rd without improvement, so
    it stops there and restores the weights of point 2 (worked out by hand)."""
    import convergence as CV
    m = torch.nn.Linear(1, 1, bias=False)
    stopper = CV.EarlyStopping(patience=3)
    stops = []
    for step, loss in enumerate([3.0, 2.9, 2.95, 2.96, 2.97], start=1):
        with torch.no_grad():
            m.weight.fill_(float(step))
        stops.append(stopper.update(m, step, loss))
    stopper.restore(m)
    check("early stopping: stops at the 3rd evaluation without improvement", stops == [False] * 4 + [True])
    check("early stopping: keeps and restores the best checkpoint",
          stopper.best_step == 2 and float(m.weight) == 2.0, f"best {stopper.best_step}, weight {float(m.weight)}")
    args = argparse.Namespace(profile="quick", ranker_steps=1400, patience=9)
    CV.apply_profile(args, CV.given_options(["--patience", "9"]))
    check("profiles: fill unset options, keep given ones", args.ranker_steps == 3000 and args.patience == 9)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt-dir", default=os.path.join(HERE, "..", "data", "checkpoints"))
    ap.add_argument("--onnx-dir", default=os.path.join(HERE, "..", "artifacts"))
    args = ap.parse_args()
    torch.set_num_threads(2)
    PR.set_fast_matmul(False)
    ranker, tt, trained = load_models(args.ckpt_dir)
    print(f"weights: {'trained checkpoints from ' + args.ckpt_dir if trained else 'random'}")
    feats = batch_of(requests(seed=99))
    test_split_vs_full(ranker, feats)
    test_isolation(ranker, feats)
    test_padding(ranker, feats)
    test_prefix_independent(ranker, feats)
    test_packing(ranker, feats)
    test_fast_path(ranker, tt, feats)
    test_towers(tt, feats)
    test_featurization()
    test_early_stopping()
    test_onnx_names(args.onnx_dir, ranker)
    print(f"{len(FAILURES)} failure(s)" + (": " + ", ".join(FAILURES) if FAILURES else ""))
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    random.seed(0)
    main()
