#!/usr/bin/env bash
#
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The TCP Wrappers for the JVM maintainers
#

# The test command: installs the real peers the tests talk to (when run as root on Debian),
# then runs the whole suite. `./test.sh -o` passes -o (offline) to Maven; other arguments go
# to Maven too. Without root or apt-get nothing is installed, and each test that needs a
# missing peer is skipped with one line naming the package; under CI (CI=true) it fails.
set -euo pipefail
cd "$(dirname "$0")"
# Debian packages: haproxy (PROXY protocol), dnsmasq (DNS on the wire), tcpd (Debian's
# tcpdmatch, for the CLI's golden comparison), redis-server (the shared ban list; the tests start
# their own servers on loopback ports in temp directories, never the system service; Sentinel is
# redis-server --sentinel), redis-tools (redis-cli --cluster create, for the Cluster tests).
peers=(haproxy:/usr/sbin/haproxy dnsmasq:/usr/sbin/dnsmasq tcpd:/usr/sbin/tcpdmatch redis-server:/usr/bin/redis-server redis-tools:/usr/bin/redis-cli)
need=()
for peer in "${peers[@]}"; do
    [ -x "${peer#*:}" ] || need+=("${peer%%:*}")
done
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "test.sh: installing ${need[*]}" >&2
        apt-get update -qq || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    else
        echo "test.sh: not installing ${need[*]} (needs root and apt-get); tests that need them are skipped" >&2
    fi
fi
# CrowdSec 1.4.6 for wrappers-crowdsec's tests: downloaded and unpacked, never installed (its
# post-install script registers with the online service, fails and leaves dpkg half-configured).
# The tests run it from /opt/crowdsec-deb as a Local API on a loopback port in a temp dir.
crowdsec_home=/opt/crowdsec-deb
if [ ! -x "$crowdsec_home/usr/bin/crowdsec" ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "test.sh: unpacking crowdsec into $crowdsec_home" >&2
        deb_dir=$(mktemp -d)
        (cd "$deb_dir" && { apt-get download -qq crowdsec || { apt-get update -qq && apt-get download -qq crowdsec; }; } && dpkg-deb -x crowdsec_*.deb "$crowdsec_home")
        rm -rf "$deb_dir"
    else
        echo "test.sh: not unpacking crowdsec into $crowdsec_home (needs root and apt-get); CrowdSec tests are skipped" >&2
    fi
fi
exec mvn -B "$@" verify
