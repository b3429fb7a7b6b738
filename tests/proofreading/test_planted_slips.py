"""The clean corpus with slips planted in it: every slip is found, and nothing else."""

import re
from collections import Counter

import pytest

from proofreading.review import review

from . import slips
from .corpus import Story, stories

STORIES = stories()


def found(story, *, html=None, has_cover=True):
    return Counter(
        (item.kind, item.where)
        for item in review(
            story.headline, story.lead, story.html if html is None else html, has_cover=has_cover
        )
    )


def paragraph_name(story, block_index):
    return story.paragraph_name(block_index)


def plant_once(story, planter):
    """The story with the slip in its first paragraph that has room for it, and where it is."""
    for index in story.paragraph_indexes():
        planted = planter(story.blocks[index])
        if planted is not None:
            return story.with_block(index, planted), index
    return None, None


@pytest.mark.parametrize(
    "kind, planter", slips.PARAGRAPH_SLIPS, ids=lambda value: getattr(value, "__name__", value)
)
def test_each_slip_planted_in_a_paragraph_is_found_alone(kind, planter):
    planted = 0
    for story in STORIES:
        slipped, index = plant_once(story, planter)
        if slipped is None:
            continue
        planted += 1
        assert found(slipped) == Counter({(kind, paragraph_name(story, index)): 1}), story.name
        (finding,) = review(slipped.headline, slipped.lead, slipped.html)
        if finding.suggestion is not None:
            # Applied, the fix gives back the clean paragraph (a dash gets both its spaces).
            fixed = slipped.blocks[index].replace(finding.suggestion.old, finding.suggestion.new)
            clean = story.blocks[index]
            assert fixed == (clean.replace(" và ", " - ", 1) if kind == "dash_spacing" else clean)
    assert planted >= 3, "the corpus should offer this slip at least three places"


def test_many_slips_in_one_story_are_each_found_where_they_were_planted():
    """Every text slip but the quotation marks (those change the story's majority style)."""
    text_slips = [
        (kind, planter) for kind, planter in slips.PARAGRAPH_SLIPS if "quotes" not in kind
    ]
    for story in STORIES:
        expected, used = Counter(), set()
        for kind, planter in text_slips:
            for index in story.paragraph_indexes():
                planted = index not in used and planter(story.blocks[index])
                if planted:
                    story = story.with_block(index, planted)
                    expected[(kind, paragraph_name(story, index))] += 1
                    used.add(index)
                    break
        assert len(expected) >= 8, story.name
        assert found(story) == expected, story.name


def test_slips_in_the_headline_lead_and_caption_are_found():
    for story in STORIES:
        figure = next(i for i, block in enumerate(story.blocks) if block.startswith("! "))
        slipped = story.with_block(figure, "! " + slips.glue_two(story.blocks[figure][2:]))
        slipped = Story(
            story.name,
            slips.glue_two(story.headline),
            slips.space_before_comma(story.lead) or slips.double_space(story.lead),
            slipped.blocks,
        )
        lead_kind = "space_before_punctuation" if "," in story.lead else "double_space"
        assert found(slipped) == Counter(
            {
                ("glued_syllables", "headline"): 1,
                (lead_kind, "lead"): 1,
                ("glued_syllables", "caption 1"): 1,
            }
        ), story.name


@pytest.mark.parametrize(
    "change", [lambda text: text, slips.change_one_word], ids=["same", "one word changed"]
)
def test_a_paragraph_pasted_twice_is_found_with_both_places(change):
    for story in STORIES:
        index = next(i for i in story.paragraph_indexes()[1:] if len(story.blocks[i].split()) >= 20)
        blocks = list(story.blocks)
        blocks.insert(index + 1, change(blocks[index]))
        slipped = Story(story.name, story.headline, story.lead, tuple(blocks))
        first = paragraph_name(slipped, index)
        second = paragraph_name(slipped, index + 1)
        assert found(slipped) == Counter({("duplicate_paragraph", f"{first}, {second}"): 1}), (
            story.name
        )


def test_structure_slips_are_found():
    for story in STORIES:
        short = ""
        for word in story.headline.split():
            if len(f"{short} {word}".strip()) >= 20:
                break
            short = f"{short} {word}".strip()
        long = story.headline
        for word in story.lead.split():
            if len(long) > 120:
                break
            long = f"{long} {word}"
        first = story.blocks[story.paragraph_indexes()[0]]
        after_first_subheading = next(
            i for i, block in enumerate(story.blocks) if block.startswith("## ")
        )
        next_subheading = next(
            (
                i
                for i, block in enumerate(story.blocks)
                if i > after_first_subheading and block.startswith("## ")
            ),
            len(story.blocks),
        )
        hollow = story.blocks[: after_first_subheading + 1] + story.blocks[next_subheading:]

        cases = [
            (Story(story.name, story.headline, "", story.blocks), {}, ("missing_lead", "lead")),
            (
                Story(story.name, story.headline, first, story.blocks),
                {},
                ("lead_repeats_body", "lead, paragraph 1"),
            ),
            (
                Story(story.name, short, story.lead, story.blocks),
                {},
                ("headline_too_short", "headline"),
            ),
            (
                Story(story.name, long, story.lead, story.blocks),
                {},
                ("headline_too_long", "headline"),
            ),
            (story, {"has_cover": False}, ("missing_cover", "cover")),
            (
                story,
                {"html": re.sub(r"<figcaption>.*?</figcaption>", "", story.html)},
                ("image_without_caption", "image 1"),
            ),
            (
                story,
                {"html": re.sub(r'alt="[^"]*"', 'alt=""', story.html)},
                ("image_without_alt", "image 1"),
            ),
            (
                Story(story.name, story.headline, story.lead, hollow),
                {},
                ("empty_subheading", "subheading 1"),
            ),
        ]
        for slipped, options, expected in cases:
            assert found(slipped, **options) == Counter({expected: 1}), (story.name, expected)
