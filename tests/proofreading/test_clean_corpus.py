"""Clean Vietnamese news must come out of the checks with no finding at all."""

import pytest

from proofreading.review import review

from .corpus import stories, words

STORIES = stories()


def test_the_corpus_is_several_thousand_words_of_varied_news():
    assert sum(words(story) for story in STORIES) >= 3000
    assert {story.name.split("-")[1] for story in STORIES} >= {"chinh", "kinh", "the"}
    text = "\n".join(f"{story.lead}\n{story.html}" for story in STORIES)
    for sample in ("1.000", "2,5", "startup", "AI", "Covid-19", "https://", "@", "#", "“", '"'):
        assert sample in text, sample


@pytest.mark.parametrize("story", STORIES, ids=lambda story: story.name)
def test_a_clean_story_has_no_finding(story):
    assert review(story.headline, story.lead, story.html) == []
