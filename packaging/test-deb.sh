#!/usr/bin/env bash
# Builds the .deb with CPack, installs it with dpkg -i, runs the installed sagedock-cli --version,
# checks the desktop integration files landed, then removes the package again.
set -euo pipefail
build_dir="$1"
cd "$build_dir"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cpack -G DEB -B "$out" >/dev/null
deb="$(ls "$out"/sagedock_*.deb)"
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"
dpkg-deb --info "$deb" | grep -E '^ (Package|Version|Depends):'
if [ "$(id -u)" != 0 ]; then
    echo "dpkg -i needs root; this test must run as root (scripts/test in CI does)" >&2
    exit 1
fi
dpkg -i "$deb" >/dev/null
trap 'dpkg -r sagedock >/dev/null 2>&1 || true; rm -rf "$out"' EXIT
version="$(/usr/bin/sagedock-cli --version)"
echo "installed: $version"
[ "$version" = "sagedock-cli $(dpkg-deb -f "$deb" Version)" ]
test -x /usr/bin/sagedock
test -f /usr/share/applications/io.github.sagedock.SageDock.desktop
test -f /usr/share/metainfo/io.github.sagedock.SageDock.metainfo.xml
test -f /usr/share/icons/hicolor/256x256/apps/io.github.sagedock.SageDock.png
echo "package ok"
