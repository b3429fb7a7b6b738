"""Spotting Vietnamese typed without its diacritics ("cam on bao da dua tin").

Readers on keyboards without a Vietnamese input method often type bare
letters, which are hard to read and ambiguous ("ban" is bàn, bán, bạn or bản).
The form asks such readers once to retype their text; English and other
languages must not be flagged, so a text is judged only when it is long
enough, has no diacritics at all, and reads as Vietnamese syllables.
"""

import re
import unicodedata

MIN_WORDS = 4
# Every word must be shaped like a Vietnamese syllable without its marks...
SYLLABLE_SHARE = 0.9
# ...and many must be everyday syllables, which English words rarely are.
COMMON_SHARE = 0.4

SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"[aeiouy]{1,3}"
    r"(?:ch|ng|nh|[cmnpt])?"
)
WORD = re.compile(r"[^\W\d_]+")

COMMON_SYLLABLES = set(
    """
    a ai an anh ba bac bai ban bang bao bat bay be ben bi bien biet binh bo boi bon bong bu
    bua buoc buon ca cac cach cai cam can canh cao cap cau chi chia chien chinh cho chon chu
    chua chuc chung chuyen co coi con cong cu cua cuc cung cuoc cuoi da dai dam dan dang danh
    dao dap dat dau day de dem den deu di dia dich dien dieu dinh do doan doc doi don dong du
    dua dung duoc duong em gan gap ghe gi gia giai giam gian giao gio giua giup ha hai han hang
    hanh hay het hien hieu ho hoa hoan hoc hoi hom hon hong hop hua huong huyen it khac khach
    khi khien khoa khoang khong khu kia kien kinh la lai lam lan lanh le len lien loai loi lon
    long luat luc luon luong ly ma mai mat may me moi mon mot mua muc muon nam nang nao nay ne
    nen ngap nghe nghi nghiep ngay nghia ngoai nguoi nha nhan nhanh nhat nhe nhieu nhin nho nhu
    nhung noi nong nua nuoc o ong phai phan phat phep pho phu phuc phuong qua quan que quy ra
    rang rat ro roi rong sach sai san sang sao sau se sinh so song su sua suc ta tai tam tan
    tang tao tat te than thang thanh thao that the them theo thi thiet thieu tho thoi thong thu
    thuc thuong tien tiep tim tin tinh to toan toi ton tot tra trach tram tran tren tri trinh
    trong truoc truong tu tuan tuoi tuong uy van vao vay ve vi viec viet vien voi vu vua vui xa
    xau xay xe xem xin xong xuat xuong y yeu
    """.split()
)


def has_diacritics(text):
    """True when any letter carries a mark, or is đ/Đ (which does not decompose)."""
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.category(char) == "Mn" or char in "đĐ":
            return True
    return False


def looks_unaccented_vietnamese(text):
    """True for Vietnamese typed without any diacritics, long enough to judge."""
    words = WORD.findall(text.lower())
    if len(words) < MIN_WORDS or has_diacritics(text):
        return False
    if any(not word.isascii() for word in words):
        return False
    syllables = sum(1 for word in words if SYLLABLE.fullmatch(word))
    common = sum(1 for word in words if word in COMMON_SYLLABLES)
    return syllables >= SYLLABLE_SHARE * len(words) and common >= COMMON_SHARE * len(words)
