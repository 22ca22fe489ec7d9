"""The pages' HTML as written to site/: the theme's empty lines dropped, nothing a reader sees changed."""

from __future__ import annotations

import pytest

from legcramps.html import drop_blank_lines

pytestmark = pytest.mark.unit


def test_runs_of_empty_lines_become_one_line_break() -> None:
    assert drop_blank_lines("<ul>\n    \n\n  \n    <li>a</li>\n  \n</ul>\n") == "<ul>\n<li>a</li>\n</ul>\n"


def test_a_single_line_break_and_text_are_left_alone() -> None:
    html = "<p>One line\nand the next, with  two spaces.</p>\n<p>Two</p>"
    assert drop_blank_lines(html) == html


@pytest.mark.parametrize("tag", ["pre", "textarea", "script", "style", "PRE"])
def test_text_where_white_space_counts_is_kept_as_written(tag: str) -> None:
    kept = f"<{tag} class=x>line one\n\n\n    line four\n</{tag}>"
    assert drop_blank_lines(f"<div>\n\n{kept}\n\n</div>") == f"<div>\n{kept}\n</div>"
