# Shared by scripts/record-tox.sh and scripts/compare-sage-tox.sh. Sourced, not executed.

# tox4_site TOX_SRC TOX_VERSION PYPROJECT_API_SRC PYPROJECT_API_VERSION — makes a private folder from
# which Debian's /usr/bin/python3 imports tox 4 (`python3 -m tox` with PYTHONPATH=<it>) and prints its
# path; the caller removes it. The sources are `src` folders of the tox and pyproject-api trees (never
# part of this repository). A source export lacks the version file and the package metadata its
# build would generate, so both are added here, in the copy.
tox4_site() {
    local tox_src="$1" tox_version="$2" api_src="$3" api_version="$4" site dist name version
    site="$(mktemp -d /tmp/sagedock-tox4.XXXXXX)"
    cp -r "$tox_src/tox" "$site/tox"
    cp -r "$api_src/pyproject_api" "$site/pyproject_api"
    [ -f "$site/tox/version.py" ] ||
        printf '__version__ = version = "%s"\n' "$tox_version" >"$site/tox/version.py"
    [ -f "$site/pyproject_api/_version.py" ] ||
        printf '__version__ = version = "%s"\n' "$api_version" >"$site/pyproject_api/_version.py"
    # tox checks its own distribution before running (provisioning); without metadata it would try to
    # install itself from an index.
    for dist in "tox:$tox_version" "pyproject_api:$api_version"; do
        name="${dist%%:*}" version="${dist#*:}"
        mkdir -p "$site/$name-$version.dist-info"
        printf 'Metadata-Version: 2.1\nName: %s\nVersion: %s\n' "$name" "$version" >"$site/$name-$version.dist-info/METADATA"
    done
    printf '%s\n' "$site"
}
