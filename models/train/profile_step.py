"""Where a ranker training step spends its time, on the real data (models/data):

  /usr/bin/python3 models/train/profile_step.py --data models/data --steps 20 [--threads 2] [--batch 32]
      [--optimizer adamw|adagrad-tables]

Prints seconds per step split into batch building (numpy), forward, backward and the optimizer step, and
steps/s; also the process's CPU seconds per step (all threads), which depend far less than wall time on
what else runs on the machine. The first 3 steps are warm-up and not counted.
"""

import argparse
import os
import sys
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import torch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import dataset as DS  # noqa: E402
import phoenix_ranker as PR  # noqa: E402
import train as TR  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="models/data")
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--row-cap", type=int, default=16)
    ap.add_argument("--optimizer", default="adamw", choices=["adamw", "adagrad-tables"])
    ap.add_argument("--limit", type=int, default=3000, help="training sessions to load")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    PR.set_fast_matmul(True)
    _, train, _ = DS.load(args.data, train_limit=args.limit, need_eval=False)
    rng = np.random.default_rng(0)
    cand_rows = np.arange(train.n_candidates)
    base = ((train.c_mask[cand_rows, None] & DS.BITS) != 0).mean(0)
    ranker = PR.PhoenixRanker(head_base_rates=base, mean_dwell_seconds=8.0)
    ranker.train()
    opt = TR.make_optimizer(ranker, args.optimizer, 2e-3, 1e-2 if args.optimizer == "adamw" else 0.05, 1e-3)
    TR.set_sparse_tables(args.optimizer == "adagrad-tables")
    batches = DS.length_bucketed_batches(train.h_len, args.batch, rng)
    parts = {"batch": 0.0, "forward": 0.0, "backward": 0.0, "optimizer": 0.0}
    counted, cpu = 0, 0.0
    for k, b in enumerate(batches[: args.steps + 3]):
        c0 = time.process_time()
        t0 = time.perf_counter()
        x, e = train.batch(b, row_cap=args.row_cap)
        x = DS.to_torch(x)
        e = DS.to_torch({n: v for n, v in e.items() if n in TR.TARGETS})
        t1 = time.perf_counter()
        loss, _, _ = TR.ranker_loss(ranker, x, e, 2.0)
        t2 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        t3 = time.perf_counter()
        TR.clip_and_step(ranker, opt)
        t4 = time.perf_counter()
        if k >= 3:
            counted += 1
            cpu += time.process_time() - c0
            for name, dt in zip(parts, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                parts[name] += dt
    total = sum(parts.values())
    print(f"threads {args.threads} batch {args.batch} optimizer {args.optimizer}: "
          f"{counted / total:.2f} steps/s ({total / counted:.3f} s/step; "
          + ", ".join(f"{n} {v / counted:.3f}" for n, v in parts.items()) + f"); CPU {cpu / counted:.3f} s/step",
          flush=True)


if __name__ == "__main__":
    main()
