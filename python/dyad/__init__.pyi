import datetime
from typing import Any, Dict, Iterable, List, Literal, Optional, Union, overload

import pyarrow

__version__: str

DateLike = Union[str, datetime.date, None]
Kind = Literal[
    "events", "entities", "agreements", "parties", "quantities", "quotes", "topics", "documents"
]
Result = Dict[str, Any]
"""The output contract of ``dyad extract --json``: ``doc``, ``entities``,
``events``, ``agreements``, ``quantities``, ``quotes``, ``topics``."""

KINDS: tuple[str, ...]

class DyadWarning(UserWarning): ...

def extract(
    text: str,
    date: DateLike = None,
    title: Optional[str] = None,
    *,
    dateline: Optional[str] = None,
    url: Optional[str] = None,
    source: Optional[str] = None,
    include_text: bool = False,
) -> Result: ...
@overload
def extract_batch(
    texts: Iterable[str],
    dates: Optional[Iterable[DateLike]] = None,
    titles: Optional[Iterable[Optional[str]]] = None,
    jobs: Optional[int] = None,
    *,
    datelines: Optional[Iterable[Optional[str]]] = None,
    urls: Optional[Iterable[Optional[str]]] = None,
    sources: Optional[Iterable[Optional[str]]] = None,
    errors: Literal["raise"] = "raise",
    include_text: bool = False,
) -> List[Result]: ...
@overload
def extract_batch(
    texts: Iterable[str],
    dates: Optional[Iterable[DateLike]] = None,
    titles: Optional[Iterable[Optional[str]]] = None,
    jobs: Optional[int] = None,
    *,
    datelines: Optional[Iterable[Optional[str]]] = None,
    urls: Optional[Iterable[Optional[str]]] = None,
    sources: Optional[Iterable[Optional[str]]] = None,
    errors: Literal["none"],
    include_text: bool = False,
) -> List[Optional[Result]]: ...
def to_arrow(
    results_or_texts: Union[Result, Iterable[Optional[Result]], Iterable[str]],
    kind: Kind = "events",
    *,
    jobs: Optional[int] = None,
) -> pyarrow.RecordBatch: ...
def schema(kind: Kind = "events") -> pyarrow.Schema: ...
