r"""A small progress bar for long commands, drawn on stderr only when stderr is a terminal.

Why not tqdm or rich: the toolkit's core dependencies are sympy, mpmath and hypothesis, and what the
commands need is one line redrawn in place (``\r``), throttled, cleared at the end, silent when
stderr is a file or a pipe (CI logs, ``2> log``), which is forty lines.  Both libraries would add
a dependency for that.

A :class:`Progress` is a callable ``progress(done, total)``, the protocol of every ``progress=``
keyword in the toolkit (``map_tasks``, the dynamics), so one object can be handed down to the
engines.  With no total known it shows a counter and the elapsed time; :meth:`Progress.ticking`
redraws the elapsed time from a background thread while a call without a progress hook runs;
:func:`long_call` picks one or the other for a single long call.
"""

from __future__ import annotations

import contextlib
import inspect
import sys
import threading
import time
from typing import IO

__all__ = ["Progress", "long_call"]

_BAR = 24


class Progress:
    r"""``label [#####-------]  12/50  3.1 s`` on one redrawn line of ``stream`` (default stderr).

    Parameters
    ----------
    label : str
        What is being done, e.g. ``"verify"``.
    total : int, optional
        Number of units, when known in advance.
    stream : file, optional
        Default ``sys.stderr``.
    enabled : bool, optional
        Default: whether ``stream`` is a terminal.  ``--quiet`` passes False.
    interval : float
        Minimum seconds between redraws (the last one is always drawn).

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> with Progress("demo", 3, stream=out, enabled=True, interval=0) as bar:
    ...     for k in range(1, 4):
    ...         bar(k, 3)
    >>> "demo [" in out.getvalue() and " 3/3 " in out.getvalue() and out.getvalue().endswith("\r\x1b[K")
    True
    >>> silent = io.StringIO()
    >>> with Progress("demo", 3, stream=silent) as bar:   # not a terminal: draws nothing
    ...     bar(3, 3)
    >>> silent.getvalue()
    ''
    """

    def __init__(self, label: str, total: int | None = None, *, stream: IO[str] | None = None,
                 enabled: bool | None = None, interval: float = 0.1):
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled, self.label, self.total, self.interval = enabled, label, total, interval
        self.done = 0
        self.note = ""
        self._start = time.monotonic()
        self._last = -float("inf")
        self._lock = threading.Lock()
        self._stop: threading.Event | None = None
        self._drawn = False

    def __call__(self, done: int, total: int | None = None) -> None:
        """Record progress (``done`` of ``total`` units) and redraw if the throttle allows."""
        self.done = done
        if total is not None:
            self.total = total
        self._draw(final=self.total is not None and done >= self.total)

    def say(self, note: str) -> None:
        """Show ``note`` after the counter (e.g. the claim being decided)."""
        self.note = note
        self._draw(final=True)

    def _line(self) -> str:
        elapsed = time.monotonic() - self._start
        if self.total:
            filled = min(_BAR, _BAR * self.done // self.total)
            body = f"{self.label} [{'#' * filled}{'-' * (_BAR - filled)}] {self.done}/{self.total}"
        else:
            body = f"{self.label} {self.done}" if self.done else self.label
        text = f"{body}  {elapsed:.1f} s" + (f"  {self.note}" if self.note else "")
        from pluralnash.cli.output import width

        return text[: width() - 1]

    def _draw(self, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        with self._lock:
            if not final and now - self._last < self.interval:
                return
            self._last = now
            self.stream.write("\r\x1b[K" + self._line())
            self.stream.flush()
            self._drawn = True

    def ticking(self, every: float = 0.5) -> "Progress":
        """Redraw the elapsed time every ``every`` seconds until :meth:`close` (for calls with no hook)."""
        if self.enabled and self._stop is None:
            self._stop = threading.Event()

            def tick(stop=self._stop):
                while not stop.wait(every):
                    self._draw(final=True)
            threading.Thread(target=tick, name="pluralnash-progress", daemon=True).start()
        return self

    def close(self) -> None:
        """Stop the ticker and clear the line, leaving the terminal as it was."""
        if self._stop is not None:
            self._stop.set()
            self._stop = None
        if self.enabled and self._drawn:
            with self._lock:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
                self._drawn = False

    def __enter__(self) -> "Progress":
        self._draw(final=True)
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@contextlib.contextmanager
def long_call(label: str, fn, total: int | None = None):
    """A progress bar on a terminal's stderr for one long call: ``fn``'s own ``progress=(done, total)``
    hook when it has one (yields ``{"progress": bar}`` to pass on), else the elapsed time, ticking."""
    with Progress(label, total) as bar:
        try:
            hooked = "progress" in inspect.signature(fn).parameters
        except (TypeError, ValueError):
            hooked = False
        if not hooked:
            bar.ticking()
        yield {"progress": bar} if hooked and bar.enabled else {}
