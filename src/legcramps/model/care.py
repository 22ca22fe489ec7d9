"""Where to get care: the emergency number and country wording, configured once in mkdocs.yml.

Every urgency callout, the handout and any page sentence that needs a number read these settings,
so a UK build changes 911 to 999 (and adds 111) in one place: `extra.care`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from legcramps.errors import ContentError, did_you_mean

_PHONE = re.compile(r"^[0-9][0-9 ]{1,14}$")


@dataclass(frozen=True)
class CareSettings:
    country: str
    emergency_number: str
    emergency_place: str
    urgent_advice: str
    urgent_number: str = ""
    doctor: str = "doctor"

    @classmethod
    def from_extra(cls, extra: Mapping[str, Any]) -> CareSettings:
        raw = extra.get("care")
        if not isinstance(raw, Mapping):
            raise ContentError("extra.care is missing (emergency number and country wording)")
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(raw) - known)
        if unknown:
            hint = did_you_mean(unknown[0], cls.__dataclass_fields__)
            raise ContentError(f"extra.care has an unknown setting '{unknown[0]}'{hint}")
        values: dict[str, str] = {}
        for name in known:
            value = raw.get(name, cls.__dataclass_fields__[name].default)
            if not isinstance(value, (str, int)) or isinstance(value, bool):
                raise ContentError(f"extra.care.{name} must be text")
            values[name] = str(value).strip()
        required = ("country", "emergency_number", "emergency_place", "urgent_advice", "doctor")
        for name in required:
            if not values.get(name):
                raise ContentError(f"extra.care.{name} is required")
        for name in ("emergency_number", "urgent_number"):
            if values[name] and not _PHONE.match(values[name]):
                raise ContentError(f"extra.care.{name} must be a phone number, got {values[name]!r}")
        return cls(**values)

    def as_dict(self) -> dict[str, str]:
        return asdict(self)
