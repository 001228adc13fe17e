"""The facts of a synthetic news event: who, where, how many, drawn from a seeded generator.

Every report about one event (the wire original, a rival wire's report, an outlet's own story)
is written from the same facts, so independent reports share names, places and numbers while
their wording differs. :func:`escalate` gives the revised facts a write-through reports.
"""

from __future__ import annotations

import random
from datetime import date

from demoworld.synth.topics import TOPICS
from demoworld.synth.vocab import FIRST_NAMES, LAST_NAMES, PLACES, WEEKDAYS

Facts = dict[str, str]

# Per topic: (official titles, protagonist titles, organizations), then topic-specific slot choices.
_ROLES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "protest": (
        ("Interior Minister", "Prime Minister", "Police Chief"),
        ("protest organizer", "opposition leader", "union leader"),
        ("Interior Ministry", "national police", "Health Ministry"),
    ),
    "election": (
        ("Prime Minister", "President", "Election Commission Chairman"),
        ("opposition leader", "party chairwoman", "presidential candidate"),
        ("National Electoral Commission", "Central Election Commission"),
    ),
    "earthquake": (
        ("Interior Minister", "Civil Protection Chief", "Health Minister"),
        ("structural engineer", "opposition lawmaker", "Red Crescent coordinator"),
        ("disaster management agency", "Health Ministry", "civil defense authority"),
    ),
    "trade": (
        ("Trade Minister", "Economy Minister", "Finance Minister"),
        ("head of the exporters' association", "chief economist at a local bank", "industry lobbyist"),
        ("Trade Ministry", "Economy Ministry", "chamber of commerce"),
    ),
    "sports": (
        ("Coach", "Manager", "Head Coach"),
        ("striker", "forward", "midfielder"),
        ("football federation", "league", "club"),
    ),
    "storm": (
        ("Prime Minister", "Interior Minister", "Civil Protection Chief"),
        ("climate scientist", "city mayor", "aid agency director"),
        ("National Disaster Agency", "civil protection agency", "meteorological office"),
    ),
    "attack": (
        ("Defense Minister", "Prime Minister", "Security Spokesman"),
        ("militia commander", "spokesman for the group", "tribal leader"),
        ("Interior Ministry", "Defense Ministry", "security services"),
    ),
    "court": (
        ("Justice Minister", "Prime Minister", "Attorney General"),
        ("opposition leader", "lawyer for the plaintiffs", "constitutional scholar"),
        ("Justice Ministry", "Supreme Judicial Council", "bar association"),
    ),
}

_EXTRA: dict[str, dict[str, tuple[str, ...]]] = {
    "protest": {
        "cause": (
            "fuel price increases",
            "a proposed pension overhaul",
            "a new tax on bread and flour",
            "corruption in the ruling party",
            "the arrest of an opposition figure",
            "cuts to university funding",
            "rising electricity bills",
        ),
        "venue": (
            "the parliament building",
            "the central square",
            "the presidential palace",
            "the finance ministry",
            "the state television headquarters",
        ),
    },
    "election": {
        "party1": ("National Unity Party", "Social Democratic Union", "Party of Progress", "Civic Alliance"),
        "party2": ("People's Movement", "Green Renewal", "Liberal Forum", "Homeland Front"),
        "seats": ("48", "57", "61", "66", "72"),
        "turnout": ("54%", "61%", "67%", "71%", "48%"),
    },
    "earthquake": {
        "mag": ("5.8", "6.1", "6.4", "6.7", "7.0", "7.3"),
        "depth": ("10 kilometers (6 miles)", "18 kilometers (11 miles)", "35 kilometers (22 miles)"),
        "dist": ("40 kilometers (25 miles)", "80 kilometers (50 miles)", "120 kilometers (75 miles)"),
        "direction": ("north", "northeast", "southwest", "east", "south"),
        "agency": (
            "U.S. Geological Survey",
            "European Mediterranean Seismological Centre",
            "national seismology institute",
        ),
        "aftershock": ("5.1", "5.4", "4.9"),
        "hours": ("30", "41", "52", "60"),
    },
    "trade": {
        "goods": ("steel", "farm goods", "electric vehicles", "semiconductors", "textiles", "wine and cheese"),
        "tariff": ("15%", "25%", "30%", "10%"),
    },
    "sports": {
        "team1": ("Atlético Norte", "Sporting Ribeira", "Dynamo Kelvin", "Olympic Marsa", "Union Ferro"),
        "team2": ("Racing Solano", "Athletic Brenna", "Real Cortes", "Rovers Dunmore", "FC Vanadis"),
        "score": ("2-1", "3-2", "1-0", "3-1", "4-2"),
        "comp": ("the Continental Cup", "the national cup", "the Champions Trophy", "the league playoffs"),
        "minute1": ("12th", "23rd", "31st", "38th"),
        "minute2": ("84th", "88th", "90th", "79th"),
    },
    "storm": {
        "storm": (
            "Storm Alma",
            "Typhoon Kasa",
            "Cyclone Idris",
            "Hurricane Lorena",
            "Tropical Storm Nia",
            "Storm Bettina",
        ),
        "wind": ("150 kph (93 mph)", "180 kph (112 mph)", "120 kph (75 mph)", "210 kph (130 mph)"),
        "rain": ("200 millimeters (8 inches)", "300 millimeters (12 inches)", "150 millimeters (6 inches)"),
    },
    "attack": {
        "group": (
            "Brigades of the Dawn",
            "Northern Liberation Front",
            "Sons of the Valley",
            "Army of the Righteous",
            "Martyrs' Battalion",
        ),
        "target": (
            "a military base",
            "an air base housing foreign troops",
            "a police station",
            "an oil facility",
            "a border post",
        ),
        "dist": ("5 kilometers (3 miles)", "12 kilometers (7 miles)", "8 kilometers (5 miles)"),
    },
    "court": {
        "court": ("Constitutional Court", "Supreme Court", "High Court"),
        "law": (
            "a law curbing the independence of judges",
            "a contested media law",
            "an emergency decree extending police powers",
            "a law on foreign funding of charities",
        ),
        "years": ("six", "eight", "12", "15"),
        "verdict": ("struck down", "upheld"),
        "party": ("the government", "the opposition"),
    },
}


def person(rng: random.Random) -> tuple[str, str]:
    """A random full name and its last name."""
    last = rng.choice(LAST_NAMES)
    return f"{rng.choice(FIRST_NAMES)} {last}", last


def _count(rng: random.Random, low: int, high: int, step: int = 1) -> str:
    return f"{rng.randrange(low, high, step):,}"


# Syllables of invented local place names (districts, villages, streets): an event's particulars
# come from pools too wide for two events to draw alike, as real reports of two events name other
# neighborhoods, hospitals, spokespeople and figures (issue 12).
_SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ra",
    "sen",
    "to",
    "vel",
    "dar",
    "bu",
    "ni",
    "sha",
    "qor",
    "el",
    "an",
    "tu",
    "mar",
    "zi",
    "ost",
    "per",
    "gal",
    "hu",
    "ya",
    "bel",
    "do",
    "fen",
    "ri",
    "sal",
    "ko",
    "win",
    "ut",
)
_STREET_KINDS = ("Street", "Avenue", "Road", "Boulevard")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def local_name(rng: random.Random) -> str:
    """An invented local place name of two or three syllables (``"Kalosen"``)."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 3)))).capitalize()


def particulars(rng: random.Random) -> Facts:
    """Local particulars of an event: places, a spokesperson, times and figures (see :func:`make_facts`).

    Args:
        rng: Seeded generator.

    Returns:
        Slot name -> text for the particulars' slots.
    """
    spokes, spokesl = person(rng)
    hour, minute = rng.randrange(0, 24), rng.randrange(0, 60, 5)
    return {
        "district": local_name(rng),
        "village": local_name(rng),
        "village2": local_name(rng),
        "street": f"{local_name(rng)} {rng.choice(_STREET_KINDS)}",
        "hospital": f"{local_name(rng)} General Hospital",
        "spokes": spokes,
        "spokesl": spokesl,
        "clock": f"{hour:02d}:{minute:02d} GMT",
        "month": rng.choice(_MONTHS),
        "year": str(rng.randrange(1994, 2025)),
        "n4": str(n4 := rng.randrange(41, 98)),
        "n4th": _ordinal(n4),
        "n5": str(rng.randrange(120, 980)),
        "n6": _count(rng, 1_100, 9_900, 10),
        "km": str(rng.randrange(6, 240)),
        "span": str(rng.randrange(3, 72)),
    }


_GOODS = (
    "steel",
    "farm goods",
    "electric vehicles",
    "semiconductors",
    "textiles",
    "wine and cheese",
    "aluminum",
    "soybeans",
    "solar panels",
    "rice",
    "pharmaceuticals",
    "timber",
    "fish",
    "copper",
    "coffee",
    "machine tools",
)
_LAW_SUBJECTS = (
    "the independence of judges",
    "media ownership",
    "police powers",
    "foreign funding of charities",
    "state pensions",
    "land registration",
    "internet censorship",
    "public procurement",
    "asylum",
    "trade unions",
    "election financing",
    "religious schools",
)


def _ordinal(n: int) -> str:
    """``23`` -> ``"23rd"``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _named(topic: str, rng: random.Random) -> Facts:
    """Names drawn from wide pools, where two events of a topic would rarely share them in life:
    the clubs of a match, a storm's name, an armed group's."""
    if topic == "sports":
        winner = rng.randrange(1, 6)
        return {
            "score": f"{winner}-{rng.randrange(winner)}",
            "minute1": _ordinal(rng.randrange(3, 45)),
            "minute2": _ordinal(rng.randrange(70, 95)),
            "team1": f"{rng.choice(('Atlético', 'Sporting', 'Dynamo', 'Olympic', 'Union'))} {local_name(rng)}",
            "team2": f"{rng.choice(('Racing', 'Athletic', 'Real', 'Rovers', 'FC'))} {local_name(rng)}",
        }
    if topic == "storm":
        kph, mm = rng.randrange(90, 260, 5), rng.randrange(80, 450, 10)
        return {
            "storm": f"{rng.choice(('Storm', 'Typhoon', 'Cyclone', 'Hurricane'))} {rng.choice(FIRST_NAMES)}",
            "wind": f"{kph} kph ({round(kph / 1.609)} mph)",
            "rain": f"{mm} millimeters ({round(mm / 25.4)} inches)",
        }
    if topic == "earthquake":
        km, depth = rng.randrange(15, 200, 5), rng.randrange(5, 60)
        return {
            "mag": f"{rng.randrange(52, 78) / 10}",
            "aftershock": f"{rng.randrange(40, 56) / 10}",
            "dist": f"{km} kilometers ({round(km / 1.609)} miles)",
            "depth": f"{depth} kilometers ({round(depth / 1.609)} miles)",
        }
    if topic == "attack":
        return {"group": f"{local_name(rng)} {rng.choice(('Brigades', 'Liberation Front', 'Battalion', 'Army'))}"}
    if topic == "election":
        return {
            "party1": f"{local_name(rng)} {rng.choice(('Unity Party', 'Democratic Union', 'Alliance'))}",
            "party2": f"{local_name(rng)} {rng.choice(('Movement', 'Renewal', 'Forum', 'Front'))}",
            "seats": str(rng.randrange(31, 96)),
            "turnout": f"{rng.randrange(38, 84)}%",
        }
    if topic == "trade":
        return {"goods": rng.choice(_GOODS), "tariff": f"{rng.randrange(5, 60)}%"}
    if topic == "court":
        return {
            "law": f"{rng.choice(('a law', 'a decree', 'an amendment'))} on {rng.choice(_LAW_SUBJECTS)}",
            "years": str(rng.randrange(3, 26)),
        }
    return {}


def make_facts(topic: str, day: date, rng: random.Random) -> Facts:
    """Draw the facts of one event.

    Args:
        topic: A key of :data:`demoworld.synth.topics.TOPICS`.
        day: The day the event happened (gives the weekday).
        rng: Seeded generator; the same state gives the same facts.

    Returns:
        Slot name -> text, for every slot the topic's templates use.

    Raises:
        KeyError: Unknown topic.
    """
    city, country, region = rng.choice(PLACES)
    officials, protagonists, orgs = _ROLES[topic]
    off, offl = person(rng)
    lead, leadl = person(rng)
    wit, witl = person(rng)
    facts: Facts = {
        "city": city,
        "country": country,
        "region": region,
        "weekday": WEEKDAYS[day.weekday()],
        "off": off,
        "offl": offl,
        "offr": rng.choice(officials),
        "lead": lead,
        "leadl": leadl,
        "leadr": rng.choice(protagonists),
        "wit": wit,
        "witl": witl,
        "org": rng.choice(orgs),
        "n1": str(rng.randrange(3, 40)),
        "n2": str(rng.randrange(12, 400)),
        "n3": _count(rng, 1_000, 90_000, 100),
        "pct": f"{rng.randrange(12, 96)}%",
        "move": f"{rng.randrange(2, 35) / 10}%",
        "money": f"${rng.randrange(2, 95)}.{rng.randrange(10)} billion",
        "pop": f"{rng.randrange(2, 19)}.{rng.randrange(10)}",
        "partner": rng.choice([p[1] for p in PLACES if p[1] != country]).replace("the ", "", 1),
    }
    for slot, choices in _EXTRA[topic].items():
        facts[slot] = rng.choice(choices)
    defendant, _ = person(rng)
    facts["defendant"] = defendant
    facts.update(particulars(rng))
    facts.update(_named(topic, rng))
    facts["n1th"] = _ordinal(int(facts["n1"]))
    return facts


def escalate(facts: Facts, rng: random.Random) -> Facts:
    """The revised facts of a later write-through: counts go up, as they do in developing stories.

    Args:
        facts: Facts of the previous version.
        rng: Seeded generator.

    Returns:
        A new mapping; the input is not changed.
    """
    revised = dict(facts)
    revised["n1"] = str(int(facts["n1"]) + rng.randrange(2, 25))
    revised["n2"] = str(int(facts["n2"]) + rng.randrange(5, 120))
    revised["n1th"] = _ordinal(int(revised["n1"]))
    return revised


TOPIC_NAMES: tuple[str, ...] = tuple(TOPICS)
