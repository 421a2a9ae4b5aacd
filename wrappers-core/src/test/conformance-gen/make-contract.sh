#!/bin/sh
#
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The TCP Wrappers for the JVM maintainers
#

# Regenerates ../resources/conformance/cases-contract.jsonl, the door contract's corpus: the public
# cases a door can express, moved onto loopback by contract.py, every "expect" from the real
# libwrap (apt-get install libwrap0-dev tcpd build-essential), and beside it the cases left out
# (cases-contract-left-out.tsv: id, reason).
#   make-contract.sh [ORACLE-BINARY]   (default: built from /work/shared/conformance/oracle into a temp dir)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
oracle=${1:-}
if [ -z "$oracle" ]; then
    /work/shared/conformance/oracle/build.sh "$tmp/oracle" >&2
    oracle="$tmp/oracle/libwrap-oracle"
fi
out="$here/../resources/conformance/cases-contract.jsonl"
python3 "$here/contract.py" inputs "$here/../resources/conformance/cases.jsonl" \
    "$here/../resources/conformance/cases-round2.jsonl" > "$tmp/inputs.jsonl" 2> "$tmp/left-out.txt"
"$oracle" "$tmp/inputs.jsonl" > "$tmp/answers.jsonl"
python3 "$here/contract.py" join "$tmp/inputs.jsonl" "$tmp/answers.jsonl" > "$out" 2>> "$tmp/left-out.txt"
python3 -c 'import json,sys
for l in sys.stdin:
    if l.startswith("{"):
        d = json.loads(l); print(d["left_out"] + "\t" + d["why"])' < "$tmp/left-out.txt" > "${out%.jsonl}-left-out.tsv"
grep -v '^{' "$tmp/left-out.txt" >&2
"$oracle" --check "$out" | tail -1
