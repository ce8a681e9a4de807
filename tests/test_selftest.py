"""The self-test that CI runs against the frozen app: it passes, and it can fail."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.core.exporters import EntraExportResult, WrittenFile
from app.core.models import EntraSettings
from app.selftest import SelfTestFailure, check_entra_files

HEADER = b"Member object ID or user principal name [memberObjectIdOrUpn] Required"


def test_self_test_passes_in_a_fresh_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "--self-test"], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("self-test passed: User Cleanup")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\xef\xbb\xbf" + HEADER + b"\r\na@x.com", "BOM"),
        (HEADER + b"\na@x.com", "bare line feed"),
        (b"memberObjectIdOrUpn\r\na@x.com", "wrong header"),
        (HEADER + b"\r\nb@x.com\r\na@x.com", "not sorted"),
        (HEADER + b"\r\na+b@x.com\r\nb@x.com", "invalid UPN"),
        (HEADER + b"\r\na@x.com\r\nb@x.com\r\n", "3 rows, expected 2"),
    ],
)
def test_file_check_catches_broken_files(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "g.csv"
    path.write_bytes(content)
    result = EntraExportResult(files=[WrittenFile(group="g", path=path, rows=2)])
    with pytest.raises(SelfTestFailure, match=problem):
        check_entra_files(result, EntraSettings())
