"""Safety callouts: urgency tiers, cautions and "check first" boxes.

Modelled on NHS care cards: each tier says what to do, how fast, and whom to call, in words taken
from the configured care settings. Everything an editor passes in is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from legcramps.care import CareSettings
from legcramps.errors import ContentError
from legcramps.html import one_line, text


@dataclass(frozen=True)
class Tier:
    key: str
    title: str  # the callout heading, e.g. "Call 911 now"
    lead: str  # the sentence before the list of signs
    admonition: str  # Material admonition type, for the base look


TIER_KEYS = ("emergency", "urgent", "soon", "routine")


def tiers(care: CareSettings) -> dict[str, Tier]:
    """The four urgency tiers in the words of the configured country."""
    urgent_action = care.urgent_advice[0].upper() + care.urgent_advice[1:]
    if care.urgent_number:
        urgent_action = f"Call {care.urgent_number} or {care.urgent_advice}"
    return {
        "emergency": Tier(
            "emergency",
            f"Call {care.emergency_number} now",
            f"Call {care.emergency_number} or go to {care.emergency_place} now if:",
            "danger",
        ),
        "urgent": Tier("urgent", "Get medical help today", f"{urgent_action} today if:", "warning"),
        "soon": Tier(
            "soon",
            f"See a {care.doctor} in the next 1 to 2 days",
            f"Contact your {care.doctor} in the next 1 to 2 days if:",
            "info",
        ),
        "routine": Tier(
            "routine",
            f"Make an appointment with your {care.doctor}",
            f"Book a routine appointment with your {care.doctor} if:",
            "note",
        ),
    }


def get_tier(care: CareSettings, key: object) -> Tier:
    table = tiers(care)
    if key not in table:
        raise ContentError(f"unknown urgency tier {key!r} (use one of: {', '.join(TIER_KEYS)})")
    return table[key]  # type: ignore[index]


def urgency_callout(care: CareSettings, tier: object, signs: tuple[object, ...]) -> Markup:
    """An urgency callout: the tier's heading and action, then one list item per warning sign."""
    found = get_tier(care, tier)
    if not signs:
        raise ContentError(f"urgency({tier!r}) needs at least one warning sign after the tier")
    items = "".join(f"<li>{text(sign, 'a warning sign')}</li>" for sign in signs)
    return one_line(
        f"""
        <div class="admonition {found.admonition} urgency urgency-{found.key}" role="note">
          <p class="admonition-title">{text(found.title)}</p>
          <p>{text(found.lead)}</p>
          <ul>{items}</ul>
        </div>
        """
    )


def caution_callout(message: object, title: object = "Be careful") -> Markup:
    """A risk inside a strategy, in one or two sentences."""
    return one_line(
        f"""
        <div class="admonition warning caution" role="note">
          <p class="admonition-title">{text(title, 'the caution title')}</p>
          <p>{text(message, 'the caution text')}</p>
        </div>
        """
    )


# Who should ask a doctor or pharmacist before trying a strategy. Editors pick groups by key.
CHECK_FIRST_GROUPS: dict[str, str] = {
    "pregnancy": "you are pregnant or breastfeeding",
    "kidney": "you have kidney disease",
    "heart": "you have heart disease or heart failure",
    "blood-pressure": "you take medicine for high blood pressure",
    "blood-thinners": "you take a blood thinner, such as warfarin",
    "diabetes": "you have diabetes",
    "numb-skin": "you have numb skin or poor feeling in your legs or feet",
    "fluid-limit": "a doctor has told you to limit how much you drink",
    "medicines": "you take other medicines or supplements every day",
    "circulation": "you have poor blood flow in your legs",
    "injury": "your leg was hurt in the last few days",
    "children": "it is for a child",
    "older": "you are older and frail, or fall easily",
}


def check_first_callout(groups: tuple[object, ...], why: object = None) -> Markup:
    """Who should check with a doctor or pharmacist before trying this."""
    if not groups:
        raise ContentError("check_first() needs at least one group, e.g. check_first(\"pregnancy\")")
    unknown = [g for g in groups if g not in CHECK_FIRST_GROUPS]
    if unknown:
        raise ContentError(
            f"unknown check_first group {unknown[0]!r} (use one of: {', '.join(CHECK_FIRST_GROUPS)})"
        )
    items = "".join(f"<li>{text(CHECK_FIRST_GROUPS[g])}</li>" for g in groups)  # type: ignore[index]
    reason = f"<p>{text(why, 'why=')}</p>" if why is not None else ""
    return one_line(
        f"""
        <div class="admonition question check-first" role="note">
          <p class="admonition-title">Check with a doctor or pharmacist first</p>
          <p>Ask before you try this if:</p>
          <ul>{items}</ul>
          {reason}
        </div>
        """
    )
