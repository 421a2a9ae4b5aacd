#!/usr/bin/env bash
#
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The TCP Wrappers for the JVM maintainers
#

# The one-command demo: builds what it needs, then starts the three example servers (Netty,
# Jetty web.xml, gRPC) on examples/rules, drives clients from 127.0.0.1 and 127.0.0.2, edits
# the rules live, bans a client once (refused by all three), and exits 0 only if everything
# behaved as it printed. Needs JDK 17+ and Maven.
# Extra arguments go to Maven (e.g. ./demo.sh -o to build offline).
set -euo pipefail
cd "$(dirname "$0")"

command -v java >/dev/null 2>&1 || { echo "demo.sh: java not found; install JDK 17 or later" >&2; exit 2; }
command -v mvn >/dev/null 2>&1 || { echo "demo.sh: mvn not found; install Maven 3.8 or later" >&2; exit 2; }
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ -z "$java_major" ] || [ "${java_major%%.*}" -lt 17 ]; then
    echo "demo.sh: java ${java_major:-?} found; JDK 17 or later needed" >&2
    exit 2
fi

# -B and style.color=never keep Maven's colours out; jansi.noreset stops the bare "ESC[0m"
# resets Maven 3.8/3.9 still print in batch mode.
echo "Building the examples and what they use (mvn -B -q -Dstyle.color=never -DskipTests -pl examples -am package) ..."
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -Dstyle.color=never -DskipTests -pl examples -am package "$@"

# The rule files name banner directories and a spawn log relative to examples/, as libwrap
# resolves them against the working directory.
cd examples
exec java -cp "target/classes:$(cat target/classpath.txt)" io.github.tcpwrappers.examples.Demo
