#!/usr/bin/env python3
"""Chrome between a story's paragraphs: does any paragraph go with it?

    python bench/widget_probe.py              # both modes, every pack's examples and the widget boxes
    python bench/widget_probe.py --mode text  # one mode

A page puts its widgets where they show: a share bar's "34 Comments", a sign-up box, an
author box, a poll, a "Privacy Policy" link between two paragraphs. A rule that reads such a
line as the start of a thread, a box or a notice after the story takes every paragraph under
it. This builds a fifteen-paragraph story (each paragraph told apart by its number) and puts
one piece of chrome after paragraph 3, 8, 13 and 14 of it: every ``[[drop]]`` example of every
language pack (alone, in an English story) and a set of whole widgets (``BOXES``). In text mode
the page is a dump (a menu above, a footer below); in HTML mode an ``<article>`` with the widget
as a ``<div>`` of ``<p>``. It prints each placement that loses a paragraph: which chrome, where,
how many paragraphs, and the rules that removed them. The number to watch is the count of
placements that lose anything; each is a category to fix or a trade-off a rule's docstring names
(``about.signed_bio_start`` lets a disclaimer follow a bio, so a bio right before the last
paragraph takes it).
"""

from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from cleanup import clean  # noqa: E402
from cleanup.lang import load_packs  # noqa: E402

from conftest import STORY_PARAGRAPHS  # noqa: E402

STORY = tuple(p.replace(" ", f" ({n}) ", 1) for n, p in enumerate((STORY_PARAGRAPHS * 4)[:15]))
TITLE = "Council approves rail yard homes"
HEAD = (f"{TITLE} | The Ledger", "Home", "News", "Local", "Sports", "Contact")
FOOT = ("About us", "Privacy", "Terms of use", "© 2024 The Ledger")
AFTER = (3, 8, 13, 14)  # the chrome goes after this many paragraphs
BOXES = {
    "related box": ("Related:", "Mayor defends housing plan at packed meeting", "Rail yard cleanup to cost $40m"),
    "most read": ("Most Read", "Mayor defends housing plan", "Police seek driver in crash", "Schools to reopen Monday"),
    "author box": ("About the author", "Jane Doe is a reporter at The Ledger who covers housing and city hall."),
    "sign-up box": ("Sign up for our newsletter", "Get the best stories in your inbox.", "Email address", "Sign up"),
    "comment counter": ("34 Comments",),
    "share bar": ("Share this article", "Facebook", "Twitter", "Email"),
    "gallery": ("Image 1 of 5", "The rail yard seen from the bridge on Tuesday. (Photo: Jane Doe)", "Next"),
    "video": ("Video", "Watch: Council debates the rail yard plan", "Play Video", "0:00 / 2:31"),
    "poll": ("Poll: Should the city build on the rail yard?", "Yes", "No", "Vote", "View results"),
    "subscribe": ("Subscribe to The Ledger for just $1 a week.", "Subscribe now"),
    "more from": ("More from The Ledger", "Mayor defends housing plan at packed meeting", "Schools to reopen Monday"),
    "correction": ("Correction: An earlier version of this story misstated the number of homes.",),
    "cookie": ("We use cookies to improve your experience. By continuing you accept our use of cookies.", "Accept"),
}


def pieces() -> list[tuple[str, tuple[str, ...]]]:
    """(name, units) of every piece of chrome to put inside the story."""
    found = [(name, units) for name, units in BOXES.items()]
    for code, pack in sorted(load_packs().items()):
        found += [(f"{code} {example.group}: {example.text[:40]}", (example.text,)) for example in pack.drop]
    return found


def page(mode: str, units: tuple[str, ...], at: int) -> str:
    """The story with ``units`` after its ``at``-th paragraph, as a text dump or as HTML."""
    if mode == "text":
        return "\n\n".join((*HEAD, TITLE, "By Jane Doe", *STORY[:at], *units, *STORY[at:], *FOOT))
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in STORY[:at])
    widget = "<div>" + "".join(f"<p>{html.escape(u)}</p>" for u in units) + "</div>"
    rest = "".join(f"<p>{html.escape(p)}</p>" for p in STORY[at:])
    return (
        f"<html><head><title>{HEAD[0]}</title></head><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav>"
        f"<article><h1>{TITLE}</h1><p>By Jane Doe</p>{paragraphs}{widget}{rest}</article>"
        "<footer><a href='/a'>About us</a> <a href='/p'>Privacy</a></footer></body></html>"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=("text", "html"), help="one mode only (default: both)")
    args = parser.parse_args()
    for mode in (args.mode,) if args.mode else ("text", "html"):
        tried = losing = 0
        for name, units in pieces():
            for at in AFTER:
                tried += 1
                result = clean(page(mode, units, at))
                lost = [p for p in STORY if p not in result.text]
                if lost:
                    losing += 1
                    rules = sorted({r.rule for r in result.removed if any(p in r.text for p in lost)})
                    print(f"{mode}  after {at:2}  {name!r}: {len(lost)} paragraph(s) lost ({', '.join(rules)})")
        print(f"{mode}: {losing} of {tried} placements lose story text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
