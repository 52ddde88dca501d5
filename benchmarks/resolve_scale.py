"""Resolution at scale: time and peak memory to cluster N synthetic mentions (default 100,000).

Usage: python benchmarks/resolve_scale.py [N]
Mentions are spread over a year and 400 places with 1-4 reports per event, like a busy monitoring feed.
Prints mentions/s, incidents found, and peak RSS of the process (what resolution holds in memory).
"""

from __future__ import annotations

import random
import resource
import sys
import time
from datetime import date, timedelta

from ceasewatch.model import Claimant, Count, DateRange, Mention, Place, Span
from ceasewatch.resolve import resolve_incidents


def synthetic_mentions(n: int, seed: int = 7) -> list[Mention]:
    rng = random.Random(seed)
    places = [Place(f"Place {i}", 100000 + i, 45 + i % 7, 30 + i % 11, 1, "UA", f"Oblast {i % 24}")
              for i in range(400)]
    methods = ["drone", "artillery", "missile.cruise", "guided_aerial_bomb"]
    out: list[Mention] = []
    event = 0
    while len(out) < n:
        event += 1
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(365))
        place, method = rng.choice(places), rng.choice(methods)
        killed = rng.choice([None, 0, 1, 2, 5])
        target = rng.choice(["residential", "energy.power", "civilians"])
        for copy in range(rng.randint(1, 4)):
            doc = f"doc{event}-{copy}"
            m = Mention(id=f"{doc}:m0", document_id=doc, sentence=Span(0, 100),
                        event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", method=method,
                        targets=[target],
                        killed=Count(killed, killed, killed) if killed is not None else Count(),
                        date=DateRange(day, day, 1), places=[place],
                        claimants=[Claimant("Regional administration", "party_official", "UA")])
            m.add_evidence("event_type", Span(0, 5))
            out.append(m)
    return out[:n]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    mentions = synthetic_mentions(n)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    incidents = resolve_incidents(mentions)
    dt = time.perf_counter() - t0
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    events = len({m.document_id.split("-")[0] for m in mentions})
    print(f"resolve: {n} mentions of {events} events -> {len(incidents)} incidents in {dt:.1f} s ({n / dt:,.0f} mentions/s); "
          f"peak RSS {rss_after:.0f} MiB (mentions alone {rss_before:.0f} MiB)")


if __name__ == "__main__":
    main()
