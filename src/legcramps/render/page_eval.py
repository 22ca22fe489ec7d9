"""Evaluate a page's parsed Jinja directly when it only calls macros with plain values.

Pages write `{{ cite("key") }}`, `{{ urgency("emergency", "chest-pain") }}` or `{{ care.emergency_number }}`
between their text. For such a page, walking the parsed template gives the same Markdown as Jinja's
compiled template, without generating and compiling Python code for it (most of a page's render
time). Anything else (an `{% if %}`, a filter, an expression) returns None, and the page is compiled
and rendered by Jinja as before. A macro's error carries the line of the call that raised it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import jinja2.nodes as nodes

from legcramps.errors import ContentError

_MISSING = object()


def _attribute(found: Any, name: str) -> Any:
    return found.get(name, _MISSING) if isinstance(found, Mapping) else getattr(found, name, _MISSING)


def _plain(node: nodes.Node, names: Mapping[str, Any]) -> bool:
    """A constant, a known name, a known name's field, a list of those, or a macro called with them."""
    if isinstance(node, nodes.Const):
        return True
    if isinstance(node, nodes.Name):
        return node.ctx == "load" and node.name in names
    if isinstance(node, nodes.Getattr):
        return (isinstance(node.node, nodes.Name) and node.node.name in names
                and _attribute(names[node.node.name], node.attr) is not _MISSING)
    if isinstance(node, (nodes.List, nodes.Tuple)):
        return all(_plain(item, names) for item in node.items)
    if isinstance(node, nodes.Call):
        return (node.dyn_args is None and node.dyn_kwargs is None and _plain(node.node, names)
                and all(_plain(arg, names) for arg in node.args)
                and all(_plain(keyword.value, names) for keyword in node.kwargs))
    return False


def _value(node: nodes.Node, names: Mapping[str, Any]) -> Any:
    if isinstance(node, nodes.Const):
        return node.value
    if isinstance(node, nodes.Name):
        return names[node.name]
    if isinstance(node, nodes.Getattr):
        return _attribute(names[node.node.name], node.attr)  # type: ignore[attr-defined]
    if isinstance(node, (nodes.List, nodes.Tuple)):
        items = [_value(item, names) for item in node.items]
        return items if isinstance(node, nodes.List) else tuple(items)
    assert isinstance(node, nodes.Call)
    function = _value(node.node, names)
    args = [_value(arg, names) for arg in node.args]
    kwargs = {keyword.key: _value(keyword.value, names) for keyword in node.kwargs}
    try:
        return function(*args, **kwargs)
    except TypeError as error:
        error.lineno = node.lineno  # type: ignore[attr-defined]  # read by the caller for the message's line
        raise


def evaluate(template: nodes.Template, names: Mapping[str, Any], finalize: Callable[[Any], Any]) -> str | None:
    """The page's Markdown, or None when the page needs Jinja itself (checked before any macro runs:
    a macro numbers the page's citations as it is called, so none may run twice)."""
    outputs = [node for statement in template.body if isinstance(statement, nodes.Output) for node in statement.nodes]
    if len(template.body) != sum(isinstance(s, nodes.Output) for s in template.body) or not all(
        isinstance(node, nodes.TemplateData) or _plain(node, names) for node in outputs
    ):
        return None
    parts: list[str] = []
    for node in outputs:
        if isinstance(node, nodes.TemplateData):
            parts.append(node.data)
            continue
        try:
            parts.append(str(finalize(_value(node, names))))
        except ContentError as error:  # the page's line, as Jinja's frame would give it
            raise ContentError(error.message, node.lineno) from None
    return "".join(parts)
