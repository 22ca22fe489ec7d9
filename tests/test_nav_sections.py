"""The strategy groups are read from `nav` the same way whichever engine hands it over.

MkDocs gives the hooks `nav` as mkdocs.yml writes it; Zensical gives Python its resolved navigation
(each item a dict with title, url and children). A group's page must find its strategies in both.
"""

from __future__ import annotations

import pytest

from legcramps.model.nav_sections import nav_tree, written_nav

pytestmark = pytest.mark.unit

WRITTEN = [
    {"Home": "index.md"},
    {"Strategies": [
        "strategies/index.md",
        {"Ease a cramp now": ["strategies/ease-a-cramp/index.md", "strategies/massage.md", "strategies/heat.md"]},
    ]},
]


def _resolved(title: str | None, url: str | None, children: list[dict[str, object]] | None = None) -> dict[str, object]:
    return {"title": title, "url": url, "canonical_url": None, "meta": None, "children": children or [],
            "is_index": bool(url and url.endswith("index.md")), "active": False}


ZENSICAL = [
    _resolved("Home", "index.md"),
    _resolved("Strategies", None, [
        _resolved(None, "strategies/index.md"),
        _resolved("Ease a cramp now", None, [
            _resolved(None, "strategies/ease-a-cramp/index.md"),
            _resolved(None, "strategies/massage.md"),
            _resolved(None, "strategies/heat.md"),
        ]),
    ]),
]


def test_a_group_page_finds_its_strategies_in_mkdocs_nav() -> None:
    group = nav_tree(written_nav(WRITTEN)).find("strategies/ease-a-cramp/index.md")
    assert group is not None and list(group.pages()) == ["strategies/massage.md", "strategies/heat.md"]


def test_zensicals_resolved_nav_gives_the_same_groups() -> None:
    assert nav_tree(written_nav(ZENSICAL)) == nav_tree(written_nav(WRITTEN))
