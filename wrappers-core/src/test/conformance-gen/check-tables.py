#!/usr/bin/env python3
"""Asks the real libwrap about every row of the unit-test tables in
src/test/resources/io/github/tcpwrappers/tables/*.csv, so that no expectation in them is a guess:

  string-patterns.csv  "PATTERN: ALL" with the subject as daemon name: matched or not
  host-patterns.csv    "sshd: PATTERN" with the client address: matched or not
  expansions.csv       "ALL: ALL: spawn TEMPLATE": the expanded value
  options.csv          "sshd: ALL: TEXT": options run, the error, and the numbers libwrap keeps

  check-tables.py [ORACLE]     prints every disagreement; exit status 1 when there is one.
Cell syntax: | separates cells, "" is the empty string, \\xHH is one raw byte (expansions).
"""
import json
import os
import re
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
tables = os.path.join(here, "..", "resources", "io", "github", "tcpwrappers", "tables")
oracle = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/conformance/oracle/run-oracle.sh"


def rows(name):
    with open(os.path.join(tables, name), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                cells = [c.strip() for c in line.rstrip("\n").split("|")]
                yield ["" if c == '""' else c for c in cells]


def raw(cell):
    """A cell with \\xHH escapes as bytes."""
    out = bytearray()
    i = 0
    while i < len(cell):
        if cell.startswith("\\x", i):
            out.append(int(cell[i + 2:i + 4], 16))
            i += 4
        else:
            out += cell[i].encode("utf-8")
            i += 1
    return bytes(out)


def oracle_form(b):
    """minijson's form of bytes: valid UTF-8 as text, any other byte as the char of its value."""
    return "".join(chr(ord(c) - 0xDC00) if 0xDC80 <= ord(c) <= 0xDCFF else c
                   for c in b.decode("utf-8", errors="surrogateescape"))


cases, checks = [], []
for n, (what, pattern, subject, matches) in enumerate(rows("string-patterns.csv")):
    cases.append({"id": "s%d" % n, "allow": pattern + ": ALL\n", "request": {"daemon": subject, "client_addr": "10.0.0.1"}})
    checks.append((what, lambda e, m=matches: str(e["match"] == {"file": "hosts.allow", "line": 1}).lower() == m))
for n, (what, pattern, address, inside) in enumerate(rows("host-patterns.csv")):
    cases.append({"id": "h%d" % n, "allow": "sshd: " + pattern + "\n", "request": {"daemon": "sshd", "client_addr": address}})
    checks.append((what, lambda e, m=inside: str(e["match"] == {"file": "hosts.allow", "line": 1}).lower() == m))
for n, (what, template, daemon, addr, name, user, pid, expansion) in enumerate(rows("expansions.csv")):
    r = {"daemon": daemon, "client_addr": addr, "pid": pid}
    if name:
        r["client_name"] = name
    if user:
        r["user"] = user
    cases.append({"id": "e%d" % n, "allow": "ALL: ALL: spawn " + template + "\n", "request": r})
    checks.append((what, lambda e, x=expansion: e["options"] and e["options"][0][1] == oracle_form(raw(x))))
for n, (what, text, steps) in enumerate(rows("options.csv")):
    cases.append({"id": "o%d" % n, "allow": "sshd: ALL: " + text + "\n", "request": {"daemon": "sshd", "client_addr": "10.0.0.1", "user": "alice"}})

    def options_agree(e, steps=steps):
        run, error, numbers = [], None, []
        for step in [s.strip() for s in steps.split(" ; ")]:
            m = re.fullmatch(r"(!.*)|([^=#!\s]+)(?:=(.*?))?(?: #(\d+))?(?: (!.*))?", step)
            if m.group(1):
                error = error or m.group(1)[1:]
                continue
            run.append([m.group(2), m.group(3) or ""])
            if m.group(4):
                numbers.append((m.group(2).lower(), int(m.group(4))))
            if m.group(5):
                error = error or m.group(5)[1:]
        errors = [w.split(": line 1: ", 1)[-1].split(", line 1: ", 1)[-1] for w in e["warnings"] if w.startswith("error:")]
        ok = e["options"] == run and errors == ([error] if error else [])
        for name, value in numbers:
            if name == "severity":
                ok = ok and e["severity"] == [value, value]
            elif name == "rfc931":
                ok = ok and e["rfc931_timeout"] == value
            elif name == "umask":
                ok = ok and "umask %04o" % value in e["effects"]
            elif name == "nice":
                ok = ok and "nice %d" % value in e["effects"]
        return ok
    checks.append((what, options_agree))

with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
    for c in cases:
        f.write(json.dumps(c, ensure_ascii=False) + "\n")
answers = subprocess.run([oracle, f.name], capture_output=True, text=True, encoding="utf-8").stdout.splitlines()
os.unlink(f.name)
bad = 0
for case, answer, (what, check) in zip(cases, answers, checks):
    expect = json.loads(answer)["expect"]
    if not check(expect):
        bad += 1
        print("DISAGREES %s (%s): libwrap says %s" % (what, case["id"], json.dumps(expect, ensure_ascii=False)))
print("tables: %d rows, %d disagree with libwrap" % (len(cases), bad))
sys.exit(1 if bad or len(answers) != len(cases) else 0)
