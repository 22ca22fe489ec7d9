"""Install hashed lock files into a virtual environment, with any pip a supported Python's venv starts with.

    python3 -m tools.install .venv requirements.txt [more locks...]   # make serve / build / test / zensical
    python3 -m tools.install --pip-minimum                             # the oldest pip supported, for CI

Why an installer is bootstrapped first: pip up to 23.2 cannot install a hashed lock in which a pinned
package is also asked for with an extra (WeasyPrint asks for `fonttools[woff]`) once a newer release of
it is on the index: it looks the extra up, finds the newer release and refuses it. A lock that installs
today then stops installing tomorrow with no change here. So the venv's own pip installs one thing, the
installer (uv, pinned with its hashes in requirements-bootstrap.txt, no dependencies, no extras), and
uv installs the locks, hashes checked, in a few seconds. Standard library only.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from tools.venv import BOOTSTRAP, PIP_MINIMUM, bootstrap_pin, make_venv, pip_version, uv_version, version_text

ROOT = Path(__file__).resolve().parents[1]


def run(command: list[str], what: str) -> None:
    if subprocess.run(command).returncode != 0:  # the installer has printed why (most often the network)
        raise SystemExit(f"Could not install {what}: see the lines above. Nothing in the guide's pages causes this.")


def install(venv: Path, locks: list[Path]) -> None:
    problem = make_venv(venv)
    if problem:
        raise SystemExit(problem)
    python = venv / "bin" / "python"
    found = pip_version(python)
    if found is not None and found < PIP_MINIMUM:  # the installer would still install; say so all the same
        print(f"note: {venv}'s pip is {version_text(found)}, older than the {version_text(PIP_MINIMUM)} "
              "this project is tested with", file=sys.stderr)
    if uv_version(python) != bootstrap_pin():
        run([str(python), "-m", "pip", "--quiet", "--disable-pip-version-check", "install", "--require-hashes",
             "--no-deps", "-r", str(BOOTSTRAP)], f"the installer ({BOOTSTRAP.name})")
    uv = [str(python), "-m", "uv", "pip", "install", "--quiet", "--python", str(python)]
    requirements = [argument for lock in locks for argument in ("-r", str(lock))]
    # Compiled to bytecode as they are installed (uv does not, by default): a machine that never writes it
    # (PYTHONDONTWRITEBYTECODE, as CI's may be) would otherwise compile MkDocs and WeasyPrint in every build.
    run([*uv, "--require-hashes", "--compile-bytecode", *requirements], " and ".join(lock.name for lock in locks))
    # The project last, editable, without dependencies: it has no hash, and they came from the locks.
    run([*uv, "--no-deps", "--no-build-isolation", "-e", str(ROOT)], "the project itself (pip install -e .)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m tools.install", description=__doc__.splitlines()[0])
    parser.add_argument("--pip-minimum", action="store_true", help="print the oldest supported pip and exit")
    parser.add_argument("venv", nargs="?", type=Path)
    parser.add_argument("locks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if args.pip_minimum:
        print(version_text(PIP_MINIMUM))
        return 0
    if args.venv is None or not args.locks:
        parser.error("give a virtual environment and at least one lock file")
    install(args.venv, args.locks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
