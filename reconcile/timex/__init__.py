"""Time expressions in English prose -> EDTF values with earliest/latest bounds.

    from reconcile.timex import find_times, normalise, TimeValue, TimeMatch

`find_times(text, anchor)` finds every time phrase in a text; `normalise(phrase, anchor)` reads
one phrase. The grammar is data (`grammar.py`); `points.py` writes the EDTF; the `edtf` package
is the reference for what is valid EDTF and what its bounds are (`edtf_check.py`).
"""
from reconcile.timex.matcher import find_times, normalise
from reconcile.timex.values import TimeMatch, TimeValue

__all__ = ["find_times", "normalise", "TimeMatch", "TimeValue"]
