"""Self-written pages that are not articles, and a short wire brief that is, for the article gate.

Used by ``tests/extract/test_pagekind.py`` and served next to real pages by
``bench/pipeline_real.py``. Each non-article page has enough text to pass the body's word floor,
so only :mod:`wirearchive.pagekind` can stop it.
"""

from __future__ import annotations

import json
from collections.abc import Callable

NAV = (
    "<header><nav><ul>"
    + "".join(f"<li><a href='/{s}'>{s.title()}</a></li>" for s in ("world", "business", "sport", "weather", "travel"))
    + "</ul></nav></header>"
)
FOOTER = "<footer><p><a href='/about'>About us</a> <a href='/privacy'>Privacy</a> <a href='/contact'>Contact</a></p></footer>"
SIGNUP_BOX = (
    "<aside><form action='/subscribe' method='post'><p>Sign up for our morning newsletter</p>"
    "<input type='email' name='email' placeholder='Your e-mail'><button>Subscribe</button></form></aside>"
)


def _page(title: str, main: str, head: str = "") -> str:
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
        f"<body>{NAV}<main>{main}</main>{FOOTER}</body></html>"
    )


def status_page() -> str:
    """A live departures/disruption board: one intro line, then a long table of delays."""
    stations = (
        "Manchester Piccadilly",
        "Leeds",
        "Birmingham New Street",
        "Glasgow Central",
        "Bristol Temple Meads",
        "York",
    )
    states = ("On time", "Delayed 12 min", "Cancelled", "Delayed 4 min", "On time", "Bus replacement")
    rows = "".join(
        f"<tr><td>{6 + i // 4:02d}:{(i * 13) % 60:02d}</td><td>{stations[i % 6]}</td><td>Platform {1 + i % 9}</td>"
        f"<td>{states[(i * 5) % 6]}</td></tr>"
        for i in range(60)
    )
    main = (
        "<h1>Live departures and disruption</h1><p>Departures from London Euston, updated every minute.</p>"
        f"<table><tr><th>Time</th><th>Destination</th><th>Platform</th><th>Status</th></tr>{rows}</table>"
    )
    return _page("Live departures | Rail Enquiries", main)


def qa_thread() -> str:
    """A Q&A thread: a question and three answers by users, declared as a schema.org QAPage."""
    answers = [
        (
            "maria_k",
            "You should use the simple past here, because the action was completed before the moment you are "
            "describing. The passive voice is formed with the auxiliary and the past participle, so the sentence is fine.",
        ),
        (
            "jtr",
            "Both are possible but they mean different things. The first one describes the event itself, the second "
            "one describes the state that resulted from it. Native speakers use the first one far more often.",
        ),
        (
            "learner42",
            "Thanks, that explains it. My textbook never mentioned the difference between the two forms, and "
            "I had been using the second one all along without noticing that it sounds odd.",
        ),
    ]
    ld = {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "mainEntity": {
            "@type": "Question",
            "name": "Event or state passive?",
            "answerCount": 3,
            "acceptedAnswer": {"@type": "Answer", "text": answers[0][1]},
        },
    }
    posts = "".join(
        f"<div class='answer'><p>{text}</p><div class='user'><a href='/users/{user}'>{user}</a> answered</div></div>"
        for user, text in answers
    )
    main = (
        "<h1>Event or state passive?</h1><div class='question'><p>How does one know when to use the event passive rather "
        "than the state passive in sentences like the one in my book? It gave an example that I cannot explain.</p>"
        "<div class='user'><a href='/users/kim'>kim</a> asked</div></div>" + posts
    )
    return _page(
        "Event or state passive? - Language Q&A", main, f"<script type='application/ld+json'>{json.dumps(ld)}</script>"
    )


def newsletter_page() -> str:
    """A newsletter signup page: what the newsletter is, and a form."""
    main = (
        "<h1>The Morning Briefing</h1><p>Start your day with the stories that matter. Every weekday at six, our editors "
        "pick the most important news from around the world and explain why it matters to you, in five minutes or less.</p>"
        "<p>Sign up for free and get the newsletter delivered to your inbox. You can unsubscribe at any time with one "
        "click, and we will never share your e-mail address with anyone.</p>"
        "<form action='/newsletters/subscribe' method='post'><label>E-mail address <input type='email' name='email'></label>"
        "<input type='checkbox' name='consent'> I agree to the terms<button type='submit'>Sign up</button></form>"
    )
    return _page("Sign up for The Morning Briefing newsletter", main, "<meta property='og:type' content='website'>")


def tag_page() -> str:
    """A tag page: twelve teasers, each a linked headline, a one-line summary and a date."""
    teasers = [
        (
            "Council approves new flood defences for the harbour",
            "The scheme will raise the sea wall by a metre over three years.",
        ),
        (
            "Heat records broken across the south for a second day",
            "Forecasters expect temperatures to ease by the weekend.",
        ),
        ("Carbon tax plan splits the governing coalition", "Two junior partners want the levy phased in more slowly."),
        ("Glacier melt speeds up, satellite survey finds", "Researchers measured the loss over two decades of images."),
        (
            "Coastal towns ask for help as erosion eats into cliffs",
            "Residents of three villages have been told to prepare to leave.",
        ),
        (
            "Wildfire season starts early after a dry spring",
            "Firefighters were called to more than forty blazes in April.",
        ),
        (
            "Farmers warn of crop failures as drought deepens",
            "Wheat yields could fall by a fifth, the farmers' union said.",
        ),
        ("Storm warnings issued for the northern coast", "Gusts of up to 120 km/h are expected overnight."),
        ("Emission targets missed for the third year running", "The watchdog blamed slow progress on home heating."),
        ("Solar farm on former airfield gets the go-ahead", "It will power about twelve thousand homes once complete."),
        ("River levels fall after weeks of flooding", "Clean-up crews have begun work in the worst-hit streets."),
        ("Bee numbers recover in protected meadows", "Volunteers counted twice as many hives as last summer."),
    ]
    items = "".join(
        f"<article class='teaser'><h2><a href='/2026/01/{10 + i}/story-{i}'>{head}</a></h2><p>{summary}</p>"
        f"<time datetime='2026-01-{10 + i}'>January {10 + i}, 2026</time></article>"
        for i, (head, summary) in enumerate(teasers)
    )
    return _page(
        "Climate - news, analysis and opinion",
        "<h1>Climate</h1>" + items,
        "<meta property='og:type' content='website'>",
    )


def wire_brief() -> str:
    """A genuine short wire brief: no byline, no declared type, a signup box in the page chrome."""
    main = (
        "<article><h1>Port strike halts container traffic in Rotterdam</h1>"
        "<p>ROTTERDAM (Reuters) - Dock workers at Europe's largest port walked out on Monday over pay, halting container "
        "traffic at three terminals, a union spokesman said. The strike is set to last 24 hours.</p></article>"
        + SIGNUP_BOX
    )
    return _page("Port strike halts container traffic in Rotterdam", main)


# page builder -> the articles.not_article reason the gate must give it
NON_ARTICLES: dict[Callable[[], str], str] = {
    status_page: "not_article_data",
    qa_thread: "not_article_type",
    newsletter_page: "not_article_signup",
    tag_page: "not_article_listing",
}
