"""A quick step's picture drawn inline in the page: no request of its own, coloured by the site's stylesheet.

The drawing's `pic-*` classes take the light or dark palette's colours from docs/stylesheets/site.css, its
lines the text colour (`currentColor`); its alt text, in the edition's language, is the image's name.
"""

from __future__ import annotations

from markupsafe import Markup

from legcramps.model.pictures import Picture


def inline_picture(picture: Picture, css_class: str = "step-picture") -> Markup:
    """The picture as an inline <svg role="img"> named by its alt text."""
    return Markup('<svg class="{}" viewBox="{}" width="{:g}" height="{:g}" role="img" aria-label="{}">{}</svg>').format(
        css_class, picture.view_box, picture.width, picture.height, picture.alt, Markup(picture.body)
    )
