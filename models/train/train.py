"""Trains the Phoenix ranker and the two-tower retrieval model on the world's sessions, exports the ONNX
files and writes models/artifacts/manifest.json.

  /usr/bin/python3 models/train/train.py --data models/data --out models/artifacts [--profile quick|full]

Seeded torch / numpy and a fixed batch order. Each phase runs until its validation loss stops improving
(early stopping with patience; the best checkpoint is kept), its step cap, or its wall-clock budget,
whichever comes first (convergence.py; `--profile quick` ≤ 15 min, `--profile full` ≤ 60 min in all on
this 2-core CPU). Without a profile the historical fixed plan applies (1,400 ranker steps in ≤ 780 s, 700
two-tower steps in ≤ 240 s). The learning curve (train and validation loss per evaluation point) goes to
the manifest. A run that a budget or the validation loss stops is not step-for-step reproducible.
"""

import argparse
import hashlib
import json
import math
import os
import sys
import time

# Passive OpenMP waiting: with 2 cores and anything else running, spinning threads make every op
# several times slower. Must be set before torch (libgomp) loads.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as Fn  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import dataset as DS  # noqa: E402
import export_onnx as EX  # noqa: E402
import phoenix_ranker as PR  # noqa: E402
import convergence as CV  # noqa: E402
import quick_eval as QE  # noqa: E402
import two_tower as TT  # noqa: E402

EMBEDDING_TABLES = ("hash_table", "text_emb", "action_emb", "surface_emb", "hist_age_emb", "media_emb",
                    "cand_age_emb", "count_emb", "type_emb", "pos_emb")


def log(msg):
    print(msg, flush=True)


def param_groups(model, lr, emb_lr, wd):
    emb, mat, other = [], [], []
    for name, p in model.named_parameters():
        leaf = name.split(".")[-1] if not name.split(".")[-1].isdigit() else name.split(".")[-2]
        if leaf in EMBEDDING_TABLES:
            emb.append(p)
        elif p.dim() >= 2:
            mat.append(p)
        else:
            other.append(p)
    return [
        {"params": emb, "lr": emb_lr, "weight_decay": 0.0, "base_lr": emb_lr},
        {"params": mat, "lr": lr, "weight_decay": wd, "base_lr": lr},
        {"params": other, "lr": lr, "weight_decay": 0.0, "base_lr": lr},
    ]


SPARSE_TABLE_NAMES = ("hash_table", "text_emb")


class TwoOptimizers:
    """Dense AdamW for the matrices and small tables plus sparse Adagrad for hash_table and text_emb (upstream:
    Adam for dense weights, row-wise Adagrad for the embedding tables). Exposes what the loop uses."""

    def __init__(self, dense, sparse):
        self.parts = [dense, sparse]
        self.param_groups = dense.param_groups + sparse.param_groups

    def zero_grad(self, set_to_none=True):
        for o in self.parts:
            o.zero_grad(set_to_none=set_to_none)

    def step(self):
        for o in self.parts:
            o.step()


def make_optimizer(model, kind, lr, emb_lr, wd):
    """kind "adamw": one AdamW over everything (tables at emb_lr); "adagrad-tables": TwoOptimizers."""
    if kind == "adamw":
        set_sparse_tables(False)
        return torch.optim.AdamW(param_groups(model, lr, emb_lr, wd), betas=(0.9, 0.98), eps=1e-8)
    set_sparse_tables(True)
    tables = [p for n, p in model.named_parameters() if n.split(".")[-1] in SPARSE_TABLE_NAMES]
    table_ids = {id(p) for p in tables}
    groups = []
    for g in param_groups(model, lr, lr, wd):
        g["params"] = [p for p in g["params"] if id(p) not in table_ids]
        groups.append(g)
    dense = torch.optim.AdamW(groups, betas=(0.9, 0.98), eps=1e-8)
    sparse = torch.optim.Adagrad([{"params": tables, "lr": emb_lr, "base_lr": emb_lr}], lr=emb_lr)
    return TwoOptimizers(dense, sparse)


def set_sparse_tables(on):
    PR.set_sparse_tables(on)


def clip_and_step(model, opt, max_norm=1.0):
    """Clips the dense gradients' global norm (sparse table gradients go to Adagrad unclipped), then steps."""
    dense = [p for p in model.parameters() if p.grad is not None and not p.grad.is_sparse]
    torch.nn.utils.clip_grad_norm_(dense, max_norm)
    opt.step()
    if hasattr(model, "zero_padding_row"):
        model.zero_padding_row()


def lr_factor(step, warmup, progress):
    """Linear warmup over `warmup` steps, then cosine from 1 to 0.05 over progress ∈ [0, 1]."""
    if step < warmup:
        return (step + 1) / warmup
    t = min(1.0, max(0.0, progress))
    return 0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * t))


class Schedule:
    """Progress = max(step / planned_steps, elapsed / budget_s): on this machine the planned steps end
    first (deterministic run); on a slower or busier one the wall clock does, and the learning rate
    still anneals fully before the phase stops."""

    def __init__(self, planned_steps, budget_s, warmup):
        self.planned, self.budget, self.warmup = planned_steps, budget_s, warmup
        self.t0 = time.time()
        self.warm_steps_progress = 0.0

    def progress(self, step):
        return max(step / self.planned, (time.time() - self.t0) / self.budget)

    def factor(self, step):
        if step < self.warmup:
            return (step + 1) / self.warmup
        # progress measured from the end of warmup so the cosine always covers the remaining time
        if step == self.warmup:
            self.warm_steps_progress = self.progress(step)
        p0 = self.warm_steps_progress
        return lr_factor(step, 0, (self.progress(step) - p0) / max(1e-9, 1 - p0))

    def done(self, step):
        return self.progress(step) >= 1.0


def set_lr(opt, f):
    for g in opt.param_groups:
        g["lr"] = g["base_lr"] * f


TARGETS = ("cand_mask", "labels", "dwell_target", "row_session")
# An evaluation point at least every budget / 8 seconds too, so a slow (busy) machine still gets a curve.
EVALS_PER_BUDGET = 8


def ranker_loss(ranker, x, e, dwell_weight):
    logits, dwell_logit = ranker.logits(*[x[n] for n in PR.RANKER_INPUTS], row_session=e.get("row_session"))
    m = e["cand_mask"]
    n = m.sum().clamp(min=1.0)
    bce = Fn.binary_cross_entropy_with_logits(logits, e["labels"], reduction="none")  # [B,C,A]
    bce_per_head = (bce * m.unsqueeze(-1)).sum((0, 1)) / n
    dwell_pred = torch.sigmoid(dwell_logit)
    dwell_mse = (((dwell_pred - e["dwell_target"]) ** 2) * m).sum() / n
    return bce_per_head.sum() + dwell_weight * dwell_mse, bce_per_head.detach(), dwell_mse.detach()


@torch.no_grad()
def validate_ranker(ranker, sessions, idx, dwell_weight, batch_size=64):
    ranker.eval()
    tot, tot_bce, tot_dw, cnt = 0.0, 0.0, 0.0, 0.0
    order = idx[np.argsort(sessions.h_len[idx], kind="stable")]
    for k in range(0, len(order), batch_size):
        x, e = sessions.batch(order[k:k + batch_size])
        x, e = DS.to_torch(x), DS.to_torch({k2: v for k2, v in e.items() if k2 in TARGETS})
        loss, bce, dw = ranker_loss(ranker, x, e, dwell_weight)
        n = float(e["cand_mask"].sum())
        tot += float(loss) * n
        tot_bce += float(bce.sum()) * n
        tot_dw += float(dw) * n
        cnt += n
    ranker.train()
    return tot / cnt, tot_bce / cnt, tot_dw / cnt


def train_ranker(args, train, train_idx, val_idx):
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    # calibration: head_bias = logit(base rate) of each head over the training candidates
    cand_rows = np.concatenate([np.arange(train.c_off[s], train.c_off[s + 1]) for s in train_idx])
    base_rates = ((train.c_mask[cand_rows, None] & DS.BITS) != 0).mean(0)
    mean_dwell = float(np.clip(train.c_dwell[cand_rows], 0, DS.DWELL_CAP).mean())
    ranker = PR.PhoenixRanker(head_base_rates=base_rates, mean_dwell_seconds=mean_dwell)
    if args.init_from:
        QE.load_onnx_weights(ranker, [os.path.join(args.init_from, "ranker.onnx")])
        log(f"ranker: initialized from {args.init_from}/ranker.onnx (continued training)")
    ranker.train()
    opt = make_optimizer(ranker, args.table_optimizer, args.lr, args.emb_lr, args.wd)
    stopper = CV.EarlyStopping(args.patience if len(val_idx) else 0)
    stop_reason = "step cap"
    total = args.ranker_steps
    curve = []
    if args.init_from and len(val_idx):
        # continued training: the starting weights are the first candidate for the best checkpoint
        v0 = validate_ranker(ranker, train, val_idx, args.dwell_weight)
        stopper.update(ranker, 0, v0[0])
        curve.append({"step": 0, "epoch": 0.0, "train_loss": None, "val_loss": v0[0], "val_bce": v0[1],
                      "val_dwell_mse": v0[2], "elapsed_s": 0.0})
        log(f"  ranker eval at step 0 (initial weights): validation loss {v0[0]:.4f}")
    sched = Schedule(total, args.ranker_budget_s, args.warmup)
    last_eval = sched.t0
    t0 = sched.t0
    step, seen_sessions, seen_cands = 0, 0, 0
    run_loss, run_bce, run_dw, run_n = 0.0, 0.0, 0.0, 0
    history = []
    since_loss, since_n = 0.0, 0  # train loss since the previous evaluation point
    stopped_early = False
    epoch = 0
    log(f"ranker: {sum(p.numel() for p in ranker.parameters()):,} parameters; {len(train_idx)} training sessions, "
        f"{len(val_idx)} validation; {total} steps × {args.batch} sessions")
    while step < total:
        batches = DS.length_bucketed_batches(train.h_len[train_idx], args.batch, rng)
        for b in batches:
            if step >= total:
                break
            idx = train_idx[b]
            x, e = train.batch(idx, row_cap=args.row_cap)
            x = DS.to_torch(x)
            e = DS.to_torch({k: v for k, v in e.items() if k in TARGETS})
            set_lr(opt, sched.factor(step))
            loss, bce, dw = ranker_loss(ranker, x, e, args.dwell_weight)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            clip_and_step(ranker, opt)
            step += 1
            seen_sessions += len(idx)
            seen_cands += int(e["cand_mask"].sum())
            run_loss += float(loss)
            since_loss, since_n = since_loss + float(loss), since_n + 1
            run_bce += float(bce.sum())
            run_dw += float(dw)
            run_n += 1
            if step % args.log_every == 0 or step == total:
                el = time.time() - t0
                log(f"  ranker step {step:5d}/{total} ep {epoch} loss {run_loss / run_n:.4f} (bce {run_bce / run_n:.4f}, "
                    f"dwell mse {run_dw / run_n:.4f}) {seen_sessions / el:.1f} sessions/s {seen_cands / el:.0f} cands/s "
                    f"{el:.0f}s")
                history.append({"step": step, "epoch": round(seen_sessions / len(train_idx), 3), "loss": run_loss / run_n,
                                "bce": run_bce / run_n, "dwell_mse": run_dw / run_n, "elapsed_s": round(el, 1)})
                run_loss, run_bce, run_dw, run_n = 0.0, 0.0, 0.0, 0
            if len(val_idx) and (step % args.eval_every == 0 or step == total or sched.done(step)
                                 or time.time() - last_eval >= args.ranker_budget_s / EVALS_PER_BUDGET):
                vl = validate_ranker(ranker, train, val_idx, args.dwell_weight)
                last_eval = time.time()  # after validating: the timer counts training time only
                stop = stopper.update(ranker, step, vl[0])
                curve.append({"step": step, "epoch": round(seen_sessions / len(train_idx), 3),
                              "train_loss": since_loss / max(since_n, 1), "val_loss": vl[0],
                              "val_bce": vl[1], "val_dwell_mse": vl[2], "elapsed_s": round(time.time() - t0, 1)})
                since_loss, since_n = 0.0, 0
                log(f"  ranker eval at step {step}: validation loss {vl[0]:.4f} (best {stopper.best:.4f} at step "
                    f"{stopper.best_step}; {stopper.bad}/{args.patience} without improvement)")
                if stop:
                    log(f"  ranker: validation loss has not improved for {args.patience} evaluations; stopping")
                    stop_reason, total = "early stopping (validation loss)", step
                    break
            if step < total and sched.done(step):
                log(f"  ranker: wall-clock budget {args.ranker_budget_s}s reached at step {step}/{total}; stopping")
                stopped_early = True
                stop_reason, total = "wall-clock budget", step
                break
        epoch += 1
    train_s = time.time() - t0
    stopper.restore(ranker)
    set_sparse_tables(False)
    val = validate_ranker(ranker, train, val_idx, args.dwell_weight) if len(val_idx) else (float("nan"),) * 3
    log(f"ranker: {step} steps in {train_s:.0f}s ({step / max(train_s, 1e-9):.2f} steps/s, stopped by {stop_reason}); "
        f"best checkpoint step {stopper.best_step}: validation loss {val[0]:.4f} (bce {val[1]:.4f}, dwell mse {val[2]:.4f})")
    info = {"steps": step, "planned_steps": args.ranker_steps, "budget_s": args.ranker_budget_s, "stopped_early": stopped_early,
            "stop_reason": stop_reason, "best_step": stopper.best_step, "steps_per_second": round(step / max(train_s, 1e-9), 3),
            "eval_every": args.eval_every, "patience": args.patience, "learning_curve": curve,
            "table_optimizer": args.table_optimizer, "threads": torch.get_num_threads(), "epochs": round(
        seen_sessions / max(1, len(train_idx)), 3), "train_seconds": round(train_s, 1), "sessions_seen": seen_sessions,
        "candidates_seen": seen_cands, "final_train_loss": history[-1]["loss"] if history else None,
        "validation": {"loss": val[0], "bce": val[1], "dwell_mse": val[2]}, "loss_history": history,
        "head_base_rates": dict(zip(DS.ACTIONS, [float(r) for r in base_rates])), "mean_dwell_seconds": mean_dwell,
        "batch_sessions": args.batch, "candidate_row_cap": args.row_cap, "lr": args.lr, "emb_lr": args.emb_lr, "weight_decay": args.wd,
        "dwell_loss": f"{args.dwell_weight} × MSE(sigmoid, dwell/30)"}
    return ranker, info


@torch.no_grad()
def validate_two_tower(tt, sessions, idx, batch_size):
    """Mean in-batch softmax loss over fixed batches of the validation sessions (file order)."""
    tt.eval()
    losses = []
    for k in range(0, len(idx), batch_size):
        x, e = sessions.batch(idx[k:k + batch_size])
        xt = DS.to_torch(x)
        loss, n_pos = tt.loss([xt[n] for n in TT.USER_INPUTS], [xt[n] for n in TT.POST_INPUTS],
                              torch.from_numpy(e["post_index"]), torch.from_numpy(e["labels"]),
                              torch.from_numpy(e["cand_mask"]))
        if n_pos:
            losses.append(float(loss))
    tt.train()
    return float(np.mean(losses)) if losses else float("nan")


def train_two_tower(args, train, train_idx, val_idx, ranker):
    torch.manual_seed(args.seed + 1)
    rng = np.random.default_rng(args.seed + 1)
    tt = TT.TwoTower()
    if args.init_from:
        temp = (read_manifest(args.init_from).get("training", {}).get("two_tower") or {}).get("temperature", 0.1)
        QE.load_onnx_weights(tt, [os.path.join(args.init_from, f) for f in ("user_tower.onnx", "post_tower.onnx")],
                             extra={"log_temp": np.array([math.log(temp)], np.float32)})
        log(f"two-tower: initialized from {args.init_from} (temperature {temp:.4f})")
    elif ranker is not None:
        tt.warm_start(ranker)
    tt.train()
    opt = torch.optim.AdamW(param_groups(tt, args.tt_lr, args.tt_lr, args.wd), betas=(0.9, 0.98))
    stopper = CV.EarlyStopping(args.patience if len(val_idx) else 0)
    stop_reason, curve = "step cap", []
    since_loss, since_n = 0.0, 0
    total = args.tt_steps
    sched = Schedule(total, args.tt_budget_s, 50)
    last_eval = sched.t0
    t0 = sched.t0
    step, run, run_n, seen = 0, 0.0, 0, 0
    history = []
    stopped_early = False
    log(f"two-tower: {sum(p.numel() for p in tt.parameters()):,} parameters; {total} steps × {args.tt_batch} sessions")
    while step < total:
        for b in DS.length_bucketed_batches(train.h_len[train_idx], args.tt_batch, rng):
            if step >= total:
                break
            x, e = train.batch(train_idx[b])
            xt = DS.to_torch(x)
            user_in = [xt[n] for n in TT.USER_INPUTS]
            post_in = [xt[n] for n in TT.POST_INPUTS]
            set_lr(opt, sched.factor(step))
            loss, n_pos = tt.loss(user_in, post_in, torch.from_numpy(e["post_index"]), torch.from_numpy(e["labels"]),
                                  torch.from_numpy(e["cand_mask"]))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(tt.parameters(), 1.0)
            opt.step()
            tt.zero_padding_rows()
            with torch.no_grad():
                tt.log_temp.clamp_(math.log(0.01), math.log(1.0))
            step += 1
            seen += len(b)
            run += float(loss)
            run_n += 1
            since_loss, since_n = since_loss + float(loss), since_n + 1
            if step % args.log_every == 0 or step == total:
                el = time.time() - t0
                log(f"  two-tower step {step:5d}/{total} loss {run / run_n:.4f} temp {float(tt.log_temp.exp()):.4f} "
                    f"{seen / el:.1f} sessions/s {el:.0f}s")
                history.append({"step": step, "loss": run / run_n, "temperature": float(tt.log_temp.exp()),
                                "elapsed_s": round(el, 1)})
                run, run_n = 0.0, 0
            if len(val_idx) and (step % args.tt_eval_every == 0 or step == total or sched.done(step)
                                 or time.time() - last_eval >= args.tt_budget_s / EVALS_PER_BUDGET):
                vl = validate_two_tower(tt, train, val_idx, args.tt_batch)
                last_eval = time.time()
                stop = stopper.update(tt, step, vl)
                curve.append({"step": step, "train_loss": since_loss / max(since_n, 1), "val_loss": vl,
                              "elapsed_s": round(time.time() - t0, 1)})
                since_loss, since_n = 0.0, 0
                log(f"  two-tower eval at step {step}: validation loss {vl:.4f} (best {stopper.best:.4f} at step "
                    f"{stopper.best_step})")
                if stop:
                    log(f"  two-tower: validation loss has not improved for {args.patience} evaluations; stopping")
                    stop_reason, total = "early stopping (validation loss)", step
                    break
            if step < total and sched.done(step):
                log(f"  two-tower: wall-clock budget {args.tt_budget_s}s reached at step {step}/{total}; stopping")
                stopped_early = True
                stop_reason, total = "wall-clock budget", step
                break
    train_s = time.time() - t0
    stopper.restore(tt)
    info = {"steps": step, "planned_steps": args.tt_steps, "budget_s": args.tt_budget_s, "stopped_early": stopped_early,
            "stop_reason": stop_reason, "best_step": stopper.best_step, "learning_curve": curve,
            "train_seconds": round(train_s, 1),
            "final_loss": history[-1]["loss"] if history else None, "temperature": float(tt.log_temp.exp()),
            "loss_history": history, "batch_sessions": args.tt_batch, "lr": args.tt_lr,
            "warm_start": f"{args.init_from} (continued)" if args.init_from else
            ("ranker embeddings" if ranker is not None else None)}
    return tt, info


@torch.no_grad()
def retrieval_eval(tt, sessions, max_sessions=2000):
    """Within-session AUC of user·post for favorite (a retrieval sanity number, not a target)."""
    tt.eval()
    n = min(sessions.n, max_sessions)
    scores = np.zeros(sessions.n_candidates, np.float32)
    done = np.zeros(sessions.n_candidates, bool)
    for k in range(0, n, 64):
        idx = np.arange(k, min(n, k + 64))
        x, e = sessions.batch(idx)
        xt = DS.to_torch(x)
        u = tt.ut(*[xt[nm] for nm in TT.USER_INPUTS])
        b, c = e["cand_mask"].shape
        p = tt.pt(*[xt[nm].reshape(b * c, *xt[nm].shape[2:]) for nm in TT.POST_INPUTS]).reshape(b, c, -1)
        s = (p * u[:, None, :]).sum(-1).numpy()
        m = e["cand_flat"] >= 0
        scores[e["cand_flat"][m]] = s[m]
        done[e["cand_flat"][m]] = True
    y = sessions.labels()[done]
    fav = DS.ACTIONS.index("favorite")
    out = {"favorite_auc": QE.auc(scores[done], y[:, fav])}
    if sessions.truth is not None:
        out["oracle_favorite_auc"] = QE.auc(sessions.truth[done, fav], y[:, fav])
    tt.train()
    return out


def read_manifest(model_dir):
    path = os.path.join(model_dir, "manifest.json")
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def clean(o):
    """JSON-safe: NaN/inf → None, numpy scalars → Python."""
    if isinstance(o, dict):
        return {k: clean(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [clean(v) for v in o]
    if isinstance(o, (np.floating, float)):
        return float(o) if math.isfinite(float(o)) else None
    if isinstance(o, np.integer):
        return int(o)
    return o


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="models/data")
    ap.add_argument("--out", default="models/artifacts")
    ap.add_argument("--ckpt-dir", default=None, help="PyTorch checkpoints (default <data>/checkpoints)")
    ap.add_argument("--seed", type=int, default=20260721)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--row-cap", type=int, default=16, help="pack training candidates into rows of this many")
    ap.add_argument("--ranker-steps", type=int, default=1400)
    ap.add_argument("--ranker-budget-s", type=float, default=780)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--emb-lr", type=float, default=1e-2)
    ap.add_argument("--wd", type=float, default=1e-3)
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--dwell-weight", type=float, default=2.0)
    ap.add_argument("--tt-steps", type=int, default=700)
    ap.add_argument("--tt-batch", type=int, default=64)
    ap.add_argument("--tt-lr", type=float, default=2e-3)
    ap.add_argument("--tt-budget-s", type=float, default=240)
    ap.add_argument("--val-share", type=float, default=0.02)
    ap.add_argument("--profile", choices=sorted(CV.PROFILES), default=None,
                    help="quick (≤ 15 min) or full (≤ 60 min): steps, budgets, evaluation points (convergence.py)")
    ap.add_argument("--eval-every", type=int, default=100, help="ranker steps between validation evaluations")
    ap.add_argument("--tt-eval-every", type=int, default=100, help="two-tower steps between validation evaluations")
    ap.add_argument("--patience", type=int, default=3,
                    help="stop after this many evaluations without a better validation loss (0: never)")
    ap.add_argument("--table-optimizer", choices=["adamw", "adagrad-tables"], default="adamw",
                    help="adagrad-tables: sparse Adagrad for hash_table/text_emb (upstream's choice; slower here)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--init-from", default=None,
                    help="start from the models exported in this folder (continued training) instead of random init")
    ap.add_argument("--train-limit", type=int, default=None)
    ap.add_argument("--log-every", type=int, default=100)
    ap.add_argument("--skip-two-tower", action="store_true")
    ap.add_argument("--no-eval", action="store_true", help="skip the quick eval on sessions-eval.jsonl")
    args = ap.parse_args()
    CV.apply_profile(args, CV.given_options(sys.argv[1:]))
    log(f"profile {args.profile or 'default'}: ranker ≤ {args.ranker_steps} steps / {args.ranker_budget_s:.0f}s, "
        f"two-tower ≤ {args.tt_steps} steps / {args.tt_budget_s:.0f}s, validation every {args.eval_every} steps, "
        f"patience {args.patience}")

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    PR.set_fast_matmul(True)  # oneDNN convolutions for the products while training (same math)
    t_start = time.time()
    timings = {}
    ckpt_dir = args.ckpt_dir or os.path.join(args.data, "checkpoints")
    os.makedirs(ckpt_dir, exist_ok=True)
    os.makedirs(args.out, exist_ok=True)

    t = time.time()
    posts, train, ev = DS.load(args.data, train_limit=args.train_limit, need_eval=not args.no_eval)
    timings["load_featurize_s"] = round(time.time() - t, 1)
    log(f"data: {posts.n - 1} posts, {train.n} training sessions ({train.n_candidates} candidates)"
        + (f", {ev.n} eval sessions ({ev.n_candidates} candidates)" if ev else "") + f" in {timings['load_featurize_s']}s")
    DS.check_against_features_py(train, n=10, seed=args.seed)
    log("data: batch tensors match features.py on sampled sessions")

    # the eval file is never trained on; the last val_share of the training sessions is held out for
    # the validation loss every --eval-every steps (early stopping, best checkpoint: convergence.py)
    n_val = int(round(train.n * args.val_share))
    train_idx = np.arange(train.n - n_val)
    val_idx = np.arange(train.n - n_val, train.n)

    ranker, rinfo = train_ranker(args, train, train_idx, val_idx)
    timings["ranker_train_s"] = rinfo["train_seconds"]
    torch.save(ranker.state_dict(), os.path.join(ckpt_dir, "ranker.pt"))

    tt, tinfo = None, None
    if not args.skip_two_tower:
        tt, tinfo = train_two_tower(args, train, train_idx, val_idx, ranker)
        timings["two_tower_train_s"] = tinfo["train_seconds"]
        torch.save(tt.state_dict(), os.path.join(ckpt_dir, "two_tower.pt"))
    else:
        tt = TT.TwoTower()

    t = time.time()
    paths = EX.export_all(ranker, tt, args.out, fixture=True)
    onnx_paths = {k: v for k, v in paths.items() if k.endswith(".onnx")}
    verify = EX.verify_export(onnx_paths, ranker, tt)
    for f, r in verify.items():
        bad = r["stray_initializers"] or r["problems"] or r["unnamed"] or r.get("missing_params")
        if bad:
            raise SystemExit(f"export check failed for {f}: {r}")
    timings["export_s"] = round(time.time() - t, 1)
    log(f"export: {', '.join(f'{k} {os.path.getsize(v) / 1e6:.2f} MB' for k, v in paths.items())}")

    quick = None
    if ev is not None:
        t = time.time()
        probs, dwell = QE.predict(ranker, ev)
        rows, d = QE.evaluate(probs, dwell, ev)
        quick = {"heads": rows, "dwell": d}
        if not args.skip_two_tower:
            quick["retrieval"] = retrieval_eval(tt, ev)
        timings["quick_eval_s"] = round(time.time() - t, 1)
        log("quick eval (sessions-eval.jsonl; the TypeScript eval is the judge):")
        log(QE.format_table(rows, d))
        if "retrieval" in quick:
            log(f"two-tower: {quick['retrieval']}")

    world_manifest = {}
    wm = os.path.join(args.data, "manifest.json")
    if os.path.exists(wm):
        with open(wm, encoding="utf-8") as f:
            world_manifest = json.load(f)
    timings["total_s"] = round(time.time() - t_start, 1)
    artifacts = {}
    for name in EX.ONNX_FILES + ["fixture.json"]:
        p = os.path.join(args.out, name)
        size = os.path.getsize(p)
        artifacts[name] = {"bytes": size, "sha256": sha256(p)}
        if name.endswith(".onnx") and size > 16 * 1024 * 1024:
            raise SystemExit(f"{name} is {size} bytes, over the 16 MiB browser budget")
    manifest = {
        "format": "for-you-edge/phoenix-models@1",
        "config": EX.F.DOC,
        "world": {"seed": world_manifest.get("seed"), "preset": world_manifest.get("preset"),
                  "generatorVersion": world_manifest.get("generatorVersion")},
        "dataset": {"posts": posts.n - 1, "train_sessions": int(len(train_idx)), "validation_sessions": int(len(val_idx)),
                    "train_candidates": int(train.c_len[train_idx].sum()),
                    "eval_sessions": ev.n if ev else None, "eval_candidates": ev.n_candidates if ev else None},
        "training": {"seed": args.seed, "profile": args.profile, "init_from": args.init_from, "torch": torch.__version__, "threads": torch.get_num_threads(),
                     "ranker": rinfo, "two_tower": tinfo},
        "timings_s": timings,
        "quick_eval": quick,
        "artifacts": artifacts,
    }
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(clean(manifest), f, indent=2, allow_nan=False)
        f.write("\n")
    log(f"wrote {os.path.join(args.out, 'manifest.json')}; total {timings['total_s']}s")


if __name__ == "__main__":
    main()
