"""dyad from Python: event data about international relations from news text.

    >>> import dyad
    >>> r = dyad.extract("Hungary and Uzbekistan signed a roadmap on Friday.", date="2025-03-14")
    >>> r["agreements"][0]["type"]
    'roadmap'

``extract`` returns the JSON object that ``dyad extract --json`` prints for
a JSON Lines record ``{text, date, title, dateline, url}`` (SPEC.md,
"Output contract"), as a dict: a dateline at the start of the text
(``ASTANA —``) or given apart (``dateline="WASHINGTON, Feb 26 -"``) is read
as the command reads it. ``extract_batch`` does the same for many texts on
every core, with the interpreter released. ``to_arrow`` turns results (or
texts) into a ``pyarrow.RecordBatch``, one row per event, entity,
agreement, party, quantity, quote, topic or document. Offsets are
``[start, end)`` in characters of ``doc.text``, the text as dyad read it
(dateline out), which ``include_text=True`` adds to the result.

Errors: a wrong argument type is a ``TypeError``; a bad date, an empty or
binary text, or mismatched list lengths a ``ValueError`` naming the text
(``texts[3]: empty text``). When dyad had to bound its work on a text (a
cut text, sentences read in pieces) a ``DyadWarning`` says so.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import warnings as _warnings

from . import _dyad

__version__ = _dyad.__version__

__all__ = [
    "DyadWarning",
    "KINDS",
    "extract",
    "extract_batch",
    "schema",
    "to_arrow",
]


class DyadWarning(UserWarning):
    """dyad bounded its work on a text, or (with ``errors="none"``) gave up on one."""


_OK, _BAD_INPUT = 0, 1


def _missing(value):
    """None, or a float NaN (how pandas marks a missing value)."""
    return value is None or (isinstance(value, float) and value != value)


def _check_date(value, where):
    if _missing(value):
        return None
    if isinstance(value, str):
        return value
    # datetime.datetime is a date too: its day is the date.
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    raise TypeError(
        f"{where}: date must be a str, a datetime.date or None, not {type(value).__name__}"
    )


def _check_str(value, what, where):
    if _missing(value):
        return None
    if isinstance(value, str):
        return value
    raise TypeError(f"{where}: {what} must be a str or None, not {type(value).__name__}")


def _check_jobs(jobs):
    if jobs is None:
        return _dyad.default_jobs()
    if isinstance(jobs, bool) or not isinstance(jobs, int):
        raise TypeError(f"jobs must be an int or None, not {type(jobs).__name__}")
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    return jobs


def _as_list(values, name, n):
    """``values`` as a list of ``n`` items (``None`` gives ``n`` Nones)."""
    if values is None:
        return [None] * n
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must be a list, not a {type(values).__name__}")
    values = list(values)
    if len(values) != n:
        raise ValueError(f"{n} texts but {len(values)} {name}")
    return values


def _run(texts, dates, titles, datelines, urls, sources, jobs, errors, include_text):
    if errors not in ("raise", "none"):
        raise ValueError(f'errors must be "raise" or "none", not {errors!r}')
    outcomes = _dyad.run(texts, dates, titles, datelines, urls, sources, jobs, include_text)
    results = []
    for status, payload, diagnostics in outcomes:
        for d in diagnostics:
            _warnings.warn(d, DyadWarning, stacklevel=3)
        if status != _OK:
            if errors == "raise":
                raise (ValueError if status == _BAD_INPUT else RuntimeError)(payload)
            _warnings.warn(payload, DyadWarning, stacklevel=3)
            results.append(None)
            continue
        results.append(_json.loads(payload))
    return results


def extract(
    text, date=None, title=None, *, dateline=None, url=None, source=None, include_text=False
):
    """Extracts events, entities, agreements, figures, quotes and topics from one text.

    Returns the output-contract dict (``doc``, ``entities``, ``events``,
    ``agreements``, ``quantities``, ``quotes``, ``topics``). ``date`` is a
    ``YYYY-MM-DD`` string (other written dates such as ``"June 9, 2025"``
    are read too) or a ``datetime.date``; without it a date line at the top
    of the text counts. ``dateline`` is a dateline kept apart from the text
    and ``url`` the article's address, as in a JSON Lines record;
    ``source`` becomes ``doc.source`` (default ``"text"``).
    ``include_text=True`` adds ``doc.text``, the text the offsets count in.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    source = _check_str(source, "source", "text")
    where = source or "text"
    return _run(
        [text],
        [_check_date(date, where)],
        [_check_str(title, "title", where)],
        [_check_str(dateline, "dateline", where)],
        [_check_str(url, "url", where)],
        [where],
        1,
        "raise",
        include_text,
    )[0]


def extract_batch(
    texts,
    dates=None,
    titles=None,
    jobs=None,
    *,
    datelines=None,
    urls=None,
    sources=None,
    errors="raise",
    include_text=False,
):
    """``extract`` for many texts at once, on ``jobs`` threads (default: one per core).

    ``dates``, ``titles``, ``datelines``, ``urls`` and ``sources`` are
    ``None`` or have one item (possibly ``None``) per text; ``doc.source``
    defaults to ``texts[i]``. Results come back in input order. With
    ``errors="raise"`` (the default) a bad text raises ``ValueError``; with
    ``errors="none"`` its result is ``None`` and a ``DyadWarning`` says why,
    so one bad article does not stop a large job.
    """
    if isinstance(texts, (str, bytes)):
        raise TypeError(f"texts must be a list of str, not a {type(texts).__name__}")
    texts = list(texts)
    n = len(texts)
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise TypeError(f"texts[{i}] must be a str, not {type(t).__name__}")
    dates = _as_list(dates, "dates", n)
    titles = _as_list(titles, "titles", n)
    datelines = _as_list(datelines, "datelines", n)
    urls = _as_list(urls, "urls", n)
    sources = _as_list(sources, "sources", n)
    for i in range(n):
        where = f"texts[{i}]"
        sources[i] = _check_str(sources[i], "source", where) or where
        dates[i] = _check_date(dates[i], sources[i])
        titles[i] = _check_str(titles[i], "title", sources[i])
        datelines[i] = _check_str(datelines[i], "dateline", sources[i])
        urls[i] = _check_str(urls[i], "url", sources[i])
    return _run(
        texts, dates, titles, datelines, urls, sources, _check_jobs(jobs), errors, include_text
    )


from ._arrow import KINDS, schema, to_arrow  # noqa: E402  (needs extract_batch)
