"""The page-layout engine: blocks kept whole, headings kept with what follows, breaks."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QPainter

from planner.export.flow import Flowable, PageBreak, Space, paginate


@dataclass
class Block:
    name: str
    height: float
    keep_with_next: bool = False
    discardable: bool = False

    def draw(self, painter: QPainter, top: float) -> None:
        pass

    def split(self, available: float, page: float) -> tuple[Flowable, Flowable] | None:
        return None


def names(pages: list[list[tuple[Flowable, float]]]) -> list[list[str]]:
    return [[getattr(f, "name", "space") for f, _ in page] for page in pages]


def test_blocks_are_kept_whole() -> None:
    pages = paginate([Block("a", 60), Block("b", 60), Block("c", 30)], 100)
    assert names(pages) == [["a"], ["b", "c"]]
    assert [y for _, y in pages[1]] == [0, 60]


def test_a_heading_goes_with_the_block_after_it() -> None:
    pages = paginate([Block("a", 50), Block("h", 20, keep_with_next=True), Block("b", 40)], 100)
    assert names(pages) == [["a"], ["h", "b"]]


def test_a_chain_of_headings_goes_together() -> None:
    flow: list[Flowable] = [
        Block("a", 40),
        Block("section", 15, keep_with_next=True),
        Space(5),
        Block("phase", 15, keep_with_next=True),
        Block("step", 40),
    ]
    assert names(paginate(flow, 100)) == [["a"], ["section", "space", "phase", "step"]]


def test_space_never_opens_or_closes_a_page() -> None:
    pages = paginate(
        [Block("a", 95), Space(10), Block("b", 50), PageBreak(), Space(5), Block("c", 5)], 100
    )
    assert names(pages) == [["a"], ["b"], ["c"]]


def test_page_breaks_and_oversized_blocks() -> None:
    pages = paginate(
        [Block("a", 10), PageBreak(), PageBreak(), Block("big", 250), Block("b", 10)], 100
    )
    assert names(pages) == [["a"], ["big"], ["b"]]
