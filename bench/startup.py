"""Bundle size and cold start to the first painted window.

    python bench/startup.py            # measure, print, update bench/RESULTS.md
    python bench/startup.py --runs 9 --no-write

(a) Size of the frozen one-folder bundle in dist/ (MB and file count, largest parts,
    and the .tar.gz/.deb/installer next to it), if `python packaging/build.py` made one.
(b) Start to first paint: launches `python -m app --demo` and, if built, the frozen
    binary with `--demo`, offscreen, with USER_CLEANUP_BENCH_FIRST_PAINT=1. The app
    prints `first-paint-ms <ms>` (measured from the import of `app`) after the main
    window's first paint and exits 0. We also time spawn -> that line (includes the
    interpreter or bootloader start) and spawn -> exit. One unmeasured run first
    creates the demo workspace in a throw-away data folder; then `--runs` runs
    (default 5), median reported.

Only the section between `<!-- startup:begin -->` and `<!-- startup:end -->` of
bench/RESULTS.md is written; the other sections belong to bench/run.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
RESULTS = ROOT / "bench" / "RESULTS.md"
BEGIN, END = "<!-- startup:begin -->", "<!-- startup:end -->"
APP_ID = "user-cleanup"
PAINT_PREFIX = "first-paint-ms "


@dataclass
class Timings:
    label: str
    command: list[str]
    paint_ms: list[float] = field(default_factory=list)  # in-process, from `import app`
    spawn_paint_ms: list[float] = field(default_factory=list)  # spawn -> first-paint line
    spawn_exit_ms: list[float] = field(default_factory=list)  # spawn -> process exit
    first_run_ms: float = 0.0  # spawn -> first-paint line of the unmeasured first run


def frozen_binary() -> Path | None:
    if sys.platform == "darwin":
        candidate = DIST / "User Cleanup.app" / "Contents" / "MacOS" / APP_ID
    elif sys.platform == "win32":
        candidate = DIST / APP_ID / f"{APP_ID}.exe"
    else:
        candidate = DIST / APP_ID / APP_ID
    return candidate if candidate.is_file() else None


def launch_once(command: list[str], env: dict[str, str], timeout: float) -> tuple[float, float, float]:
    """Run one start; returns (in-process ms, spawn->paint ms, spawn->exit ms)."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        proc = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        try:
            paint_ms = spawn_paint_ms = -1.0
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.startswith(PAINT_PREFIX) and spawn_paint_ms < 0:
                    spawn_paint_ms = (time.perf_counter() - started) * 1000
                    paint_ms = float(line[len(PAINT_PREFIX) :])
            code = proc.wait()
            spawn_exit_ms = (time.perf_counter() - started) * 1000
        finally:
            killer.cancel()
        if code != 0 or paint_ms < 0:
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace")[-2000:]
            raise SystemExit(
                f"{' '.join(command)}: exit {code}, first paint line seen: {paint_ms >= 0}\n{tail}"
            )
    return paint_ms, spawn_paint_ms, spawn_exit_ms


def measure(label: str, command: list[str], env: dict[str, str], runs: int, timeout: float) -> Timings:
    result = Timings(label, command)
    print(f"{label}: {' '.join(command)}", flush=True)
    result.first_run_ms = launch_once(command, env, timeout)[1]
    print(f"  first run (creates the demo workspace if missing): {result.first_run_ms:.0f} ms", flush=True)
    for n in range(runs):
        paint, spawn_paint, spawn_exit = launch_once(command, env, timeout)
        result.paint_ms.append(paint)
        result.spawn_paint_ms.append(spawn_paint)
        result.spawn_exit_ms.append(spawn_exit)
        print(
            f"  run {n + 1}: first paint {paint:.0f} ms in-process, {spawn_paint:.0f} ms from spawn, "
            f"exit at {spawn_exit:.0f} ms",
            flush=True,
        )
    return result


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) under folder; symlinks count as files of their own (small) size."""
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_symlink() or path.is_file():
            total += path.lstat().st_size
            files += 1
    return total, files


def bundle_report() -> list[str]:
    bundle = DIST / APP_ID
    if not bundle.is_dir():
        return ["No frozen bundle in dist/ (run `python packaging/build.py` first).", ""]
    size, files = folder_size(bundle)
    lines = [
        f"Bundle `dist/{APP_ID}/` (PyInstaller one-folder): **{size / 1e6:.0f} MB in {files} files**.",
        "",
        "| largest parts of `_internal/` | MB |",
        "|---|---:|",
    ]
    internal = bundle / "_internal"
    parts = []
    for child in internal.iterdir() if internal.is_dir() else []:
        child_size = (
            folder_size(child)[0] if child.is_dir() and not child.is_symlink() else child.lstat().st_size
        )
        parts.append((child_size, child.name))
    for child_size, name in sorted(parts, reverse=True)[:8]:
        lines.append(f"| {name} | {child_size / 1e6:.1f} |")
    qt_lib = internal / "PySide6" / "Qt" / "lib"
    if qt_lib.is_dir():
        lines.append(f"| (of PySide6: Qt libraries) | {folder_size(qt_lib)[0] / 1e6:.1f} |")
    packages = sorted(
        p
        for p in DIST.iterdir()
        if p.is_file() and p.name.startswith(APP_ID) and p.suffix in {".gz", ".deb", ".exe", ".dmg"}
    )
    if packages:
        lines += ["", "| package | MB |", "|---|---:|"]
        lines += [f"| {p.name} | {p.stat().st_size / 1e6:.1f} |" for p in packages]
    return [*lines, ""]


def timing_table(results: list[Timings], runs: int) -> list[str]:
    lines = [
        f"Median of {runs} runs (after one unmeasured run), offscreen, demo workspace:",
        "",
        "| launch | first paint, in-process (ms) | spawn to first paint (ms) | spawn to exit (ms) "
        "| spawn to first paint, all runs (ms) | first run (ms) |",
        "|---|---:|---:|---:|---|---:|",
    ]
    for r in results:
        all_runs = ", ".join(f"{v:.0f}" for v in r.spawn_paint_ms)
        paint, spawn_paint = statistics.median(r.paint_ms), statistics.median(r.spawn_paint_ms)
        lines.append(
            f"| `{r.label}` | {paint:.0f} | {spawn_paint:.0f} "
            f"| {statistics.median(r.spawn_exit_ms):.0f} | {all_runs} | {r.first_run_ms:.0f} |"
        )
    return [*lines, ""]


def machine(load: str) -> list[str]:
    try:
        uname = subprocess.run(["uname", "-a"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        uname = " ".join(part for part in platform.uname() if part)
    return [
        f"- Date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Machine: `{uname}`, {os.cpu_count()} cores{load}",
        f"- Python: {platform.python_version()} ({sys.executable.replace(str(ROOT), '.')})",
    ]


def load_average() -> str:
    """', load average 1.23' where the OS has one: the machine is shared, so figures vary."""
    if not hasattr(os, "getloadavg"):
        return ""
    return f", load average {os.getloadavg()[0]:.2f} at the start"


def render(bundle: list[str], timings: list[str], runs: int, load: str) -> str:
    lines = [
        BEGIN,
        "## Startup and bundle size",
        "",
        *machine(load),
        f"- Reproduce: `python packaging/build.py && python bench/startup.py --runs {runs}`",
        "",
        "### Bundle size",
        "",
        *bundle,
        "### Start to first painted window",
        "",
        *timings,
        "*In-process* is measured by the app from the import of `app` to the end of the main "
        "window's first paint (`USER_CLEANUP_BENCH_FIRST_PAINT=1`). *Spawn to first paint* adds "
        "the Python interpreter start or the frozen bootloader start, as a user sees it. Runs "
        "are warm-cache (the machine is shared; page caches are not dropped). The history list "
        "loads after the first paint and is not in these figures.",
        END,
    ]
    return "\n".join(lines)


def write_results(section: str) -> None:
    """Replace only the startup section of RESULTS.md (or append it)."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure bundle size and start to first paint.")
    parser.add_argument("--runs", type=int, default=5, help="measured runs per launch (default 5)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    parser.add_argument("--no-frozen", action="store_true", help="skip the frozen binary")
    args = parser.parse_args(argv)

    load = load_average()
    bundle = bundle_report()
    print("\n".join(bundle))

    results: list[Timings] = []
    with tempfile.TemporaryDirectory(prefix="user-cleanup-bench-") as home:
        env = dict(os.environ)
        env.update(QT_QPA_PLATFORM="offscreen", USER_CLEANUP_BENCH_FIRST_PAINT="1")
        # A throw-away data folder, so the demo workspace and logs stay out of the real one.
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            env[var] = str(Path(home) / var.lower())
        launches = [("python -m app --demo", [sys.executable, "-m", "app", "--demo"])]
        binary = None if args.no_frozen else frozen_binary()
        if binary is not None:
            shown = str(binary.relative_to(ROOT)).replace("\\", "/")
            launches.append((f"{shown} --demo", [str(binary), "--demo"]))
        for label, command in launches:
            results.append(measure(label, command, env, args.runs, args.timeout))

    timings = timing_table(results, args.runs)
    print("\n".join(timings))
    if not args.no_write:
        write_results(render(bundle, timings, args.runs, load))
        print(f"updated {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
