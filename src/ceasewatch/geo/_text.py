"""Text folding and transliteration used both to build gazetteer keys and to scan text.

The folding is length-preserving (one character in, one character out) so that a match in the folded text
maps back to the same offsets in the original text; runs of spaces are then collapsed with an offset map.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

_SPACE_RUN = re.compile(r"  +")  # runs of two or more spaces (a literal prefix: searched much faster than " {2,}")
_EXTRA = {"ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "æ": "a", "Æ": "a", "œ": "o", "Œ": "o",
          "ß": "s", "ı": "i", "ё": "е", "Ё": "е", "ʹ": " ", "ʼ": " "}


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = [(0, 0x250), (0x370, 0x530), (0x1E00, 0x1F00), (0x2000, 0x2070), (0x2E00, 0x2E50), (0x3000, 0x3020),
              (0xFF00, 0xFF10)]
    for lo, hi in ranges:
        for cp in range(lo, hi):
            ch = chr(cp)
            if ch in _EXTRA:
                out = _EXTRA[ch]
            elif not ch.isalnum():
                out = " "
            else:
                low = ch.lower()
                if len(low) != 1:
                    low = unicodedata.normalize("NFKD", ch)[0].lower()
                if 0x400 <= ord(low) < 0x530:  # Cyrillic: keep (й, ї matter), only lower-cased
                    out = low
                else:
                    base = unicodedata.normalize("NFKD", low)[0]
                    out = base if base.isalnum() else low
            if out != ch:
                table[cp] = out
    return table


FOLD_TABLE = _build_table()


_ASCII_TABLE = bytes(ord(FOLD_TABLE.get(i, chr(i))) for i in range(128)) + bytes(range(128, 256))
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_ASCII_BYTES = bytes(range(128))
# characters whose folded form is folded again ("Ǣ" -> "æ" -> "a"): replacing them one by one is not translate
_REFOLDED = frozenset(chr(cp) for cp, out in FOLD_TABLE.items() if FOLD_TABLE.get(ord(out), out) != out)


def fold(s: str) -> str:
    """Lower-case, strip accents from Latin letters, punctuation to spaces; same length as ``s``."""
    if s.isascii():
        return s.encode("ascii").translate(_ASCII_TABLE).decode("ascii")
    try:
        # UTF-8 keeps ASCII characters as single bytes and no other character has an ASCII byte: deleting the
        # ASCII bytes leaves the non-ASCII characters (in C, much faster than a regex scan of the text), and
        # bytes.translate folds every ASCII character in place
        b = s.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: the regex path below
        b = None
    if b is not None:
        others = b.translate(None, _ASCII_BYTES).decode("utf-8")
        if len(others) * 4 <= len(s):
            distinct = set(others)
            if distinct.isdisjoint(_REFOLDED):
                out = b.translate(_ASCII_TABLE).decode("utf-8")
                for ch in distinct:  # str.translate, one distinct character at a time
                    to = FOLD_TABLE.get(ord(ch))
                    if to is not None:
                        out = out.replace(ch, to)
                return out
    runs = _NON_ASCII.findall(s)
    if sum(map(len, runs)) * 4 > len(s):  # mostly non-Latin text (Cyrillic): the general path
        return s.translate(FOLD_TABLE)
    # mostly ASCII (English news with curly quotes and dashes): bytes.translate, then patch the rest
    base = s.encode("ascii", "replace").translate(_ASCII_TABLE).decode("ascii")
    pieces = []
    last = 0
    for m in _NON_ASCII.finditer(s):
        pieces.append(base[last:m.start()])
        pieces.append(m.group().translate(FOLD_TABLE))
        last = m.end()
    pieces.append(base[last:])
    return "".join(pieces)


def key(s: str) -> str:
    """Normalised lookup key for a name: folded, single spaces, no leading/trailing space."""
    return " ".join(fold(s).split())


def key_noapos(s: str) -> str:
    """Like key() but apostrophes are dropped rather than split on ("Pervomais'kyi" -> "pervomaiskyi")."""
    return key(re.sub(r"['’ʼ`´ʹ]", "", s))


class FoldedText:
    """Folded text with collapsed spaces, padded with one space each side, and a map back to offsets."""

    __slots__ = ("text", "_npos", "_delta")

    def __init__(self, original: str) -> None:
        f = " " + fold(original) + " "
        # a run of spaces [a, b) in f becomes one space: positions after it shift left by b - a - 1
        # (one pass over the runs builds both the collapsed text and the offset map)
        pieces: list[str] = []
        npos: list[int] = [0]
        delta: list[int] = [-1]  # original offset = folded offset + delta (the leading pad shifts by -1)
        removed = 0
        last = 0
        for m in _SPACE_RUN.finditer(f):
            a, b = m.span()
            pieces.append(f[last:a + 1])
            last = b
            npos.append(a + 1 - removed)
            removed += b - a - 1
            delta.append(removed - 1)
        pieces.append(f[last:])
        self.text = "".join(pieces) if len(pieces) > 1 else f
        self._npos = npos
        self._delta = delta

    def orig(self, pos: int) -> int:
        """Original offset of a character position in the collapsed folded text."""
        i = bisect.bisect_right(self._npos, pos) - 1
        return pos + self._delta[i]


# --- Cyrillic to Latin: several schemes, because news copy mixes Ukrainian and Russian-style spellings -----
_COMMON = {"а": "a", "б": "b", "в": "v", "д": "d", "з": "z", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
           "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "ш": "sh", "ч": "ch", "ц": "ts", "ж": "zh",
           "щ": "shch", "ъ": "", "ь": "", "'": "", "’": "", "ʼ": "", "-": "-", " ": " ", "ы": "y", "э": "e",
           "е": "e", "ё": "e"}
_SCHEMES = [
    # Ukrainian national (2010) transliteration
    dict(_COMMON, г="h", ґ="g", є="ie", и="y", і="i", ї="i", й="i", х="kh", ю="iu", я="ia"),
    # Ukrainian with y-forms (common in English-language news)
    dict(_COMMON, г="h", ґ="g", є="ye", и="y", і="i", ї="yi", й="y", х="kh", ю="yu", я="ya"),
    # Russian BGN/PCGN-like
    dict(_COMMON, г="g", ґ="g", є="ye", и="i", і="i", ї="yi", й="y", х="kh", ю="yu", я="ya"),
    # Russian, simplified (i-forms)
    dict(_COMMON, г="g", ґ="g", є="e", и="i", і="i", ї="i", й="i", х="kh", ю="yu", я="ya"),
    # loose "news" forms: h for х, sch for щ
    dict(_COMMON, г="h", ґ="g", є="ye", и="y", і="i", ї="yi", й="y", х="h", ю="yu", я="ya", щ="sch"),
    dict(_COMMON, г="g", ґ="g", є="ye", и="i", і="i", ї="yi", й="y", х="h", ю="yu", я="ya", щ="sch"),
    # Ukrainian h for г but i for и, as in OSCE/UN reports ("Lopaskine", "Hranitne", "Novoluhanske")
    dict(_COMMON, г="h", ґ="g", є="ye", и="i", і="i", ї="yi", й="y", х="kh", ю="yu", я="ya"),
]
_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_CYR = re.compile(r"[\u0400-\u04ff]")
_LATIN_OK = re.compile(r"^[A-Za-z][A-Za-z .'’\-()]*$")


def is_cyrillic(s: str) -> bool:
    return bool(_CYR.search(s))


def is_plain_latin(s: str) -> bool:
    """Latin script after accent folding (so 'Kyïv' counts, 'ji fu' romanisations are filtered elsewhere)."""
    base = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return bool(_LATIN_OK.match(base))


def translits(cyr: str) -> set[str]:
    """Latin spellings of a Cyrillic name under the schemes above (lower-case)."""
    s = cyr.lower()
    out = set()
    for scheme in _SCHEMES:
        buf = []
        prev = " "
        for ch in s:
            if prev in " -" and ch in _INITIAL and scheme["й"] != "i":
                buf.append(_INITIAL[ch])
            else:
                buf.append(scheme.get(ch, ch))
            prev = ch
        out.add("".join(buf))
    if "е" in s:
        # BGN/PCGN writes Russian е as ye at a word's start and after a vowel, ь or ъ ("Nikolayev", "Makeyevka",
        # "Yenakiyevo", "Avdeyevka"), as English copy of Russian names does; the schemes above write e
        ye = _YE_POSITION.sub("йе", s)
        if ye != s:
            out.add(_translit_with_initials(ye, _SCHEMES[2]))
    if "ё" in s:  # Russian ё is folded to е above ("Shakhtersk"); English copy also writes yo ("Shakhtyorsk")
        yo = re.sub(r"(?<=[жшчщ])ё", "о", s).replace("ё", "йо")
        for scheme in (_SCHEMES[1], _SCHEMES[2]):
            out.add(_translit_with_initials(yo, scheme))
    return {o for o in out if o and not _CYR.search(o)}


_YE_POSITION = re.compile(r"(?:(?<=[аеёиоуыэюяьъ])|(?<![^\s-]))е")
_G_SCHEME = dict(_SCHEMES[1], г="g")


def _translit_with_initials(cyr: str, scheme: dict[str, str]) -> str:
    """Transliterate with ``scheme``, using the word-initial forms (є -> ye, ї -> yi, ...) at word starts;
    "" when a letter has no Latin form in the scheme."""
    buf = []
    prev = " "
    for ch in cyr.lower():
        buf.append(_INITIAL[ch] if prev in " -" and ch in _INITIAL else scheme.get(ch, ch))
        prev = ch
    out = "".join(buf)
    return "" if _CYR.search(out) else out


def translits_g(cyr: str) -> str:
    """Ukrainian y-forms but g for г ("Lutugyne", "Yuganivka", "Gorlivka"): a common hybrid in news copy."""
    return _translit_with_initials(cyr, _G_SCHEME)


def translits_national(cyr: str) -> str:
    """The Ukrainian national (2010) transliteration of a Ukrainian name, initial-letter rules included."""
    return _translit_with_initials(cyr, _SCHEMES[0])


# --- apostrophe and j spellings ------------------------------------------------------------------------------
# Older and scholarly romanisations of Ukrainian write ь as an apostrophe and keep the Ukrainian apostrophe
# ("Donets'k", "Luhans'k", "Mariupol'", "Slov'yans'k": the style of many English texts before the 2010 national
# system, and of UCDP GED), and the linguistic (scholarly) system writes j for й and the iotated vowels
# ("Zaporizhzhja", "Pervomajs'kyj", "Verkhn'okam'jans'ke", "Rajhorodka", "Jampolivka"), in its strict form with
# c, č, š, ž for ц, ч, ш, ж ("Sjevjerodonec'k"; folded: c, c, s, z). The national and GeoNames spellings never
# write an apostrophe for ь, so these are new keys; an apostrophe folds to a space (key("Donets'k") is
# "donets k"), the form in which running text is scanned.
_APOS = {"ь": "'", "'": "'", "’": "'", "ʼ": "'"}
_J_LETTERS = {"й": "j", "я": "ja", "ю": "ju", "є": "je", "ї": "ji"}
_J_SCHEME = dict(_SCHEMES[0], **_J_LETTERS, **_APOS)
_J_STRICT = dict(_J_SCHEME, ц="c", ч="c", ш="s", ж="z", щ="sc", х="ch")
_APOS_SCHEMES = (dict(_SCHEMES[0], **_APOS), dict(_SCHEMES[1], **_APOS))
_NEEDS_J = re.compile(r"[йяюєї]")
_NEEDS_APOS = re.compile(r"[ь'’ʼ]")


def apostrophe_keys(cyr: str) -> set[str]:
    """Keys of the apostrophe (ь as ') and j spellings of a Ukrainian Cyrillic name (see above); empty when
    the name has none of the letters concerned (its keys would be the national ones)."""
    s = cyr.lower()
    j, a = bool(_NEEDS_J.search(s)), bool(_NEEDS_APOS.search(s))
    out: set[str] = set()
    if a:  # national and y-form letters, ь and the apostrophe as '
        for scheme in _APOS_SCHEMES:
            t = _translit_with_initials(s, scheme) if scheme is _APOS_SCHEMES[1] else \
                "".join(scheme.get(ch, ch) for ch in s)
            if t:
                out.add(key(t))
    if j or a:
        for scheme in (_J_SCHEME, _J_STRICT):
            t = "".join(scheme.get(ch, ch) for ch in s)
            if not _CYR.search(t):
                out.add(key(t))
                if scheme is _J_SCHEME and a:
                    out.add(key_noapos(t))  # "Slovjansk", "Zaporizhzhja" without the apostrophes
    return {k for k in out if len(k) >= 4}


# --- Latin spelling variants (Kharkiv/Kharkov is covered by Cyrillic alternates; these are the residue) ----
_END_ADJ = re.compile(r"(s'?k)(yi|yy|iy|ij|ii|y|i|oi|oy)\b")
_ADJ_FORMS = ("yi", "y", "iy", "yy", "ii", "i")


_AYA_END = re.compile(r"(?<=[a-z]{3})aya\b")


def short_feminine(k: str) -> str:
    """'yasinovataya' -> 'yasinovata' (the Russian adjectival ending shortened as in Ukrainian/English usage)."""
    return _AYA_END.sub("a", k)


def latin_variants(name: str) -> set[str]:
    """Single-rule spelling variants of a folded Latin name: -skyi/-sky/-skiy, ia/ya, iu/yu, ie/ye, kh/h, zhzh/zh."""
    out = {name}
    m = _END_ADJ.search(name)
    if m:
        for form in _ADJ_FORMS:
            out.add(name[:m.start(2)] + form + name[m.end(2):])
            out.add(name[:m.start(1)] + "sk" + form + name[m.end(2):])
    if "aya" in name:  # Russian feminine -aya written -a in English copy ("Yasinovataya" -> "Yasinovata")
        out.add(_AYA_END.sub("a", name))
    for a, b in (("iia", "iya"), ("iia", "ia"), ("ia", "ya"), ("ya", "ia"), ("iu", "yu"), ("yu", "iu"),
                 ("ie", "ye"), ("ye", "ie"), ("zhzh", "zh"), ("yi", "yi"), ("kh", "h"), ("yy", "y"), ("ii", "i"),
                 ("ivka", "ovka"), ("ivske", "ovskoye"), ("ske", "skoye"), ("ske", "skoe"), ("ne", "noe"),
                 ("ve", "vo"), ("ve", "voye")):
        if a in name and a != b:
            out.add(name.replace(a, b))
    return out


def adjective_stems(word: str) -> list[str]:
    """Possible stems of an adjectival district/region name: 'amvrosievsky' -> ['amvrosiev', ...]."""
    w = word.lower().replace("'", "").replace("’", "")
    stems = []
    for suf in ("skyi", "skyy", "skiy", "skii", "skij", "sky", "ski", "skoi", "skoy", "ska", "skaya", "kyi", "ky"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            stems.append(w[: -len(suf)])
    return stems


# --- Russian-language forms of Ukrainian names ------------------------------------------------------------
# News copy (and UCDP's sources) often give a Ukrainian village its Russian name ("Stepanovka" for Степанівка,
# "Andreyevka" for Андріївка, "Latyshevo" for Латишеве, "Nizhnyaya Olkhovaya" for Нижня Вільхова). The
# register only has the Ukrainian name, so a Russian form is derived by general correspondences: і -> и,
# и -> ы (transliterated y or i), -івка -> -овка/-евка, -ївка/-іївка -> -евка/-еевка, adjectival -е -> -ое and
# possessive -ове/-ине -> -ово/-ино, feminine adjectives -а -> -ая, a few roots with і from old о/е/ѣ
# (біл-, світл-, ліс-, вільх-, гір-...), given-name stems (Олекс- -> Алекс-, Микол- -> Никол-, Олен- -> Елен-,
# Катерин- -> Екатерин-) and the common name words (Перша -> Первая, Червона -> Красная, Перемога -> Победа).
_RU_WORDS = {
    "перша": ("первая",), "перше": ("первое",), "перший": ("первый",), "друга": ("вторая",),
    "друге": ("второе",), "другий": ("второй",), "нижня": ("нижняя",), "нижнє": ("нижнее",),
    "нижній": ("нижний",), "верхня": ("верхняя",), "верхнє": ("верхнее",), "верхній": ("верхний",),
    "велика": ("великая", "большая"), "велике": ("великое", "большое"), "великий": ("великий", "большой"),
    "мала": ("малая",), "мале": ("малое",), "малий": ("малый",), "нова": ("новая",), "нове": ("новое",),
    "новий": ("новый",), "стара": ("старая",), "старе": ("старое",), "старий": ("старый",),
    "червона": ("красная", "червоная"), "червоне": ("красное", "червоное"), "червоний": ("красный",),
    "червоні": ("красные",), "зелена": ("зеленая",), "зелений": ("зеленый",), "біла": ("белая",),
    "чорна": ("черная",), "гута": ("гута",), "вільхова": ("ольховая",),
    # Soviet-era name words whose Russian form is another word, not a respelling (Перемога is Победа)
    "перемога": ("победа",), "зоря": ("заря",), "жовтень": ("октябрь",), "жовтневе": ("октябрьское",),
    "жовтневий": ("октябрьский",), "жовтнева": ("октябрьская",), "травневе": ("майское",),
    "першотравневе": ("первомайское",), "першотравенськ": ("первомайск",), "першотравневий": ("первомайский",),
    "сонячне": ("солнечное",), "щасливе": ("счастливое",), "надія": ("надежда",),
}
_RU_ROOTS = (("червоно", "красно"), ("олекс", "алекс"), ("микол", "никол"), ("олен", "елен"), ("катерин", "екатерин"),
             ("біл", "бел"), ("світл", "светл"), ("ліс", "лес"), ("піс", "пес"), ("вільх", "ольх"),
             ("гір", "гор"), ("кам'ян", "камен"), ("камян", "камен"), ("річ", "реч"), ("ріг", "рог"),
             ("сін", "сен"), ("хутір", "хутор"), ("поділ", "подол"), ("гнід", "гнед"), ("мир", "мир"),
             ("ганн", "анн"), ("під", "под"),
             # Ukrainian роз- is Russian раз- (Роздольне/Раздольное, Роздолівка/Раздоловка); Костянтин- is
             # Константин- (Костянтинівка/Константиновка, Костянтинопіль/Константинополь)
             ("роз", "раз"), ("костянтин", "константин"), ("дніпр", "днепр"))
# Ukrainian compound prefixes from soft adjectives: Нижньо-/Верхньо- are Russian Нижне-/Верхне-
# (Верхньокам'янка/Верхнекаменка, Нижньотеплe/Нижнетеплое)
_RU_PREFIXES = (("нижньо", "нижне"), ("верхньо", "верхне"))
# Ukrainian і in a closed syllable often stands for an old о or е that Russian keeps (Спірне/Спорное,
# Сокільники/Сокольники, Рідкодуб/Редкодуб): when no root above applies, the last such і of the stem gets both
_CLOSED_I = re.compile(r"і(?=[бвгґджзклмнпрстфхцчшщ]ь?(?:[бвгґджзклмнпрстфхцчшщ]|$))")
_RU_SUFFIX = (  # word endings, longest first: Ukrainian -> Russian alternatives
    ("ійське", ("ейское", "ийское")), ("ійський", ("ейский", "ийский")), ("ійськ", ("ейск", "ийск")),
    ("ська", ("ская",)), ("цька", ("цкая",)), ("ський", ("ский",)), ("цький", ("цкий",)),
    ("пілля", ("полье",)), ("ці", ("цы",)),
    ("іївка", ("еевка", "иевка")), ("ївка", ("евка",)), ("лівка", ("ловка", "льевка")),
    # from given names in -ий: Григорій/Григорівка/Григорьевка, Дмитрій/Дмитрівка/Дмитриевка
    ("горівка", ("горовка", "горевка", "горьевка")), ("трівка", ("тровка", "тревка", "триевка")),
    ("івка", ("овка", "евка")),
    ("івськ", ("овск",)), ("івське", ("овское",)), ("івський", ("овский",)), ("івці", ("овцы",)),
    ("ове", ("ово", "овое")), ("еве", ("ево", "евое")), ("єве", ("ево", "евое")), ("ине", ("ино", "иное")),
    ("іне", ("ино", "иное")), ("їне", ("иное", "ино")), ("ське", ("ское",)), ("цьке", ("цкое",)),
    ("ччя", ("чье",)), ("ння", ("нье",)), ("лля", ("лье",)), ("іття", ("етье",)),
    ("не", ("ное",)), ("ре", ("рое",)), ("ле", ("лое",)), ("ве", ("вое",)), ("ке", ("кое",)), ("те", ("тое",)),
    ("ів", ("ов", "ово")), ("ий", ("ый", "ой")),
)
_RU_LETTERS = str.maketrans({"і": "и", "и": "ы", "ї": "и", "є": "е", "ґ": "г", "'": "", "’": "", "ʼ": ""})
_RU_SCHEME = dict(_COMMON, г="g", и="i", й="y", х="kh", ю="yu", я="ya", ы="y", э="e")
_RU_VOWELS = set("аеёиоуыэюяьъ")
_RU_MAX_FORMS = 6


def _ru_word(w: str) -> list[str]:
    """Russian-style Cyrillic forms of one lower-case Ukrainian word (at most a handful)."""
    if w in _RU_WORDS:
        return list(_RU_WORDS[w])
    for a, b in _RU_PREFIXES:
        if w.startswith(a) and len(w) > len(a) + 2:
            w = b + w[len(a):]
            break
    # Ukrainian apostrophe after р is Russian ь (Дар'ївка/Дарьевка, Мар'їнка/Марьинка; after a labial it is
    # nothing: Слов'янськ/Славянск); a doubled л before і is Russian ль (Іллінка/Ильинка, Ілліч/Ильич)
    w = re.sub(r"р['’ʼ]", "рь", w).replace("ллі", "льі")
    heads = [w]
    rooted = False
    for a, b in _RU_ROOTS:  # a root at the word start or after Ново-/Старо-/a hyphen
        i = w.find(a)
        if i == 0 or (i > 0 and (w[:i] in ("ново", "старо", "нижне", "верхне") or w[i - 1] == "-")):
            heads.append(w[:i] + b + w[i + len(a):])
            rooted = True
            if a == "катерин":  # Новокатеринівка: Новоекатериновка and Новокатериновка
                heads.append(w)
            break
    out: list[str] = []
    for h in heads:
        stem, alts = h, ("",)
        for suf, ru_alts in _RU_SUFFIX:
            if h.endswith(suf) and len(h) > len(suf) + 2:
                stem, alts = h[: -len(suf)], ru_alts
                break
        stems = [stem]
        if not rooted:
            closed = [m.start() for m in _CLOSED_I.finditer(stem) if m.start() > 0]
            if closed:
                j = closed[-1]
                stems += [stem[:j] + v + stem[j + 1:] for v in ("о", "е")]
        out.extend(st.translate(_RU_LETTERS) + alt for st in stems for alt in alts)
    # after ж ш ч щ ц Russian writes и, not ы
    return list(dict.fromkeys(re.sub(r"([жшчщгкх])ы", r"\1и", o) for o in out))


def ru_forms(uk: str) -> list[str]:
    """Russian-style Cyrillic forms of a Ukrainian place name ("Степанівка" -> ["степановка", "степаневка"])."""
    # the register writes the apostrophe ’ (U+2019), the rules below the ASCII ' (Кам’янка is Кам'янка/Каменка)
    words = re.sub(r"[’ʼ`]", "'", uk.lower()).split(" ")
    if len(words) > 3:
        return []
    forms = [""]
    # an adjective after its noun (Новоселівка Перша, Олександрівка Друга): the first word is then a noun
    noun_first = len(words) > 1 and words[-1] in _RU_WORDS
    for wi, w in enumerate(words):
        parts = w.split("-")
        wforms = [""]
        for pi, part in enumerate(parts):
            pf = _ru_word(part) if part else [""]
            # an adjective before its noun (its forms first: the product of forms is capped)
            if noun_first:
                pass
            elif wi < len(words) - 1 and part not in _RU_WORDS and re.search(r"[^аеєиіїоуюя]а$", part):
                pf = [part.translate(_RU_LETTERS) + "я"] + pf  # Крива Лука -> Кривая Лука
            elif wi < len(words) - 1 and part not in _RU_WORDS and part.endswith("є"):
                pf = [part[:-1].translate(_RU_LETTERS) + "ее"] + pf  # Нижнє -> Нижнее
            elif wi < len(words) - 1 and part not in _RU_WORDS and re.search(r"[нвлк]і$", part):
                # plural: Цвітні Піски -> Цветные Пески, Великі -> Великие
                pl = [(o[:-2] if o.endswith("ая") else o[:-1]) + "ые" for o in _ru_word(part[:-1] + "а")]
                pf = list(dict.fromkeys(re.sub(r"([жшчщгкх])ы", r"\1и", o) for o in pl)) + pf
            wforms = [a + ("-" if pi else "") + b for a in wforms for b in pf][:_RU_MAX_FORMS]
        forms = [a + (" " if wi else "") + b for a in forms for b in wforms][:_RU_MAX_FORMS]
    return [f for f in forms if f and f != " ".join(words)]


def _ru_translit(cyr: str, ye: bool, y_for_y: bool, short_j: bool = False, apos: bool = False) -> str:
    """One Latin spelling of a Russian-style Cyrillic form.

    ``ye``: е after a vowel, ь or ъ (and word-initially) is "ye" (BGN: Nikolayevka, Troitskoye) rather than "e"
    (Nikolaevka, Troitskoe), and ь before и is "y" (Ilyinka); ``y_for_y``: ы is "y" (Krasnyy) rather than "i";
    ``short_j``: й before a consonant or a vowel is "i" (Mikhailovka, Pervomaiskoye, Urozhainoye: the common
    simplified spelling) rather than "y" (BGN: Mikhaylovka); ``apos``: ь is written ' (BGN: Vasil'yevka).
    """
    buf = []
    prev = " "
    n = len(cyr)
    for i, ch in enumerate(cyr):
        nxt = cyr[i + 1] if i + 1 < n else " "
        if ch == "е" and ye and (prev in _RU_VOWELS or prev in " -"):
            buf.append("ye")
        elif ch == "ы":
            buf.append("y" if y_for_y else "i")
        elif ch in "йя" and prev == "и" and not y_for_y:  # -ий/-ая endings: "iy", "aya" stay
            buf.append(_RU_SCHEME[ch])
        elif ch == "й" and short_j and nxt not in " -":
            buf.append("i")
        elif ch == "ь" and apos:
            buf.append("'")
        elif ch == "ь" and ye and nxt == "и":
            buf.append("y")
        else:
            buf.append(_RU_SCHEME.get(ch, ch))
        prev = ch
    return "".join(buf)


# word-final adjective endings and their spellings in English copy: Krasnyy/Krasny/Krasniy/Krasnyi,
# Velikiy/Veliky/Velikii/Veliki, Sukhoy/Sukhoi (one Latin letter per Cyrillic letter, so they can be swapped)
_RU_ADJ_ENDS = {"ый": ("yy", "y", "iy", "yi"), "ий": ("iy", "y", "ii", "i"), "ой": ("oy", "oi")}


def _adj_end_variants(cyr: str, lat: str) -> set[str]:
    """``lat`` (a transliteration of ``cyr``, word for word) with each word-final -ый/-ий/-ой spelled the other
    common ways."""
    cw, lw = cyr.split(" "), lat.split(" ")
    if len(cw) != len(lw):
        return set()
    outs = [lw]
    for i, w in enumerate(cw):
        alts = _RU_ADJ_ENDS.get(w[-2:]) if len(w) > 4 else None
        if alts and len(lw[i]) > 2:
            outs = [o[:i] + [lw[i][:-2] + a] + o[i + 1:] for o in outs for a in alts]
    return {" ".join(o) for o in outs[1:]} if len(outs) > 1 else set()


def ru_variants(uk: str) -> set[str]:
    """Latin keys of the Russian-style forms of a Ukrainian Cyrillic name: BGN-like and simplified spellings
    (ye/e, y/i for ы, y/i for й, ' for ь) and the common spellings of adjective endings."""
    out: set[str] = set()
    for f in ru_forms(uk):
        for ye in (True, False):
            for yy in (True, False):
                for short_j in ((False, True) if "й" in f else (False,)):
                    t = _ru_translit(f, ye, yy, short_j)
                    if t and not _CYR.search(t):
                        out.add(key_noapos(t))
                        if short_j or not ye:
                            continue
                        for v in _adj_end_variants(f, t):
                            out.add(key_noapos(v))
        if "ь" in f:
            t = _ru_translit(f, True, False, apos=True)
            if not _CYR.search(t):
                out.add(key(t))
    return {o for o in out if len(o) >= 4}


# --- multi-word names: each word in its own spelling -----------------------------------------------------------
# English copy spells the words of a two- or three-word (or hyphenated) name independently: a Russian adjective with the
# Ukrainian noun ("Chervonaya Dibrova" for Червона Діброва), the reverse ("Chervoniy Oskol" for Червоний Оскіл,
# "Novoselovka Druha" for Новоселівка Друга), and the soft adjectives Нижн-/Верхн-/Середн- with the ending of
# another gender ("Nyzhnie Krynka" for Нижня Кринка, "Nyzhnie Nagolchyk" for Нижній Нагольчик, "Nizhni Lozovoe"
# for Нижнє Лозове: these endings are easily confused, and "Nyzhnie"/"Nizhni" are the forms seen most).
_SOFT_ADJ = re.compile(r"^(нижн|верхн|середн)(ій|я|є|і)$")
_SOFT_UK_ENDS = ("ій", "я", "є", "і")
_SOFT_RU_ENDS = ("ий", "яя", "ее", "ие")
_MIXED_MAX = 64


def mixed_keys(uk: str) -> set[str]:
    """Keys of a multi-word Ukrainian name whose words are spelled independently (Ukrainian or Russian forms,
    soft adjectives in any gender); at most _MIXED_MAX, the spellings of the whole name in one system excluded
    (those are made by translits() and ru_variants())."""
    words = re.split(r"[ -]", uk.lower())  # a hyphen is a space in keys ("Kamenka-Dniprovska")
    if not 2 <= len(words) <= 3:
        return set()
    opts: list[dict[str, None]] = [{} for _ in words]  # ordered sets: the most usual spellings first

    def uk_forms(i: int, w: str) -> None:
        # y-forms, national, i for и ("Chervoniy"), g for г ("Nagolchyk")
        for scheme in (_SCHEMES[1], _SCHEMES[0], _SCHEMES[6], _G_SCHEME):
            t = _translit_with_initials(w, scheme)
            if t:
                opts[i][key_noapos(t)] = None

    def ru_latin(i: int, w: str) -> None:
        for ye, yy, short_j in ((True, True, False), (False, False, True)):
            t = _ru_translit(w, ye, yy, short_j)
            if t and not _CYR.search(t):
                opts[i][key_noapos(t)] = None
                if ye:
                    for v in _adj_end_variants(w, t):  # Krasny, Sukhoi, Nizhni
                        opts[i][key_noapos(v)] = None

    for i, w in enumerate(words):
        uk_forms(i, w)
    for f in ru_forms(uk):
        fw = re.split(r"[ -]", f)
        if len(fw) == len(words):
            for i, w in enumerate(fw):
                ru_latin(i, w)
    for i, w in enumerate(words):
        m = _SOFT_ADJ.match(w)
        if m:
            for end in _SOFT_UK_ENDS:
                uk_forms(i, m.group(1) + end)
            for end in _SOFT_RU_ENDS:
                ru_latin(i, m.group(1) + end)
    combos = [""]
    for i, o in enumerate(opts):
        combos = [c + (" " if i else "") + x for c in combos for x in o if x]
    whole = {key_noapos(t) for t in translits(uk)} | ru_variants(uk)
    out = [c for c in combos if c not in whole]
    return set(out[:_MIXED_MAX])
