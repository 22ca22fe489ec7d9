"""What editors get from each safety macro: the HTML readers see, escaped, and loud misuse errors."""

from __future__ import annotations

import pytest

from legcramps.callouts import CHECK_FIRST_GROUPS, caution_callout, check_first_callout, tiers, urgency_callout
from legcramps.care import CareSettings
from legcramps.errors import ContentError
from legcramps.evidence import GRADES, evidence_badge

US = CareSettings(
    country="United States",
    emergency_number="911",
    emergency_place="the emergency room",
    urgent_advice="call your doctor's office or go to an urgent care center",
    doctor="doctor",
)
UK = CareSettings(
    country="United Kingdom",
    emergency_number="999",
    emergency_place="A&E",
    urgent_advice="ask for an urgent GP appointment",
    urgent_number="111",
    doctor="GP",
)
ATTACK = "<script>alert('x')</script> \"quoted\""


# --- urgency callouts -------------------------------------------------------------------------


def test_emergency_callout_tells_the_reader_to_call_the_configured_number() -> None:
    html = urgency_callout(US, "emergency", ("you have chest pain",))
    assert 'class="admonition danger urgency urgency-emergency"' in html
    assert "Call 911 now" in html
    assert "Call 911 or go to the emergency room now if:" in html
    assert "<li>you have chest pain</li>" in html


def test_a_uk_build_changes_the_numbers_in_one_place() -> None:
    emergency = urgency_callout(UK, "emergency", ("sign",))
    urgent = urgency_callout(UK, "urgent", ("sign",))
    assert "Call 999 or go to A&amp;E now" in emergency and "911" not in emergency
    assert "Call 111 or ask for an urgent GP appointment today if:" in urgent


def test_each_tier_has_its_own_wording_and_look() -> None:
    table = tiers(US)
    assert list(table) == ["emergency", "urgent", "soon", "routine"]
    assert table["urgent"].lead == "Call your doctor's office or go to an urgent care center today if:"
    assert "1 to 2 days" in table["soon"].title
    assert len({tier.admonition for tier in table.values()}) == 4


def test_urgency_escapes_script_and_quotes() -> None:
    html = urgency_callout(US, "urgent", (ATTACK,))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &#34;quoted&#34;" in html


@pytest.mark.parametrize("tier", ["panic", "Emergency", "", None])
def test_an_unknown_tier_is_refused(tier: object) -> None:
    with pytest.raises(ContentError, match="unknown urgency tier"):
        urgency_callout(US, tier, ("sign",))


def test_urgency_needs_at_least_one_sign() -> None:
    with pytest.raises(ContentError, match="at least one warning sign"):
        urgency_callout(US, "soon", ())


def test_a_sign_must_be_text() -> None:
    with pytest.raises(ContentError, match="a warning sign must be non-empty text"):
        urgency_callout(US, "soon", (42,))


def test_callouts_are_one_raw_html_line_so_markdown_keeps_them_whole() -> None:
    assert "\n" not in urgency_callout(US, "routine", ("a", "b"))
    assert "\n" not in caution_callout("x")
    assert "\n" not in check_first_callout(("kidney",))


# --- caution and check-first ------------------------------------------------------------------


def test_caution_shows_the_risk_escaped() -> None:
    html = caution_callout(ATTACK, title="Burn risk")
    assert 'class="admonition warning caution"' in html
    assert "Burn risk" in html and "<script>" not in html


def test_caution_needs_text() -> None:
    with pytest.raises(ContentError):
        caution_callout("")


def test_check_first_lists_each_group_in_plain_words() -> None:
    html = check_first_callout(("pregnancy", "kidney", "blood-thinners", "numb-skin"))
    assert "Check with a doctor or pharmacist first" in html
    assert "<li>you are pregnant or breastfeeding</li>" in html
    assert "<li>you have kidney disease</li>" in html
    assert "warfarin" in html and "numb skin" in html


def test_check_first_covers_the_groups_the_site_needs() -> None:
    for group in ("pregnancy", "kidney", "heart", "blood-thinners", "diabetes", "numb-skin"):
        assert group in CHECK_FIRST_GROUPS


def test_check_first_adds_an_escaped_reason() -> None:
    html = check_first_callout(("diabetes",), why=ATTACK)
    assert "&lt;script&gt;" in html


def test_check_first_refuses_an_unknown_group_and_an_empty_call() -> None:
    with pytest.raises(ContentError, match="unknown check_first group 'pregnant'"):
        check_first_callout(("pregnant",))
    with pytest.raises(ContentError, match="at least one group"):
        check_first_callout(())


# --- evidence badges --------------------------------------------------------------------------


def test_the_grade_scale_is_defined_once_with_plain_meanings() -> None:
    assert list(GRADES) == ["high", "moderate", "low", "very-low", "no-evidence", "no-benefit"]
    assert GRADES["no-benefit"].label == "evidence of no benefit"
    assert GRADES["no-evidence"].label == "no good evidence"
    assert all(grade.meaning.endswith(".") for grade in GRADES.values())


def test_badge_shows_the_grade_in_words_and_links_to_how_we_grade() -> None:
    html = evidence_badge("very-low", "../../about/grading/")
    assert 'href="../../about/grading/#very-low"' in html
    assert "Evidence: <strong>very low</strong>" in html
    assert "We do not know if it works." in html


def test_badge_context_is_escaped() -> None:
    html = evidence_badge("low", "g/", context=ATTACK)
    assert "<script>" not in html and "Evidence &lt;script&gt;" in html


@pytest.mark.parametrize("grade", ["strong", "Low", "", None])
def test_an_unknown_grade_is_refused(grade: object) -> None:
    with pytest.raises(ContentError, match="unknown evidence grade"):
        evidence_badge(grade, "g/")


# --- care settings ----------------------------------------------------------------------------


def test_care_settings_come_from_extra_care() -> None:
    care = CareSettings.from_extra({"care": UK.as_dict()})
    assert care == UK


@pytest.mark.parametrize(
    ("care", "message"),
    [
        ({}, "extra.care is missing"),
        ({**US.as_dict(), "emergency_number": "nine-one-one"}, "must be a phone number"),
        ({**US.as_dict(), "emergency_number": ""}, "emergency_number is required"),
        ({**US.as_dict(), "emergncy_number": "911"}, "unknown setting"),
    ],
)
def test_bad_care_settings_are_refused(care: dict, message: str) -> None:
    with pytest.raises(ContentError, match=message):
        CareSettings.from_extra({"care": care} if care else {})
