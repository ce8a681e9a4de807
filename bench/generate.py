"""Benchmark input files: Atlassian "Export users" and generic-format CSVs at 10k-300k users.

Uses the demo organisation's generator (``app.core.demo.generate_atlassian_export``) with more
sites and a share of odd names and emails, so the files are deterministic by seed:

    .venv/bin/python bench/generate.py                 # 10k, 100k, 300k into bench/data/
    .venv/bin/python bench/generate.py --sizes 10k --seed 7

Each size gives ``atlassian-<size>.csv`` and ``generic-<size>.csv``. An existing file made with
the same parameters is reused (the parameters are in ``<file>.params``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.core.demo import generate_atlassian_export  # noqa: E402

DATA = ROOT / "bench" / "data"
AS_OF = dt.date(2025, 6, 30)  # fixed, so files and results do not depend on the day
SEED = 7
TEAM_GROUPS = 30  # with departments, licensing and extra groups: 49 groups
ODD = 0.01  # share of odd names and, separately, odd emails
SITES = (
    ("Jira", "contoso"),
    ("Confluence", "contoso"),
    ("Jira Service Management", "contoso"),
    ("Jira", "contoso-eu"),
    ("Confluence", "contoso-eu"),
    ("Bitbucket", "contoso"),
)
SIZES = {"10k": 10_000, "100k": 100_000, "300k": 300_000}


def parse_sizes(text: str) -> list[str]:
    names = [s.strip() for s in text.split(",") if s.strip()]
    unknown = [n for n in names if n not in SIZES]
    if unknown:
        raise SystemExit(f"unknown size(s) {unknown}; choose from {', '.join(SIZES)}")
    return names


def generate(size: str, layout: str, *, seed: int = SEED, out: Path = DATA) -> Path:
    """Write (or reuse) the file for one size and layout; returns its path."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{layout}-{size}.csv"
    params = {
        "users": SIZES[size],
        "seed": seed,
        "as_of": AS_OF.isoformat(),
        "team_groups": TEAM_GROUPS,
        "sites": SITES,
        "odd": ODD,
        "layout": layout,
        "generator": 1,
    }
    stamp = path.with_suffix(".csv.params")
    wanted = json.dumps(params, sort_keys=True)
    if path.exists() and stamp.exists() and stamp.read_text() == wanted:
        return path
    text = generate_atlassian_export(
        SIZES[size],
        seed=seed,
        as_of=AS_OF,
        team_groups=TEAM_GROUPS,
        sites=SITES,
        odd=ODD,
        layout=layout,
    )
    temporary = path.with_suffix(".csv.part")
    temporary.write_text(text, encoding="utf-8", newline="")
    temporary.replace(path)
    stamp.write_text(wanted)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated: 10k,100k,300k")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args(argv)
    for size in parse_sizes(args.sizes):
        for layout in ("atlassian", "generic"):
            path = generate(size, layout, seed=args.seed, out=args.out)
            print(f"{path}  {path.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
