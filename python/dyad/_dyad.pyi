"""The compiled half of dyad (Rust, PyO3). Use the functions of ``dyad`` instead."""

from typing import List, Optional, Tuple

__version__: str

def run(
    texts: List[str],
    dates: List[Optional[str]],
    titles: List[Optional[str]],
    datelines: List[Optional[str]],
    urls: List[Optional[str]],
    sources: List[str],
    jobs: int,
    include_text: bool,
) -> List[Tuple[int, str, List[str]]]:
    """(status, payload, diagnostics) per text: status 0 gives the result as
    JSON, 1 a bad-input message, 2 an internal-error message."""

def default_jobs() -> int: ...
