"""The gazetteer: spelling variants merge, nisbas reach their country, spans point into raw text.

Sentences here are written for rasd's tests; the seeds are read from the shared folder.
"""

from __future__ import annotations

import itertools

import pytest

from rasd.names.gazetteer import GazetteerHit, canonical_key, entries, entry, find_names

from conftest import SEEDS


def keys(text: str) -> list[str]:
    return [h.key for h in find_names(text)]


def hit(text: str, key: str) -> GazetteerHit:
    found = [h for h in find_names(text) if h.key == key]
    assert found, f"{key} not found in {text!r}: {keys(text)}"
    return found[0]


@pytest.mark.parametrize(
    "name",
    ["قره باغ", "قرة باغ", "كاراباخ", "ناغورنو كاراباخ", "ناغورني قره باغ", "ناغورنو قرة باغ", "Nagorno-Karabakh",
     "قرة بـــاغ", "آرتساخ"],
)  # fmt: skip
def test_karabakh_variants_merge(name: str) -> None:
    assert canonical_key(name) == "karabakh"
    assert keys(f"تجدد القتال في {name} اليوم") == ["karabakh"]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("ستيباناكيرت", "stepanakert"), ("خانكندي", "stepanakert"), ("درنه", "derna"), ("درنة", "derna"),
        ("الحوز", "al_haouz"), ("قهرمان مرعش", "kahramanmaras"), ("كهرمان مرعش", "kahramanmaras"),
        ("أنطاكيا", "hatay"), ("آذربيجان", "AZ"), ("اذربيجان", "AZ"), ("أميركا", "US"), ("أمريكا", "US"),
        ("الولايات المتحدة الأمريكية", "US"), ("علياييف", "ilham_aliyev"), ("إلهام علييف", "ilham_aliyev"),
        ("باشينين", "nikol_pashinyan"), ("اردوغان", "recep_tayyip_erdogan"), ("بلينكين", "antony_blinken"),
        ("حلف شمال الأطلسي", "nato"), ("الناتو", "nato"), ("جماعة أنصار الله", "houthis"), ("الحوثيون", "houthis"),
        ("مجموعة مينسك", "minsk_group"), ("الدعم السريع", "rsf"), ("Azerbaijan", "AZ"), ("Karabakh", "karabakh"),
    ],
)  # fmt: skip
def test_variants_reach_one_key(name: str, key: str) -> None:
    assert canonical_key(name) == key


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("الأذربيجاني", "AZ"), ("الأذربيجانية", "AZ"), ("الأذربيجانيين", "AZ"), ("الأذرية", "AZ"),
        ("الأرمني", "AM"), ("الأرمنية", "AM"), ("الأرميني", "AM"), ("الأرمينية", "AM"), ("الأرمن", "AM"),
        ("التركي", "TR"), ("التركية", "TR"), ("الأتراك", "TR"), ("الروسي", "RU"), ("الروسية", "RU"),
        ("الأمريكي", "US"), ("الأميركية", "US"), ("السوداني", "SD"), ("الليبيون", "LY"), ("المغربية", "MA"),
        ("السوري", "SY"), ("الإيرانيين", "IR"), ("المصرية", "EG"), ("اللبنانيون", "LB"), ("اليمنيين", "YE"),
        ("الأوكرانية", "UA"), ("الإسرائيلي", "IL"), ("الفلسطينيين", "PS"), ("الكوري الشمالي", "KP"),
        ("الكورية الجنوبية", "KR"), ("Armenian", "AM"),
    ],
)  # fmt: skip
def test_nisba_maps_to_country(word: str, key: str) -> None:
    assert canonical_key(word) == key
    h = hit(f"وقالت المصادر {word} أمس", key)
    assert h.form == "nisba"
    assert entry(key) is not None


def test_country_spelled_like_a_nisba_is_a_name_without_article() -> None:
    assert hit("زار الوفد أرمينية الأسبوع الماضي", "AM").form == "name"
    assert hit("قالت الوزارة الأرمينية", "AM").form == "nisba"


@pytest.mark.parametrize(
    ("text", "key", "surface"),
    [
        ("اجتمع الوزير وبأذربيجان وفد", "AZ", "أذربيجان"),
        ("الدعم للأرمن مستمر", "AM", "للأرمن"),
        ("القوات التركية والروسية", "RU", "الروسية"),
        ("سافر إلى ليبيا ثم ولليبيا عاد", "LY", "ليبيا"),
        ("تحدث بالأردن أمس", "JO", "الأردن"),
        ("وصلت فبغداد أولا", "baghdad", "بغداد"),
        ("قدمت كالمغرب وتونس", "MA", "المغرب"),
    ],
)
def test_clitics_are_stripped_and_span_is_raw(text: str, key: str, surface: str) -> None:
    h = hit(text, key)
    assert h.surface == surface
    assert text[h.start : h.end] == surface


def test_offsets_survive_diacritics_tatweel_and_spaces() -> None:
    text = "عاجــــل:  القتال في قَرَة بـــاغ\u00a0و\u200fأَذْرَبيجان تتهم يريفان"
    hits = find_names(text)
    assert [h.key for h in hits] == ["karabakh", "AZ", "yerevan"]
    for h in hits:
        assert text[h.start : h.end] == h.surface
    assert hits[0].surface == "قَرَة بـــاغ"


def test_no_hit_inside_longer_words() -> None:
    text = "تركيز الجهود على مصرف التعاون وتركيبة الحكومة ولبنانة المسرح والروسيات"
    assert keys(text) == ["RU"]  # only the real word الروسيات
    assert canonical_key("تركيز") is None
    assert keys("مصرف مصري") == ["EG"]


def test_common_words_are_not_names() -> None:
    assert keys("قدم دعم مالي كبير بالحد الأقصى والقوة القاهرة") == []
    assert keys("عمل بحماس والحماس الشديد") == ["hamas"]  # بحماس is also "in Hamas": kept
    assert keys("الأسد ملك الغابة") == []  # a weak name without cue or evidence
    assert keys("مجلس الأمن القومي يجتمع") == []


def test_weak_names_need_a_cue_or_evidence() -> None:
    assert keys("انقلاب عسكري في مالي") == ["ML"]
    assert keys("قال الرئيس السوري إن الأسد باق") == ["SY", "bashar_al_assad"]
    assert keys("قصف على مدينة حمص") == ["homs"]


def test_amman_and_oman() -> None:
    assert keys("وصل الوفد إلى عمّان قادما من عُمان") == ["amman", "OM"]
    assert keys("قالت الحكومة الأردنية في عمان إن الأردن يرحب") == ["JO", "amman", "JO"]
    assert keys("دول الخليج: السعودية وقطر وعمان") == ["gulf", "SA", "QA", "OM"]
    assert keys("سلطنة عمان") == ["OM"]
    assert canonical_key("عمان") == "OM" and canonical_key("عمّان") == "amman"


def test_tripoli_follows_the_document() -> None:
    assert keys("اشتباكات في طرابلس بين فصائل ليبية") == ["tripoli", "LY"]
    assert keys("اشتباكات في طرابلس شمال لبنان") == ["tripoli_lb", "LB"]


def test_longest_match_and_no_overlap() -> None:
    text = "أعلن مجلس الأمن الدولي والجيش الإسرائيلي وأذربيجان الشرقية"
    hits = find_names(text)
    assert [h.key for h in hits] == ["unsc", "idf", "east_azerbaijan"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(hits))


def test_english_names_keep_case() -> None:
    text = "Let us talk. The US and UK backed NATO; Putin met Erdogan in Ankara over Nagorno-Karabakh and Chad."
    assert keys(text) == ["US", "GB", "nato", "vladimir_putin", "recep_tayyip_erdogan", "ankara", "karabakh", "TD"]
    assert keys("china and turkey for dinner") == []
    h = hit("Officials in Azerbaijan said", "AZ")
    assert h.type == "COUNTRY" and h.surface == "Azerbaijan"


def test_types_and_countries() -> None:
    assert hit("في واشنطن", "washington").country == "US"
    assert hit("بوتين", "vladimir_putin").type == "PER"
    assert hit("حزب الله", "hezbollah").type == "ORG"
    assert hit("منطقة قره باغ", "karabakh").type == "REGION"
    assert hit("أذربيجان", "AZ").type == "COUNTRY"


def test_every_country_in_the_data_exists() -> None:
    table = entries()
    assert len(table) > 900
    for e in table.values():
        assert e.country is None or table[e.country].type == "COUNTRY", e.key
        assert e.name_ar and e.variants


def test_seeds_name_karabakh_azerbaijan_armenia() -> None:
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) == 5
    for path in paths:
        text = path.read_text(encoding="utf-8")
        hits = find_names(text)
        found = {h.key for h in hits}
        assert {"karabakh", "AZ", "AM"} <= found, path.name
        assert all(text[h.start : h.end] == h.surface for h in hits)


def test_empty_and_unknown() -> None:
    assert find_names("") == []
    assert canonical_key("") is None
    assert canonical_key("كلمة عادية") is None
    assert entry("nope") is None
