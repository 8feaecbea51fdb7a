"""Render a results file as the short Markdown table of the README:

    python -m bench.report bench/results/2026-11-25-sqlite.json

Rows with a target, plus the baseline throughput, worker memory and rates for context."""

from __future__ import annotations

import json
import sys
from pathlib import Path

CONTEXT = ("bare Django view (baseline)", "worker RSS", ": rate", "growth data")


def keep(row: dict) -> bool:
    if row["target"]:
        return True
    if "bare Django view" in row["name"]:
        return row["name"].endswith("throughput")
    return any(word in row["name"] for word in CONTEXT)


def fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:,}"


def markdown(rows: list[dict]) -> str:
    lines = ["| benchmark | value | target | ratio to baseline | meets |", "|---|---:|---|---:|:-:|"]
    for r in rows:
        if not keep(r):
            continue
        value = "not measured" if r["value"] is None else f"{fmt(r['value'])} {r['unit']}"
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}"
        meets = {True: "yes", False: "**no**", None: ""}[r["meets"]]
        lines.append(f"| {r['name']} | {value} | {r['target'] or ''} | {ratio} | {meets} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))))
