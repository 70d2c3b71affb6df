"""Writes models/train/int8-vectors.json: float32 table rows with Python's int8 rounding of them
(round_tables.py: q, scale and the on-grid rows), so shrink-graph.test.ts can check that the TypeScript
quantizer (what stores the tables) and the Python one (what rounds them before export) agree bit for bit.

Run: /usr/bin/python3 models/train/write_int8_vectors.py
"""

import json
import os

import numpy as np

import round_tables as R

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "int8-vectors.json")
COLS = 8


def rows():
    crafted = np.array([
        [127, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 63.5],  # scale 1: exact halves (JavaScript rounds them up)
        [0, 0, 0, 0, 0, 0, 0, 0],  # all zero: scale 1
        [-1.27, 0.635, 0, 1e-7, -1e-7, 0.01, -0.005, 0.00499],
        [3e-38, -1e-38, 1e-39, 0, 2e-38, -3e-38, 5e-39, 1e-45],  # tiny rows: subnormal scales
        [1e30, -5e29, 1, 0, 2.5e29, 7.5e29, -1e30, 3],
    ], np.float32)
    rng = np.random.default_rng(20261130)
    random = (rng.standard_normal((59, COLS)) * rng.choice([0.01, 0.05, 0.3], (59, 1))).astype(np.float32)
    return np.concatenate([crafted, random])


def main():
    values = rows()
    q, scale = R.quantize_rows(values)
    grid, _ = R.round_to_grid(values)
    doc = {
        "format": "for-you-edge/int8-rounding@1",
        "note": "values: float32 rows [R, C]; q, scale: round_tables.quantize_rows; grid: round_tables.round_to_grid",
        "cols": COLS,
        "values": [float(x) for x in values.reshape(-1)],
        "q": [int(x) for x in q.reshape(-1)],
        "scale": [float(x) for x in scale],
        "grid": [float(x) for x in grid.reshape(-1)],
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(doc, f)
        f.write("\n")
    print(f"wrote {len(values)} rows to {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
