"""Safety callouts: urgency tiers, cautions and "check first" boxes.

Modelled on NHS care cards: each tier says what to do, how fast, and whom to call. The words come
from the edition's words file and the configured care settings; everything is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from legcramps.errors import ContentError, did_you_mean
from legcramps.html import NOT_SEARCHED, one_line, text
from legcramps.model.care import CareSettings
from legcramps.model.words import TIER_KEYS, Words

ADMONITIONS = {"emergency": "danger", "urgent": "warning", "soon": "info", "routine": "note"}


@dataclass(frozen=True)
class Tier:
    key: str
    title: str  # the callout heading, e.g. "Call 911 now"
    lead: str  # the sentence before the list of signs
    admonition: str  # Material admonition type, for the base look
    number: str  # the phone number the tier names, if any (made a tap-to-call link)


def _sentence(words: str) -> str:
    return words[:1].upper() + words[1:]


def tiers(care: CareSettings, words: Words) -> dict[str, Tier]:
    """The four urgency tiers in the words of the edition and the configured country."""
    values = care.as_dict()
    table = {}
    for key in TIER_KEYS:
        tier = words.tiers[key]
        lead = tier["lead"]
        number = care.emergency_number if key == "emergency" else ""
        if key == "urgent" and care.urgent_number:
            lead = tier.get("lead_with_number", lead)
            number = care.urgent_number
        table[key] = Tier(
            key, _sentence(tier["title"].format(**values)), _sentence(lead.format(**values)), ADMONITIONS[key], number
        )
    return table


def get_tier(care: CareSettings, words: Words, key: object) -> Tier:
    table = tiers(care, words)
    if key not in table:
        raise ContentError(f"unknown urgency tier {key!r}{did_you_mean(key, TIER_KEYS)}")
    return table[str(key)]


def _call_link(words: Markup, number: str) -> Markup:
    """Make the number in a title or lead a tap-to-call link (a thumb can reach it mid-cramp)."""
    if not number or number not in words:
        return words
    link = Markup('<a class="tel" href="tel:{0}">{0}</a>').format(number.replace(" ", ""))
    return Markup(str(words).replace(str(escape(number)), str(link), 1))


def urgency_callout(tier: Tier, signs: tuple[str, ...], searched: bool = True, anchor: str = "") -> Markup:
    """An urgency callout: the tier's heading and action, then one list item per warning sign.

    `searched=False` leaves it out of the search index: a callout that picks a few signs repeats the
    page that lists them all, and would make every strategy page a result for "short of breath".
    `anchor` is the callout's own id: a sign's search answer links straight to the box that shows it.
    """
    items = "".join(f"<li>{text(sign, 'a warning sign')}</li>" for sign in signs)
    hidden = "" if searched else f" {NOT_SEARCHED}"
    own_id = f' id="{escape(anchor)}"' if anchor else ""
    return one_line(
        f"""
        <div{own_id} class="admonition {tier.admonition} urgency urgency-{tier.key}" role="note"{hidden}>
          <p class="admonition-title">{_call_link(text(tier.title), tier.number)}</p>
          <p>{_call_link(text(tier.lead), tier.number)}</p>
          <ul>{items}</ul>
        </div>
        """
    )


def caution_callout(words: Words, message: object, title: object = None) -> Markup:
    """A risk inside a strategy, in one or two sentences."""
    heading = words.caution_title if title is None else title
    return one_line(
        f"""
        <div class="admonition warning caution" role="note">
          <p class="admonition-title">{text(heading, 'the caution title')}</p>
          <p>{text(message, 'the caution text')}</p>
        </div>
        """
    )


def check_first_callout(words: Words, groups: tuple[object, ...], why: object = None) -> Markup:
    """Who should check with a doctor or pharmacist before trying this (the same title and lead on every
    page: only the groups and the reason are searched)."""
    known: dict[str, str] = words.check_first["groups"]
    if not groups:
        raise ContentError('check_first() needs at least one group, e.g. check_first("pregnancy")')
    for group in groups:
        if group not in known:
            raise ContentError(f"unknown check_first group {group!r}{did_you_mean(group, known)}")
    items = "".join(f"<li>{text(known[str(group)])}</li>" for group in groups)
    reason = f"<p>{text(why, 'why=')}</p>" if why is not None else ""
    return one_line(
        f"""
        <div class="admonition question check-first" role="note">
          <p class="admonition-title" {NOT_SEARCHED}>{text(words.check_first['title'])}</p>
          <p {NOT_SEARCHED}>{text(words.check_first['lead'])}</p>
          <ul>{items}</ul>
          {reason}
        </div>
        """
    )
