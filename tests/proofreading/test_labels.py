from django.utils import translation

from proofreading.findings import KINDS, PLACE_LABELS, SEVERITY_LABELS, Finding, place_label


def test_every_kind_severity_and_place_has_a_vietnamese_label():
    labels = [label for _severity, label in KINDS.values()]
    labels += [*SEVERITY_LABELS.values(), *PLACE_LABELS.values()]
    with translation.override("vi"):
        vietnamese = [str(label) for label in labels]
    with translation.override("en"):
        english = [str(label) for label in labels]
    assert [pair for pair in zip(vietnamese, english, strict=True) if pair[0] == pair[1]] == []


def test_places_are_english_identifiers_shown_in_vietnamese():
    finding = Finding("duplicate_paragraph", "error", "paragraph 3, paragraph 7", "…")
    with translation.override("vi"):
        assert finding.where_label == "Đoạn 3, Đoạn 7"
        assert (str(finding.kind_label), str(finding.severity_label)) == ("Đoạn văn bị lặp", "Lỗi")
        assert [
            place_label(place) for place in ("headline", "lead", "cover", "image 2", "caption 1")
        ] == [
            "Tiêu đề",
            "Sapo",
            "Ảnh bìa",
            "Ảnh 2",
            "Chú thích ảnh 1",
        ]
    with translation.override("en"):
        assert finding.where_label == "Paragraph 3, Paragraph 7"
