"""Which chapter of the kind a heading names, and which kind a document is.

The names are the kinds' own: each kind declares its chapters (key and title) and the chapters it
prints before the draft's (摘要, 出國人員名单); every kind's title for a key counts as a name for
that key (緣起與目的 is a title of `purpose` too). A heading that only contains a name is matched by
the way Chinese builds such titles: the last word carries the meaning (會議過程 is a 過程, 緣起與目的
is a 目的, 心得及建議 ends in 建議), then the first (心得與建議事項 starts with 心得).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.domain.kinds import Kind, registry

SUMMARY_NAMES = ("摘要",)  # the part every report kind calls 摘要 (front chapter or part title)
TOC_NAMES = ("目次", "目錄")
APPENDIX_NAMES = ("附錄", "附件")
_PUNCT = re.compile(r"[\s\u3000、，,：:。.（）()「」『』]")


def norm(text: str) -> str:
    return _PUNCT.sub("", text)


def names_by_key() -> dict[str, set[str]]:
    """Every kind's chapter titles, by chapter key."""
    out: dict[str, set[str]] = {}
    for kind in registry().kinds.values():
        for spec in kind.chapters:
            out.setdefault(spec.key, set()).add(norm(spec.title))
    return out


def chapter_key(heading: str, kind: Kind, used: set[str]) -> tuple[str, bool]:
    """(the kind's chapter key the heading names, whether by its exact title) or ("", False)."""
    h = norm(heading)
    if not h:
        return "", False
    specs = [c for c in kind.chapters if c.key not in used]
    for spec in specs:
        if norm(spec.title) == h:
            return spec.key, True
    names = names_by_key()
    for spec in specs:
        if h in names.get(spec.key, set()):
            return spec.key, False
    for where in ("end", "start"):
        for spec in specs:
            for name in sorted(names.get(spec.key, set()) | {norm(spec.title)}, key=len, reverse=True):
                if len(name) >= 2 and len(h) <= len(name) + 8 and (
                        h.endswith(name) if where == "end" else h.startswith(name)):
                    return spec.key, False
    return "", False


def front_role(heading: str, kind: Kind) -> str:
    """"summary", "travellers" or "itinerary" when the heading names a chapter the kind (or any
    kind) prints from other parts; "" otherwise."""
    h = norm(heading)
    if h in SUMMARY_NAMES:
        return "summary"
    kinds = [kind] + [k for k in registry().kinds.values() if k is not kind]
    for k in kinds:
        for front in k.front_chapters:
            if norm(front.title) == h:
                return front.holds[0]
    return ""


@dataclass
class KindGuess:
    kind: Kind
    score: int
    reason: str


def guess_kind(headings: list[str], chapter_style: bool, texts: set[str], labels: set[str],
               photo_labels: set[str], has_body: bool) -> KindGuess:
    """The kind whose templates' words, chapter names and numbering the document shows most.
    `texts` are the squeezed short paragraphs, `labels` the label keys found, `headings` the
    chapter-level titles, `photo_labels` the words captions start with (圖, 照片)."""
    from desktop.interchange.word_import.vocabulary import vocabulary_of

    best: KindGuess | None = None
    heads = {norm(h) for h in headings}
    for kind in registry().ordered():
        vocab = vocabulary_of(kind)
        score = 0
        why = []
        titles = [t for t in vocab.part_titles if t in texts]
        score += 3 * len(titles)
        why += titles
        own_labels = {r.label for r in vocab.labels if r.var}
        score += len(own_labels & labels)
        exact = [c.title for c in kind.chapters if norm(c.title) in heads]
        score += 2 * len(exact)
        why += exact
        fronts = [f.title for f in kind.front_chapters if norm(f.title) in heads]
        score += 2 * len(fronts)
        why += fronts
        if chapter_style and kind.heading_style == "章":
            score += 3
            why.append("第一章…")
        if kind.photo("label") in photo_labels:
            score += 1
        if not kind.chapters and not has_body:
            score += 4
            why.append("沒有本文")
        if best is None or score > best.score:
            best = KindGuess(kind, score, "、".join(dict.fromkeys(why)))
    assert best is not None
    return best
