"""The Vietnamese syllable, from its structure, and a splitter for glued syllables.

A syllable is an optional initial consonant, an optional glide (o/u), a
vowel nucleus, an optional final consonant or semivowel, and at most one
tone mark. The tables below spell that grammar out; `is_syllable` answers
from it, and `split_glued` finds the fewest valid syllables a glued word
is made of ("làkhi" → "là khi").
"""

import unicodedata
from functools import lru_cache

# The five marked tones, as combining characters (NFD).
SAC, HUYEN, HOI, NGA, NANG = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
TONE_MARKS = frozenset({SAC, HUYEN, HOI, NGA, NANG})
# The marks that make letters of their own: ă â ê ô ơ ư (đ has no decomposition).
LETTER_MARKS = frozenset({"\u0306", "\u0302", "\u031b"})

VOWELS = frozenset("aăâeêioôơuưy")
ALPHABET = frozenset("abcdeghiklmnopqrstuvxyăâđêôơư")

INITIALS = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)  # fmt: skip

# Nucleus → the finals it takes; "" means it may end the syllable (open).
_OPEN = ""
NUCLEUS_FINALS = {
    "a": {_OPEN, "c", "ch", "i", "m", "n", "ng", "nh", "o", "p", "t", "u", "y"},
    "ă": {"c", "m", "n", "ng", "p", "t"},
    "â": {"c", "m", "n", "ng", "p", "t", "u", "y"},
    "e": {_OPEN, "c", "m", "n", "ng", "o", "p", "t"},
    "ê": {_OPEN, "ch", "m", "n", "nh", "p", "t", "u"},
    "i": {_OPEN, "ch", "m", "n", "nh", "p", "t", "u"},
    "y": {_OPEN},
    "o": {_OPEN, "c", "i", "m", "n", "ng", "p", "t"},
    "ô": {_OPEN, "c", "i", "m", "n", "ng", "p", "t"},
    "ơ": {_OPEN, "i", "m", "n", "p", "t"},
    "u": {_OPEN, "c", "i", "m", "n", "ng", "p", "t"},
    "ư": {_OPEN, "c", "i", "ng", "t", "u"},
    # Diphthongs: iê/yê, uô, ươ take a final; ia/ya, ua, ưa end the syllable.
    "iê": {"c", "m", "n", "ng", "p", "t", "u"},
    "yê": {"c", "m", "n", "ng", "p", "t", "u"},
    "ia": {_OPEN},
    "uô": {"c", "i", "m", "n", "ng", "t"},
    "ua": {_OPEN},
    "ươ": {"c", "i", "m", "n", "ng", "p", "t", "u"},
    "ưa": {_OPEN},
    # Loanwords: xoong, boong, soóc.
    "oo": {"c", "ng"},
}
# A glide before a nucleus narrows the finals: hoa, hoặc, khoe, thuê, quân, khuỷu, thuở.
GLIDE_RIMES = {
    "o": {
        "a": {_OPEN, "c", "ch", "i", "m", "n", "ng", "nh", "o", "p", "t", "y"},
        "ă": {"c", "m", "n", "ng", "t"},
        "e": {_OPEN, "n", "o", "t"},
    },
    "u": {
        "â": {"n", "ng", "t", "y"},
        "ê": {_OPEN, "ch", "n", "nh", "t", "u"},
        "y": {_OPEN, "ch", "nh", "p", "t", "u"},
        "yê": {"n", "t"},
        "ya": {_OPEN},
        "ơ": {_OPEN},
    },
}
STOP_FINALS = frozenset({"c", "ch", "p", "t"})
LONGEST_SYLLABLE = 7  # nghiêng, nghiệng (letters in NFC)
# Before these, k/gh/ngh are written; c/g/ng are not.
FRONT_VOWELS = ("i", "y", "e", "ê")


def _rimes():
    """Every rime as (glide, nucleus, final), spelled out from the tables above."""
    rimes = {}
    for nucleus, finals in NUCLEUS_FINALS.items():
        for final in finals:
            rimes[nucleus + final] = ("", nucleus, final)
    for glide, nuclei in GLIDE_RIMES.items():
        for nucleus, finals in nuclei.items():
            for final in finals:
                rimes[glide + nucleus + final] = (glide, nucleus, final)
    return rimes


RIMES = _rimes()
# After "qu" the u is the glide: qua, quăn, quân, que, quê, quy, quyển, quơ, quốc.
QU_RIMES = {
    rime[1:]: parts
    for rime, parts in RIMES.items()
    if rime[0] in "ou" and rime[1:2] in VOWELS and not rime.startswith("oo")
}
# Loanwords some papers write solid (ôtô for ô tô), whose parts happen to be
# syllables: a house style, not a slip. Not a list of mistakes: it only keeps
# correct words from being flagged.
SOLID_LOANWORDS = frozenset(
    {
        "ôtô", "môtô", "bêtông", "ximăng", "hécta", "kilômét", "kilôgam", "kilôoát", "côngtenơ",
        "côngtơ", "tắcxi", "rađiô", "ôxy", "ôxi", "axít", "nicôtin", "catốt", "anốt",
        "vắcxin", "phôtô", "rôbốt", "catalô", "ghiđông", "xăngđan", "pianô", "camêra", "sôcôla",
        "xúcxích", "môđun",
    }
)  # fmt: skip

# Only to choose between equally short splits: validity comes from the grammar.
COMMON_SYLLABLES = frozenset(
    """của và là các có được trong cho người không những một với đã này để đến từ năm
    khi ra nhiều về theo tại thì cũng như sẽ đó ngày sau vào làm hai nhà nước việc trên
    đang phải bị mà nhưng hơn còn rất nên vì lại thể đi ông bà anh chị em tôi họ chúng
    mình ai gì nào đâu sao thế nay hôm qua tới lên xuống trước giữa dưới ngoài bên cạnh
    công ty động hành chính phát triển kinh tế xã hội quốc gia thành phố tỉnh huyện dân
    đầu tư học sinh trường giáo dục y tế nghị quyết định đại biểu cử tri đảng bộ viên
    cán sở ban ngành trung tâm cơ quan nhân lao thương binh vai trò đề thuộc
    lý xử mới cao lớn nhỏ tốt đẹp thời gian kế hoạch thực hiện cần trụ hàng tiền giá
    triệu tỷ đồng tháng giờ phút số lần bàn thắng đội bóng trận sân giải điểm cầu thủ
    sản xuất doanh nghiệp thị trường vốn dự án đất khu vực mặt bằng tiến độ báo cáo
    chất lượng văn hóa thể thao du lịch khoa kỹ thuật sức khỏe an toàn giao thông đường
    tin bài viết ảnh chủ tịch phó bí thư giám đốc chức trách nhiệm ý kiến vấn""".split()
)


def decompose(word):
    """(letters without tone, tone mark or "", index of the toned letter) of a lowercase word.

    Returns None when the word carries more than one tone, a tone on a
    consonant, or a mark that Vietnamese does not use.
    """
    letters, tone, toned_at = [], "", -1
    for char in unicodedata.normalize("NFD", word):
        if char in TONE_MARKS:
            if tone or not letters or letters[-1] not in VOWELS:
                return None
            tone, toned_at = char, len(letters) - 1
        elif char in LETTER_MARKS:
            if not letters:
                return None
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + char)
        elif unicodedata.combining(char):
            return None
        else:
            letters.append(char)
    return "".join(letters), tone, toned_at


def _spelling_allows(initial, rime):
    first = rime[0]
    front = rime.startswith(FRONT_VOWELS)
    if initial in ("k", "gh", "ngh"):
        return front
    if initial in ("c", "ng"):
        return not front
    if initial == "g":
        # g + i… is the gi- initial: gì, gìn, giếng.
        return not front or first == "i"
    if initial == "gi":
        return first != "i"
    if rime.startswith("yê"):
        return not initial  # yên, yêu; after a consonant it is iê: tiên, kiêu
    return True


def _parse(letters):
    """(initial, glide, nucleus, final) of toneless `letters`, or None."""
    for initial in INITIALS:
        if not letters.startswith(initial):
            continue
        rime = letters[len(initial) :]
        if not rime:
            continue
        if initial == "qu":
            parts = QU_RIMES.get(rime)
        else:
            parts = RIMES.get(rime)
            if parts is not None and not _spelling_allows(initial, rime):
                parts = None
        if parts is not None:
            return (initial, *parts)
    return None


@lru_cache(maxsize=65536)
def analyse(word):
    """(initial, glide, nucleus, final, tone, toned letter index) of a syllable, or None."""
    decomposed = decompose(word.lower())
    if decomposed is None:
        return None
    letters, tone, toned_at = decomposed
    if not letters or not set(letters) <= ALPHABET:
        return None
    parsed = _parse(letters)
    if parsed is None:
        return None
    initial, glide, nucleus, final = parsed
    if final in STOP_FINALS and tone not in (SAC, NANG):
        return None  # mát, mạt; never mat, màt, mảt, mãt
    # A tone on the i of gi- or the u of qu- is a misplaced mark (gía, qúy), not a glue.
    if tone and toned_at < len(initial) and initial not in ("gi", "qu"):
        return None
    return initial, glide, nucleus, final, tone, toned_at


def is_syllable(word):
    """True when `word` (any case, NFC or NFD) is one well-formed Vietnamese syllable."""
    return analyse(word) is not None


def tone_well_placed(word):
    """True when the syllable's tone sits where the spelling rules put it.

    A misplaced tone ("iả", "muà") still makes a syllable; this only tells a
    glued word's likely split ("khángiả" is "khán giả") from an unlikely one.
    """
    initial, glide, nucleus, final, tone, toned_at = analyse(word)
    if not tone:
        return True
    # After qu- the u is the glide or the first letter of uô (quốc, quý).
    base = len(initial) + len(glide) - (initial == "qu")
    if nucleus in ("iê", "yê", "uô", "ươ"):
        places = {base + 1}
    elif nucleus == "oo":
        places = {base, base + 1}
    else:
        places = {base}
    if glide and not final and initial != "qu":
        places.add(base - 1)  # the older style: hòa, khỏe, thủy
    return toned_at in places


def is_judged(word):
    """True when `word` looks Vietnamese enough to judge: a Vietnamese letter or a tone mark,
    and no letter Vietnamese does not use (f, j, w, z, ü, ç, ñ…)."""
    marked, previous = False, ""
    for char in unicodedata.normalize("NFD", word.lower()):
        if char in TONE_MARKS and previous in VOWELS or char in LETTER_MARKS or char == "đ":
            marked = True
        elif unicodedata.combining(char) or char not in ALPHABET:
            return False  # ñ is n with a tilde, a mark Vietnamese puts on vowels only
        else:
            previous = char
    return marked


@lru_cache(maxsize=65536)
def split_glued(word):
    """The fewest valid syllables (two or more) that spell `word`, or None.

    Dynamic programming over the word's letters. Among splits with as few
    pieces, prefer in turn: fewer misplaced tones ("khángiả" is "khán giả",
    not "kháng iả"); more common syllables ("khôngai" is "không ai", not
    "khôn gai"); fewer pieces without an initial consonant ("hạtầng" is "hạ
    tầng"); and consonants starting a syllable rather than ending one
    ("vịtrí" is "vị trí", not "vịt rí").
    """
    if is_syllable(word):
        return None
    lower = word.lower()
    size = len(lower)
    # best[i]: (score, cut positions) of the best split of lower[i:]; lower scores win.
    best = [None] * (size + 1)
    best[size] = ((0, 0, 0, 0), ())
    for start in range(size - 1, -1, -1):
        for end in range(start + 1, min(size, start + LONGEST_SYLLABLE) + 1):  # shortest first
            tail = best[end]
            piece = lower[start:end]
            if tail is None or not is_syllable(piece):
                continue
            pieces, misplaced, common, bare = tail[0]
            score = (
                pieces + 1,
                misplaced + (not tone_well_placed(piece)),
                common - (piece in COMMON_SYLLABLES),
                bare + (start > 0 and not analyse(piece)[0]),
            )
            if best[start] is None or score < best[start][0]:
                best[start] = (score, (end, *tail[1]))
    if best[0] is None or best[0][0][0] < 2:
        return None
    pieces, start = [], 0
    for end in best[0][1]:
        pieces.append(word[start:end])
        start = end
    return tuple(pieces)
