"""Rounds an exported model set's big embedding tables to the int8 grid in PyTorch and re-exports it, so the
fp32 graphs, fixture.json (the PyTorch parity fixture) and the manifest describe the rounded model; storing
those tables as int8 afterwards (shrink-graph.ts) is then lossless and every parity check keeps comparing
ONNX against a PyTorch-produced fixture at its usual tolerance.

  /usr/bin/python3 models/train/round_tables.py --in models/artifacts --out DIR

Step one of `npm run models:shrink` (models/train/shrink-artifacts.ts), which then makes the graphs
WebGPU-safe and stores the tables as int8. --in may be fp32 or an int8 set (its tables are read dequantized).

The grid is exactly shrink-graph.ts's `quantizeRows` (symmetric per row, scale = fround(max|row| / 127),
q = Math.round(x / scale) clamped to ±127, all in float64 like JavaScript) and ORT's DequantizeLinear
(float32(q) · scale in float32). Re-quantizing a dequantized row can pick a scale one ulp off, so rounding
repeats until quantize∘dequantize maps the table to itself (one or two passes in practice).
"""

import argparse
import json
import os
import shutil
import sys

import numpy as np
import onnx

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import export_onnx as EX  # noqa: E402
import phoenix_ranker as PR  # noqa: E402
import quick_eval as QE  # noqa: E402
import torch  # noqa: E402
import two_tower as TT  # noqa: E402

MIN_ELEMENTS = 200_000  # shrink-graph.ts SHRINK_MIN_ELEMENTS
MAX_PASSES = 8
SCHEME = ("symmetric per-row int8: scale = float32(max|row| / 127), q = round half up(x / scale) in [-127, 127], "
          "value = float32(q) * scale; tables rounded in PyTorch before export, so fixture.json is the rounded model's")


def js_round(x):
    """JavaScript's Math.round on float64: nearest integer, halves towards +∞ (x − floor(x) is exact here)."""
    f = np.floor(x)
    return f + (x - f >= 0.5)


def quantize_rows(values):
    """shrink-graph.ts quantizeRows: float32 [R, C] → int8 q [R, C], float32 scale [R]."""
    v = values.astype(np.float64)
    mx = np.abs(v).max(axis=1)
    scale = np.where(mx > 0, mx / 127.0, 1.0).astype(np.float32)
    q = np.clip(js_round(v / scale.astype(np.float64)[:, None]), -127, 127).astype(np.int8)
    return q, scale


def dequantize_rows(q, scale):
    """ORT DequantizeLinear, per axis 0, zero point 0: float32(q) · scale, rounded once to float32."""
    return q.astype(np.float32) * scale[:, None]


def round_to_grid(values):
    """The table moved onto the int8 grid: a fixed point of quantize → dequantize. → (table, passes)."""
    cur = np.asarray(values, np.float32)
    for passes in range(1, MAX_PASSES + 1):
        nxt = dequantize_rows(*quantize_rows(cur))
        if np.array_equal(nxt.view(np.uint32), cur.view(np.uint32)):
            return cur, passes - 1
        cur = nxt
    raise SystemExit(f"int8 rounding did not reach a fixed point in {MAX_PASSES} passes")


def gathered_tables(path):
    """Names of the tables shrink-graph.ts stores as int8 in one graph: 2-D float initializers of ≥ MIN_ELEMENTS
    read only as a Gather's data input, plus tables an int8 input set already stores (DequantizeLinear outputs)."""
    g = onnx.load(path).graph
    names = set()
    for t in g.initializer:
        if t.data_type != onnx.TensorProto.FLOAT or len(t.dims) != 2 or t.dims[0] * t.dims[1] < MIN_ELEMENTS:
            continue
        readers = [n for n in g.node if t.name in n.input]
        if readers and all(n.op_type == "Gather" and list(n.input).index(t.name) == 0 for n in readers):
            names.add(t.name)
    names.update(n.output[0] for n in g.node if n.op_type == "DequantizeLinear")
    return names


def load_models(in_dir, manifest):
    ranker = QE.load_onnx_weights(PR.PhoenixRanker(), [os.path.join(in_dir, "ranker.onnx")])
    temp = (manifest.get("training", {}).get("two_tower") or {}).get("temperature", 0.1)
    tt = QE.load_onnx_weights(TT.TwoTower(), [os.path.join(in_dir, f) for f in ("user_tower.onnx", "post_tower.onnx")],
                              extra={"log_temp": np.array([np.log(temp)], np.float32)})
    return ranker, tt


def round_modules(modules, tables):
    """Rounds every named table in place; → {name: {dims, passes, maxAbsChange}}."""
    done = {}
    for module in modules:
        params = dict(module.named_parameters())
        for name in sorted(tables & params.keys()):
            p = params[name]
            before = p.detach().numpy().copy()
            after, passes = round_to_grid(before)
            with torch.no_grad():
                p.copy_(torch.from_numpy(after))
            done[name] = {"dims": list(before.shape), "passes": passes,
                          "maxAbsChange": float(np.abs(after.astype(np.float64) - before).max())}
    missing = tables - done.keys()
    if missing:
        raise SystemExit(f"tables not found among the PyTorch parameters: {sorted(missing)}")
    return done


def copy_other_files(in_dir, out_dir):
    for f in os.listdir(in_dir):
        src, dst = os.path.join(in_dir, f), os.path.join(out_dir, f)
        if f in EX.ONNX_FILES or f in ("fixture.json", "manifest.json"):
            continue
        if os.path.isdir(src):
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            shutil.copyfile(src, dst)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--in", dest="in_dir", default=os.path.join(HERE, "..", "artifacts"))
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    if os.path.realpath(args.in_dir) == os.path.realpath(args.out):
        raise SystemExit("--out must differ from --in")
    torch.set_num_threads(2)
    with open(os.path.join(args.in_dir, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    tables = set().union(*(gathered_tables(os.path.join(args.in_dir, f)) for f in EX.ONNX_FILES))
    ranker, tt = load_models(args.in_dir, manifest)
    rounded = round_modules([ranker, tt], tables)
    for name, r in rounded.items():
        print(f"{name} {r['dims']}: on the int8 grid after {r['passes']} pass(es), max change {r['maxAbsChange']:.3g}")

    os.makedirs(args.out, exist_ok=True)
    paths = EX.export_all(ranker, tt, args.out, fixture=True)
    report = EX.verify_export({k: v for k, v in paths.items() if k.endswith(".onnx")}, ranker, tt)
    for f, r in report.items():
        if r["stray_initializers"] or r["problems"] or r["unnamed"] or r.get("missing_params"):
            raise SystemExit(f"export check failed for {f}: {r}")
    copy_other_files(args.in_dir, args.out)
    for name in EX.ONNX_FILES + ["fixture.json"]:
        p = os.path.join(args.out, name)
        manifest["artifacts"][name] = {"bytes": os.path.getsize(p), "sha256": sha256(p)}
    manifest["int8Tables"] = {"scheme": SCHEME, "tables": {k: v["dims"] for k, v in rounded.items()}}
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2, allow_nan=False)
        f.write("\n")
    print(f"wrote {args.out}: fp32 graphs and fixture.json of the rounded model ({len(rounded)} tables)")


def sha256(path):
    import hashlib
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


if __name__ == "__main__":
    main()
