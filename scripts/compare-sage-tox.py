#!/usr/bin/python3
"""Run real tox 4 on a Sage checkout's own tox.ini with a recording docker; write what it ran.

Usage: compare-sage-tox.py TOX_PYTHONPATH SAGE_ROOT OUT_DIR [CASE...]
Called by scripts/compare-sage-tox.sh (which says where TOX_PYTHONPATH comes from). The cases are
minimal/maximal, incremental (with and without FROM_DOCKER_*), sitepackages, nobootstrap, plain
conda-forge, centos devtoolset, CI's variables and posargs, then docker.yml's CI systems (its
tox_system_factors default) x standard. SAGE_ROOT is copied once (without .git and .tox) so the checkout is left alone;
each case runs with a clean environment and the recordings (OUT_DIR/recorded/<case>.json) have the
format of tests/fixtures/tox/recorded: machine paths become @TOXINIDIR@, @RECORDER@, @HOME@.
Nothing of Sage is written outside OUT_DIR and the temporary copy.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RECORDER = os.path.join(HERE, "..", "tests", "fixtures", "tox", "recorder")

CI_VARS = {
    "DOCKER_TARGETS": "with-system-packages configured with-targets-pre with-targets with-targets-optional",
    "DOCKER_PUSH_REPOSITORY": "ghcr.io/example/sage/",
    "DOCKER_TAG": "ci-123",
    "EXTRA_DOCKER_TAGS": "dev 10.5.beta3",
    "EXTRA_DOCKER_BUILD_ARGS": "--build-arg NUMPROC=6 --build-arg USE_MAKEFLAGS=\"-k V=0 SAGE_NUM_THREADS=3\"",
    "EXTRA_CONFIGURE_ARGS": "--enable-fat-binary",
    "EXTRA_SAGE_PACKAGES": "",
    "TARGETS_PRE": "all-sage-local",
    "TARGETS": "build",
    "TARGETS_OPTIONAL": "build/make/Makefile",
    "GITHUB_ACTIONS": "true",
    "DOCKER_BUILDKIT": "1",
}


def ci_systems(sage_root):
    """The tox_system_factors default of .github/workflows/docker.yml, in its order."""
    with open(os.path.join(sage_root, ".github", "workflows", "docker.yml"), encoding="utf-8") as f:
        text = f.read()
    block = text[text.index("tox_system_factors:"):]
    block = block[block.index("["):block.index("]")]
    return re.findall(r'"([^"]+)"', block)


def cases(sage_root):
    # The special cases first, then CI's systems.
    out = [
        {"case": "ubuntu-jammy-minimal", "toxenv": "docker-ubuntu-jammy-minimal"},
        {"case": "ubuntu-jammy-maximal", "toxenv": "docker-ubuntu-jammy-maximal"},
        {"case": "fedora-40-maximal", "toxenv": "docker-fedora-40-maximal"},
        {"case": "ubuntu-jammy-standard-incremental", "toxenv": "docker-ubuntu-jammy-standard-incremental"},
        {"case": "fedora-40-maximal-incremental-from", "toxenv": "docker-fedora-40-maximal-incremental",
         "vars": {"FROM_DOCKER_REPOSITORY": "ghcr.io/other/", "FROM_DOCKER_TARGET": "with-system-packages",
                  "FROM_DOCKER_TAG": "10.4"}},
        {"case": "debian-bookworm-standard-sitepackages", "toxenv": "docker-debian-bookworm-standard-sitepackages"},
        {"case": "ubuntu-jammy-standard-nobootstrap", "toxenv": "docker-ubuntu-jammy-standard-nobootstrap"},
        {"case": "conda-forge-standard", "toxenv": "docker-conda-forge-standard"},
        {"case": "centos-7-devtoolset-gcc_11-minimal", "toxenv": "docker-centos-7-devtoolset-gcc_11-minimal"},
        {"case": "ci-vars-ubuntu-jammy-standard", "toxenv": "docker-ubuntu-jammy-standard", "vars": CI_VARS},
        {"case": "ubuntu-jammy-standard-config-status", "toxenv": "docker-ubuntu-jammy-standard",
         "posargs": ["config.status"]},
        {"case": "fedora-40-standard-build-doc-html", "toxenv": "docker-fedora-40-standard",
         "posargs": ["build", "doc-html"]},
    ]
    out += [{"case": f"ci-{s}-standard", "toxenv": f"docker-{s}-standard"} for s in ci_systems(sage_root)]
    return out


def tox_version(pythonpath):
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": pythonpath}
    out = subprocess.run([sys.executable, "-m", "tox", "--version"], env=env, capture_output=True,
                         text=True, check=True, cwd="/")
    return out.stdout.splitlines()[-1].split()[0]


def record(case, root, recorder, home, pythonpath, version):
    calls_file = os.path.join(recorder, "calls.jsonl")
    if os.path.exists(calls_file):
        os.remove(calls_file)
    shutil.rmtree(os.path.join(root, ".tox"), ignore_errors=True)
    env = {"PATH": recorder + ":/usr/bin:/bin", "HOME": home, "PYTHONPATH": pythonpath}
    env.update(case.get("vars", {}))
    argv = [sys.executable, "-m", "tox", "-c", os.path.join(root, "tox.ini"), "-e", case["toxenv"]]
    if case.get("posargs") is not None:
        argv += ["--"] + case["posargs"]
    run = subprocess.run(argv, cwd=root, env=env, capture_output=True, text=True)

    def clean(text):
        return text.replace(root, "@TOXINIDIR@").replace(recorder, "@RECORDER@").replace(home, "@HOME@")

    calls = []
    if os.path.exists(calls_file):
        with open(calls_file, encoding="utf-8") as f:
            calls = [json.loads(clean(line)) for line in f if line.strip()]
    dockerfile = None
    path = os.path.join(root, ".tox", case["toxenv"], "Dockerfile")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            dockerfile = f.read()
    result = {"case": case["case"], "fixture": "sage", "toxenv": case["toxenv"], "vars": case.get("vars", {}),
              "posargs": case.get("posargs"), "tox_version": version, "exit_code": run.returncode,
              "calls": calls, "dockerfile": dockerfile}
    if run.returncode != 0:
        lines = [re.sub(r"\(\d+\.\d+ seconds\)", "(N seconds)", clean(l))
                 for l in (run.stdout + run.stderr).splitlines() if l.strip()]
        result["tox_output_tail"] = lines[-3:]
    return result


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    pythonpath, sage_root, out_dir = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    wanted = set(sys.argv[4:])
    version = tox_version(pythonpath)
    if not version.startswith("4."):
        sys.exit(f"tox {version} is not tox 4")
    os.makedirs(os.path.join(out_dir, "recorded"), exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sagedock-sage-tox-") as tmp:
        root = os.path.join(tmp, "sage")
        shutil.copytree(sage_root, root, symlinks=True, ignore=shutil.ignore_patterns(".git", ".tox"))
        recorder = os.path.join(tmp, "recorder")
        shutil.copytree(RECORDER, recorder, symlinks=True)
        home = os.path.join(tmp, "home")
        os.mkdir(home)
        ok = 0
        selected = [c for c in cases(sage_root) if not wanted or c["case"] in wanted]
        for case in selected:
            result = record(case, root, recorder, home, pythonpath, version)
            ok += result["exit_code"] == 0
            with open(os.path.join(out_dir, "recorded", case["case"] + ".json"), "w", encoding="utf-8") as f:
                json.dump(result, f, indent=1, sort_keys=True)
                f.write("\n")
            print(f"{case['case']}: tox exit {result['exit_code']}, {len(result['calls'])} calls", flush=True)
        print(f"tox {version} ran {ok} of {len(selected)} cases successfully")


if __name__ == "__main__":
    main()
