"""Known publishers and their affiliation labels, which corroboration groups sources by.

The labels describe the relation of a source to the parties, not its quality: "party_official" is any
government channel of a party to the conflict, "party_aligned_media" state-controlled media of a party.
Unknown publishers are "unknown" until an analyst labels them (``--affiliation`` at ingest).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class PublisherInfo:
    name: str
    affiliation: str
    party_id: str | None = None


_BY_DOMAIN: dict[str, PublisherInfo] = {
    "whitehouse.gov": PublisherInfo("The White House", "third_party_official", "US"),
    "state.gov": PublisherInfo("U.S. Department of State", "third_party_official", "US"),
    "kremlin.ru": PublisherInfo("Kremlin", "party_official", "RU"),
    "mid.ru": PublisherInfo("Russian Ministry of Foreign Affairs", "party_official", "RU"),
    "mil.ru": PublisherInfo("Russian Ministry of Defence", "party_official", "RU"),
    "president.gov.ua": PublisherInfo("President of Ukraine", "party_official", "UA"),
    "mil.gov.ua": PublisherInfo("Ministry of Defence of Ukraine", "party_official", "UA"),
    "mfa.gov.ua": PublisherInfo("Ministry of Foreign Affairs of Ukraine", "party_official", "UA"),
    "tass.com": PublisherInfo("TASS", "party_aligned_media", "RU"),
    "tass.ru": PublisherInfo("TASS", "party_aligned_media", "RU"),
    "ria.ru": PublisherInfo("RIA Novosti", "party_aligned_media", "RU"),
    "rt.com": PublisherInfo("RT", "party_aligned_media", "RU"),
    "ukrinform.net": PublisherInfo("Ukrinform", "party_aligned_media", "UA"),
    "ukrinform.ua": PublisherInfo("Ukrinform", "party_aligned_media", "UA"),
    "reuters.com": PublisherInfo("Reuters", "independent_media"),
    "apnews.com": PublisherInfo("Associated Press", "independent_media"),
    "bbc.com": PublisherInfo("BBC", "independent_media"),
    "bbc.co.uk": PublisherInfo("BBC", "independent_media"),
    "aa.com.tr": PublisherInfo("Anadolu Agency", "independent_media"),
    "kyivindependent.com": PublisherInfo("The Kyiv Independent", "independent_media"),
    "ohchr.org": PublisherInfo("OHCHR / HRMMU", "monitor"),
    "un.org": PublisherInfo("United Nations", "monitor"),
    "iaea.org": PublisherInfo("IAEA", "monitor"),
    "osce.org": PublisherInfo("OSCE", "monitor"),
}


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def publisher_for(url: str | None, name: str | None = None) -> PublisherInfo:
    """The publisher of a report from its URL (domain and parent domains), else its given name."""
    host = domain_of(url)
    while host:
        if host in _BY_DOMAIN:
            known = _BY_DOMAIN[host]
            return PublisherInfo(name or known.name, known.affiliation, known.party_id)
        host = host.partition(".")[2] if "." in host.partition(".")[2] else ""
    for known in _BY_DOMAIN.values():
        if name and known.name.lower() == name.lower():
            return known
    return PublisherInfo(name or domain_of(url) or "unknown", "unknown")
