"""A clinic's own details for the handout, set once in mkdocs.yml (`extra.clinic`).

Clinics print the handout for patients: with a name and phone number set, both PDFs print them;
without, the handout has a write-in line for the patient's own doctor or clinic.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from legcramps.errors import ContentError, did_you_mean

_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{2,24}$")
_LIMITS = {"name": 50, "phone": 20, "address": 70, "note": 70}


@dataclass(frozen=True)
class ClinicDetails:
    name: str = ""
    phone: str = ""
    address: str = ""
    note: str = ""

    @property
    def is_set(self) -> bool:
        return bool(self.name or self.phone)

    @classmethod
    def from_extra(cls, extra: Mapping[str, Any]) -> ClinicDetails:
        raw = extra.get("clinic") or {}
        if not isinstance(raw, Mapping):
            raise ContentError("extra.clinic must be a list of settings: name, phone, address, note")
        values: dict[str, str] = {}
        for name, value in raw.items():
            if name not in _LIMITS:
                raise ContentError(f"extra.clinic has an unknown setting '{name}'{did_you_mean(name, _LIMITS)}")
            if value is None:
                continue
            if not isinstance(value, (str, int)) or isinstance(value, bool):
                raise ContentError(f"extra.clinic.{name} must be text in quotes")
            text = " ".join(str(value).split())
            if len(text) > _LIMITS[name]:
                limit = _LIMITS[name]
                raise ContentError(f"extra.clinic.{name} is {len(text)} characters; keep it to {limit} so the handout fits")
            values[name] = text
        clinic = cls(**values)
        if clinic.phone and not _PHONE.match(clinic.phone):
            raise ContentError(f"extra.clinic.phone must be a phone number, e.g. \"020 7946 0000\", not {clinic.phone!r}")
        if (clinic.address or clinic.note) and not clinic.name:
            raise ContentError("extra.clinic.name is missing: the handout prints the address and note under it")
        return clinic

    @property
    def tel(self) -> str:
        """The phone number as a tel: link target."""
        return re.sub(r"[^0-9+]", "", self.phone)
