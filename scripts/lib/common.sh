# Shared by scripts/run, scripts/test and scripts/bench. Sourced, not executed.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "need root to run: $* (install sudo or run as root)"; fi
}

# install_packages LIST_FILE... — installs the Debian packages listed (one per line, # comments)
# that are not installed yet. Quiet, idempotent, and takes a fraction of a second when nothing is missing.
install_packages() {
    local wanted=() missing=() pkg
    for list in "$@"; do
        while read -r pkg; do
            pkg="${pkg%%#*}"; pkg="${pkg// /}"
            [ -n "$pkg" ] && wanted+=("$pkg")
        done < "$repo_root/$list"
    done
    for pkg in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null 2>&1 || die "missing packages (${missing[*]}) and no apt-get: install them by hand"
    say "Installing ${#missing[@]} Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# build_preset NAME — configure (once) and build a CMake preset.
build_preset() {
    local preset="$1"
    cd "$repo_root"
    # ccache (when installed) keys on paths relative to the checkout, so another clone reuses the objects.
    export CCACHE_BASEDIR="$repo_root"
    if [ ! -f "build/$preset/build.ninja" ]; then
        say "Configuring ($preset)"
        cmake --preset "$preset" >/dev/null
    fi
    say "Building ($preset)"
    cmake --build --preset "$preset" -- -j"$(nproc)" | grep -v '^\[' || true
    [ "${PIPESTATUS[0]}" -eq 0 ] || die "build failed"
}

free_loopback_port() {
    local port
    for _ in $(seq 1 50); do
        port=$(( 20000 + RANDOM % 20000 ))
        if [ -z "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]; then echo "$port"; return 0; fi
    done
    die "no free loopback port found"
}

docker_answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
