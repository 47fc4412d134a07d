"""A tiny, forgiving HTML tree built with the standard library's HTMLParser.

Enough to classify pages and pick texts out of them (the checks that need a real browser use
Chromium); it is not a full HTML5 tree builder.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}
# Elements that close an open <p> (and <li> closes <li>) when the markup leaves it open.
CLOSES_P = {"address", "article", "aside", "blockquote", "div", "dl", "fieldset", "footer", "form",
            "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre",
            "section", "table", "ul"}


class Node:
    __slots__ = ("tag", "attrs", "children", "parent", "line")

    def __init__(self, tag: str, attrs: dict[str, str] | None = None, parent: "Node | None" = None,
                 line: int = 0):
        self.tag = tag
        self.attrs = attrs or {}
        self.children: list[Node | str] = []
        self.parent = parent
        self.line = line

    # -- queries ------------------------------------------------------------------------
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def has_class(self, name: str) -> bool:
        return name in self.classes()

    def iter(self):
        """All element descendants in document order (not self)."""
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs) -> list["Node"]:
        out = []
        for node in self.iter():
            if tag is not None and node.tag != tag:
                continue
            if cls is not None and not node.has_class(cls):
                continue
            if any(node.attrs.get(k.rstrip("_").replace("_", "-")) != v for k, v in attrs.items()):
                continue
            out.append(node)
        return out

    def find(self, tag: str | None = None, cls: str | None = None, **attrs) -> "Node | None":
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def inside(self, pred) -> bool:
        return any(pred(a) for a in self.ancestors())

    def text(self, skip=None) -> str:
        """Text content with whitespace collapsed; `skip(node)` prunes subtrees."""
        parts: list[str] = []

        def walk(node: Node):
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                elif skip is None or not skip(child):
                    if child.tag == "br":
                        parts.append(" ")
                    walk(child)
        walk(self)
        return squash("".join(parts))

    def element_children(self) -> list["Node"]:
        return [c for c in self.children if isinstance(c, Node)]

    def describe(self) -> str:
        """A short CSS-like description: tag#id.class1.class2"""
        out = self.tag
        if self.attrs.get("id"):
            out += "#" + self.attrs["id"]
        for c in sorted(self.classes()):
            out += "." + c
        return out

    def __repr__(self):
        return f"<{self.describe()}>"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self._close_if_open("li", stop={"ul", "ol"})
        if tag in ("dt", "dd"):
            self._close_if_open("dt", stop={"dl"})
            self._close_if_open("dd", stop={"dl"})
        if tag in CLOSES_P:
            self._close_if_open("p", stop={"button", "div", "section", "article", "main", "body"})
        node = Node(tag, {k: (v if v is not None else "") for k, v in attrs}, self.stack[-1],
                    self.getpos()[0])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def _close_if_open(self, tag, stop):
        for i in range(len(self.stack) - 1, 0, -1):
            t = self.stack[i].tag
            if t == tag:
                del self.stack[i:]
                return
            if t in stop:
                return

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
        # stray end tag: ignore

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root
