"""The clean corpus under corpus/: news stories the project wrote to test the checks.

A story file is "# headline", a blank line, the lead, then blocks separated
by blank lines: "## " starts a subheading, "> " a quotation, "! " a captioned
image (its caption is also its alt text), "<" a list or table in HTML; any
other block is a paragraph.
"""

from dataclasses import dataclass, replace
from html import escape
from pathlib import Path

FOLDER = Path(__file__).parent / "corpus"


@dataclass(frozen=True)
class Story:
    name: str
    headline: str
    lead: str
    blocks: tuple

    @property
    def html(self):
        return "\n".join(render_block(block) for block in self.blocks)

    def with_block(self, index, block):
        blocks = list(self.blocks)
        blocks[index] = block
        return replace(self, blocks=tuple(blocks))

    def paragraph_name(self, index):
        """The place review() gives the paragraph at `blocks[index]`: list items count too."""
        before = sum(_paragraphs_in(block) for block in self.blocks[:index])
        return f"paragraph {before + 1}"

    def paragraph_indexes(self):
        """Indexes in `blocks` of the plain paragraphs, in order (paragraph 1 first)."""
        return [
            i for i, block in enumerate(self.blocks) if not block.startswith(("## ", "! ", "<"))
        ]


def _paragraphs_in(block):
    if block.startswith(("## ", "! ")):
        return 0
    return block.count("<li>") if block.startswith("<") else 1


def render_block(block):
    if block.startswith("<"):
        return block  # a list or a table, written as CKEditor writes it
    if block.startswith("## "):
        return f"<h2>{escape(block[3:], quote=False)}</h2>"
    if block.startswith("> "):
        return f"<blockquote><p>{escape(block[2:], quote=False)}</p></blockquote>"
    if block.startswith("! "):
        caption = escape(block[2:])
        return (
            f'<figure class="image"><img src="/media/anh.jpg" alt="{caption}" width="800" '
            f'height="533"><figcaption>{escape(block[2:], quote=False)}</figcaption></figure>'
        )
    return f"<p>{escape(block, quote=False)}</p>"


def load(path):
    text = path.read_text(encoding="utf-8").strip()
    head, lead, *blocks = [block.strip() for block in text.split("\n\n")]
    assert head.startswith("# "), path
    return Story(path.stem, head[2:], lead, tuple(blocks))


def stories():
    return [load(path) for path in sorted(FOLDER.glob("*.txt"))]


def words(story):
    return sum(len(part.split()) for part in (story.headline, story.lead, *story.blocks))
