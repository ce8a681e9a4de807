"""Generate every application icon from the one source, resources/icons/user-cleanup.svg.

Outputs (committed, so a build never needs this script):

- resources/icons/hicolor/<N>x<N>/apps/user-cleanup.png for N in 16..512
  (the freedesktop hicolor layout; also used for the Qt window icon)
- resources/icons/user-cleanup.ico   (Windows: 16..256, for the exe and the installer)
- resources/icons/user-cleanup.icns  (macOS: 16..1024, for the .app bundle)

The SVG is rendered with Qt's own SVG renderer (QtSvg, offscreen), so the icons
look like what the app draws at run time; Pillow writes the PNG, ICO and ICNS files.

Usage: python packaging/make_icons.py
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "user-cleanup.svg"
NAME = "user-cleanup"

HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    """Render the SVG at size x size pixels and return it as an RGBA Pillow image."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # stub wants bytes, runtime str
    buffer.close()
    return Image.open(io.BytesIO(data.data())).convert("RGBA")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"error: cannot render {SOURCE}", file=sys.stderr)
        return 1

    sizes = sorted(set(HICOLOR_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES))
    images = {size: render(renderer, size) for size in sizes}
    written: list[Path] = []

    for size in HICOLOR_SIZES:
        target = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        images[size].save(target, "PNG", optimize=True)
        written.append(target)

    ico = ICONS / f"{NAME}.ico"
    largest_ico = images[max(ICO_SIZES)]
    largest_ico.save(
        ico,
        "ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    written.append(ico)

    icns = ICONS / f"{NAME}.icns"
    images[max(ICNS_SIZES)].save(
        icns,
        "ICNS",
        append_images=[images[s] for s in ICNS_SIZES if s != max(ICNS_SIZES)],
    )
    written.append(icns)

    for path in written:
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
