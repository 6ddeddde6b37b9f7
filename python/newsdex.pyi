# Type stubs of the newsdex module (python/*.cpp). The keywords of
# Searcher.search are the library's request fields (newsdex.request_fields());
# tests/python/test_module.py checks that this file lists exactly those.
import os
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

__version__: str
JSON_FORMAT_VERSION: int

_Path = Union[str, "os.PathLike[str]"]
_Number = Union[int, float, str]
_Flag = Union[bool, str]

class Error(Exception): ...

class QueryError(Error, ValueError):
    query: Optional[str]

class UsageError(Error, ValueError):
    field: Optional[str]

class DatabaseError(Error):
    kind: Optional[str]  # "missing", "locked", "corrupt", "version", "io", "unwritable", "unavailable" (a shard missing or down), "other"
    path: Optional[str]

class InputError(Error, ValueError):
    path: Optional[str]
    line: Optional[int]
    reason: Optional[str]

class Searcher:
    """One index or several (directories, Xapian stub files) searched as one; thread-safe."""
    def __init__(self, indexes: Union[_Path, Sequence[_Path]]) -> None: ...
    def search(
        self,
        query: str = "",
        *,
        natural: Optional[_Flag] = None,
        feedback: Optional[_Flag] = None,
        no_feedback: Optional[_Flag] = None,
        feedback_rounds: Optional[_Number] = None,
        regularise: Optional[_Flag] = None,
        no_regularise: Optional[_Flag] = None,
        rerank_strength: Optional[_Number] = None,
        limit: Optional[_Number] = None,
        offset: Optional[_Number] = None,
        sort: Optional[str] = None,
        lang: Optional[str] = None,
        facets: Union[None, str, Sequence[str]] = None,
        facet_limit: Optional[_Number] = None,
        related: Optional[_Number] = None,
        snippets: Optional[_Number] = None,
        snippet_bytes: Optional[_Number] = None,
        count: Optional[_Flag] = None,
        timeout: Optional[_Number] = None,
        since: Optional[str] = None,
        until: Optional[str] = None,
        no_collapse: Optional[_Flag] = None,
        expand: Optional[str] = None,
        like: Optional[str] = None,
        recency: Optional[str] = None,
        recency_ref: Optional[str] = None,
        now: Optional[str] = None,
        auto_correct: Optional[_Flag] = None,
        no_suggest: Optional[_Flag] = None,
        explain: Optional[_Flag] = None,
    ) -> Dict[str, Any]:
        """The `newsdex-search --format json` object (README "JSON output")."""
    def article(self, id: str) -> Optional[Dict[str, Any]]: ...
    def stats(self) -> Dict[str, Any]: ...
    def close(self) -> None: ...
    @property
    def closed(self) -> bool: ...
    @property
    def indexes(self) -> List[str]: ...
    def __enter__(self) -> "Searcher": ...
    def __exit__(self, *args: Any) -> None: ...

class IndexWriter:
    """Writes one index; a context manager that commits and closes."""
    def __init__(
        self,
        path: _Path,
        *,
        lang: str = ...,
        detect_language: bool = ...,
        entities: bool = ...,
        dedup: bool = ...,
        batch_size: int = ...,
        threads: int = ...,
        parallel_writers: bool = ...,
        memory: int = ...,
        max_word_bytes: int = ...,
        max_article_bytes: int = ...,
        wait: bool = ...,
    ) -> None: ...
    def upsert(self, article: Dict[str, Any]) -> str: ...
    def add(self, article: Dict[str, Any]) -> str: ...
    def add_file(self, path: _Path) -> Dict[str, Any]: ...
    def remove(self, id: str) -> bool: ...
    def delete(self, id: str) -> bool: ...
    def commit(self) -> None: ...
    def compact(self) -> Dict[str, Any]: ...
    def stats(self) -> Dict[str, int]: ...
    def close(self) -> None: ...
    @property
    def closed(self) -> bool: ...
    @property
    def path(self) -> str: ...
    def __enter__(self) -> "IndexWriter": ...
    def __exit__(self, *args: Any) -> None: ...

def extract_entities(text: str, lang: str = "en", *, title: str = "") -> List[Dict[str, Any]]: ...
def request_fields() -> List[Tuple[str, str, str]]: ...
