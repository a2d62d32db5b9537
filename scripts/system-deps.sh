#!/bin/sh
# Install the native libraries and fonts that PDF rendering needs: Pango for text layout,
# HarfBuzz's subsetter for small, reproducible embedded fonts, DejaVu for Latin text and Noto CJK
# for Chinese. Installs them when run as root with apt-get; otherwise prints the exact command to
# run and carries on, since everything but `assess report` works without them.
#
# Another install may hold the package manager's lock (a fresh machine often runs unattended
# upgrades at first boot): apt-get waits for it up to LOCK_WAIT seconds, and the whole install is
# tried again once. When it still fails, apt's own error output is shown, not hidden.
set -u
packages="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-noto-cjk"
LOCK_WAIT="${LOCK_WAIT:-300}"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "PDF rendering needs:$missing" >&2
    echo "run: sudo apt-get install$missing" >&2
    exit 0
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
apt() {
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout="$LOCK_WAIT" "$@" >>"$log" 2>&1
}
echo "installing system packages:$missing (waiting up to ${LOCK_WAIT}s for a busy package manager)"
for attempt in 1 2; do
    : >"$log"
    # shellcheck disable=SC2086 # the package list is meant to split into words
    if apt update -qq && apt install -y -qq --no-install-recommends $missing; then
        exit 0
    fi
    [ "$attempt" = 1 ] && { echo "apt-get failed; trying once more in 10s" >&2; sleep 10; }
done
echo "apt-get could not install:$missing. Its output:" >&2
sed 's/^/  apt: /' "$log" >&2
echo "fix the cause above (another install still running? no network?), then run: make setup" >&2
exit 1
