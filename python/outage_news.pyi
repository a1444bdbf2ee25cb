"""Classify news articles about internet and cloud outages (Korean, Chinese,
Indonesian, German, English) into structured facts, and group them into
incidents. A binding of the Rust crate ``outage-news``.

Facts are plain dicts, exactly the JSON of the Rust ``DocumentFacts``::

    {"id": str | None, "language": {"code", "confidence", "supported"},
     "is_outage": bool, "outage_score": float,
     "meta": {"title", "published", "source", "url", "encoding"},
     "incident": {"providers", "services", "unlisted_services", "symptoms",
                  "causes", "mitigations", "status", "regions",
                  "duration_minutes", "date", "times", "scale"} | None,
     "related_incidents": [...], "error": str  # only when set
    }

Every fact's ``mentions`` carry UTF-8 byte offsets into the (decoded) input.

``read_warc`` reads WARC files (Common Crawl's CC-NEWS), plain or gzipped,
into pages for ``Classifier.classify_batch_bytes``.
"""

from collections.abc import Iterable, Iterator, Sequence
from os import PathLike
from typing import Any, Optional, TypedDict, Union

__version__: str
DEFAULT_MAX_DOCUMENT_BYTES: int

Facts = dict[str, Any]
"""One document's facts: the JSON of the Rust ``DocumentFacts``."""

MergedIncident = dict[str, Any]
"""One incident: the JSON of the Rust ``incidents::MergedIncident``."""

class Classifier:
    """Reads news articles about outages and returns their facts as dicts.

    Build it once and reuse it: construction loads the dictionaries (a few
    tenths of a second). It is immutable and safe to share between threads; classifying
    releases the GIL.

    Args:
        lexicons: extra dictionary files (TOML) on top of the embedded ones.
        max_document_bytes: largest document read (default 32 MiB); larger
            ones get empty facts with an ``error`` field.

    Raises:
        ValueError: a lexicon file is malformed (names the file and line).
        OSError: a lexicon file cannot be read.
    """

    def __init__(
        self,
        lexicons: Optional[Sequence[Union[str, PathLike[str]]]] = None,
        max_document_bytes: Optional[int] = None,
    ) -> None: ...
    def classify(
        self,
        text: str,
        id: Optional[str] = None,
        published: Optional[str] = None,
        url: Optional[str] = None,
        title: Optional[str] = None,
    ) -> Facts:
        """Classify one article (plain text, HTML or markdown). Never fails.

        ``published`` (ISO 8601), ``url`` and ``title`` fill ``meta`` where the
        text's own metadata has none.
        """
    def classify_bytes(
        self,
        data: bytes,
        id: Optional[str] = None,
        published: Optional[str] = None,
        url: Optional[str] = None,
        title: Optional[str] = None,
        charset: Optional[str] = None,
    ) -> Facts:
        """Classify an article given as bytes in any common encoding (detected
        and decoded; ``meta.encoding`` names it). ``charset`` is a declared
        charset, used when the bytes decode in it without error."""
    def classify_batch(
        self,
        texts: Sequence[str],
        ids: Optional[Sequence[Optional[str]]] = None,
        published: Optional[Sequence[Optional[str]]] = None,
        urls: Optional[Sequence[Optional[str]]] = None,
        titles: Optional[Sequence[Optional[str]]] = None,
        threads: Optional[int] = None,
    ) -> list[Facts]:
        """Classify many texts on every core (or ``threads`` threads) with the
        GIL released; results keep the input order. The optional lists have
        one entry per text."""
    def classify_batch_json(
        self,
        texts: Sequence[str],
        ids: Optional[Sequence[Optional[str]]] = None,
        published: Optional[Sequence[Optional[str]]] = None,
        urls: Optional[Sequence[Optional[str]]] = None,
        titles: Optional[Sequence[Optional[str]]] = None,
        threads: Optional[int] = None,
    ) -> list[str]:
        """``classify_batch``, each document's facts as a compact JSON string."""
    def classify_batch_bytes(
        self,
        datas: Sequence[bytes],
        ids: Optional[Sequence[Optional[str]]] = None,
        published: Optional[Sequence[Optional[str]]] = None,
        urls: Optional[Sequence[Optional[str]]] = None,
        titles: Optional[Sequence[Optional[str]]] = None,
        charsets: Optional[Sequence[Optional[str]]] = None,
        threads: Optional[int] = None,
    ) -> list[Facts]:
        """``classify_bytes`` for many documents on every core; the optional
        lists (``charsets``: declared charsets) have one entry per document.
        The pages of ``read_warc`` go in as they come::

            pages = list(outage_news.read_warc("news.warc.gz"))
            facts = classifier.classify_batch_bytes(
                [p["data"] for p in pages], ids=[p["id"] for p in pages],
                published=[p["published"] for p in pages], urls=[p["url"] for p in pages],
                charsets=[p["charset"] for p in pages])
        """
    def classify_batch_bytes_json(
        self,
        datas: Sequence[bytes],
        ids: Optional[Sequence[Optional[str]]] = None,
        published: Optional[Sequence[Optional[str]]] = None,
        urls: Optional[Sequence[Optional[str]]] = None,
        titles: Optional[Sequence[Optional[str]]] = None,
        charsets: Optional[Sequence[Optional[str]]] = None,
        threads: Optional[int] = None,
    ) -> list[str]:
        """``classify_batch_bytes``, each document's facts as a compact JSON string."""

class WarcPage(TypedDict):
    """One page of a WARC file, as ``read_warc`` yields it."""

    id: str
    """The record's ``WARC-Target-URI``, else ``NAME@OFFSET``."""
    url: Optional[str]
    """The record's ``WARC-Target-URI``."""
    published: Optional[str]
    """The record's ``WARC-Date``."""
    charset: Optional[str]
    """The charset the HTTP ``Content-Type`` declares."""
    data: bytes
    """The HTTP body, in its own encoding (inflated if sent gzipped)."""
    offset: int
    """Byte offset of the record (its gzip member) in the file."""

class WarcReader(Iterator[WarcPage]):
    """The pages of a WARC file (``read_warc``): one dict per successful HTML
    or text response, in file order. Damaged parts are skipped, reading goes
    on at the next gzip member or record, and their messages collect in
    ``errors`` (or, with ``strict=True``, the first raises ``ValueError``)."""

    def __iter__(self) -> "WarcReader": ...
    def __next__(self) -> WarcPage: ...
    @property
    def errors(self) -> list[str]:
        """Messages of the damaged parts met so far (``NAME: byte offset N: ...``)."""
    @property
    def skipped(self) -> int:
        """Records so far that were no page (warcinfo, request, metadata,
        images, redirects, HTTP errors)."""
    @property
    def position(self) -> int:
        """Bytes of the file read so far."""

def read_warc(
    source: Union[bytes, str, PathLike[str]],
    name: Optional[str] = None,
    strict: bool = False,
) -> WarcReader:
    """Read a WARC file (CC-NEWS), plain or gzipped (told by its first bytes),
    from its bytes or a path. ``name`` names it in ids of pages without a URI
    and in error messages (default: the path, or ``warc``).

    Raises:
        OSError: the file cannot be opened.
        ValueError: with ``strict=True``, at the first damaged part.
    """

class Incidents:
    """Groups articles' facts into outage incidents across languages and days.

    Args:
        window_days: days between an article's outage day and an incident's
            within which it may join (default 3).
        horizon_days: days an incident stays open after its newest article
            (default 14).
    """

    def __init__(self, window_days: float = 3.0, horizon_days: float = 14.0) -> None: ...
    def add(self, facts: Facts, published: Optional[str] = None) -> Optional[str]:
        """Add one article's facts with its publication time (default: its
        ``meta.published``); returns the incident id it joined or opened, or
        None when it reports no outage."""
    def add_all(self, facts: Iterable[Facts]) -> None:
        """Add many facts in the order of their outage times."""
    def take_closed(self) -> list[MergedIncident]:
        """Incidents closed since the last call, ordered by first report."""
    def snapshot(self) -> list[MergedIncident]:
        """Incidents open now, ordered by first report."""
    def finish(self) -> list[MergedIncident]:
        """Every incident, open and closed; the tracker starts over empty."""

def cluster_incidents(facts: Iterable[Facts]) -> list[MergedIncident]:
    """Cluster facts (each with its ``meta.published``) into incidents with
    the default window, whatever their order; ordered by first report."""
