r"""A small document model rendered both as Markdown and as self-contained HTML.

The report is built once as a list of blocks (headings, paragraphs, lists, tables, code, images)
whose inline content is a list of spans; each renderer escapes text for its own format. Building
the document as data, instead of writing Markdown and converting it, keeps the HTML free of a
Markdown dependency and of a parser for the subset we happen to emit.

Inline spans: a plain ``str`` is text; :class:`Code`, :class:`Bold` and :class:`Link` mark the rest.
"""

from __future__ import annotations

import base64
import html
import os
import re
from dataclasses import dataclass, field
from typing import Sequence, Union

__all__ = ["Bold", "Code", "Document", "Link"]


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Bold:
    text: str


@dataclass(frozen=True)
class Link:
    text: str
    href: str


Span = Union[str, Code, Bold, Link]
Inline = Union[Span, Sequence[Span]]


def _spans(inline: Inline) -> list[Span]:
    if isinstance(inline, (str, Code, Bold, Link)):
        return [inline]
    return list(inline)


# -- Markdown -------------------------------------------------------------------------------------

def _md_text(text: str, in_table: bool = False) -> str:
    r"""Escape only what Markdown would otherwise read as markup, so the raw file stays readable.

    Always: backslash, backtick, ``*``.  ``_`` where it could open emphasis (not after a letter,
    digit or closing bracket: GFM's flanking rule); ``<`` before what could start an HTML tag;
    ``]`` before ``(`` or ``[`` (a link); ``|`` in table cells.
    """
    text = re.sub(r"([\\`*])", r"\\\1", text)
    text = re.sub(r"(?<![\w}\)\]])_", r"\\_", text)
    text = re.sub(r"<(?=[A-Za-z/!?])", r"\\<", text)
    text = re.sub(r"\](?=[(\[])", r"\\]", text)
    if in_table:
        text = text.replace("|", "\\|")
    return " ".join(text.split("\n"))


def _md_code(text: str, in_table: bool) -> str:
    text = " ".join(text.split("\n"))
    if in_table:
        text = text.replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" or text.startswith(" ") or text.endswith(" ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_inline(inline: Inline, in_table: bool = False) -> str:
    out = []
    for s in _spans(inline):
        if isinstance(s, str):
            out.append(_md_text(s, in_table))
        elif isinstance(s, Code):
            out.append(_md_code(s.text, in_table))
        elif isinstance(s, Bold):
            # a closing ** must not follow a space, so trailing spaces go outside
            body = s.text.rstrip()
            out.append(f"**{_md_text(body, in_table)}**" + s.text[len(body):])
        else:
            out.append(f"[{_md_text(s.text, in_table)}]({s.href})")
    text = "".join(out)
    # a paragraph must not start a heading, list or quote by accident
    text = re.sub(r"^(#|>|[-+] )", r"\\\1", text)
    return re.sub(r"^(\d+)\. ", r"\1\\. ", text)


# -- HTML -----------------------------------------------------------------------------------------


def _html_inline(inline: Inline) -> str:
    out = []
    for s in _spans(inline):
        if isinstance(s, str):
            out.append(html.escape(s))
        elif isinstance(s, Code):
            out.append(f"<code>{html.escape(s.text)}</code>")
        elif isinstance(s, Bold):
            out.append(f"<strong>{html.escape(s.text)}</strong>")
        else:
            out.append(f'<a href="{html.escape(s.href, quote=True)}">{html.escape(s.text)}</a>')
    return "".join(out)


_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;line-height:1.45;color:#1a1a1a}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
code{background:#f3f3f3;padding:0 .2em;border-radius:3px}
pre{background:#f6f6f6;padding:.6rem .8rem;overflow-x:auto;border-radius:4px}
pre code{background:none;padding:0}
table{border-collapse:collapse;margin:.6rem 0}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}
img{max-width:100%}
figure{margin:1rem 0}
figcaption{font-size:.9em;color:#444}
h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2.2rem}
"""


# -- the document ---------------------------------------------------------------------------------


@dataclass
class Document:
    """Blocks in reading order; :meth:`markdown` and :meth:`html` render them."""

    title: str
    blocks: list[tuple] = field(default_factory=list)

    def heading(self, level: int, inline: Inline, anchor: str | None = None) -> None:
        self.blocks.append(("heading", level, inline, anchor))

    def para(self, *spans: Span) -> None:
        self.blocks.append(("para", list(spans)))

    def bullets(self, items: Sequence[Inline]) -> None:
        self.blocks.append(("bullets", list(items)))

    def table(self, header: Sequence[Inline], rows: Sequence[Sequence[Inline]]) -> None:
        self.blocks.append(("table", list(header), [list(r) for r in rows]))

    def code(self, text: str, lang: str = "") -> None:
        self.blocks.append(("code", text.rstrip("\n"), lang))

    def image(self, src: str, alt: str, caption: Inline = ()) -> None:
        self.blocks.append(("image", src, alt, caption))

    # Markdown ---------------------------------------------------------------------------------

    def markdown(self) -> str:
        out = [f"# {_md_text(self.title)}", ""]
        for block in self.blocks:
            kind = block[0]
            if kind == "heading":
                _, level, inline, anchor = block
                if anchor:
                    out.append(f'<a id="{anchor}"></a>')
                    out.append("")
                out += ["#" * level + " " + _md_inline(inline), ""]
            elif kind == "para":
                out += [_md_inline(block[1]), ""]
            elif kind == "bullets":
                out += ["- " + _md_inline(item) for item in block[1]] + [""]
            elif kind == "table":
                _, header, rows = block
                out.append("| " + " | ".join(_md_inline(h, True) for h in header) + " |")
                out.append("|" + "|".join("---" for _ in header) + "|")
                out += ["| " + " | ".join(_md_inline(c, True) for c in row) + " |" for row in rows]
                out.append("")
            elif kind == "code":
                _, text, lang = block
                fence = "````" if "```" in text else "```"
                out += [fence + lang, text, fence, ""]
            elif kind == "image":
                _, src, alt, caption = block
                out += [f"![{_md_text(alt)}]({src})", ""]
                if _spans(caption):
                    out += ["*" + _md_inline(caption) + "*", ""]
        return "\n".join(out).rstrip("\n") + "\n"

    # HTML -------------------------------------------------------------------------------------

    def html(self, base: str | None = None) -> str:
        """One self-contained page; images under ``base`` are embedded as data URIs."""
        out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
               f"<title>{html.escape(self.title)}</title>", f"<style>{_CSS}</style>", "</head><body>",
               f"<h1>{html.escape(self.title)}</h1>"]
        for block in self.blocks:
            kind = block[0]
            if kind == "heading":
                _, level, inline, anchor = block
                ident = f' id="{html.escape(anchor, quote=True)}"' if anchor else ""
                out.append(f"<h{level}{ident}>{_html_inline(inline)}</h{level}>")
            elif kind == "para":
                out.append(f"<p>{_html_inline(block[1])}</p>")
            elif kind == "bullets":
                out.append("<ul>" + "".join(f"<li>{_html_inline(i)}</li>" for i in block[1]) + "</ul>")
            elif kind == "table":
                _, header, rows = block
                head = "".join(f"<th>{_html_inline(h)}</th>" for h in header)
                body = "".join("<tr>" + "".join(f"<td>{_html_inline(c)}</td>" for c in row) + "</tr>"
                               for row in rows)
                out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
            elif kind == "code":
                _, text, lang = block
                out.append(f"<pre><code>{html.escape(text)}</code></pre>")
            elif kind == "image":
                _, src, alt, caption = block
                uri = _data_uri(os.path.join(base, src)) if base is not None else src
                cap = f"<figcaption>{_html_inline(caption)}</figcaption>" if _spans(caption) else ""
                out.append(f'<figure><img src="{uri}" alt="{html.escape(alt, quote=True)}">{cap}</figure>')
        out.append("</body></html>")
        return "\n".join(out) + "\n"


def _data_uri(path: str) -> str:
    with open(path, "rb") as fh:
        data = base64.b64encode(fh.read()).decode("ascii")
    return f"data:image/png;base64,{data}"
