from proofreading.review import review

HEADLINE = "Tỉnh khởi công tuyến đường nối hai khu công nghiệp"
LEAD = "Dự án dài 12 km, vốn đầu tư hơn 1.000 tỷ đồng, dự kiến hoàn thành trong năm 2026."


def findings_in(paragraph, *, kind=None):
    """The findings of one paragraph of an otherwise clean article, (kind, excerpt, suggestion)."""
    found = review(HEADLINE, LEAD, f"<p>{paragraph}</p>")
    return [
        (item.kind, item.suggestion and (item.suggestion.old, item.suggestion.new))
        for item in found
        if kind is None or item.kind == kind
    ]
