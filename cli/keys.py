"""One key press from the terminal, without losing keys typed ahead.

`click.getchar` puts the terminal in raw mode with `tty.setraw(fd)`, whose default (TCSAFLUSH)
discards input not yet read: a key pressed while the screen was being drawn, before the call,
was silently lost (a reviewer typing ahead, or a loaded machine, saw keys do nothing). This
reads the same way but switches modes with TCSANOW, so typed-ahead keys are read in order.
"""
from __future__ import annotations

import os
import sys

import click

try:
    import termios
    import tty
except ImportError:  # not a POSIX terminal (Windows): click's own reader
    termios = None  # type: ignore[assignment]


def getchar() -> str:
    """The next key (an escape sequence for arrow keys) as `click.getchar` returns it; Ctrl-C
    raises KeyboardInterrupt and Ctrl-D EOFError."""
    if termios is None or not sys.stdin.isatty():
        return click.getchar()
    fd = sys.stdin.fileno()
    try:
        old = termios.tcgetattr(fd)
    except termios.error:
        return click.getchar()
    try:
        tty.setraw(fd, termios.TCSANOW)
        ch = os.read(fd, 32).decode(sys.stdin.encoding or "utf-8", "replace")
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, old)
        sys.stdout.flush()
    if ch == "\x03":
        raise KeyboardInterrupt
    if ch == "\x04":
        raise EOFError
    return ch
