#!/bin/sh
# Start a local clamd for the demo, set up like the test suite's (tests/documents/conftest.py):
# a database folder with only the EICAR test signatures, no freshclam, no network. It detects the
# EICAR test file and nothing else, so it shows the scan path end to end; it is no protection.
#
#   scripts/demo-clamd.sh start   # prints the settings to export; exits 0 without clamd (skips)
#   scripts/demo-clamd.sh stop
#
# With clamd running, the demo sets DOCUMENTS_SCANNER=clamd and CLAMD_SOCKET=var/clamd/clamd.sock.
# For production use Debian's clamav-daemon with freshclam instead (docs/OPERATIONS.md).
set -eu
cd "$(dirname "$0")/.."
base="$(pwd)/var/clamd"
sock="$base/clamd.sock"
clamd="$(command -v clamd || echo /usr/sbin/clamd)"

stop() {
    if [ -f "$base/pid" ]; then
        kill "$(cat "$base/pid")" 2>/dev/null || true
        rm -f "$base/pid"
    fi
}

case "${1:-start}" in
stop)
    stop
    exit 0
    ;;
start) ;;
*)
    echo "usage: $0 [start|stop]" >&2
    exit 2
    ;;
esac

if [ ! -x "$clamd" ]; then
    echo "demo-clamd: clamd not installed (apt-get install clamav-daemon); uploads stay unscanned" >&2
    exit 0
fi
stop
mkdir -p "$base/db"
# The EICAR test file (https://www.eicar.org/download-anti-malware-testfile/), by content and MD5;
# assembled from parts so this script is not itself flagged.
mark="EICAR-STANDARD-ANTIVIRUS-TEST-FILE"
eicar="X5O!P%@AP[4\\PZX54(P^)7CC)7}\$${mark}!\$H+H*"
printf 'Jobcenter.Demo.EICAR-NDB:0:*:%s\n' "$(printf '%s' "$mark" | od -An -tx1 | tr -d ' \n')" \
    >"$base/db/custom.ndb"
printf '%s:%s:Jobcenter.Demo.EICAR-HDB\n' "$(printf '%s' "$eicar" | md5sum | cut -d' ' -f1)" \
    "$(printf '%s' "$eicar" | wc -c | tr -d ' ')" >"$base/db/custom.hdb"
cat >"$base/clamd.conf" <<CONF
LocalSocket $sock
DatabaseDirectory $base/db
PidFile $base/pid
TemporaryDirectory $base
LogFile $base/clamd.log
StreamMaxLength 50M
MaxFileSize 50M
MaxScanSize 100M
CONF
rm -f "$sock"
"$clamd" -c "$base/clamd.conf"  # daemonises; writes its pid to $base/pid
n=0
while [ ! -S "$sock" ] && [ $n -lt 100 ]; do
    sleep 0.1
    n=$((n + 1))
done
if [ ! -S "$sock" ]; then
    echo "demo-clamd: clamd did not start, see $base/clamd.log" >&2
    exit 1
fi
echo "export DOCUMENTS_SCANNER=clamd CLAMD_SOCKET=$sock"
