#!/bin/sh
# Install the native libraries that PDF rendering needs (Pango for text layout, HarfBuzz's
# subsetter for small, reproducible embedded fonts). Installs them when run as root with apt-get;
# otherwise prints the exact command to run and carries on, since everything but `assess report`
# works without them.
set -u
packages="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing system packages:$missing"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null 2>&1 \
        || { echo "apt-get failed; run: apt-get install$missing" >&2; exit 1; }
else
    echo "PDF rendering needs:$missing" >&2
    echo "run: sudo apt-get install$missing" >&2
fi
