#!/bin/sh
#
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The TCP Wrappers for the JVM maintainers
#

# Regenerates ../resources/conformance/cases-round2.jsonl: case inputs from round2.py, every
# "expect" from the real libwrap (apt-get install libwrap0-dev tcpd build-essential).
#   make-round2.sh [ORACLE]   (default /work/shared/conformance/oracle/run-oracle.sh)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
oracle=${1:-/work/shared/conformance/oracle/run-oracle.sh}
out="$here/../resources/conformance/cases-round2.jsonl"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/round2.py" > "$tmp/inputs.jsonl"
"$oracle" "$tmp/inputs.jsonl" > "$tmp/answers.jsonl"
python3 "$here/splice.py" "$tmp/inputs.jsonl" "$tmp/answers.jsonl" > "$out"
"$oracle" --check "$out" | tail -1
