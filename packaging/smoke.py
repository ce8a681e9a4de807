"""Smoke-test a frozen or installed User Cleanup binary.

    python packaging/smoke.py dist/user-cleanup/user-cleanup      # Linux bundle
    python packaging/smoke.py /usr/bin/user-cleanup               # installed .deb
    python packaging/smoke.py dist/user-cleanup/user-cleanup.exe  # Windows bundle
    python packaging/smoke.py "dist/User Cleanup.app/Contents/MacOS/user-cleanup"

Runs the binary twice, offscreen and with a throw-away home for its config/data:
1. `--version`: must exit 0 and print the version from app/__init__.py;
2. `--self-test`: must exit 0 (it opens the main window offscreen, runs a cleanup
   on a demo workspace, writes and checks the identity-provider exports).
Exits non-zero, with the binary's output, if either fails. Used by CI and
.ci/build-smoke.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from appmeta import read_app_meta


def run_check(
    binary: Path, args: list[str], env: dict[str, str], timeout: float
) -> subprocess.CompletedProcess[str]:
    print(f"+ {binary} {' '.join(args)}", flush=True)
    started = time.monotonic()
    try:
        result = subprocess.run(
            [str(binary), *args],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise SystemExit(f"FAIL: {' '.join(args)} did not finish within {timeout:.0f} s") from exc
    print(f"  exit {result.returncode} after {time.monotonic() - started:.1f} s", flush=True)
    return result


def fail(what: str, result: subprocess.CompletedProcess[str]) -> None:
    print(f"FAIL: {what}", file=sys.stderr)
    print(f"--- stdout ---\n{result.stdout}--- stderr ---\n{result.stderr}", file=sys.stderr)
    raise SystemExit(1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Smoke-test a built User Cleanup binary.")
    parser.add_argument("binary", type=Path, help="the frozen or installed executable")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds per run")
    parser.add_argument("--version-only", action="store_true", help="skip --self-test (packaging work only)")
    args = parser.parse_args(argv)
    binary: Path = args.binary
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        raise SystemExit(f"FAIL: not an executable file: {binary}")
    version = read_app_meta().version

    with tempfile.TemporaryDirectory(prefix="user-cleanup-smoke-") as home:
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        # Keep the run away from the real user's settings and data (platformdirs on
        # Linux follows XDG_*; Windows and macOS have no such switch).
        for var, sub in (
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_DATA_HOME", "data"),
            ("XDG_STATE_HOME", "state"),
            ("XDG_CACHE_HOME", "cache"),
        ):
            env[var] = str(Path(home) / sub)

        result = run_check(binary, ["--version"], env, args.timeout)
        if result.returncode != 0:
            fail("--version exited non-zero", result)
        if version not in result.stdout:
            fail(f"--version did not print {version!r}", result)
        print(f"  ok: {result.stdout.strip()}")

        if not args.version_only:
            result = run_check(binary, ["--self-test"], env, args.timeout)
            if result.returncode != 0:
                fail("--self-test exited non-zero", result)
            last = result.stdout.strip().splitlines()[-1:] or ["(no output)"]
            print(f"  ok: {last[0]}")

    print(f"smoke test passed: {binary}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
