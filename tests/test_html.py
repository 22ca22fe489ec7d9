"""The pages' HTML as written to site/: the theme's empty lines dropped, every image sized, nothing else changed."""

from __future__ import annotations

import pytest

from legcramps.errors import ContentError
from legcramps.html import drop_blank_lines, name_section_navs
from legcramps.render.image_sizes import size_images

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


# --- every image sized: the text under an image never jumps when it arrives ------------------------

PNG_480_622 = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + (480).to_bytes(4, "big") + (622).to_bytes(4, "big") + b"\x08\x00"
SVG_480_360 = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 360" width="480" height="360"><title>t</title></svg>'
SVG_VIEWBOX = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"></svg>'
JPEG_64_48 = b"\xff\xd8\xff\xe0\x00\x04ab\xff\xc0\x00\x11\x08" + (48).to_bytes(2, "big") + (64).to_bytes(2, "big") + b"\x03"
FILES = {"handout/preview.png": PNG_480_622, "assets/pose.svg": SVG_480_360, "assets/box.svg": SVG_VIEWBOX,
         "assets/photo.jpg": JPEG_64_48, "assets/notes.txt": b"plain text"}


def sized(tag: str, page_dir: str = "handout/") -> str:
    return size_images(tag, page_dir, FILES.get)


@pytest.mark.parametrize(("tag", "page_dir", "expected"), [
    ('<img alt="Page 1" src="preview.png" width="320" />', "handout/",
     '<img alt="Page 1" src="preview.png" width="320" height="415" />'),  # the height follows the width given
    ('<img alt="a > b" src="../../assets/pose.svg" />', "strategies/stretching/",
     '<img alt="a > b" src="../../assets/pose.svg" width="480" height="360" />'),
    ('<img src="assets/box.svg" alt="box">', "", '<img src="assets/box.svg" alt="box" width="200" height="100">'),
    ('<img src="../assets/photo.jpg" alt="photo" height="24">', "about/",
     '<img src="../assets/photo.jpg" alt="photo" height="24" width="32">'),
])
def test_an_image_gets_the_width_and_height_of_its_file(tag: str, page_dir: str, expected: str) -> None:
    assert sized(tag, page_dir) == expected


@pytest.mark.parametrize("tag", [
    '<img src="preview.png" alt="x" width="320" height="400">',  # the editor's size is kept
    '<img src="preview.png" alt="x" width="50%">',  # a size in other units too
    '<img src="data:image/png;base64,AAAA" alt="x">',
])
def test_an_image_already_sized_or_not_a_file_of_the_site_is_left_alone(tag: str) -> None:
    assert sized(tag) == tag


def test_an_image_whose_size_cannot_be_read_is_named_with_the_fix() -> None:
    with pytest.raises(ContentError) as caught:
        sized('<p><img src="../assets/notes.txt" alt="x"></p>')
    assert caught.value.message.startswith("the image ../assets/notes.txt has no width and height")
    assert "width=" in caught.value.message


def test_an_image_that_is_not_there_is_named_as_missing_not_as_unreadable() -> None:
    with pytest.raises(ContentError) as caught:
        sized('<p><img src="missing.png" alt="x"></p>')
    assert caught.value.message == "the image missing.png is not a file of the site: check its name and folder"


def test_a_sections_navigation_is_named_by_its_title_not_by_its_icon_only_toggle() -> None:
    html = (
        '<label class="md-nav__link " for="__nav_3" id="__nav_3_label" tabindex="0"><span class="md-nav__icon md-icon"></span>'
        '</label>\n<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_3_label" aria-expanded="true">\n'
        '  <label class="md-nav__title" for="__nav_3">\n    <span class="md-nav__icon md-icon"></span>\n'
        '    Cramp &amp; "spasm"\n  </label>'
    )
    named = name_section_navs(html)
    assert '<nav class="md-nav" data-md-level="1" aria-label="Cramp &amp; &quot;spasm&quot;" aria-expanded="true">' in named
    assert named.replace(' aria-label="Cramp &amp; &quot;spasm&quot;"', ' aria-labelledby="__nav_3_label"') == html
