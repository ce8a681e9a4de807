"""The benchmark harness of issue 5: scale figures beside same-run baselines.

    .venv/bin/python bench/run.py            # 10k, 100k and 300k users; writes bench/RESULTS.md
    .venv/bin/python bench/run.py --quick    # 10k only, well under a minute; prints, writes nothing
    .venv/bin/python bench/run.py --sizes 300k --no-write

For each size (files from bench/generate.py, made on first use):

* import: ``import_file`` into a fresh workspace, in a child process that does only that, time and
  peak RSS (``ru_maxrss``) beside a child that does only a bare ``pandas.read_csv`` of the file;
* cleanup: ``run_cleanup`` (Entra action, five target groups, 90 days) on the imported workspace;
* export: ``write_entra_exports`` of every synced group of that run beside one bare loop that
  writes the same bytes to the same disk (open, write, fsync, close, as the exporter must);
* history: ``python -m app --data-dir D`` on a workspace with 10,000 runs, offscreen, with
  ``USER_CLEANUP_BENCH_FIRST_PAINT=1``; the app prints ``first-paint-ms <ms>`` and exits;
* preview: ``PreviewModel`` creation, ``set_frame`` of a 300,000-row group and the first screen
  of cells, in an offscreen QApplication; then a scroll to row 20,000.

Each measurement runs in its own child process (``--child KIND``) so one does not warm or bloat
the next; times are the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import generate as gen  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
DATA = gen.DATA
ENTRA_GROUPS = ("Atlassian-Jira-Users", "Atlassian-Confluence-Users", "Atlassian-JSM-Agents")
TARGETS = (*ENTRA_GROUPS, "jira-software-users", "confluence-users")
HISTORY_RUNS = 10_000
PREVIEW_ROWS = 300_000
STARTUP_BEGIN, STARTUP_END = "<!-- startup:begin -->", "<!-- startup:end -->"
SCALE_BEGIN, SCALE_END = "<!-- scale:begin -->", "<!-- scale:end -->"

# Targets at 300k users (issue 5).
TARGET_IMPORT_RATIO = 2.0
TARGET_IMPORT_MB = 600
TARGET_CLEANUP_S = 1.0
TARGET_EXPORT_RATIO = 1.5
TARGET_HISTORY_MS = 2000
TARGET_PREVIEW_MS = 300


# -- children: each prints one JSON object on its last line -----------------------------------
def _peak_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def child_read_csv(path: str) -> dict[str, Any]:
    import pandas as pd

    start = time.perf_counter()
    frame = pd.read_csv(path)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": _peak_mb(), "rows": len(frame)}


def child_import(path: str, folder: str) -> dict[str, Any]:
    from app.core.importers import import_file
    from app.core.store import Workspace

    ws = Workspace.open(folder)
    start = time.perf_counter()
    summary = import_file(ws, path)
    seconds = time.perf_counter() - start
    ws.close()  # waits for the import's WAL checkpoint, which runs in the background
    return {
        "seconds": seconds,
        "closed_s": time.perf_counter() - start,
        "peak_mb": _peak_mb(),
        "users": summary.users,
        "groups": summary.groups,
        "memberships": summary.memberships,
    }


def child_cleanup_export(folder: str, out: str, repeat: int) -> dict[str, Any]:
    from app.core.engine import run_cleanup
    from app.core.exporters import write_entra_exports
    from app.core.models import Action, Criteria, EntraSettings
    from app.core.store import Workspace

    result: dict[str, Any] = {}
    with Workspace.open(folder) as ws:
        ws.save_entra_settings(
            EntraSettings(provisioning_enabled=True, synced_groups=ENTRA_GROUPS, max_rows=50_000)
        )
        criteria = Criteria(target_groups=TARGETS, inactive_days=90, as_of=gen.AS_OF)
        times, run_id = [], None
        for n in range(repeat):
            start = time.perf_counter()
            outcome = run_cleanup(ws, f"bench {n}", criteria, Action.ENTRA)
            times.append(time.perf_counter() - start)
            run_id = outcome.run_id
        assert run_id is not None
        result["cleanup_s"] = min(times)
        result["affected_users"] = outcome.affected_users
        result["rows"] = len(outcome.rows)
        result["idp_rows"] = sum(outcome.idp_groups.values())

    # reopened, as after a while in the window: the cleanups' background checkpoint is done
    with Workspace.open(folder) as ws:
        export_times, base_times, base_nosync = [], [], []
        for n in range(max(repeat, 10)):  # milliseconds each: more rounds for a stable best
            target = Path(out) / f"export-{n}"
            start = time.perf_counter()
            exported = write_entra_exports(ws, run_id, target)
            export_times.append(time.perf_counter() - start)
            contents = [(f.path.name, f.path.read_bytes()) for f in exported.files]
            for synced, times_list in ((True, base_times), (False, base_nosync)):
                base = Path(out) / f"baseline-{n}-{int(synced)}"
                base.mkdir(parents=True)
                start = time.perf_counter()
                for name, data in contents:  # the bare write loop
                    with open(base / name, "wb") as handle:
                        handle.write(data)
                        if synced:
                            handle.flush()
                            os.fsync(handle.fileno())
                times_list.append(time.perf_counter() - start)
        result["export_s"] = min(export_times)
        result["export_base_s"] = min(base_times)
        result["export_base_nosync_s"] = min(base_nosync)
        result["export_files"] = len(exported.files)
        result["export_mb"] = sum(len(d) for _, d in contents) / 1e6
    return result


def child_make_history(folder: str) -> dict[str, Any]:
    import pandas as pd

    from app.core.models import Action, Criteria, EntraSettings, RowAction
    from app.core.store import RUN_ROW_COLUMNS, Workspace

    with Workspace.open(folder) as ws:
        have = ws.info().cleanups
        if have < HISTORY_RUNS:
            ws.save_entra_settings(
                EntraSettings(provisioning_enabled=True, synced_groups=("Atlassian-Jira-Users",))
            )
            start_at = dt.datetime(2020, 1, 1, 9, 0)
            for n in range(have, HISTORY_RUNS):
                action = Action.ENTRA if n % 3 else Action.REVIEW
                rows = pd.DataFrame(
                    [
                        {
                            "account_id": f"712020:{n:032x}",
                            "email": f"user{n}@contoso.com",
                            "display_name": f"User {n}",
                            "group": "Atlassian-Jira-Users",
                            "action": (RowAction.ENTRA if n % 3 else RowAction.REVIEW).value,
                            "upn": f"user{n}@contoso.com" if n % 3 else None,
                            "skip_reason": None,
                            "last_seen": "2020-01-01",
                            "days_inactive": 120,
                        }
                    ],
                    columns=RUN_ROW_COLUMNS,
                )
                criteria = Criteria(
                    target_groups=("Atlassian-Jira-Users",),
                    inactive_days=90,
                    as_of=(start_at + dt.timedelta(hours=n)).date(),
                )
                ws.record_run(
                    f"Scheduled cleanup {n}",
                    action,
                    criteria,
                    rows,
                    1,
                    run_at=start_at + dt.timedelta(hours=n),
                )
        start = time.perf_counter()
        runs = ws.runs()
        seconds = time.perf_counter() - start
    return {"runs": len(runs), "runs_s": seconds}


def child_preview(rows: int) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import numpy as np
    import pandas as pd

    try:
        from PySide6.QtCore import QModelIndex, Qt
        from PySide6.QtWidgets import QApplication

        from app.ui.preview_model import PreviewModel
    except ImportError as exc:
        return {"pending": f"app/ui/preview_model.py not importable: {exc}"}

    app = QApplication.instance() or QApplication([])
    n = np.arange(rows)
    emails = pd.Series([f"user{i}@contoso.com" for i in range(rows)], dtype=object)
    skipped = n % 50 == 0
    frame = pd.DataFrame(
        {
            "account_id": [f"712020:{i:032x}" for i in range(rows)],
            "email": emails,
            "display_name": [f"User {i}" for i in range(rows)],
            "group": "Atlassian-Jira-Users",
            "action": "entra",
            "upn": emails.where(~skipped, None),
            "skip_reason": pd.Series(np.where(skipped, "domain not verified", None), dtype=object),
            "last_seen": pd.Series(np.where(n % 7 == 0, None, "2025-01-01"), dtype=object),
            "days_inactive": pd.array(np.where(n % 7 == 0, 400, 180), dtype="Int64"),
        }
    )

    def screen(model: Any, first: int) -> None:
        for row in range(first, first + 40):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                model.data(index, Qt.ItemDataRole.DisplayRole)
                model.data(index, Qt.ItemDataRole.DecorationRole)

    start = time.perf_counter()
    model = PreviewModel()
    model.set_frame(frame)
    model.rowCount()
    screen(model, 0)
    open_s = time.perf_counter() - start
    start = time.perf_counter()
    while model.rowCount() < 20_000 and model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    screen(model, 20_000 - 40)
    scroll_s = time.perf_counter() - start
    app.processEvents()
    return {"open_s": open_s, "scroll_s": scroll_s, "rows": rows}


CHILDREN = {
    "read_csv": child_read_csv,
    "import": child_import,
    "cleanup_export": child_cleanup_export,
    "make_history": child_make_history,
    "preview": child_preview,
}


# -- the parent -------------------------------------------------------------------------------
def run_child(kind: str, *args: Any, timeout: float = 900) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, *map(str, args)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"child {kind} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def best(repeat: int, *runs: tuple[str, tuple[Any, ...], Path | None]) -> list[dict[str, Any]]:
    """Per ``(kind, args, fresh folder)`` run: the best time (and the highest peak memory) of
    ``repeat`` rounds. Each round runs every child once, so machine load hits all alike."""
    results: list[list[dict[str, Any]]] = [[] for _ in runs]
    for _ in range(repeat):
        for (kind, args, fresh), collected in zip(runs, results, strict=True):
            if fresh is not None:
                shutil.rmtree(fresh, ignore_errors=True)
            collected.append(run_child(kind, *args))
    tops = []
    for collected in results:
        top = dict(min(collected, key=lambda r: r["seconds"]))
        top["peak_mb"] = max(r["peak_mb"] for r in collected)
        if "closed_s" in top:
            top["closed_s"] = min(r["closed_s"] for r in collected)
        tops.append(top)
    return tops


def measure_size(size: str, repeat: int, work: Path) -> dict[str, Any]:
    path = gen.generate(size, "atlassian")
    generic = gen.generate(size, "generic")
    folder = work / f"ws-{size}"
    row: dict[str, Any] = {"size": size, "users": gen.SIZES[size], "file_mb": path.stat().st_size / 1e6}
    baseline, imported = best(repeat, ("read_csv", (path,), None), ("import", (path, folder), folder))
    row.update(
        read_csv_s=baseline["seconds"],
        read_csv_mb=baseline["peak_mb"],
        import_s=imported["seconds"],
        import_closed_s=imported["closed_s"],
        import_mb=imported["peak_mb"],
        groups=imported["groups"],
        memberships=imported["memberships"],
    )
    generic_folder = work / f"ws-{size}-generic"
    generic_base, generic_import = best(
        1, ("read_csv", (generic,), None), ("import", (generic, generic_folder), generic_folder)
    )
    row.update(
        generic_read_csv_s=generic_base["seconds"],
        generic_import_s=generic_import["seconds"],
        generic_import_mb=generic_import["peak_mb"],
    )
    shutil.rmtree(generic_folder, ignore_errors=True)
    row.update(run_child("cleanup_export", folder, work / f"out-{size}", repeat))
    return row


def measure_history(work: Path) -> dict[str, Any]:
    folder = DATA / "history-10k"  # kept between runs: 10,000 runs take a while to record
    made = run_child("make_history", folder)
    result: dict[str, Any] = {"runs": made["runs"], "runs_s": made["runs_s"]}
    env = dict(os.environ, USER_CLEANUP_BENCH_FIRST_PAINT="1", QT_QPA_PLATFORM="offscreen")
    env.pop("USER_CLEANUP_DATA_DIR", None)
    cmd = [sys.executable, "-m", "app", "--data-dir", str(folder)]
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)
    except subprocess.TimeoutExpired:
        result["pending"] = "the window did not report first-paint-ms within 60 s (hook missing?)"
        return result
    wall = time.perf_counter() - start
    for line in proc.stdout.splitlines():
        if line.startswith("first-paint-ms"):
            result["first_paint_ms"] = float(line.split()[1])
            result["wall_ms"] = wall * 1000
            return result
    tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
    result["pending"] = f"no first-paint-ms line (exit {proc.returncode}: {tail[:160]})"
    return result


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    import pandas as pd

    return (
        f"{os.cpu_count()} cores ({cpu}){mem}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, pandas {pd.__version__}, SQLite "
        f"{__import__('sqlite3').sqlite_version}"
    )


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def render(rows: list[dict[str, Any]], history: dict[str, Any], preview: dict[str, Any], command: str) -> str:
    lines = [
        SCALE_BEGIN,
        "## Scale (issue 5)",
        "",
        f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} on {machine()}.",
        "",
        f"Command: `{command}` (files from `bench/generate.py`, seed {gen.SEED}, "
        f"as of {gen.AS_OF}, {len(gen.SITES)} sites, 49 groups, 1% odd names and emails).",
        "Times are the best of the repeats, each in a fresh child process; memory is the child's "
        "peak RSS (interpreter and libraries included, as for the baseline).",
        "",
        "| users | file | read_csv | import | ratio | read_csv peak | import peak | generic import "
        "(ratio) | cleanup | export | write loop | ratio | files |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['users']:,} | {r['file_mb']:.0f} MB | {r['read_csv_s']:.2f} s | "
            f"{r['import_s']:.2f} s | {r['import_s'] / r['read_csv_s']:.2f}x | "
            f"{r['read_csv_mb']:.0f} MB | {r['import_mb']:.0f} MB | "
            f"{r['generic_import_s']:.2f} s ({r['generic_import_s'] / r['generic_read_csv_s']:.2f}x) | "
            f"{r['cleanup_s']:.2f} s | {r['export_s']:.3f} s | {r['export_base_s']:.3f} s | "
            f"{r['export_s'] / r['export_base_s']:.2f}x | {r['export_files']} |"
        )
    lines += [
        "",
        "Cleanup: Entra action on " + ", ".join(TARGETS) + ", 90 days inactive. "
        "Export: every synced group of that run (write loop with fsync per file, as the "
        "exporter does; without fsync it takes "
        + ", ".join(f"{r['export_base_nosync_s'] * 1000:.0f} ms" for r in rows)
        + ").",
        "",
    ]
    big = next((r for r in rows if r["size"] == "300k"), None)
    lines += ["### Targets", "", "| target (300k users) | measured | verdict |", "|---|---|---|"]
    if big:
        ratio = big["import_s"] / big["read_csv_s"]
        lines.append(
            f"| import <= {TARGET_IMPORT_RATIO}x read_csv | {ratio:.2f}x | "
            f"{verdict(ratio <= TARGET_IMPORT_RATIO)} |"
        )
        lines.append(
            f"| (import until its background WAL checkpoint is done too, as the `import` command "
            f"waits for it) | {big['import_closed_s']:.2f} s = "
            f"{big['import_closed_s'] / big['read_csv_s']:.2f}x | - |"
        )
        lines.append(
            f"| import peak memory <= {TARGET_IMPORT_MB} MB | {big['import_mb']:.0f} MB | "
            f"{verdict(big['import_mb'] <= TARGET_IMPORT_MB)} |"
        )
        lines.append(
            f"| cleanup <= {TARGET_CLEANUP_S} s | {big['cleanup_s']:.2f} s "
            f"({big['affected_users']:,} users, {big['rows']:,} rows) | "
            f"{verdict(big['cleanup_s'] <= TARGET_CLEANUP_S)} |"
        )
        ratio = big["export_s"] / big["export_base_s"]
        lines.append(
            f"| export <= {TARGET_EXPORT_RATIO}x write loop | {ratio:.2f}x | "
            f"{verdict(ratio <= TARGET_EXPORT_RATIO)} |"
        )
    else:
        lines.append("| import, memory, cleanup, export | not run at 300k (--quick/--sizes) | - |")
    if "first_paint_ms" in history:
        lines.append(
            f"| history window, {history['runs']:,} runs, <= {TARGET_HISTORY_MS} ms from start | "
            f"{history['first_paint_ms']:.0f} ms (process wall {history['wall_ms']:.0f} ms) | "
            f"{verdict(history['first_paint_ms'] <= TARGET_HISTORY_MS)} |"
        )
    else:
        lines.append(
            f"| history window <= {TARGET_HISTORY_MS} ms | pending: {history.get('pending')} | pending |"
        )
    lines.append(
        f"| (core part: `Workspace.runs()` of {history.get('runs', 0):,} runs) | "
        f"{history.get('runs_s', 0) * 1000:.0f} ms | - |"
    )
    if "open_s" in preview:
        lines.append(
            f"| preview of {preview['rows']:,} rows opens <= {TARGET_PREVIEW_MS} ms | "
            f"{preview['open_s'] * 1000:.0f} ms (scroll to row 20,000: "
            f"{preview['scroll_s'] * 1000:.0f} ms) | "
            f"{verdict(preview['open_s'] * 1000 <= TARGET_PREVIEW_MS)} |"
        )
    else:
        lines.append(f"| preview <= {TARGET_PREVIEW_MS} ms | pending: {preview.get('pending')} | pending |")
    lines += ["", SCALE_END]
    return "\n".join(lines)


def write_results(section: str) -> None:
    """Replace the scale section of RESULTS.md, leaving every other section (startup) as is."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if SCALE_BEGIN in text and SCALE_END in text:
        head, rest = text.split(SCALE_BEGIN, 1)
        tail = rest.split(SCALE_END, 1)[1]
        text = head + section + tail
    else:
        # keep the scale section before the history notes, after the title
        marker = "<!-- scale:history -->"
        if marker in text:
            text = text.replace(marker, section + "\n\n" + marker, 1)
        else:
            text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def print_table(rows: list[dict[str, Any]], history: dict[str, Any], preview: dict[str, Any]) -> None:
    head = (
        f"{'users':>8} {'read_csv':>9} {'import':>8} {'ratio':>6} {'peak MB':>8} {'cleanup':>8} "
        f"{'export':>8} {'loop':>8} {'ratio':>6}"
    )
    print(head)
    for r in rows:
        print(
            f"{r['users']:>8,} {r['read_csv_s']:>8.2f}s {r['import_s']:>7.2f}s "
            f"{r['import_s'] / r['read_csv_s']:>5.2f}x {r['import_mb']:>8.0f} {r['cleanup_s']:>7.2f}s "
            f"{r['export_s']:>7.3f}s {r['export_base_s']:>7.3f}s "
            f"{r['export_s'] / r['export_base_s']:>5.2f}x"
        )
    if "first_paint_ms" in history:
        print(f"history window ({history['runs']:,} runs): first paint {history['first_paint_ms']:.0f} ms")
    else:
        print(f"history window: pending ({history.get('pending')})")
    print(f"Workspace.runs() with {history.get('runs', 0):,} runs: {history.get('runs_s', 0) * 1000:.0f} ms")
    if "open_s" in preview:
        print(
            f"preview {preview['rows']:,} rows: open {preview['open_s'] * 1000:.0f} ms, "
            f"scroll {preview['scroll_s'] * 1000:.0f} ms"
        )
    else:
        print(f"preview: pending ({preview.get('pending')})")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        kind, *args = argv[1:]
        func = CHILDREN[kind]
        converted = [int(a) if a.isdigit() else a for a in args]
        print(json.dumps(func(*converted)))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10k users only; do not write RESULTS.md")
    parser.add_argument("--sizes", help="comma-separated subset of 10k,100k,300k")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best is kept)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--skip-ui", action="store_true", help="skip the history window and preview")
    args = parser.parse_args(argv)
    sizes = ["10k"] if args.quick else gen.parse_sizes(args.sizes or ",".join(gen.SIZES))
    repeat = 1 if args.quick else args.repeat
    rows = []
    DATA.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="work-", dir=DATA) as tmp:
        work = Path(tmp)
        for size in sizes:
            print(f"measuring {size} …", file=sys.stderr, flush=True)
            rows.append(measure_size(size, repeat, work))
        if args.skip_ui or args.quick:
            history: dict[str, Any] = {"pending": "skipped (--quick/--skip-ui)"}
            preview: dict[str, Any] = {"pending": "skipped (--quick/--skip-ui)"}
        else:
            print("measuring the history window …", file=sys.stderr, flush=True)
            history = measure_history(work)
            print("measuring the preview …", file=sys.stderr, flush=True)
            preview = run_child("preview", PREVIEW_ROWS)
    print_table(rows, history, preview)
    if not (args.quick or args.no_write):
        command = (
            "python bench/run.py"
            + (f" --sizes {args.sizes}" if args.sizes else "")
            + (f" --repeat {args.repeat}" if args.repeat != 3 else "")
        )
        write_results(render(rows, history, preview, command))
        print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
