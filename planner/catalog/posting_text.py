"""Splits a job posting into the sentences, bullets and headings the extractor reads one by one.

Postings come as plain text or Markdown, pasted from web pages: bullets of any kind, numbered
lists, inline "### Heading - item - item" runs, bold labels. Every piece becomes a Segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planner.catalog.posting_cues import SKIPPED_SECTIONS

_MARKUP = re.compile(r"\*\*|__|`|(?<!\w)\*(?=\w)|(?<=\w)\*(?!\w)")
_MARKUP_CHARS = frozenset("*_`")
_DIGIT = re.compile(r"\d")
_INLINE_HEADING = re.compile(r"\s*#{1,6}\s+")
# An en dash between words is punctuation ("Architect – Associate"), not a bullet.
_INLINE_BULLET = re.compile(r"\s+(?:[-•◦▪·*])\s+(?=\S)")
_LEADING_BULLET = re.compile(r"^\s*(?:[-–•◦▪·*>]+|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
_INLINE_NUMBER = re.compile(r"\s+(?=\d{1,2}\.\s+[A-Z])")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z0-9\"'(\[])")
# Words whose trailing period does not end a sentence.
_ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "etc", "vs", "ph.d", "dr", "mr", "ms", "mrs", "inc", "approx", "no", "st"}
)
_OFF_TOPIC = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in SKIPPED_SECTIONS) + r")\b", re.IGNORECASE
)
_MAX_HEADING_WORDS = 8
_MAX_HEADING_CHARS = 70


@dataclass(frozen=True)
class Segment:
    """One sentence, bullet or heading of a posting, with markup removed."""

    text: str
    is_heading: bool
    # Under a heading about pay, the market or the employer: not about the candidate.
    off_topic: bool = False


_URL_OR_EMAIL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+")


def mask_links(text: str) -> str:
    """``text`` with web addresses and e-mail addresses blanked out, offsets kept: the
    "https" of a link is not the HTTPS protocol asked of a candidate."""
    return _URL_OR_EMAIL.sub(lambda m: " " * len(m.group()), text)


def _looks_like_heading(text: str) -> bool:
    if len(text) > _MAX_HEADING_CHARS or len(text.split()) > _MAX_HEADING_WORDS:
        return False
    return not text.endswith((".", "!", "?", ";", ","))


def _sentences(piece: str) -> list[str]:
    """``piece`` cut at sentence ends, not after abbreviations such as "e.g." or "Ph.D."."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(piece):
        before = piece[start : match.start()].rstrip("\"')]")
        last_word = before.rsplit(None, 1)[-1].rstrip(".").casefold() if before.split() else ""
        if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
            continue
        parts.append(piece[start : match.start()])
        start = match.end()
    parts.append(piece[start:])
    return [p.strip() for p in parts if p.strip()]


def split_segments(text: str) -> list[Segment]:
    """The posting's segments in reading order.

    A heading is a short piece without closing punctuation that stands alone on its line (or
    opens an inline "### ..." run) and carries no bullet: "Requirements", "Nice to have:".
    """
    segments: list[Segment] = []
    off_topic = False
    for raw_line in text.splitlines():
        # Each pattern only runs on lines holding its characters: most lines hold none.
        line = _MARKUP.sub("", raw_line) if _MARKUP_CHARS & set(raw_line) else raw_line
        line = line.strip()
        if not line:
            continue
        for chunk in _INLINE_HEADING.split(line) if "#" in line else (line,):
            items = [i for i in _INLINE_BULLET.split(chunk) if i.strip()]
            for position, item in enumerate(items):
                for piece in _INLINE_NUMBER.split(item) if _DIGIT.search(item) else (item,):
                    bare = _LEADING_BULLET.sub("", piece).strip()
                    if not bare:
                        continue
                    may_head = position == 0 and bare == piece.strip()
                    for sentence in _sentences(bare):
                        heading = may_head and _looks_like_heading(sentence)
                        if heading:
                            off_topic = bool(_OFF_TOPIC.search(sentence))
                        segments.append(Segment(sentence, heading, off_topic))
    return segments
