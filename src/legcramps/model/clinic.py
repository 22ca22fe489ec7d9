"""A clinic's own details for the handout: `extra.clinic` in mkdocs.yml, or environment variables.

Clinics print the handout for patients: with a name and phone number set, both PDFs print them;
without, the handout has form fields (and a write-in line) for the patient's own doctor or clinic.
Each detail may come from an environment variable instead (CLINIC_NAME, ...: the deploy workflow fills
them from the repository's Actions variables), which wins over mkdocs.yml; an empty variable is unset.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from legcramps.errors import ContentError, did_you_mean
from legcramps.model.config_file import config_chain, setting_line
from legcramps.model.settings import Settings

_LIMITS = {"name": 50, "phone": 20, "address": 70, "note": 70}
CLINIC_VARIABLES = {name: f"CLINIC_{name.upper()}" for name in _LIMITS}  # name -> CLINIC_NAME, ...
# Phone numbers as each country writes them: digits with spaces, dashes, dots or brackets, an optional
# leading + (3 to 15 digits, the international maximum). The message shows the edition's country's way.
_PHONE = re.compile(r"^\+?\(?[0-9][0-9 ().-]*$")
_EXAMPLES = {
    "US": '"(555) 010-2000", "555-010-2000" or "+1 555 010 2000"',
    "GB": '"020 7946 0000" or "+44 20 7946 0000"',
    "ES": '"912 345 678" or "+34 912 345 678"',
}


def phone_examples(region: str) -> str:
    return _EXAMPLES.get(region.upper(), '"+1 555 010 2000"')


def is_phone(text: str) -> bool:
    digits = len(re.sub(r"[^0-9]", "", text))
    return bool(_PHONE.match(text)) and 3 <= digits <= 15 and text.count("(") == text.count(")")


@dataclass(frozen=True)
class ClinicDetails:
    name: str = ""
    phone: str = ""
    address: str = ""
    note: str = ""

    @property
    def is_set(self) -> bool:
        return bool(self.name or self.phone)

    @property
    def tel(self) -> str:
        """The phone number as a tel: link target."""
        return re.sub(r"[^0-9+]", "", self.phone)


def clinic_details(settings: Settings, environ: Mapping[str, str]) -> ClinicDetails:
    """The clinic of a build: each detail from its environment variable when set, else from extra.clinic."""
    env = {name: " ".join(environ.get(variable, "").split()) for name, variable in CLINIC_VARIABLES.items()}
    chain = config_chain(settings.root / settings.config_name)

    def where(name: str | None) -> tuple[str | None, int | None]:
        """The file and line of extra.clinic (or of one of its settings), for the message."""
        for path in chain:
            try:
                text = path.read_text(encoding="utf-8")
            except OSError:
                continue
            line = setting_line(text, ("extra", "clinic", name) if name else ("extra", "clinic"))
            if line:
                return path.name, line
        return None, None

    region = settings.locale.partition("-")[2] or "US"
    return _read(settings.extra.get("clinic"), {name: value for name, value in env.items() if value}, region, where)


def _read(raw: Any, env: dict[str, str], region: str, where: Any) -> ClinicDetails:
    if raw is not None and not isinstance(raw, Mapping):
        file, line = where(None)
        raise ContentError("extra.clinic must be a list of settings under it: name, phone, address, note", line, file)
    values: dict[str, str] = {}
    labels: dict[str, tuple[str, str | None, int | None]] = {}  # name -> (label, file, line) for messages
    for name, value in (raw or {}).items():
        file, line = where(str(name))
        if name not in _LIMITS:
            raise ContentError(f"extra.clinic has an unknown setting '{name}'{did_you_mean(name, _LIMITS)}", line, file)
        if value is None or name in env:
            continue
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            raise ContentError(f"extra.clinic.{name} must be text in quotes, e.g. {name}: \"...\"", line, file)
        values[name], labels[name] = " ".join(str(value).split()), (f"extra.clinic.{name}", file, line)
    for name, value in env.items():
        values[name], labels[name] = value, (CLINIC_VARIABLES[name], "environment", None)
    for name, text in values.items():
        label, file, line = labels[name]
        if len(text) > _LIMITS[name]:
            raise ContentError(f"{label} is {len(text)} characters; keep it to {_LIMITS[name]} so the handout fits", line, file)
    clinic = ClinicDetails(**values)
    if clinic.phone and not is_phone(clinic.phone):
        label, file, line = labels["phone"]
        raise ContentError(f"{label} must be a phone number such as {phone_examples(region)}, not {clinic.phone!r}",
                           line, file)
    if (clinic.address or clinic.note) and not clinic.name:
        label, file, line = labels.get("address") or labels["note"]
        raise ContentError(f"{label} is set but the clinic's name is missing: the handout prints the address and note "
                           "under it (set extra.clinic.name or CLINIC_NAME)", line, file)
    return clinic
