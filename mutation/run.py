"""Mutation testing of the core modules: `./dev mutants [GROUP ...]`.

mutmut copies the project into a sandbox of its own (`mutants/` in the
folder it runs from) and reads its settings from that folder's
pyproject.toml. To run each group against its own test files only, each
group gets a folder under .mutation/ with links to the project and a
pyproject.toml of its own: ours plus a [tool.mutmut] section for the group.

Prints the score of each module (killed / mutants not set aside as
equivalent) and the survivors; exits 1 when a module scores below
THRESHOLD.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "mutation"
WORK = ROOT / ".mutation"
MUTMUT = Path(sys.executable).parent / "mutmut"
THRESHOLD = 85.0
# What the tests need: the packages mutmut copies and mutates, and the files
# they read (templates, catalogues, demo content).
PACKAGES = ["articles", "feedback", "search", "accounts", "helpcenter"]
ALSO_COPY = ["templates", "locale", "static", "content", "conftest.py", "manage.py"]
KILLED = {"killed", "timeout"}


def groups():
    return tomllib.loads((HERE / "groups.toml").read_text())


def equivalents():
    """{mutant name: why} from equivalent.txt."""
    found = {}
    for line in (HERE / "equivalent.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, why = line.partition(" ")
            found[name] = why.strip()
    return found


def mutmut_section(spec):
    def toml_list(values):
        return "[" + ", ".join(f'"{value}"' for value in values) + "]"

    return (
        "\n[tool.mutmut]\n"
        f"source_paths = {toml_list(PACKAGES)}\n"
        f"only_mutate = {toml_list(spec['modules'])}\n"
        f"also_copy = {toml_list(ALSO_COPY)}\n"
        f"pytest_add_cli_args_test_selection = {toml_list(spec['tests'])}\n"
        'pytest_add_cli_args = ["-p", "no:cacheprovider"]\n'
    )


def prepare(name, spec):
    folder = WORK / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for entry in PACKAGES + ALSO_COPY:
        (folder / entry).symlink_to(ROOT / entry)
    pyproject = (ROOT / "pyproject.toml").read_text()
    (folder / "pyproject.toml").write_text(pyproject + mutmut_section(spec))
    return folder


def mutate(folder):
    """Run mutmut in `folder`; its chatter goes to run.log there."""
    with open(folder / "run.log", "w") as log:
        subprocess.run(
            [MUTMUT, "run", "--max-children", str(os.cpu_count() or 2)],
            cwd=folder,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
        )
    listing = subprocess.run(
        [MUTMUT, "results", "--all", "true"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(re.findall(r"^\s+(\S+): (.+)$", listing, re.MULTILINE))


def module_of(mutant):
    # mutmut names mutants module.x_function__mutmut_N or, for methods,
    # module.xǁClassǁmethod__mutmut_N.
    return re.match(r"(.+?)\.x[_ǁ]", mutant).group(1)


def report(results, set_aside):
    """Print each module's score and its survivors; True if all pass."""
    by_module = defaultdict(list)
    for mutant, status in results.items():
        by_module[module_of(mutant)].append((mutant, status))
    passed = True
    for module, mutants in sorted(by_module.items()):
        counted = [(m, s) for m, s in mutants if m not in set_aside]
        killed = sum(status in KILLED for _m, status in counted)
        score = 100.0 * killed / len(counted) if counted else 100.0
        passed &= score >= THRESHOLD
        print(
            f"{module}: {score:.1f} % ({killed} of {len(counted)} killed, "
            f"{len(mutants) - len(counted)} set aside as equivalent)"
        )
        for mutant, status in counted:
            if status not in KILLED:
                print(f"    {status}: {mutant}")
        for mutant, status in mutants:
            if mutant in set_aside and status in KILLED:
                print(f"    killed, remove from equivalent.txt: {mutant}")
    return passed


def main():
    known = groups()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groups", nargs="*", metavar="GROUP", help=", ".join(known))
    chosen = parser.parse_args().groups or list(known)
    unknown = set(chosen) - set(known)
    if unknown:
        parser.error(f"unknown group(s): {', '.join(sorted(unknown))}")
    set_aside = equivalents()
    passed = True
    for name in chosen:
        print(f"== {name}: mutmut run (log: .mutation/{name}/run.log)", flush=True)
        folder = prepare(name, known[name])
        passed &= report(mutate(folder), set_aside)
    print("To see a mutant: (cd .mutation/GROUP && ../../.venv/bin/mutmut show NAME)")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
