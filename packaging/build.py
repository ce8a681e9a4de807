"""Build User Cleanup for the system this runs on, and say where the results are.

    python packaging/build.py            # bundle + this OS's installers, into dist/
    python packaging/build.py --no-bundle  # reuse dist/user-cleanup/ from a previous run

- Linux:   dist/user-cleanup/ (PyInstaller one-folder bundle),
           dist/user-cleanup-<version>-linux-<arch>.tar.gz and
           dist/user-cleanup_<version>_<arch>.deb (dpkg-deb; installs under
           /opt/user-cleanup with /usr/bin/user-cleanup, a .desktop entry and icons)
- Windows: dist/user-cleanup/ and dist/user-cleanup-<version>-windows-setup.exe
           (Inno Setup's ISCC on packaging/windows/user-cleanup.iss)
- macOS:   dist/User Cleanup.app and dist/user-cleanup-<version>-macos-<arch>.dmg
           (hdiutil)

The version comes only from app/__init__.py. Needs the `package` extra
(`pip install -e ".[package]"`), plus dpkg-deb on Linux and Inno Setup 6 on Windows.
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import os
import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from appmeta import ROOT, AppMeta, read_app_meta

DIST = ROOT / "dist"
WORK = ROOT / "build"
PACKAGING = ROOT / "packaging"
RESOURCES = ROOT / "resources"


def run(cmd: list[str], cwd: Path | None = None) -> None:
    print("+ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=cwd)


def build_bundle() -> None:
    """PyInstaller one-folder build from packaging/app.spec into dist/."""
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK / "pyinstaller"),
            str(PACKAGING / "app.spec"),
        ],
        cwd=ROOT,
    )


# --------------------------------------------------------------------------- Linux


def linux_arch() -> str:
    """Debian architecture name (amd64, arm64, ...)."""
    if shutil.which("dpkg"):
        return subprocess.run(
            ["dpkg", "--print-architecture"], check=True, capture_output=True, text=True
        ).stdout.strip()
    return {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())


def build_tarball(meta: AppMeta, bundle: Path, arch: str) -> Path:
    """dist/<id>-<version>-linux-<arch>.tar.gz holding the bundle folder <id>/."""
    target = DIST / f"{meta.app_id}-{meta.version}-linux-{arch}.tar.gz"
    print(f"+ tar czf {target.name} {bundle.name}/", flush=True)

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=meta.app_id, filter=normalise)
    return target


def is_shared_library(path: Path) -> bool:
    return path.name.endswith(".so") or ".so." in path.name


def source_date() -> float:
    """SOURCE_DATE_EPOCH if set (reproducible builds), else the time of app/__init__.py."""
    return float(os.environ.get("SOURCE_DATE_EPOCH") or (ROOT / "app" / "__init__.py").stat().st_mtime)


def maintainer() -> str:
    control = (PACKAGING / "linux" / "control.in").read_text(encoding="utf-8")
    return next(
        line.split(":", 1)[1].strip() for line in control.splitlines() if line.startswith("Maintainer:")
    )


def build_deb(meta: AppMeta, bundle: Path, arch: str) -> Path:
    """dist/<id>_<version>_<arch>.deb built with dpkg-deb from a staged file tree.

    No maintainer scripts are needed: dpkg triggers of desktop-file-utils and the
    icon-cache tools refresh the menu and icon caches when files land in
    /usr/share/applications and /usr/share/icons/hicolor.
    """
    if not shutil.which("dpkg-deb"):
        raise SystemExit("error: dpkg-deb not found (apt-get install dpkg)")
    stage = WORK / "deb" / f"{meta.app_id}_{meta.version}_{arch}"
    if stage.exists():
        shutil.rmtree(stage)
    opt = stage / "opt" / meta.app_id
    shutil.copytree(bundle, opt, symlinks=True)

    usr_bin = stage / "usr" / "bin"
    usr_bin.mkdir(parents=True)
    (usr_bin / meta.app_id).symlink_to(f"/opt/{meta.app_id}/{meta.app_id}")

    applications = stage / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copy2(RESOURCES / f"{meta.app_id}.desktop", applications)

    hicolor = stage / "usr" / "share" / "icons" / "hicolor"
    shutil.copytree(RESOURCES / "icons" / "hicolor", hicolor)
    scalable = hicolor / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy2(RESOURCES / "icons" / f"{meta.app_id}.svg", scalable)

    doc = stage / "usr" / "share" / "doc" / meta.app_id
    doc.mkdir(parents=True)
    notices = (RESOURCES / "licenses" / "THIRD_PARTY_NOTICES.txt").read_text(encoding="utf-8")
    (doc / "copyright").write_text(
        "On Debian systems the complete texts of the GNU LGPL version 3 and GNU GPL version 3\n"
        "are in /usr/share/common-licenses/LGPL-3 and /usr/share/common-licenses/GPL-3; copies\n"
        f"also ship in /opt/{meta.app_id}/_internal/resources/licenses/.\n\n{notices}",
        encoding="utf-8",
    )
    changelog = (
        f"{meta.app_id} ({meta.version}) stable; urgency=medium\n\n"
        f"  * Release {meta.version}.\n\n"
        f" -- {maintainer()}  {email.utils.formatdate(source_date()).replace('-0000', '+0000')}\n"
    )
    (doc / "changelog.gz").write_bytes(gzip.compress(changelog.encode(), mtime=0))

    # dpkg wants 0755 directories, 0644 data and libraries, and no group/other write bits.
    for path in [stage, *stage.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir() or (path.stat().st_mode & 0o100 and not is_shared_library(path)):
            path.chmod(0o755)
        else:
            path.chmod(0o644)

    installed_kib = sum(p.lstat().st_size for p in stage.rglob("*") if not p.is_dir()) // 1024
    control_dir = stage / "DEBIAN"
    control_dir.mkdir()
    template = (PACKAGING / "linux" / "control.in").read_text(encoding="utf-8")
    control = (
        template.replace("@PACKAGE@", meta.app_id)
        .replace("@VERSION@", meta.version)
        .replace("@ARCH@", arch)
        .replace("@INSTALLED_SIZE@", str(installed_kib))
        .replace("@GLIBC@", platform.libc_ver()[1] or "2.31")
    )
    (control_dir / "control").write_text(control, encoding="utf-8")

    target = DIST / f"{meta.app_id}_{meta.version}_{arch}.deb"
    # gzip -6: several times faster than xz on a 2-core CI machine, for ~40% more bytes.
    run(["dpkg-deb", "--build", "--root-owner-group", "-Zgzip", "-z6", str(stage), str(target)])
    return target


def build_linux(meta: AppMeta) -> list[Path]:
    bundle = DIST / meta.app_id
    arch = linux_arch()
    return [bundle / meta.app_id, build_tarball(meta, bundle, arch), build_deb(meta, bundle, arch)]


# --------------------------------------------------------------------------- Windows


def find_iscc() -> str:
    found = shutil.which("ISCC") or shutil.which("iscc")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        if base and (Path(base) / "Inno Setup 6" / "ISCC.exe").is_file():
            return str(Path(base) / "Inno Setup 6" / "ISCC.exe")
    raise SystemExit("error: Inno Setup 6 (ISCC.exe) not found; install it, e.g. choco install innosetup")


def build_windows(meta: AppMeta) -> list[Path]:
    bundle = DIST / meta.app_id
    run(
        [
            find_iscc(),
            f"/DAppVersion={meta.version}",
            f"/DAppName={meta.name}",
            f"/DAppId={meta.app_id}",
            f"/DSourceDir={bundle}",
            f"/DIconFile={RESOURCES / 'icons' / (meta.app_id + '.ico')}",
            f"/O{DIST}",
            str(PACKAGING / "windows" / "user-cleanup.iss"),
        ]
    )
    setup = DIST / f"{meta.app_id}-{meta.version}-windows-setup.exe"
    return [bundle / f"{meta.app_id}.exe", setup]


# --------------------------------------------------------------------------- macOS


def build_macos(meta: AppMeta) -> list[Path]:
    app = DIST / f"{meta.name}.app"
    stage = WORK / "dmg"
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    run(["ditto", str(app), str(stage / app.name)])  # keeps symlinks and signatures
    (stage / "Applications").symlink_to("/Applications")
    dmg = DIST / f"{meta.app_id}-{meta.version}-macos-{platform.machine()}.dmg"
    dmg.unlink(missing_ok=True)
    run(
        [
            "hdiutil",
            "create",
            "-volname",
            meta.name,
            "-srcfolder",
            str(stage),
            "-fs",
            "HFS+",
            "-format",
            "UDZO",
            "-ov",
            str(dmg),
        ]
    )
    return [app / "Contents" / "MacOS" / meta.app_id, dmg]


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--no-bundle",
        action="store_true",
        help="skip PyInstaller and package the bundle already in dist/",
    )
    args = parser.parse_args(argv)
    meta = read_app_meta()
    print(f"Building {meta.name} {meta.version} for {sys.platform} into {DIST}", flush=True)
    DIST.mkdir(exist_ok=True)
    if not args.no_bundle:
        build_bundle()

    if sys.platform.startswith("linux"):
        results = build_linux(meta)
    elif sys.platform == "win32":
        results = build_windows(meta)
    elif sys.platform == "darwin":
        results = build_macos(meta)
    else:
        raise SystemExit(f"error: no installer recipe for {sys.platform}")

    print("\nResults:")
    for path in results:
        if not path.exists():
            raise SystemExit(f"error: expected output missing: {path}")
        size = path.stat().st_size if path.is_file() else 0
        label = f"{size / 1e6:.1f} MB" if size else ""
        print(f"  {path}  {label}".rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
