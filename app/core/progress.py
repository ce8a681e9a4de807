"""Progress reporting and cancellation for long core operations, without Qt."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from app.core.errors import Cancelled

ProgressCallback = Callable[[float, str], None]


@dataclass
class Progress:
    """Passed into long operations. ``step`` reports a fraction in [0, 1] and a message,
    and raises :class:`Cancelled` once ``cancel()`` was called (from any thread)."""

    callback: ProgressCallback | None = None
    _cancel: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def step(self, fraction: float, message: str) -> None:
        """Report, after raising :class:`Cancelled` if the user asked to stop."""
        self.check()
        self.report(fraction, message)

    def report(self, fraction: float, message: str) -> None:
        """Report only; for work past the point where stopping would leave a half result."""
        if self.callback is not None:
            self.callback(min(max(fraction, 0.0), 1.0), message)

    def scaled(self, start: float, end: float) -> Progress:
        """A child for one stage: its 0..1 maps to ``start..end`` here; cancel is shared."""

        def forward(fraction: float, message: str) -> None:
            if self.callback is not None:
                self.callback(start + (end - start) * fraction, message)

        return Progress(callback=forward, _cancel=self._cancel)
