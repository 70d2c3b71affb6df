"""Quick sanity eval of the PyTorch ranker on sessions-eval.jsonl: per-head AUC (pooled over all eval
candidates, ties averaged) of the model, of the truth-vector oracle and of the popularity baseline
models/eval uses (the post's smoothed per-view rate of the head's own count — favorite/reply/repost/quote
— or of all four for other positive heads; constant, AUC ½, for the negative heads), and calibration
Σp/Σy. No sklearn.

  /usr/bin/python3 models/train/quick_eval.py --data models/data [--ckpt models/data/checkpoints/ranker.pt
      | --onnx models/artifacts/ranker.onnx]

--onnx reads the weights from an exported ranker.onnx (its initializers carry the parameter names), so a
committed model and a new one can be compared on the same eval file through the same code.
"""

import argparse
import os
import time

import numpy as np
import torch

import dataset as DS
import phoenix_ranker as PR

ACTIONS = DS.ACTIONS
REPORT_HEADS = ["favorite", "reply", "repost", "click", "dwell", "not_interested", "block_author", "mute_author",
                "report", "not_dwelled"]
MIN_POSITIVES = 50


def auc(scores, labels):
    s = np.asarray(scores, np.float64)
    y = np.asarray(labels) > 0.5
    n_pos = int(y.sum())
    n_neg = len(y) - n_pos
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    uniq, inv, counts = np.unique(s, return_inverse=True, return_counts=True)
    ends = np.cumsum(counts)
    avg_rank = ends - (counts - 1) / 2.0  # 1-based average rank of each tie group
    ranks = avg_rank[inv]
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


@torch.no_grad()
def predict(ranker, sessions, batch_size=64, full_history=False):
    """→ probs [Ncand, A], dwell_seconds [Ncand] in the file's candidate order."""
    ranker.eval()
    probs = np.zeros((sessions.n_candidates, PR.A), np.float32)
    dwell = np.zeros(sessions.n_candidates, np.float32)
    order = np.argsort(sessions.h_len, kind="stable")
    for k in range(0, sessions.n, batch_size):
        idx = order[k:k + batch_size]
        x, e = sessions.batch(idx, full_history=full_history)
        xt = DS.to_torch(x)
        p, d = ranker(*[xt[n] for n in PR.RANKER_INPUTS])
        m = e["cand_flat"] >= 0
        probs[e["cand_flat"][m]] = p.numpy()[m]
        dwell[e["cand_flat"][m]] = d.numpy()[m]
    return probs, dwell


NEGATIVE_HEADS = {"not_interested", "block_author", "mute_author", "report", "not_dwelled", "post_unexplored"}
PRIOR_VIEWS = 200.0


def popularity_scores(posts, cand_counts, head):
    """models/eval/popularity.ts: (count + 200·globalRate) / (views + 200) (a monotone rescaling of its
    probabilities, so the same AUC). cand_counts: the candidates' counts at the serve time [N, 5]."""
    c = posts.raw_counts[1:]  # favorite, reply, repost, quote, view
    if head in NEGATIVE_HEADS:
        return np.ones(len(cand_counts))
    col = {"favorite": 0, "reply": 1, "repost": 2, "quote": 3}.get(head)
    sig = c[:, col] if col is not None else c[:, :4].sum(1)
    rate = sig.sum() / max(c[:, 4].sum(), 1.0)
    cc = cand_counts
    s = cc[:, col] if col is not None else cc[:, :4].sum(1)
    return (s + PRIOR_VIEWS * rate) / (cc[:, 4] + PRIOR_VIEWS)


def evaluate(probs, dwell, sessions, heads=None):
    y = sessions.labels()
    truth = sessions.truth
    rows = []
    for a, name in enumerate(ACTIONS):
        if heads is not None and name not in heads:
            continue
        pos = int(y[:, a].sum())
        row = {"head": name, "positives": pos, "base_rate": float(y[:, a].mean()),
               "auc": auc(probs[:, a], y[:, a]),
               "pop_auc": auc(popularity_scores(sessions.posts, sessions.c_raw_counts, name), y[:, a]),
               "calib": float(probs[:, a].sum() / max(y[:, a].sum(), 1e-9))}
        if truth is not None:
            row["oracle_auc"] = auc(truth[:, a], y[:, a])
            row["oracle_calib"] = float(truth[:, a].sum() / max(y[:, a].sum(), 1e-9))
        rows.append(row)
    d = {"dwell_mae_vs_label": float(np.abs(dwell - sessions.c_dwell).mean()),
         "dwell_pred_mean": float(dwell.mean()), "dwell_label_mean": float(sessions.c_dwell.mean())}
    if truth is not None:
        d["dwell_mae_vs_truth_mean"] = float(np.abs(dwell - truth[:, PR.A]).mean())
        d["dwell_corr_vs_truth_mean"] = float(np.corrcoef(dwell, truth[:, PR.A])[0, 1])
        d["oracle_dwell_mae_vs_label"] = float(np.abs(truth[:, PR.A] - sessions.c_dwell).mean())
    return rows, d


def format_table(rows, d):
    out = [f"{'head':22s} {'pos':>7s} {'rate':>7s} {'AUC':>6s} {'oracle':>6s} {'gap':>6s} {'pop':>6s} {'Σp/Σy':>6s} {'ok':>3s}"]
    for r in rows:
        o = r.get("oracle_auc", float("nan"))
        gap = r["auc"] - o
        ok = ""
        if r["positives"] >= MIN_POSITIVES and r["head"] in REPORT_HEADS:
            good = gap >= -0.03 and r["auc"] >= r["pop_auc"] + 0.05 and 0.85 <= r["calib"] <= 1.15
            ok = "yes" if good else "NO"
        out.append(f"{r['head']:22s} {r['positives']:7d} {r['base_rate']:7.4f} {r['auc']:6.3f} {o:6.3f} "
                   f"{gap:+6.3f} {r['pop_auc']:6.3f} {r['calib']:6.3f} {ok:>3s}")
    out.append("dwell_seconds: " + ", ".join(f"{k} {v:.3f}" for k, v in d.items()))
    return "\n".join(out)


def load_onnx_weights(module, paths, extra=None):
    """Loads a module's parameters from the initializers of exported ONNX files (they carry the parameter
    names); `extra` supplies any not exported (the two-tower temperature)."""
    import onnx
    from onnx import numpy_helper

    init = dict(extra or {})
    for path in paths:
        graph = onnx.load(path).graph
        tensors = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
        init.update(tensors)
        # int8 tables (models:shrink): the float32 table DequantizeLinear makes, float32(q) · row scale
        for n in graph.node:
            if n.op_type == "DequantizeLinear" and n.input[0] in tensors:
                q, scale = tensors[n.input[0]], tensors[n.input[1]]
                init[n.output[0]] = q.astype(np.float32) * scale.astype(np.float32).reshape(-1, 1)
    want = module.state_dict()
    missing = [k for k in want if k not in init]
    if missing:
        raise SystemExit(f"{paths} lack initializers {missing[:5]}")
    module.load_state_dict({k: torch.as_tensor(np.array(init[k], np.float32)).reshape(v.shape) for k, v in want.items()})
    return module


def ranker_from_onnx(path):
    """A PhoenixRanker with the weights of an exported ranker.onnx."""
    return load_onnx_weights(PR.PhoenixRanker(), [path])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="models/data")
    ap.add_argument("--ckpt", default=None)
    ap.add_argument("--onnx", default=None, help="read the weights from this ranker.onnx instead of --ckpt")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    torch.set_num_threads(2)
    ckpt = args.ckpt or os.path.join(args.data, "checkpoints", "ranker.pt")
    t0 = time.time()
    posts = DS.Posts(os.path.join(args.data, "posts.jsonl"))
    ev = DS.Sessions(os.path.join(args.data, "sessions-eval.jsonl"), posts, limit=args.limit)
    if args.onnx:
        ranker = ranker_from_onnx(args.onnx)
    else:
        ranker = PR.PhoenixRanker()
        ranker.load_state_dict(torch.load(ckpt))
    probs, dwell = predict(ranker, ev)
    rows, d = evaluate(probs, dwell, ev)
    print(f"eval: {ev.n} sessions, {ev.n_candidates} candidates ({time.time() - t0:.1f} s)")
    print(format_table(rows, d))


if __name__ == "__main__":
    main()
