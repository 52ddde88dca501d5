"""English resources: lexicons of attacks, methods, targets, effects and sources; casualty, date, claimant,
modality, position and pledge patterns; number words.

Conventions for vague quantities (documented in docs/extraction.md): "several" = at least 3, "a few" and
"a number of" / "multiple" / "many" = at least 2, "dozens" = at least 24, "scores" = at least 40,
"hundreds" = at least 200, "thousands" = at least 2000, "a dozen" = about 12.
"""

from __future__ import annotations

import re

from . import LanguagePack

# --------------------------------------------------------------------------------------------- numbers
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
TENS_RE = "|".join(_TENS)
NUMWORD = rf"(?:(?:{TENS_RE})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|{UNIT_RE}|a\s+dozen|a\s+hundred)"
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
NUM = rf"(?:(?:{DIGITS}|{NUMWORD})(?:\s+(?:hundred|thousand|million))?)"


_NUMBER_MEMO: dict[str, int | None] = {}


def parse_number(s: str) -> int | None:
    """'12,000' -> 12000, 'twenty-one' -> 21, 'a dozen' -> 12, 'two hundred' -> 200; None if unreadable."""
    try:
        return _NUMBER_MEMO[s]
    except KeyError:
        pass
    v = _parse_number(s)
    if len(_NUMBER_MEMO) < 20_000:
        _NUMBER_MEMO[s] = v
    return v


def _parse_number(s: str) -> int | None:
    s = s.strip().lower().replace("–", "-")
    if not s:
        return None
    if s in ("a dozen", "dozen"):
        return 12
    s = re.sub(r"^an?\s+(?=hundred|thousand|million)", "one ", s)
    total = 0
    current = 0
    seen = False
    for tok in re.split(r"[\s-]+", s):
        if not tok or tok == "and":
            continue
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", tok):
            current += int(tok.replace(",", ""))
        elif tok in _UNITS:
            current += _UNITS[tok]
        elif tok in _TENS:
            current += _TENS[tok]
        elif tok in _SCALES:
            scale = _SCALES[tok]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


# --------------------------------------------------------------------------------------------- lexicons
# category -> code -> phrases. Plurals in -s/-es are accepted automatically; irregular ones are listed.
LEXICON: dict[str, dict[str, tuple[str, ...]]] = {
    # Words that name an act of violence. "strong": names the attack itself; casualty and damage verbs
    # are triggers too (below) but are weak: alone they need a casualty figure, target or place.
    "attack": {
        "strike": ("strike", "strikes", "struck", "striking", "airstrike", "air strike", "air raid",
                   "drone strike", "missile strike", "hit", "hits", "hitting", "barrage", "salvo",
                   "bombardment", "bombing", "bombed", "bombarded", "slammed into", "pounded", "pounding",
                   "targeted", "targeting", "explosion", "blast", "exploded", "detonated", "detonation"),
        "attack": ("attack", "attacks", "attacked", "attacking", "raid", "assault", "assaulted", "offensive",
                   "stormed", "storming", "storm"),
        "shelling": ("shelling", "shelled", "shells", "artillery fire", "mortar fire", "tank fire",
                     "rocket fire", "opened fire", "fired at", "fired on", "fire at", "gunfire",
                     "shot at", "shooting", "sniper fire"),
        "clash": ("clash", "clashes", "clashed", "fighting", "battle", "battles", "firefight", "skirmish",
                  "gunbattle", "gun battle", "gunfight", "shootout", "shoot-out",
                  "skirmishes", "exchange of fire", "hostilities", "combat"),
        "launch": ("launched", "launches", "launching", "fired", "firing"),
    },
    "method": {
        "drone": ("drone", "drones", "uav", "uavs", "unmanned aerial vehicle", "shahed", "shaheds",
                  "geran", "geran-2", "lancet", "fpv drone", "kamikaze drone", "loitering munition"),
        "missile": ("missile", "missiles", "rocket attack", "rocket strike", "rocket strikes"),
        "missile.cruise": ("cruise missile", "kalibr", "kh-101", "kh-555", "kh-55", "kh-59", "kh-69",
                           "kh-22", "kh-32", "storm shadow", "scalp", "tomahawk", "neptune", "oniks"),
        "missile.ballistic": ("ballistic missile", "iskander", "iskander-m", "atacms", "kinzhal", "tochka",
                              "tochka-u", "kn-23", "kn-24", "scud", "zircon", "oreshnik"),
        "guided_aerial_bomb": ("kab", "kabs", "kab-250", "kab-500", "kab-1500", "glide bomb", "glide bombs",
                               "guided aerial bomb", "guided bomb", "guided bombs", "umpk", "fab-500",
                               "fab-1500", "aerial bomb", "aerial bombs"),
        "aircraft": ("airstrike", "air strike", "air raid", "warplane", "fighter jet", "bomber",
                     "helicopter", "aircraft", "aviation", "su-34", "su-35", "su-25", "tu-95", "tu-22m3",
                     "aerial bombardment"),
        "artillery": ("shelling", "shelled", "shells", "artillery", "howitzer", "cannon", "tank fire",
                      "artillery fire"),
        "mlrs": ("grad", "uragan", "smerch", "tornado-s", "himars", "mlrs", "multiple rocket launcher",
                 "multiple-launch rocket", "rocket launcher", "rocket launchers", "rocket fire"),
        "mortar": ("mortar", "mortars", "mortar fire"),
        "naval": ("warship", "warships", "naval", "black sea fleet", "submarine", "frigate", "sea drone",
                  "naval drone"),
        "ground_assault": ("assault", "assaulted", "stormed", "storming", "ground attack", "offensive",
                           "infantry", "sabotage group"),
        "small_arms": ("sniper", "gunfire", "shot dead", "gunmen", "gunman", "machine gun", "machine-gun",
                       "small arms", "opened fire", "shooting", "automatic weapons", "rifle"),
        "mine": ("landmine", "land mine", "mine", "mines", "anti-personnel mine", "anti-tank mine", "ied",
                 "improvised explosive", "tripwire", "explosive device", "unexploded ordnance"),
        "explosive": ("car bomb", "explosives"),
    },
    "target": {
        "energy": ("energy facility", "energy facilities", "energy infrastructure", "energy target",
                   "energy site", "energy object", "energy system", "energy sector", "energy enterprise",
                   "energy installation", "energy asset"),
        "energy.oil_refinery": ("oil refinery", "refinery", "refineries"),
        "energy.oil_gas": ("oil depot", "fuel depot", "oil storage", "fuel storage", "oil terminal",
                           "gas pipeline", "oil pipeline", "pipeline", "pumping station", "gas storage",
                           "gas facility", "gas facilities", "gas production", "gas infrastructure",
                           "compressor station", "tank farm", "oil facility", "oil facilities",
                           "gas distribution station", "oil and gas"),
        "energy.power": ("power grid", "electricity grid", "power infrastructure", "power facility",
                         "power facilities", "electricity infrastructure", "power system",
                         "power supply facility", "power supply facilities", "power engineering"),
        "energy.power.plant": ("power plant", "power station", "thermal power plant", "thermal plant",
                               "combined heat and power", "chp plant", "tpp", "chp", "heating plant",
                               "solar plant", "wind farm"),
        "energy.power.substation": ("substation", "electrical substation", "power substation"),
        "energy.power.transformer": ("transformer", "autotransformer"),
        "energy.power.distribution": ("power line", "power lines", "transmission line", "high-voltage line",
                                      "distribution network", "distribution grid"),
        "energy.nuclear": ("nuclear power plant", "nuclear plant", "npp", "nuclear power station",
                           "nuclear facility", "reactor"),
        "energy.hydro_dam": ("hydroelectric", "hydroelectric dam", "hydropower plant", "hydro plant", "dam",
                             "hpp", "hydroelectric power plant", "hydroelectric power station"),
        "residential": ("residential building", "apartment building", "apartment block", "residential area",
                        "residential quarter", "house", "houses", "home", "homes", "high-rise", "private house",
                        "dwelling", "multi-storey building", "multi-story building", "block of flats",
                        "residential", "apartment"),
        "healthcare": ("hospital", "clinic", "medical facility", "medical facilities", "maternity ward",
                       "ambulance", "health facility", "health facilities", "polyclinic"),
        "education": ("school", "kindergarten", "university", "college", "educational facility",
                      "educational institution", "lyceum"),
        "transport": ("transport infrastructure", "bus station", "public transport", "bus", "minibus", "tram",
                      "trolleybus", "logistics"),
        "transport.rail": ("railway", "railway station", "rail station", "train", "railroad",
                           "rail infrastructure", "railway infrastructure", "locomotive"),
        "transport.port": ("port", "seaport", "harbour", "harbor", "port infrastructure", "grain terminal",
                           "sea port"),
        "transport.bridge": ("bridge",),
        "transport.road": ("highway", "motorway"),
        "transport.airport": ("airport",),
        "commercial_vessel": ("cargo ship", "civilian vessel", "merchant vessel", "grain ship", "bulk carrier",
                              "container ship", "civilian ship", "merchant ship", "commercial vessel",
                              "oil tanker"),
        "agriculture": ("grain storage", "grain silo", "silo", "grain warehouse", "grain elevator", "farm",
                        "agricultural", "agricultural enterprise", "agricultural facility"),
        "industrial": ("factory", "industrial facility", "industrial facilities", "industrial enterprise",
                       "industrial site", "industrial zone", "enterprise", "plant"),
        "commercial": ("shop", "store", "supermarket", "shopping centre", "shopping center", "shopping mall",
                       "market", "cafe", "restaurant", "hotel", "business", "office building", "warehouse",
                       "post office", "gas station", "petrol station", "filling station"),
        "government": ("administration building", "city hall", "government building", "council building",
                       "government quarter"),
        "cultural": ("church", "cathedral", "monastery", "mosque", "synagogue", "museum", "theatre", "theater",
                     "library", "monument", "cultural heritage", "historic building"),
        "military": ("military facility", "military facilities", "military base", "military target",
                     "military unit", "air base", "airbase", "airfield", "barracks", "command post",
                     "ammunition depot", "ammunition dump", "arms depot", "military equipment",
                     "military positions", "positions", "checkpoint", "tank", "tanks", "air defence",
                     "air defense", "military airfield", "armoured vehicle", "armored vehicle", "troops"),
        "infrastructure": ("civilian infrastructure", "critical infrastructure", "infrastructure",
                           "civilian object", "civilian objects", "civilian facility", "civilian facilities"),
    },
    # Nouns that make a party word next to them an official/organisational source.
    "official": {
        "official": ("official", "officials", "authorities", "government", "administration", "ministry",
                     "minister", "president", "prime minister", "governor", "mayor", "spokesman",
                     "spokeswoman", "spokesperson", "military", "army", "armed forces", "general staff",
                     "command", "police", "prosecutor", "prosecutors", "prosecutor general", "kremlin",
                     "council", "parliament", "lawmaker", "deputy", "ambassador", "envoy", "defence",
                     "defense", "foreign ministry", "defence ministry", "defense ministry", "air force",
                     "navy", "secretary of state", "secretary", "chancellor", "head", "commander",
                     "emergency service", "emergency services", "state emergency service", "rescuers",
                     "vice president", "operations command", "headquarters", "border guard", "regional",
                     "leader", "leaders", "diplomat", "diplomats", "cabinet", "white house", "pentagon",
                     "state department", "national guard", "service"),
    },
    "media": {
        # State-owned or state-controlled outlets of a party (documented choice).
        "party_aligned_media:RU": ("tass", "ria novosti", "ria", "rt", "sputnik", "rossiya 24", "channel one",
                                   "zvezda", "rossiyskaya gazeta", "izvestia", "lenta.ru"),
        "party_aligned_media:UA": ("ukrinform", "suspilne", "united news telemarathon", "army inform",
                                   "armyinform"),
        "independent_media": ("reuters", "associated press", "ap", "afp", "agence france presse",
                              "agence france-presse", "bbc", "cnn", "the kyiv independent", "kyiv independent",
                              "interfax", "interfax-ukraine", "meduza", "new york times", "washington post",
                              "the guardian", "guardian", "bloomberg", "financial times", "the economist",
                              "ukrainska pravda", "unian", "nv", "hromadske", "the insider", "mediazona",
                              "al jazeera", "deutsche welle", "dw", "radio free europe", "rferl", "kommersant",
                              "novaya gazeta", "wall street journal", "politico", "axios", "euronews",
                              "anadolu", "anadolu agency", "daily sabah", "yle", "le monde"),
        "monitor": ("united nations", "un", "u.n.", "hrmmu", "hrmmlu", "un human rights monitoring mission",
                    "human rights monitoring mission", "ohchr", "osce", "smm", "special monitoring mission",
                    "icrc", "red cross", "iaea", "amnesty international", "human rights watch", "hrw",
                    "unicef", "who", "world health organization", "acled", "airwars", "bellingcat",
                    "monitoring mission", "monitors", "monitoring team", "monitoring group", "field monitors",
                    "un monitoring mission", "osce smm", "osce special monitoring mission", "un hrmmu",
                    "international atomic energy agency", "civilian harm monitoring team", "ceasefire monitors",
                    "observer mission", "osce observers", "un observers", "jccc"),
    },
}

# Cue words: cheap gates (one automaton pass over the document) that decide which sentences the costlier
# patterns run on. They never decide anything by themselves.
LEXICON["cue"] = {
    "report": ("said", "says", "say", "stated", "states", "told", "tells", "reported", "reports", "announced",
               "announces", "claimed", "claims", "confirmed", "confirms", "wrote", "writes", "added", "adds",
               "noted", "notes", "accused", "accuses", "blamed", "blames", "warned", "warns", "alleged",
               "alleges", "insisted", "declared", "posted", "tweeted", "shared", "revealed", "informed",
               "called on", "urged", "urges", "stressed", "underscored", "emphasized", "emphasised", "suggested",
               "explained", "denied", "denies", "acknowledged", "admitted", "estimated", "according to"),
    "casualty": ("killed", "kill", "kills", "killing", "dead", "died", "dies", "die", "dying", "perished",
                 "slain", "lives", "life", "gunned down", "wounded", "wounding", "wounds", "injured", "injuring",
                 "injures", "injure", "hurt", "hurting", "hospitalized", "hospitalised", "injuries", "toll",
                 "fatalities", "deaths", "bodies", "casualties", "victims"),
    "damage": ("damaged", "damaging", "damage", "destroyed", "destroying", "razed", "flattened", "collapsed",
               "rubble", "obliterated"),
    "date": ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
             "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "yesterday", "today", "tonight", "overnight", "night", "week", "weekend", "month", "year", "hours",
             "day", "ago", "daily", "every", "each", "constantly", "regularly", "morning", "afternoon",
             "evening"),
    "position": ("proposal", "plan", "initiative", "leading efforts", "spearheading", "pushing", "proposed",
                 "proposes", "put forward", "puts forward", "unveiled", "tabled", "called", "calls", "divided",
                 "split", "undecided", "unanimous", "consensus", "yet to", "not yet", "support", "supports",
                 "supported", "back", "backs", "backed", "endorse", "endorses", "endorsed", "welcome", "welcomes",
                 "welcomed", "advocate", "advocates", "advocated", "favour", "favor", "favours", "favors",
                 "desired", "expressed", "means", "must", "should", "need to", "needs to", "urgency",
                 "importance", "urge", "urged", "urges", "insist", "insists", "insisted", "oppose", "opposes",
                 "opposed", "reject", "rejects", "rejected", "ruled out", "rules out", "dismissed",
                 "criticised", "criticized", "tied", "ties", "linked", "links", "conditioned", "conditions",
                 "conditional", "contingent", "demand", "demands", "demanded", "agree to", "accept", "join",
                 "only if", "provided that", "on condition"),
    "pledge": ("announced", "announces", "announcing", "pledged", "pledges", "pledging", "promised",
               "promises", "committed", "commits", "allocated", "allocates", "provided", "provides", "provide",
               "approved", "approves", "unveiled", "unveils", "offered", "offers", "send", "sent", "sending",
               "donated", "donates", "deliver", "delivered", "delivers", "earmarked", "transferred", "granted",
               "contribute", "contributed", "contributes", "involve", "deploy", "deployed", "deploys",
               "deploying", "supply", "supplied", "readiness", "ready", "willing", "willingness", "prepared"),
}

# People who are often cited without their title. Party by office; a document's own titles take precedence
# ("French President Emmanuel Macron" registers Macron as FR in that document).
KNOWN_PEOPLE: dict[str, str] = {
    "zelensky": "UA", "zelenskyy": "UA", "zelenskiy": "UA", "yermak": "UA", "sybiha": "UA", "kuleba": "UA",
    "syrskyi": "UA", "klitschko": "UA", "shmyhal": "UA", "svyrydenko": "UA", "umerov": "UA", "lubinets": "UA",
    "putin": "RU", "peskov": "RU", "lavrov": "RU", "zakharova": "RU", "shoigu": "RU", "belousov": "RU",
    "gerasimov": "RU", "konashenkov": "RU", "ushakov": "RU", "dmitriev": "RU", "medvedev": "RU",
    "macron": "FR", "barrot": "FR", "starmer": "GB", "lammy": "GB", "healey": "GB",
    "trump": "US", "rubio": "US", "witkoff": "US", "waltz": "US", "vance": "US", "hegseth": "US",
    "kellogg": "US", "erdogan": "TR", "erdoğan": "TR", "fidan": "TR", "yilmaz": "TR", "yılmaz": "TR",
    "merz": "DE", "scholz": "DE", "costa": "EU", "von der leyen": "EU", "kallas": "EU", "rutte": "NATO",
    "guterres": "UN",
}

# Extra names for armed forces, by party (acronyms used in reports of the war).
ACTOR_ALIASES: dict[str, tuple[str, ...]] = {
    "UA": ("Armed Forces of Ukraine", "Ukrainian Armed Forces", "AFU", "APU", "ZSU", "Kiev regime",
           "Kyiv regime", "Kyiv government", "Kiev government", "Zelensky regime", "Kyiv authorities",
           "Kiev authorities", "Defence Forces of Ukraine", "Defense Forces of Ukraine"),
    "RU": ("Russian Armed Forces", "Armed Forces of the Russian Federation", "Russian Federation",
           "Putin regime", "Moscow regime", "Russian occupiers", "Russian occupation forces"),
}

PERSON_NOUNS = (
    "people", "person", "persons", "civilian", "civilians", "resident", "residents", "man", "men", "woman",
    "women", "child", "children", "boy", "boys", "girl", "girls", "teenager", "teenagers", "teen", "teens",
    "infant", "infants", "baby", "babies", "toddler", "pensioner", "pensioners", "elderly", "individual",
    "individuals", "victim", "victims", "passenger", "passengers", "driver", "drivers", "worker", "workers",
    "employee", "employees", "volunteer", "volunteers", "journalist", "journalists", "reporter", "reporters",
    "medic", "medics", "doctor", "doctors", "paramedic", "paramedics", "rescuer", "rescuers", "firefighter",
    "firefighters", "farmer", "farmers", "protester", "protesters", "activist", "activists", "member",
    "members", "family", "families", "student", "students", "teacher", "teachers", "minor", "minors",
    "citizen", "citizens", "patient", "patients", "priest", "inhabitant", "inhabitants", "local", "locals",
    "villager", "villagers", "policeman", "policemen", "police officer", "police officers", "officer",
    "officers", "soldier", "soldiers", "serviceman", "servicemen", "servicemember", "servicemembers",
    "service member", "service members", "troops", "fighter", "fighters", "militant", "militants",
    "rebel", "rebels", "separatist", "separatists", "insurgent", "insurgents", "militiaman", "militiamen",
    "militia", "combatant", "combatants", "assailant", "assailants", "attacker", "attackers", "invader",
    "invaders", "occupier", "occupiers", "mercenary", "mercenaries", "personnel", "marine", "marines",
    "paratrooper", "paratroopers", "guard", "guards", "border guard", "border guards", "sailor", "sailors",
    "pilot", "pilots", "crew", "crew members", "staff", "staffer", "staffers", "official", "officials",
    "partisan", "partisans", "gunman", "gunmen", "others", "more",
)
COMBATANT_NOUNS = frozenset((
    "soldier", "soldiers", "serviceman", "servicemen", "servicemember", "servicemembers", "service member",
    "service members", "troops", "fighter", "fighters", "militant", "militants", "rebel", "rebels",
    "separatist", "separatists", "insurgent", "insurgents", "militiaman", "militiamen", "militia",
    "combatant", "combatants", "assailant", "assailants", "attacker", "attackers", "invader", "invaders",
    "occupier", "occupiers", "mercenary", "mercenaries", "personnel", "marine", "marines", "paratrooper",
    "paratroopers", "border guard", "border guards", "sailor", "sailors", "pilot", "pilots", "partisan",
    "partisans", "gunman", "gunmen",
))
SINGULAR_PERSON = ("man", "woman", "child", "boy", "girl", "teenager", "teen", "infant", "baby", "toddler",
                   "pensioner", "person", "civilian", "resident", "driver", "passenger", "worker", "employee",
                   "volunteer", "journalist", "medic", "doctor", "paramedic", "rescuer", "firefighter",
                   "farmer", "soldier", "serviceman", "fighter", "policeman", "police officer", "officer",
                   "student", "teacher", "minor", "citizen", "patient", "priest", "villager", "local",
                   "militant", "rebel", "separatist", "guard", "border guard", "sailor", "pilot", "individual",
                   "civilian man", "civilian woman")


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


PERSON = rf"(?:{_alt(PERSON_NOUNS)})"
# Quantity in front of a person noun: modifier + number (+ range), or a vague quantifier.
_MOD = (r"(?P<mod>at\s+least|not\s+less\s+than|no\s+(?:fewer|less)\s+than|more\s+than|over|upwards\s+of|in\s+excess\s+of|"
        r"nearly|almost|close\s+to|up\s+to|as\s+many\s+as|about|around|approximately|roughly|some|an\s+estimated|"
        r"fewer\s+than|less\s+than|under|a\s+total\s+of|another|a\s+further|further|at\s+most)")


def _q(suffix: str = "") -> str:
    s = suffix
    return (
        rf"(?:(?:{_MOD.replace('(?P<mod>', f'(?P<mod{s}>')}\s+)?"
        rf"(?:between\s+)?(?<![\w.,/-])(?P<num{s}>{NUM})(?![\w/%]|[.,]\d|-(?:year|month|week|day|storey|story))"
        rf"(?:\s*(?:-|–|to|or|and)\s*(?P<num2{s}>{NUM})(?![\w/%]|[.,]\d))?"
        rf"|(?P<vague{s}>dozens|scores|hundreds|thousands|several|a\s+few|a\s+number|multiple|many|numerous)(?:\s+of)?"
        rf"|(?P<art{s}>an?|one)(?=\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_alt(SINGULAR_PERSON)})\b))"
    )


Q = _q()
_ADJ = r"(?:(?!(?:were|was|are|is|have|has|had|and|or|in|on|at|by|of|after|when)\b)[\w'’-]+\s+)"
KILL_VERB = r"(?:killed|kill(?:s|ing)?|dead|died|dies|die|dying|perished|slain|shot\s+dead|lost\s+(?:their|his|her)\s+lives?|gunned\s+down)"
INJ_VERB = r"(?:wounded|wound(?:s|ing)|injured|injur(?:es|ing|e)|hurt(?:ing)?|hospitali[sz]ed|sustained\s+injuries)"
AUX = r"(?:(?:were|was|are|is|have|has|had|been|being|got|reportedly|also|later|subsequently|confirmed|left|being)\s+){0,4}"

CASUALTY_PATTERNS = {
    # "three civilians were killed", "18 killed", "one more protester dies", "a woman was wounded"
    "subject": re.compile(
        rf"(?i)\b{Q}(?:\s+{_ADJ}{{0,3}}?(?P<noun>{PERSON}))?(?:\s*,\s*(?:including|among\s+them)[^,;.]{{1,60}},)?"
        rf"\s+{AUX}(?P<verb>{KILL_VERB}|{INJ_VERB})\b(?!\s+(?:or|and)\s+(?:{KILL_VERB}|{INJ_VERB}))"
    ),
    # "killed one", "injured more than 20 people", "killing nine civilians", "wounding a child"
    "object": re.compile(
        rf"(?i)\b(?P<verb>kill(?:ed|ing|s)?|injur(?:ed|ing|es)|wound(?:ed|ing|s)|hurt(?:ing)?|"
        rf"claim(?:ed|ing|s)?\s+the\s+lives?\s+of|took\s+the\s+lives?\s+of)\s+{Q}"
        rf"(?:\s+{_ADJ}{{0,3}}?(?P<noun>{PERSON}))?(?P<after>\s*(?:[,.;:)]|\s+(?:and|in|on|at|as|when|while|"
        rf"during|near|after|including|with|overnight|yesterday|today|was|were|the|from|across|—|–|-|said|"
        rf"according)\b|$))"
    ),
    # "left 3 dead and 10 wounded"
    "left": re.compile(rf"(?i)\b(?:leaving|left)\s+{Q}(?:\s+{_ADJ}{{0,3}}?(?P<noun>{PERSON}))?\s+(?P<verb>dead|injured|wounded)\b"),
    # "the death toll rose to 14"
    "toll": re.compile(
        rf"(?i)\b(?P<what>death\s+toll|number\s+of\s+(?:dead|deaths|people\s+killed|fatalities|victims)|"
        rf"toll|number\s+of\s+(?:injured|wounded))\s+(?:[\w'’-]+\s+){{0,6}}?"
        rf"(?:rose|rises|risen|climbed|climbs|reached|reaches|increased|jumped|stands|stood|is|was|has\s+(?:risen|climbed|reached))"
        rf"(?:\s+(?:to|at))?\s+{Q}"
    ),
    # "14 fatalities", "20 deaths"
    "noun": re.compile(rf"(?i)\b{Q}\s+(?:{_ADJ}{{0,2}}?)(?P<verb>fatalities|deaths|dead\s+bodies|bodies|wounded|injured|casualties\s+among\s+civilians)\b"),
}
BREAKDOWN = re.compile(r"(?i)\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|among\s+the\s+(?:dead|killed|"
                       r"injured|wounded|victims)|among\s+those)\b[^.;]*$")
COORD_BEFORE = re.compile(rf"(?i)(?:\b{_q('c')}\s+{_ADJ}{{0,3}}?(?P<nounc>{PERSON})\s*(?:,\s*and|,|and)\s*)$")

# The parts of a casualty figure a report states (model.events.Count.civilians / .children): the figure's own noun
# ("five civilians were killed") or a part of it ("killing five people, including two children"; "two children
# were among the dead"). Only these words: "people" or "victims" do not say civilian.
CHILD_NOUNS = frozenset((
    "child", "children", "kid", "kids", "boy", "boys", "girl", "girls", "teenager", "teenagers", "teen", "teens",
    "minor", "minors", "infant", "infants", "baby", "babies", "toddler", "toddlers", "schoolchild",
    "schoolchildren", "schoolboy", "schoolboys", "schoolgirl", "schoolgirls",
))
CIVILIAN_NOUNS = frozenset((
    "civilian", "civilians", "resident", "residents", "inhabitant", "inhabitants", "villager", "villagers",
    "local", "locals", "pensioner", "pensioners", "passer-by", "passers-by", "passerby", "passersby",
))
_PART_NOUN = rf"(?P<nounp>{_alt(CHILD_NOUNS | CIVILIAN_NOUNS)})"
# "including two children", "among them three civilians", "of whom 4 were children"
CASUALTY_PART_AFTER = re.compile(
    rf"(?i)\b(?:including|incl\.|among\s+them|among\s+whom|of\s+whom|of\s+them)\s+{_q('p')}\s+"
    rf"(?:(?:were|was|are|is)\s+)?{_ADJ}{{0,2}}?{_PART_NOUN}\b")
# "two children were among the dead", "Two children were among five civilians killed"
CASUALTY_PART_AMONG = re.compile(
    rf"(?i)\b{_q('p')}\s+{_ADJ}{{0,2}}?{_PART_NOUN}\s+(?:were|was|are|is)\s+among\b")
CASUALTY_PART_GATE = re.compile(r"(?i)child|kid|boy|girl|teen|minor|infant|bab(?:y|ies)|toddler|school|civilian|"
                                r"resident|inhabitant|villager|local|pensioner|passer")

# ------------------------------------------------------------------------------------------------ dates
_WD = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
MONTH_NUM = {m.lower()[:3]: i for i, m in enumerate(
    "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), start=1)}
WEEKDAY_NUM = {d.lower(): i for i, d in enumerate(_WD.split("|"))}
NUM_OR_WORD = rf"(?:\d+|{UNIT_RE}|a|an)"
DATE_RE = re.compile(
    # Every alternative starts at a word boundary; the leading \b, tested once per position, lets the engine
    # skip the inside of words at once instead of trying all twelve alternatives there (same matches).
    rf"\b(?:(?P<iso>\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b)"
    rf"|(?P<dotted>\b(?P<dd>[0-3]?\d)\.(?P<dmo>[01]?\d)\.(?P<dy>(?:19|20)\d\d)\b)"
    rf"|(?P<drange>\b(?:between\s+)?(?P<rd1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|and|to)\s*(?P<rd2>[0-3]?\d)(?:st|nd|rd|th)?\s+"
    rf"(?:of\s+)?(?P<rm>{_MONTHS})\.?(?:,?\s+(?P<ry>(?:19|20)\d\d)(?!-\d))?\b)"
    rf"|(?P<mrange>\b(?P<mrm>{_MONTHS})\.?\s+(?P<mrd1>[0-3]?\d)\s*(?:-|–|to)\s*(?P<mrd2>[0-3]?\d)(?:,?\s+(?P<mry>(?:19|20)\d\d)(?!-\d))?\b)"
    rf"|(?P<dm>\b(?P<dmd>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmm>{_MONTHS})\.?(?:,?\s+(?P<dmy>(?:19|20)\d\d)(?!-\d))?\b)"
    rf"|(?P<md>\b(?P<mdm>{_MONTHS})\.?\s+(?P<mdd>[0-3]?\d)(?:st|nd|rd|th)?(?![\d,.]\d)(?:,?\s+(?P<mdy>(?:19|20)\d\d)(?!-\d))?\b)"
    rf"|(?P<my>\b(?P<mym>{_MONTHS})\s+(?P<myy>(?:19|20)\d\d)\b)"
    rf"|(?P<mon>\b(?i:in|since|during|early|late|mid|mid-|until|throughout|of|last|this)\s+(?P<monm>January|February|March|April|June|July|August|September|October|November|December)\b)"
    rf"|(?P<year>\b(?P<yprep>(?i:in|since|during|from|until|by|of|throughout))\s+(?P<yy>(?:19|20)\d\d)\b)"
    rf"|(?P<wd>\b(?:(?P<wdmod>(?i:last|this|next|past|on|early|late|on\s+the\s+night\s+of))\s+)?(?P<wdd>{_WD})(?:'s|’s)?"
    rf"(?:\s+(?P<wdpart>(?i:morning|afternoon|evening|night)))?\b)"
    # relative expressions, factored by their first word (one alternative per first word instead of thirty
    # tried one after the other; same matches: where two endings share a prefix the longer comes first)
    rf"|(?P<rel>(?i:\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|overnight|"
    rf"this\s+(?:morning|afternoon|evening|weekend|week|month|year)|"
    rf"earlier\s+(?:today|this\s+(?:week|month|year))|"
    rf"last\s+(?:night|weekend|week|month|year)|"
    rf"during\s+the\s+(?:night|(?:past\s+)?day)|"
    rf"in\s+the\s+(?:past|last)\s+(?:(?:24|twenty-four|48)\s+hours|week)|"
    rf"over\s+(?:the\s+(?:(?:past|last)\s+(?:day|24\s+hours|week)|weekend)|(?:past|last)\s+week|week)|"
    rf"past\s+week|"
    rf"(?=[\w-]+\s+(?:days?|weeks?|months?)\s+ago\b){NUM_OR_WORD}\s+(?:days?|weeks?|months?)\s+ago)\b))"
    rf"|(?P<generic>(?i:\b(?:every\s+(?:day|night|week|morning)|each\s+day|daily|day\s+after\s+day|constantly|"
    rf"regularly|every\s+single\s+day|on\s+a\s+daily\s+basis)\b)))"
)

# The first token (a run of \w) of every DATE_RE match is made of digits or is one of these words (compared
# lower-cased): the pattern is tried only at such tokens (extract._resources.WordStartPattern; a test checks
# every match of the pattern on random text against this list).
DATE_FIRST_WORDS = frozenset(
    [m.lower() for m in _MONTHS.split("|")] + list(WEEKDAY_NUM) + list(_UNITS) + [
        "between", "in", "since", "during", "early", "late", "mid", "until", "throughout", "of", "last", "this",
        "from", "by", "next", "past", "on", "the", "yesterday", "today", "tonight", "overnight", "earlier", "over",
        "a", "an", "every", "each", "daily", "day", "constantly", "regularly"])

# --------------------------------------------------------------------------------------------- effects
EFFECT_PATTERNS = {
    "power_outage": re.compile(
        r"(?i)\b(?:without\s+(?:power|electricity|light|electric\s+power)|power\s+(?:outages?|cuts?|failures?)|"
        r"blackouts?|(?:knocked|knocking|knocks)\s+out\s+(?:the\s+)?(?:power|electricity)|"
        r"(?:cut|cutting|cuts|disrupted|disrupting|interrupted)\s+(?:off\s+)?(?:the\s+)?(?:power|electricity)|"
        r"(?:power|electricity)\s+(?:supply\s+)?(?:was|were|has\s+been|had\s+been)\s+(?:cut|knocked\s+out|lost|disrupted)|"
        r"de-?energi[sz]ed|lost\s+(?:power|electricity)|emergency\s+(?:power\s+)?shutdowns?)"),
    "water_outage": re.compile(
        r"(?i)\b(?:without\s+(?:running\s+)?water(?:\s+supply)?|water\s+(?:supply\s+)?(?:was\s+|were\s+|has\s+been\s+)?"
        r"(?:cut|disrupted|interrupted|outages?)|(?:cut|cutting|disrupted)\s+(?:off\s+)?(?:the\s+)?water(?:\s+supply)?)"),
    "heating_outage": re.compile(
        r"(?i)\b(?:without\s+(?:heating|heat)|heating\s+(?:outages?|was\s+cut|supply\s+(?:was\s+)?(?:cut|disrupted))|"
        r"(?:cut|disrupted)\s+(?:off\s+)?(?:the\s+)?heat(?:ing)?(?:\s+supply)?)"),
    "gas_outage": re.compile(
        r"(?i)\b(?:without\s+gas(?:\s+supply)?|gas\s+supply\s+(?:was\s+)?(?:cut|disrupted|interrupted)|"
        r"(?:cut|disrupted)\s+(?:off\s+)?(?:the\s+)?gas\s+supply)"),
    "fire": re.compile(
        r"(?i)\b(?:caught\s+fire|on\s+fire|set\s+(?:on\s+fire|ablaze)|ablaze|blazes?|"
        r"fires?\s+(?:broke\s+out|erupted|started|raged|spread)|(?:sparked|started|causing|caused|triggered)\s+"
        r"(?:a\s+|several\s+)?(?:large\s+|massive\s+|huge\s+)?fires?|(?:a|the|large|massive|huge)\s+fire\b"
        r"(?!\s+(?:at|on|from)\b)|burn(?:ed|t|ing)\s+down)"),
    "destroyed": re.compile(r"(?i)\b(?:destroyed|destroying|razed|flattened|collapsed|reduced\s+to\s+rubble|obliterated)\b"),
    "damaged": re.compile(r"(?i)\b(?:damaged|damaging|damage|partially\s+destroyed)\b"),
}
# Cheap substring gates: an effect pattern runs only on a sentence that holds one of its words.
EFFECT_GATES = {
    "power_outage": ("power", "electric", "light", "blackout", "energi", "shutdown"),
    "water_outage": ("water",), "heating_outage": ("heat",), "gas_outage": ("gas",),
    "fire": ("fire", "ablaze", "blaze", "burn"),
    "destroyed": ("destroy", "razed", "flattened", "collapsed", "rubble", "obliterated"),
    "damaged": ("damag", "partially"),
}
# The same for casualty patterns that need a word of their own.
CASUALTY_GATES = {"toll": ("toll", "number of"), "left": ("left", "leaving"),
                  "noun": ("fatalit", "deaths", "bodies", "wounded", "injured", "casualties"),
                  # "three civilians were killed": a subject figure needs a verb form other than the "-ing"
                  # of "killing five people" (that is the object pattern's)
                  "subject": ("killed", "kills", "dead", "died", "dies", " die", "perish", "slain", "lost",
                              "gunned", "wounded", "wounds", "injured", "injures", " injure", "hurt", "hospitali",
                              "sustained", "dying")}
OUTAGE_QUANTITY = re.compile(
    rf"(?i)(?<![\w.,])(?P<n>{NUM})\s+(?:more\s+)?(?:households|homes|consumers|customers|subscribers|residents|"
    rf"people|buildings|families|apartments|settlements|towns|villages|facilities|users)\b"
)

# ----------------------------------------------------------------------------------- claimants, speech
REPORT_VERBS = (
    r"said|says|say|stated|states|told|tells|reported|reports|announced|announces|claimed|claims|confirmed|"
    r"confirms|wrote|writes|added|adds|noted|notes|accused|accuses|blamed|blames|warned|warns|alleged|"
    r"alleges|insisted|declared|posted|tweeted|shared|revealed|informed|called\s+on|urged|urges|stressed|"
    r"underscored|emphasi[sz]ed|suggested|explained|denied|denies|acknowledged|admitted|estimated"
)
_CAP = r"(?:[A-ZÀ-ÞİŞĞÇÖÜ][\w.’'&-]*)"
_SRC_NOUN = (r"(?:officials?|authorities|administration|governor|mayor|ministry|military|police|army|navy|"
             r"fleet|team|guard|observers?|air\s+force|general\s+staff|statement|"
             r"spokes(?:man|woman|person)|prosecutors?|witnesses|residents|services|rescuers|sources?|"
             r"government|command|staff|forces|agency|council|office|leaders?|source|media|"
             r"monitors?|mission|service|observers|activists|analysts|bloggers|channels?|reports?|states|nations|"
             r"countries|allies|partners|members|governments)")
_NP_WORD = rf"(?:{_CAP}|of|the|and|for|de|von|der|regional|local|city|military|state|emergency|defen[cs]e|"
_NP_WORD += r"foreign|interior|general|prosecutor(?:['’]s)?|air|district|village|oblast|regional|top|senior|pro-Russian|"
_NP_WORD += r"pro-Kremlin|separatist|rebel|Russian-backed|Russian-installed|Moscow-installed|Kremlin-installed|"
_NP_WORD += r"member|allied|Western|western|several|governor|mayor|head|spokesman|spokeswoman|spokesperson|chief|"
_NP_WORD += r"minister|president|commander|prosecutor|official|officials|administration|monitoring|human|rights)"
SPEAKER_NP = rf"(?:(?:the|The|A|a|several|Several|many|Many|some|Some|most|Most|other|Other)\s+)?(?:{_NP_WORD}\s+){{0,7}}(?:{_CAP}|{_SRC_NOUN})"
CLAIMANT_PATTERNS = {
    "according": re.compile(r"\b(?i:according\s+to)\s+(?P<c>(?:(?:the|a|an)\s+)?[^,.;:\"“”()—–]{2,90}?)"
                            r"(?=\s*[,.;:\"“”()—–]|\s+(?:who|which|that|on|in)\b|$)"),
    # The speaker noun phrase starts at a word start: "\b" rejects every position inside a word at once (the
    # pattern has no literal prefix the engine could skip to) and keeps a word's tail from being read as a
    # determiner ("militia officials said" is "officials", never "a officials").
    "subject": re.compile(rf"\b(?P<c>{SPEAKER_NP})(?:\s+(?:on\s+(?:{_MONTHS})\s+\d{{1,2}}|on\s+(?:{_WD})|also|has|have|had|"
                          rf"later|earlier|on\s+\w+day|in\s+a\s+statement))*\s+(?P<v>{REPORT_VERBS})\b"),
    # "a(?<!\wa)s" is "\bas": written so that the pattern opens with a character set, which the engine scans
    # for at C speed
    "inverted": re.compile(rf"(?:[,\"“”]\s*|a(?<!\wa)s\s+)(?P<v>said|says|stated|added|wrote|reported|told|noted|claimed|according\s+to)\s+"
                           rf"(?P<c>{SPEAKER_NP})"),
    # "\b(?P<c>he|she|they|He|She|They)" written as "h(?<!\wh)e|...": each alternative opens with its letter (no
    # two with the same one), so the engine scans for the six letters at C speed; the look-behind is the "\b"
    "pronoun": re.compile(rf"(?P<c>h(?<!\wh)e|s(?<!\ws)he|t(?<!\wt)hey|H(?<!\wH)e|S(?<!\wS)he|T(?<!\wT)hey)\s+"
                          rf"(?:also\s+|later\s+)?(?P<v>{REPORT_VERBS})\b"),
    # Headline attribution: "... - Russian Foreign Ministry", "...: official", "Kiev says ..."
    "trailer": re.compile(r"(?:\s[-–—]\s*|:\s+)(?P<c>[^-–—:.;!?]{2,60}?)\s*[.!?]?\s*$"),
}
PRONOUN = frozenset(("he", "she", "they"))
MEETING_NOUNS = (r"summit|meeting|talks|conference|press\s+conference|news\s+conference|briefing|forum|"
                 r"negotiations|visit|session|gathering|interview|speech|address|rally|ceremony|event")
REPORTING_CONTEXT = re.compile(
    rf"(?i)(?:\b(?:said|says|say|told|tells|stated|announced|declared|added|wrote|speaking|spoke|speaks|"
    rf"reporters|journalists|press|address(?:ing|ed)?|visit(?:ing|ed)?|arrived|arriving|met|meeting|meets|hosted|"
    rf"hosting|gathered|convened|travel(?:l?ed|ling)?)(?:\s+(?:reporters|journalists|the|a|press|media|on|"
    rf"\w+day|today|yesterday|late|earlier|later|while|when)){{0,3}}\s+(?:in|at|from|to)\s+(?:the\s+)?$"
    rf"|\b(?:{MEETING_NOUNS})(?:\s+[\w'’-]+){{0,3}}?\s+(?:in|at|held\s+in|hosted\s+in)\s+(?:the\s+)?$)"
)
# The verb or meeting noun that starts a REPORTING_CONTEXT match, lower-cased: one of them is among the last
# seven words of every match (a cheap necessary test before the search, extract/_places.py)
REPORTING_CONTEXT_WORDS = frozenset((
    "said", "says", "say", "told", "tells", "stated", "announced", "declared", "added", "wrote", "speaking",
    "spoke", "speaks", "reporters", "journalists", "press", "address", "addressing", "addressed", "visit",
    "visiting", "visited", "arrived", "arriving", "met", "meeting", "meets", "hosted", "hosting", "gathered",
    "convened", "travel", "traveled", "travelled", "travelling", "summit", "talks", "conference", "briefing",
    "forum", "negotiations", "session", "gathering", "interview", "speech", "rally", "ceremony", "event"))
MEETING_AFTER = re.compile(rf"(?i)^(?:['’]s)?\s+(?:[\w-]+\s+)?(?:{MEETING_NOUNS})\b")
_GOV_VERBS = (r"agreed|agrees|rejected|rejects|refused|refuses|wants|wanted|demanded|demands|insists|accepted|"
              r"accepts|responded|responds|hopes|proposed|proposes|signed|signs|approved|approves|opposed|opposes|"
              r"backed|backs|supports|supported|sent|sends|ordered|orders|retaliated|vowed|vows|threatened|"
              r"threatens|condemned|condemns|dismissed|dismisses|considers|believes|regards|sees|seeks|sought|"
              r"promised|promises|pledged|pledges|committed|commits|claimed|claims|insisted|announced|wants|"
              r"intends|plans|planned|decided|refuses|recognised|recognized|recognises|recognizes|"
              r"responded|retaliates|recalled|expelled|summoned|welcomed|welcomes|must|should|cannot|can't|"
              r"did|does|will|would|could|is\s+(?:ready|willing|prepared|trying|seeking)")
ACTOR_AFTER = re.compile(rf"(?i)^(?:['’]s\s+|\s+(?:has|have|had|is|was|will|would|could|also)\s+)?\s*(?:{REPORT_VERBS}|{_GOV_VERBS}|"
                         r"launched|struck|attacked|shelled|is\s+killing|accused|denied|tied|demanded)\b")
ACTOR_BEFORE = re.compile(r"(?i)\b(?:called\s+on|calls\s+on|urged|urging|asked|accused|blamed|told|warned|by|with|"
                          r"blamed\s+(?:[\w'’-]+\s+){0,6}?on|blaming\s+(?:[\w'’-]+\s+){0,6}?on|"
                          r"between|and|against|sanctions\s+on|pressure\s+on|talks\s+with)\s+(?:the\s+)?$")
LOCATIVE_BEFORE = re.compile(r"(?i)\b(?:in|across|over|near|into|at|outside|around|throughout|inside|to|on|of|from)\s+(?:the\s+)?"
                             r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|"
                             r"south-?eastern|north-?western|south-?western|downtown|occupied|frontline|front-line)\s+)?$")
# The words these patterns (and CAPITAL_ACTOR_BEFORE) can end in before "the"/a direction word: a cheap
# necessary test before the end-anchored searches (extract/_places.py)
ACTOR_BEFORE_LAST = frozenset(("on", "urged", "urging", "asked", "accused", "accusing", "blamed", "blaming", "told",
                               "warned", "by", "with", "between", "and", "against"))
LOCATIVE_BEFORE_LAST = frozenset(("in", "across", "over", "near", "into", "at", "outside", "around", "throughout",
                                  "inside", "to", "on", "of", "from"))
# A capital (a party metonym) is a place unless it acts or is blamed: "Kiev says", "Moscow's violation",
# "Kyiv authorities", "blamed on Moscow". "Kiev protest", "in central Kiev", "Kiev's Maidan" are places.
CAPITAL_ACTOR_AFTER = re.compile(
    rf"(?i)^(?:(?:['’]s)?\s+(?:authorities|officials?|government|leadership|regime|administration|envoys?|"
    rf"soldiers?|servicemen|units?|gunners|artillery|side['’]s?|loyalists|militaries|"
    rf"ambassadors?|delegation|negotiators|representatives?|diplomats?|forces|troops|army|military|aggression|"
    rf"violations?|breach|attacks?|strikes?|shelling|missiles?|drones?|demands?|proposals?|positions?|stance|"
    rf"decision|response|refusal|war|invasion|offensive|claims?|plans?|offer|commitments?|promises?|"
    rf"allegations?|accusations?|version|narrative|propaganda|policy|side)\b"
    rf"|\s*(?:,\s*which\s+|\s+(?:has|have|had|is|was|will|would|could|also|then|did|does|did\s+not|has\s+not)\s+)?"
    rf"(?:{REPORT_VERBS}|{_GOV_VERBS}|launched|struck|attacked|shelled|accused|denied|tied|demanded|blamed|"
    rf"carried\s+out|conducted|responded)\b)")
CAPITAL_ACTOR_BEFORE = re.compile(
    r"(?i)(?:\b(?:called\s+on|calls\s+on|urged|urging|asked|accused|accusing|blamed|blaming|told|warned|with|"
    r"between|against|sanctions\s+on|pressure\s+on|talks\s+with|blamed\s+(?:[\w'’-]+\s+){0,6}?on|"
    r"blaming\s+(?:[\w'’-]+\s+){0,6}?on|(?:attack|strike|shelling|provocation|violation)s?\s+by|by)\s+(?:the\s+)?$)")

# ------------------------------------------------------------------------------------------- modality
HYPOTHETICAL_BEFORE = re.compile(
    r"(?i)(?:\b(?:could|would|might|may|will|shall|should|must|can|cannot|can't|won't|wouldn't)\s+(?:not\s+)?(?:\w+\s+){0,2}?$"
    r"|\b(?:threaten(?:s|ed|ing)?|plan(?:s|ned|ning)?|intend(?:s|ed)?|vow(?:s|ed)?|prepar(?:es|ed|ing)|"
    r"want(?:s|ed)?|seek(?:s)?|aim(?:s|ed)?|ready|willing|going|pledge[sd]?|commit(?:ment|ted|s)?|promise[sd]?|"
    r"agree[sd]?|refrain(?:ed|ing)?\s+from|not)\s+(?:\w+\s+){0,2}?to\s+(?:\w+\s+){0,2}?$"
    r"|\b(?:halt|stop|end|cease|pause|ban\s+on|moratorium\s+on|prevent|avoid|deter|refrain\s+from|any|future|"
    r"possible|potential|threat\s+of|risk\s+of|fear(?:s|ed)?|expect(?:s|ed|ing)?|prospect\s+of|in\s+case\s+of|in\s+the\s+event\s+of|"
    r"warn(?:s|ed|ing)?\s+(?:of|about|against))"
    r"\s+(?:\w+\s+){0,2}?$)"
)
HYPOTHETICAL_CLAUSE = re.compile(r"(?i)^\W*(?:\w+\s+){0,3}?(?:if|unless|in\s+case|should\s+\w+\s+\w+|whether)\b")
HYPOTHETICAL_AFTER = re.compile(r"(?i)^\W{0,3}(?:\w+\s+){0,2}?(?:would|could|might|will)\s+(?:be|constitute|mean|amount|trigger)\b")
DENIED_BEFORE = re.compile(
    r"(?i)(?:\b(?:den(?:y|ies|ied|ying)|rejected\s+(?:claims|reports|accusations)|dismissed\s+(?:claims|reports)|"
    r"refuted)\b(?:\s+[\w'’-]+){0,6}?\s*$"
    r"|\b(?:did\s+not|didn't|has\s+not|hasn't|have\s+not|haven't|had\s+not|never|was\s+not|wasn't|were\s+not|"
    r"weren't|no)\s+(?:\w+\s+){0,2}?$)"
)
BACKGROUND_CUES = re.compile(
    r"(?i)\b(?:since\s+(?:(?:19|20)\d\d|the\s+(?:start|beginning|outbreak)|the\s+full-scale|the\s+invasion|"
    r"february\s+2022)|in\s+the\s+past|history|historically|previously|over\s+the\s+(?:past|last)\s+(?:\w+\s+)?"
    r"(?:years|months|decades)|throughout\s+the\s+war|during\s+the\s+war|since\s+then)\b"
)

# A wire dateline at the start of a paragraph: "KYIV, March 24 (Reuters) -". Its place is where the report
# was filed and its date the filing date, neither is the event's.
DATELINE = re.compile(
    rf"(?P<dl>[A-Z][A-Z.'’ -]{{1,40}}[A-Z.](?:,\s*[A-Z][A-Za-z.]+)?(?:\s*,\s*(?:(?:{_MONTHS})\.?\s+\d{{1,2}}|"
    rf"\d{{1,2}}\s+(?:{_MONTHS}))(?:,?\s*(?:19|20)\d\d)?)?\s*(?:\([^)]{{1,40}}\))?\s*(?:[-–—]|:)\s)")

# ------------------------------------------------------------------------------------------ discourse
# A follow-on sentence refers back to an event already mentioned: "The strike caused a fire", "the attack was
# a provocation", "This is another Russian strike on ...". A new attack is announced by "a second strike",
# "another attack", "later", "separately", "elsewhere".
ANAPHOR_BEFORE = re.compile(r"(?i)\b(?:the|this|that|these|those|such|said)\s+"
                            r"(?!(?:week|month|year|morning|afternoon|evening|night|weekend|day)(?:['’]s)?\b)"
                            r"(?:[\w'’-]+\s+){0,3}?$")
# Attack words that are verbs: "the drones struck" is a new clause, not a reference back to "the strike".
VERB_TRIGGER = re.compile(r"(?i)(?:ed|ing)$|^(?:struck|hit|hits|slammed\s+into|storm|fired\s+(?:at|on)|fire\s+at|"
                          r"shot\s+at|opened\s+fire)$")
PREDICATIVE_ANAPHOR = re.compile(r"(?i)^\W{0,3}(?:[\w'’-]+\s+){0,2}?(?:this|it|that)\s+(?:is|was|has\s+been|had\s+been|"
                                 r"marks?|marked|became|becomes|constitutes?|constituted|amounts?\s+to|represents?)\b")
NEW_EVENT_CUE = re.compile(r"(?i)\b(?:second|third|fourth|fifth|further|separate|separately|new|fresh|later|"
                           r"subsequent|subsequently|next|another|other|elsewhere)\b")
DOMESTIC_FORCE_AFTER = re.compile(r"(?i)^(?:['’]s)?\s+(?:riot\s+)?(?:police|policemen|security\s+(?:forces|service|services)|"
                                  r"law\s+enforcement|berkut|special\s+police|interior\s+ministry\s+troops)\b")
# "The statement said": the publisher's own statement, no separate claimant (the pipeline falls back to the
# publisher). Bare definite nouns ("the team", "the ministry") refer back to the last speaker with that head.
STATEMENT_NOUNS = frozenset(("statement", "report", "communique", "communiqué", "release", "press release",
                             "note", "bulletin", "update", "publication", "post", "message", "summary", "notice"))
FORCE_VERBS = (r"(?:(?:carried|carries|carry|carrying)\s+out|conducted|conducts|launched|launches|staged|mounted|"
               r"made|perpetrated|delivered|delivers|unleashed|used|employed)")

# ----------------------------------------------------------------------------------------- perpetrator
FORCE_NOUNS = (r"(?:(?:armed\s+)?forces|troops|army|military|soldiers|units|navy|air\s+force|aviation|artillery|"
               r"side|occupiers|invaders|fighters|militants|separatists|rebels|drones?|missiles?|warplanes?|"
               r"gunners|servicemen|attack\s+drones|shahed\s+drones)")
ENEMY_WORDS = re.compile(r"(?i)\b(?:the\s+)?(?:enemy|invaders|occupiers|occupying\s+forces|occupation\s+forces|"
                         r"aggressor|russists?|rashists?|orcs)\b")
AGENT_BY = r"(?:by|from)\s+(?:the\s+)?"
ACCUSATION_TEMPLATES = (
    # "{P}" is replaced by the party pattern.
    r"{P}(?:'s|’s)\s+(?:[\w-]+\s+){{0,2}}?(?:violation|violations|attack|attacks|strike|strikes|shelling|breach|"
    r"bombardment|aggression|assault)",
    r"\baccus\w*\s+{P}\s+of\s+(?:[\w-]+\s+){{0,3}}?(?:strik|attack|shell|violat|break|bomb|target|kill)",
    r"\bblam\w*\s+(?:[\w'’-]+\s+){{0,6}}?on\s+{P}",
    r"\bblam\w*\s+{P}",
    r"\b(?:violation|violations|breach)\s+(?:[\w-]+\s+){{0,3}}?by\s+{P}",
    r"\b(?:provocation|act\s+of\s+(?:terror(?:ism)?|aggression|sabotage)|terrorist\s+(?:attack|act)|war\s+crime|"
    r"sabotage|aggression)\s+(?:[\w-]+\s+){{0,2}}?(?:by|of|from)\s+(?:the\s+)?{P}",
    r"\b(?:carried\s+out|launched|conducted|perpetrated|staged|committed|ordered)\s+by\s+(?:the\s+)?{P}",
    r"{P}\s+(?:has\s+|had\s+)?(?:violated|breached|broke)\b",
)

# ----------------------------------------------------------------------------------------- sentences
ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "sgt", "st", "no", "vs", "etc", "inc",
    "ltd", "co", "corp", "jr", "sr", "u.s", "u.k", "u.n", "e.u", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "gov", "sen", "rep", "approx", "est", "fig", "i.e", "e.g",
    "a.m", "p.m", "d.c", "adm", "cmdr", "brig", "pres", "dept", "min",
))
# Abbreviations that precede a name and never end a sentence ("Gen. Smith"); other abbreviations and
# initialisms ("U.S.", "etc.") end one when a sentence-opening word follows ("from the U.S. The ...").
TITLE_ABBREVIATIONS = frozenset(("mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "sgt", "st",
                                 "gov", "sen", "rep", "adm", "cmdr", "brig", "pres", "no", "vs", "fig", "jan", "feb",
                                 "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx"))
SENTENCE_STARTERS = frozenset((
    "the", "a", "an", "in", "on", "at", "it", "he", "she", "they", "we", "i", "this", "that", "these", "those",
    "but", "and", "however", "meanwhile", "there", "his", "her", "their", "its", "our", "after", "before", "when",
    "while", "as", "since", "according", "during", "earlier", "later", "separately", "also", "if", "what",
    "who", "why", "how", "last", "yesterday", "today", "overnight", "then", "now", "still", "yet", "so",
))
CLAUSE_BOUNDARY = re.compile(
    # the lookahead lets the engine skip letters at once (4x faster, same matches)
    r"(?=[\s,;])(?:(?:\s*[,]\s*|\s+)(?:while|whereas|meanwhile|but)\s+|\s*;\s+|\s*,\s*and\s+(?:that\s+)?|\s+and\s+that\s+"
    r"|\s+(?:—|--|–)\s+|\s*,\s*(?:saying|adding)\s+(?:that\s+)?)"
)

# ------------------------------------------------------------------------------- positions and pledges
PROP = (r"(?:(?!\s(?:has|have|had|is|are|was|were|will|would|could|should|can|may|might|remains?)\s|\s+and\s+"
        r"(?:reiterate|reaffirm|call|calls|urge|urges|stress|express|we|also|said|added|announced)\b)[^,.;:])+")
PARTY_LIST = "{P}(?:\\s*(?:,|and|&)\\s*(?:the\\s+)?{P})*"
POSITION_TEMPLATES = {
    # stance -> templates with named groups sp (speaker), prop (proposal), cond (condition). "{SP}" is a
    # speaker noun phrase, "{PA}" a party adjective list ("French-British").
    "conditions": (
        r"(?P<sp>{SP})\s+(?:has\s+|have\s+|had\s+)?(?:tied|ties|linked|links|conditioned|conditions)\s+"
        r"(?P<prop>[^,.;:]+?)\s+(?:to|on|upon)\s+(?P<cond>[^,.;:]+)",
        r"(?P<sp>{SP})\s+(?:has\s+|have\s+)?(?:made|makes)\s+(?P<prop>[^,.;:]+?)\s+(?:conditional|contingent)\s+"
        r"(?:on|upon)\s+(?P<cond>[^,.;:]+)",
        r"(?P<sp>{SP})\s+(?:would|will)\s+(?:only\s+)?(?:agree\s+to|accept|join|support|sign)\s+(?P<prop>[^,.;:]+?)\s+"
        r"(?:only\s+)?(?:if|provided\s+that|on\s+condition\s+that|as\s+long\s+as)\s+(?P<cond>[^,.;:]+)",
        r"(?P<sp>{SP})\s+(?:demand(?:s|ed)?|insist(?:s|ed)?\s+on)\s+(?P<cond>[^,.;:]+?)\s+(?:before|as\s+a\s+"
        r"(?:pre)?condition\s+(?:for|of)|in\s+exchange\s+for)\s+(?P<prop>{PROP})",
    ),
    "proposes": (
        r"(?P<sp>{PA})\s+(?:proposal|plan|initiative|peace\s+plan)(?:\s+(?:for|on|to)\s+(?P<prop>{PROP}))?",
        r"(?P<sp>{SP})\s+(?:(?:is|are|was|were|has\s+been|have\s+been)\s+)?(?:leading\s+efforts|spearheading\s+"
        r"(?:discussions|efforts|talks)|pushing|proposed|proposes|put\s+forward|puts\s+forward|unveiled|tabled)"
        r"\s+(?:(?:on|for|to|a\s+plan\s+to|a\s+proposal\s+to|a\s+proposal\s+for)\s+)?(?:establish(?:ing)?\s+|form(?:ing)?\s+|"
        r"creat(?:e|ing)\s+|set(?:ting)?\s+up\s+|deploy(?:ing)?\s+)?(?P<prop>{PROP})",
        r"(?P<sp>{SP})\s+(?:(?:also|has|have|had)\s+)?(?:called|calls)\s+(?:on\s+|for\s+)(?P<prop>[^.;:]+)",
    ),
    "undecided": (
        r"(?P<sp>{SP})\s+(?:(?:remain|remains|are|were|is|was|stay|appear)\s+)?(?:divided|split|undecided)\s+"
        r"(?:over|on|about)\s+(?P<prop>{PROP})",
        r"(?i:\b(?P<anaphor>it|this|that|the\s+\w+)\s+(?:is|was)\s+not\s+unanimous|\bno\s+consensus\b|"
        r"\b(?:has|have)\s+(?:yet\s+to|not\s+yet)\s+decide)",
    ),
    "supports": (
        r"(?P<sp>{SP}|[Ww]e|I)\s+(?:(?:also|fully|strongly|continue\s+to|reiterate(?:d)?\s+(?:our|their|its))\s+)?"
        r"(?:support|supports|supported|back|backs|backed|endorse|endorses|endorsed|welcome|welcomes|welcomed|"
        r"advocate|advocates|advocated|favou?r|favou?rs)\s+(?!for\b)(?:that\s+)?(?P<prop>{PROP})",
        r"(?P<sp>{P})(?:'s|’s)\s+support\s+for\s+(?P<prop>{PROP})",
        r"\b(?:desired|supported|backed|welcomed|endorsed)\s+by\s+(?P<sp>{SP})",
        r"(?P<sp>{SP})\s+(?:that|which|who)?\s*(?:have|has)?\s*expressed\s+(?:their|its)\s+(?:willingness|"
        r"readiness|support|desire)",
        r"\b(?:means|must|should|need\s+to|needs\s+to|urgency\s+of|importance\s+of|call(?:ed|s)?\s+for|"
        r"urge[ds]?|insist(?:s|ed)?\s+on)\s+(?P<prop>(?:keeping|maintaining|continuing|imposing|tightening|"
        r"extending|increasing|sustaining)\s+[^,.;:\"“”]+)",
    ),
    "opposes": (
        r"(?P<prop>(?:a|the|this|that)\s+(?:demand|proposal|plan|idea|move|condition|request))\s+(?:\w+\s+)?"
        r"(?:opposed|rejected|criticised|criticized)\s+by\s+(?P<sp>{SP})",
        r"(?P<sp>{SP})\s+(?:(?:strongly|firmly|also)\s+)?(?:oppose|opposes|opposed|reject|rejects|rejected|"
        r"ruled\s+out|rules\s+out|dismissed)\s+(?P<prop>{PROP})",
    ),
}
# One keyword pattern per template above (same order): a template runs only on sentences where its keyword
# occurs, which keeps the noun-phrase patterns off most sentences.
POSITION_KEYS = {
    "conditions": (r"\b(?:tied|ties|linked|links|conditioned|conditions)\b", r"\b(?:conditional|contingent)\b",
                   r"\b(?:if|provided\s+that|on\s+condition|as\s+long\s+as)\b", r"\b(?:demand|insist)"),
    "proposes": (r"\b(?:proposal|plan|initiative)\b", r"\b(?:leading\s+efforts|spearheading|pushing|proposed|"
                 r"proposes|put\s+forward|puts\s+forward|unveiled|tabled)\b", r"\b(?:called|calls)\s+(?:on|for)\b"),
    "undecided": (r"\b(?:divided|split|undecided)\b", r"(?i)\b(?:unanimous|consensus|decide)\b"),
    "supports": (r"\b(?:support|supports|supported|back|backs|backed|endorse|endorses|endorsed|welcome|welcomes|"
                 r"welcomed|advocate|advocates|advocated|favou?rs?)\b", r"['’]s\s+support\s+for\b",
                 r"\b(?:desired|supported|backed|welcomed|endorsed)\s+by\b", r"\bexpressed\s+(?:their|its)\b",
                 r"\b(?:means|must|should|need|needs|urgency|importance|call|called|calls|urge|urged|urges|insist|"
                 r"insists|insisted)\b"),
    "opposes": (r"\b(?:opposed|rejected|criticised|criticized)\s+by\b", r"\b(?:oppose|opposes|opposed|reject|"
                r"rejects|rejected|ruled\s+out|rules\s+out|dismissed)\b"),
}
ANAPHORIC_PROPOSAL = re.compile(r"(?i)^(?:it|this|that|they|these|those|such\s+\w+|(?:the|a|an|this|that)\s+(?:initiative|proposal|plan|"
                                r"idea|force|forces|mission|coalition|demand|move|request|condition|conditions|"
                                r"deal|scheme))$")
CURRENCY = {"€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "$": "USD", "us$": "USD", "usd": "USD",
            "dollar": "USD", "dollars": "USD", "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP",
            "hryvnia": "UAH", "hryvnias": "UAH", "uah": "UAH", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
            "rubles": "RUB", "rub": "RUB", "chf": "CHF", "yen": "JPY", "¥": "JPY", "c$": "CAD", "a$": "AUD"}
MULT = {"billion": 1e9, "bn": 1e9, "b": 1e9, "million": 1e6, "mln": 1e6, "m": 1e6, "thousand": 1e3, "k": 1e3,
        "trillion": 1e12, "tn": 1e12}
_MULT_RE = r"(?:billion|bn|million|mln|thousand|trillion|tn|[mbk])\b"
MONEY_RE = re.compile(
    rf"(?P<c1>US\$|C\$|A\$|€|\$|£|¥|\b(?:EUR|USD|GBP|UAH|CHF)\s?)\s?(?P<n1>\d+(?:[.,]\d+)*)\s?(?P<m1>{_MULT_RE})?"
    rf"|(?P<n2>\d+(?:[.,]\d+)*)\s?(?P<m2>{_MULT_RE})?\s*(?P<c2>(?i:euros?|dollars?|pounds?|hryvnias?|roubles?|rubles?)\b|"
    rf"\b(?:EUR|USD|GBP|UAH|RUB|CHF)\b)"
)
# Both branches of MONEY_RE hold a "\d": a sentence without a decimal digit (most pledge sentences) has no
# amount, and the pattern (no prefix the engine can scan for: tried at every position) is not run on it
_ANY_DIGIT = re.compile(r"\d")


def money_finditer(seg: str) -> list[re.Match[str]]:
    """``list(MONEY_RE.finditer(seg))``, without the search when ``seg`` holds no decimal digit."""
    return list(MONEY_RE.finditer(seg)) if _ANY_DIGIT.search(seg) else []


PLEDGE_VERB = re.compile(
    r"(?i)\b(?:announc(?:ed|es|ing)|pledg(?:ed|es|ing)|promis(?:ed|es|ing)|commit(?:ted|s|ting)|allocat(?:ed|es|ing)|"
    r"provid(?:ed|es|ing)|will\s+provide|approv(?:ed|es)|unveil(?:ed|s)|offer(?:ed|s)|sen(?:d|t|ding)|"
    r"donat(?:ed|es|ing)|deliver(?:ed|s|ing)?|earmark(?:ed|s)?|transferr?(?:ed|s)?|grant(?:ed|s)?|"
    r"contribut(?:ed|es|ing|e)|involve|would\s+involve|could\s+involve|deploy(?:ed|s|ing)?|supply|supplied)\b"
)
# How firm a pledge is, read from the words up to and including its verb (first rule that matches wins):
# a hedge ("could involve", "is considering") -> uncertain; a commitment verb ("announced it would send") ->
# pledged; an offer or intention ("would deploy", "offered", "ready to") -> proposed; a completed transfer
# ("has delivered", "sent") -> delivered; otherwise pledged.
PLEDGE_STATUS = (
    ("uncertain", re.compile(r"(?i)\b(?:could|might|may|mulls?|mulling|reportedly|possibly|consider(?:s|ed|ing)?|"
                             r"weigh(?:s|ed|ing)?|discuss(?:es|ed|ing)?|explor(?:es|ed|ing))\b")),
    ("pledged", re.compile(r"(?i)\b(?:announc(?:ed|es)|pledg(?:ed|es)|promis(?:ed|es)|commit(?:ted|s)|agreed|"
                           r"approv(?:ed|es)|allocat(?:ed|es)|earmark(?:ed|s)|will)\b")),
    ("proposed", re.compile(r"(?i)\b(?:would|offer(?:ed|s)?|propos(?:ed|es|ing)|ready|willing|prepared|"
                            r"plan(?:s|ned)?\s+to|intend(?:s|ed)?\s+to|seek(?:s|ing)?\s+to)\b")),
    ("delivered", re.compile(r"(?i)\b(?:delivered|sent|supplied|transferred|donated|handed\s+over|arrived)\b")),
)
PLEDGE_CONDITION = re.compile(
    r"(?i)\b(?:if|once|provided(?:\s+that)?|on\s+(?:the\s+)?condition\s+(?:that\s+)?|as\s+soon\s+as|subject\s+to|"
    r"in\s+the\s+event\s+of)\s+(?P<cond>[^,;.]{3,120})")
PACKAGE_NOUN = re.compile(r"(?i)\b(?:package|aid|assistance|support|funding|loan|grant|tranche|fund|contribution)\b")
MILITARY_PACKAGE = re.compile(r"(?i)\b(?:defen[cs]e|military|weapons|arms|security)\s+(?:aid\s+)?(?:package|aid|assistance|support)\b")
ITEMS_RE = re.compile(r"(?i)\b(?:including|consisting\s+of|comprising|such\s+as|with)\s+(?P<items>[^.;:]+)")
# an attribution after the list ("..., artillery ammunition, a government spokesman said") ends it
ITEMS_END = re.compile(r"(?i)\b(?:said|says|told|according\s+to|added|stated|reported|announced)\b")
TROOPS_RE = re.compile(
    rf"(?i)(?:(?:between\s+)?(?<![\w.,])(?P<lo>{NUM})\s*(?:to|-|–|and)\s*(?P<hi>{NUM})|(?P<mod>up\s+to|about|some|around|"
    rf"at\s+least|more\s+than)?\s*(?<![\w.,])(?P<n>{NUM}))\s+(?:[\w-]+\s+)?(?P<unit>troops|soldiers|peacekeepers|"
    rf"personnel|servicemen|military\s+personnel)\b"
)
# Every TROOPS_RE match ends with one of these words, after white space (the unit's last word): the pattern is
# tried only a few words before them (``troops_finditer``)
_TROOP_UNIT_WORD = re.compile(r"(?i)(?<=\s)(?:troops|soldiers|peacekeepers|personnel|servicemen)\b")
_WS_RUN = re.compile(r"\s+")
# A TROOPS_RE match holds at most 10 quantified white-space items before its unit's last word ("between\s+",
# NUMWORD's "[- ]" or "a\s+dozen", NUM's "\s+hundred" twice, the two "\s*" around "to", "\s+" before the
# optional word and after it, "military\s+"; the other branch holds fewer), so it meets at most 10 maximal runs
# of white space there and starts at or after the start of the 11th run before that word: 12 is a margin.
_TROOPS_RUNS = 12


def troops_finditer(seg: str) -> list[re.Match[str]]:
    """``list(TROOPS_RE.finditer(seg))``, with the pattern (no literal prefix: tried at every position) searched
    only from a few white-space runs before each unit word. For the first unit word u ending after the resume
    position p, no match starts before w = max(p, start of the 12th run before u) (every match ends at a unit
    word at or after u, and that bound only grows with u); a search from w cut off one character after u finds a
    match iff one starts in [w, u] (a full match from there ending at a later unit word takes u as its optional
    word, and the cut one then ends at u; the cut text keeps every character a match ending by u reads); only
    then the full search from w, which stops there, gives finditer's next match."""
    units = [(m.start(), m.end()) for m in _TROOP_UNIT_WORD.finditer(seg)]
    if not units:
        return []
    runs = [m.start() for m in _WS_RUN.finditer(seg, 0, units[-1][0])]
    out = []
    pos = 0
    i = 0
    for u, ue in units:
        if ue <= pos:
            continue
        while i < len(runs) and runs[i] < u:
            i += 1
        w = max(pos, runs[i - _TROOPS_RUNS] if i >= _TROOPS_RUNS else 0)
        if TROOPS_RE.search(seg, w, ue + 1) is None:
            continue
        m = TROOPS_RE.search(seg, w)
        out.append(m)
        pos = m.end()
    return out
FACILITATION_RE = re.compile(
    r"(?i)\b(?:readiness|ready|willing(?:ness)?|offer(?:ed|s)?|prepared)\s+to\s+(?:play\s+a\s+)?(?:\w+\s+)?"
    r"(?:facilitat\w*|mediat\w*|host\w*)(?:\s+(?:role|talks|negotiations))?"
)
RECIPIENT_RE = "\\b(?:to|for|reinforce|reinforcing|arm|arming|support|supporting|help|helping|aid|aiding)\\s+(?:the\\s+)?{P}"
AS_PARTY_WE = "\\bAs\\s+{P}\\s*,\\s*we\\b"

STOPWORDS = frozenset((
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "on", "was", "with", "as", "by", "at",
    "from", "his", "her", "he", "she", "be", "this", "are", "have", "has", "had", "were", "which", "an",
    "or", "but", "not", "they", "their", "its", "said", "after", "who", "will", "would", "been", "we", "there",
    "also", "than", "more", "into", "over", "about", "against", "people", "killed", "one", "two",
))


def build() -> LanguagePack:
    patterns = {
        "casualty": CASUALTY_PATTERNS, "breakdown": BREAKDOWN, "coord_before": COORD_BEFORE, "date": DATE_RE,
        "effects": EFFECT_PATTERNS, "outage_quantity": OUTAGE_QUANTITY, "claimants": CLAIMANT_PATTERNS,
        "reporting_context": REPORTING_CONTEXT, "meeting_after": MEETING_AFTER, "actor_after": ACTOR_AFTER,
        "locative_before": LOCATIVE_BEFORE, "actor_before": ACTOR_BEFORE, "hyp_before": HYPOTHETICAL_BEFORE, "hyp_clause": HYPOTHETICAL_CLAUSE,
        "hyp_after": HYPOTHETICAL_AFTER, "denied_before": DENIED_BEFORE, "background": BACKGROUND_CUES,
        "enemy": ENEMY_WORDS, "clause_boundary": CLAUSE_BOUNDARY, "anaphoric_proposal": ANAPHORIC_PROPOSAL,
        "money": MONEY_RE, "pledge_verb": PLEDGE_VERB, "package_noun": PACKAGE_NOUN,
        "military_package": MILITARY_PACKAGE, "items": ITEMS_RE, "items_end": ITEMS_END, "troops": TROOPS_RE,
        "troops_finditer": troops_finditer, "money_finditer": money_finditer,
        "pledge_status": PLEDGE_STATUS, "pledge_condition": PLEDGE_CONDITION,
        "facilitation": FACILITATION_RE, "capital_actor_after": CAPITAL_ACTOR_AFTER,
        "capital_actor_before": CAPITAL_ACTOR_BEFORE, "anaphor_before": ANAPHOR_BEFORE,
        "predicative_anaphor": PREDICATIVE_ANAPHOR, "new_event_cue": NEW_EVENT_CUE,
        "domestic_force_after": DOMESTIC_FORCE_AFTER, "dateline": DATELINE, "verb_trigger": VERB_TRIGGER,
        "effect_gates": EFFECT_GATES, "casualty_gates": CASUALTY_GATES,
        "casualty_parts": (CASUALTY_PART_AFTER, CASUALTY_PART_AMONG), "casualty_part_gate": CASUALTY_PART_GATE,
    }
    words = {
        "known_people": KNOWN_PEOPLE, "actor_before_last": ACTOR_BEFORE_LAST, "reporting_context_words": REPORTING_CONTEXT_WORDS, "locative_before_last": LOCATIVE_BEFORE_LAST,
        "actor_aliases": ACTOR_ALIASES, "combatants": COMBATANT_NOUNS, "child_nouns": CHILD_NOUNS,
        "civilian_nouns": CIVILIAN_NOUNS,
        "abbreviations": ABBREVIATIONS, "month_num": MONTH_NUM, "weekday_num": WEEKDAY_NUM,
        "pronouns": PRONOUN, "currency": CURRENCY, "mult": MULT, "force_nouns": FORCE_NOUNS,
        "agent_by": AGENT_BY, "accusations": ACCUSATION_TEMPLATES, "position_templates": POSITION_TEMPLATES, "position_keys": POSITION_KEYS,
        "party_list": PARTY_LIST, "speaker_np": SPEAKER_NP, "recipient": RECIPIENT_RE, "as_party_we": AS_PARTY_WE,
        "report_verbs": REPORT_VERBS, "prop": PROP, "statement_nouns": STATEMENT_NOUNS, "force_verbs": FORCE_VERBS,
        "title_abbreviations": TITLE_ABBREVIATIONS, "sentence_starters": SENTENCE_STARTERS,
        "date_first_words": DATE_FIRST_WORDS,
    }
    return LanguagePack(code="en", stopwords=STOPWORDS, lexicon=LEXICON, parse_number=parse_number,
                        patterns=patterns, words=words)
