#!/bin/sh
#
# Copyright 2026 The TCP Wrappers for the JVM maintainers
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     https://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
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
