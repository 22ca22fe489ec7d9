"""A clinic's settings: mkdocs.yml mistakes in one line (file, line, fix), phone numbers as the edition's
country writes them, and the clinic and edition from environment variables (no code edited)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from legcramps.errors import ContentError
from legcramps.model.clinic import ClinicDetails, clinic_details
from legcramps.model.config_file import config_problems
from legcramps.model.settings import load_settings
from tests.support.editor import ProjectCopy
from tests.support.site import ROOT, set_clinic
from tools.build_site import build_site

SETTINGS = load_settings(ROOT / "mkdocs.yml")


@pytest.fixture
def copy(tmp_path: Path) -> ProjectCopy:
    return ProjectCopy(tmp_path)


def with_clinic(copy: ProjectCopy, block: str) -> None:
    set_clinic(copy.root, block)


def problems(copy: ProjectCopy) -> list[str]:
    return [str(problem) for problem in config_problems(copy.root / "mkdocs.yml")] or copy.problems()


@pytest.mark.unit
def test_a_colon_in_a_value_names_the_line_and_the_quoted_value(copy: ProjectCopy) -> None:
    with_clinic(copy, "  clinic:\n    name: Maple Street Clinic: Family Medicine\n")
    line = copy.line_of("mkdocs.yml", "    name: Maple")
    assert problems(copy) == [f'mkdocs.yml:{line}: the value has a colon in it: put the whole value in quotes, '
                              'name: "Maple Street Clinic: Family Medicine"']


@pytest.mark.unit
def test_a_second_extra_names_the_first(copy: ProjectCopy) -> None:
    """The README's snippet pasted at the end: YAML would keep it and drop extra.care without a word."""
    first = copy.line_of("mkdocs.yml", "\nextra:\n") + 1
    text = copy.text("mkdocs.yml")
    copy.write("mkdocs.yml", text + '\nextra:\n  clinic:\n    name: Riverside Family Practice\n    phone: "020 7946 0000"\n')
    second = len(text.splitlines()) + 2
    assert problems(copy) == [f"mkdocs.yml:{second}: 'extra:' is written twice (first on line {first}): move the settings "
                              "under this one into the first 'extra:' and delete this line (YAML silently keeps only the last)"]


@pytest.mark.unit
def test_a_misspelt_clinic_setting_names_its_line_and_the_right_name(copy: ProjectCopy) -> None:
    with_clinic(copy, "  clinic:\n    name: Maple Street Clinic\n    telephone: (555) 010-2000\n")
    line = copy.line_of("mkdocs.yml", "    telephone:")
    assert f"mkdocs.yml:{line}: extra.clinic has an unknown setting 'telephone' (did you mean 'phone'?)" in problems(copy)


def details(language: str, phone: str, environ: dict[str, str] | None = None) -> ClinicDetails:
    settings = replace(SETTINGS, language=language, extra={**SETTINGS.extra, "clinic": {"name": "Maple", "phone": phone}})
    return clinic_details(settings, environ or {})


@pytest.mark.unit
@pytest.mark.parametrize(("language", "phone"), [
    ("en-us", "(555) 010-2000"), ("en-us", "555-010-2000"), ("en-us", "+1 555 010 2000"), ("en-us", "555.010.2000"),
    ("en-gb", "020 7946 0000"), ("en-gb", "+44 20 7946 0000"), ("en-gb", "(020) 7946 0000"),
    ("es-es", "912 345 678"), ("es-us", "(555) 010-2000"),
])
def test_phone_numbers_as_the_country_writes_them_are_accepted(language: str, phone: str) -> None:
    assert details(language, phone).phone == phone


@pytest.mark.unit
@pytest.mark.parametrize(("language", "example"), [
    ("en-us", '"(555) 010-2000", "555-010-2000" or "+1 555 010 2000"'),
    ("es-us", '"(555) 010-2000", "555-010-2000" or "+1 555 010 2000"'),
    ("en-gb", '"020 7946 0000" or "+44 20 7946 0000"'),
    ("es-es", '"912 345 678" or "+34 912 345 678"'),
])
@pytest.mark.parametrize("phone", ["call reception", "55", "555) 010-2000", "555 010 2000 x4"])
def test_a_phone_that_is_not_a_number_gets_an_example_from_the_editions_country(language: str, example: str, phone: str) -> None:
    with pytest.raises(ContentError) as refused:
        details(language, phone)
    assert refused.value.message == f"extra.clinic.phone must be a phone number such as {example}, not {phone!r}"
    assert refused.value.where == "mkdocs.yml" or refused.value.where is None


@pytest.mark.unit
def test_environment_variables_set_the_clinic_over_mkdocs_yml() -> None:
    environ = {"CLINIC_NAME": "Riverside  Family Practice", "CLINIC_PHONE": "020 7946 0000", "CLINIC_NOTE": "",
               "CLINIC_ADDRESS": "140 Riverside Road"}
    clinic = details("en-gb", "555-010-2000", environ)
    assert clinic == ClinicDetails("Riverside Family Practice", "020 7946 0000", "140 Riverside Road", "")
    assert clinic_details(replace(SETTINGS, extra={**SETTINGS.extra, "clinic": None}), {"CLINIC_NAME": ""}) == ClinicDetails()
    with pytest.raises(ContentError) as refused:
        details("en-gb", "555-010-2000", {"CLINIC_PHONE": "ring us"})
    assert (refused.value.where, refused.value.message) == (
        "environment", "CLINIC_PHONE must be a phone number such as \"020 7946 0000\" or \"+44 20 7946 0000\", not 'ring us'")


@pytest.mark.unit
def test_make_build_stops_on_a_config_mistake_with_one_line_and_no_traceback(copy: ProjectCopy, tmp_path: Path) -> None:
    """tools/build_site.py (make build) reads the config before MkDocs, which would print a traceback."""
    with_clinic(copy, "  clinic:\n    name: Maple Street Clinic: Family Medicine\n")
    line = copy.line_of("mkdocs.yml", "    name: Maple")
    code, output = build_site(copy.root, tmp_path / "out", {"PATH": ""})
    assert code == 1 and output.splitlines() == [
        f'ERROR   -  mkdocs.yml:{line}: the value has a colon in it: put the whole value in quotes, '
        'name: "Maple Street Clinic: Family Medicine"']
    code, output = build_site(copy.root, tmp_path / "out", {"SITE_EDITION": "britain"})
    assert code == 1 and output == "environment: SITE_EDITION is 'britain', which is not an edition (use one of: us, uk)\n"
