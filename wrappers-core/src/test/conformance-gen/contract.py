#!/usr/bin/env python3
"""Moves the public conformance cases onto loopback for the door contract (issue 19, item 5).

A door sees a real socket: the client is some 127.x.y.z (or ::1), the server is the address and
port it listens on, the daemon is its own. So each case the doors can express is rewritten into
a loopback case, and the real libwrap answers the rewritten case (make-contract.sh): no answer
here is written by hand.

  contract.py inputs CORPUS...    -> two variants of every expressible case (JSON Lines), and a
                                     "left out" line per other case on stderr
  contract.py join INPUTS ANSWERS -> the contract corpus: the cases whose answer is the same for
                                     both variants (ports, pid), with variant a's request and answer

The rewrite of one case:
* the client's IPv4 address a.b.c.d becomes 127.b.c.d, and so does the server's (given, or the
  door's 127.0.0.1); every "a." at the start of a token in the tables and files becomes "127.",
  so prefixes, masks and addresses in the rules still point at the same client;
* the request gets the server address and ports, as every door has them; variant "a" uses ports
  41001/41002 and libwrap's default pid, variant "b" ports 42001/42002 and pid 4343: a case whose
  two answers differ depends on a port or on %p and is left out (a door's ports are ephemeral,
  its pid is the JVM's);
* every spawn command gets "(COMMAND) >${DIR}/spawned.N", so its effect is a file a test
  can read (tcpd gives spawn /dev/null; the redirect is part of the command libwrap expands;
  stderr stays dropped, as tcpd and the engine drop it).

Cases are left out, with a reason, when a door cannot express them: a client or server name, an
ident user (they need DNS or identd answers for loopback), a file that must be unreadable (the
suite runs as root), a client address no socket has, an IPv6 client other than ::1.
"""
import ipaddress
import json
import re
import sys

from splice import MARKER, read_answers

DEFAULT_SERVER_V4 = "127.0.0.1"
VARIANTS = {"a": {"server_port": 41001, "client_port": 41002},
            "b": {"server_port": 42001, "client_port": 42002, "pid": "4343"}}
SPAWN = re.compile(r"(?i)(:[ \t]*spawn)([ \t]*=[ \t]*|[ \t]+)((?:[^:\n\\]|\\.)*)")


def is_unknown(value):
    return value is None or value == "" or value.lower() == "unknown"


def socket_v4(text):
    """The address if text is one a socket reports (dotted quad, no leading zeros), else None."""
    if text is None or not re.fullmatch(r"(0|[1-9][0-9]{0,2})(\.(0|[1-9][0-9]{0,2})){3}", text):
        return None
    try:
        return ipaddress.IPv4Address(text)
    except ValueError:
        return None


def loopback(addr):
    """a.b.c.d -> 127.b.c.d, or None when that is no address a loopback socket binds."""
    octets = str(addr).split(".")
    mapped = ipaddress.IPv4Address(".".join(["127"] + octets[1:]))
    if octets[1:] in (["0", "0", "0"], ["255", "255", "255"]):
        return None
    return mapped


def left_out(case):
    """Why a door cannot express this case, or None."""
    r = case.get("request", {})
    if case.get("unreadable"):
        return "needs an unreadable file (the suite runs as root)"
    if not is_unknown(r.get("client_name")):
        return "needs a client name (DNS for a loopback client)"
    if not is_unknown(r.get("server_name")):
        return "needs a server name (DNS for a loopback server)"
    if not is_unknown(r.get("user")):
        return "needs an ident user"
    client = r.get("client_addr")
    if client == "::1":
        if "server_addr" in r and r["server_addr"] != "::1":
            return "IPv6 client with another server address"
        return None
    if client is not None and ":" in client:
        return "IPv6 client other than ::1 (loopback has one IPv6 address)"
    v4 = socket_v4(client)
    if v4 is None:
        return "client address no socket has (absent, unknown or not an address)"
    if loopback(v4) is None:
        return "client address maps to no bindable loopback address"
    if "server_addr" in r:
        s = socket_v4(r["server_addr"])
        if s is None or loopback(s) is None:
            return "server address no loopback socket has"
    return None


def rewrite_text(text, octets):
    for o in octets:
        if o != "127":
            text = re.sub(r"(?<![0-9A-Za-z_.-])" + o + r"\.", "127.", text)
    return text


def redirect_spawns(text, counter):
    def one(m):
        value = m.group(3)
        body = value.rstrip(" \t\r")
        if not body.strip():
            return m.group(0)
        counter[0] += 1
        return "%s%s(%s) >${DIR}/spawned.%d%s" % (m.group(1), m.group(2), body, counter[0], value[len(body):])
    return SPAWN.sub(one, text)


def derive(case):
    r = dict(case.get("request", {}))
    client = r.get("client_addr")
    out = {"id": "contract-" + case["id"], "from": case["id"], "tags": case.get("tags", [])}
    if client == "::1":
        octets = []
        request = {"client_addr": "::1", "server_addr": "::1"}
    else:
        server = r.get("server_addr", DEFAULT_SERVER_V4)
        octets = sorted({client.split(".")[0], server.split(".")[0]})
        request = {"client_addr": str(loopback(socket_v4(client))), "server_addr": str(loopback(socket_v4(server)))}
    request["daemon"] = r.get("daemon", "unknown")
    counter = [0]
    for table in ("allow", "deny"):
        if table in case:
            out[table] = redirect_spawns(rewrite_text(case[table], octets), counter)
    if "files" in case:
        out["files"] = {name: rewrite_text(text, octets) for name, text in case["files"].items()}
    if "netgroups" in case:
        out["netgroups"] = case["netgroups"]
    out["request"] = request
    return out


def inputs(corpora):
    reasons = {}
    for path in corpora:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                case = json.loads(line)
                why = left_out(case)
                if why:
                    reasons[why] = reasons.get(why, 0) + 1
                    print(json.dumps({"left_out": case["id"], "why": why}), file=sys.stderr)
                    continue
                d = derive(case)
                for name, extra in VARIANTS.items():
                    v = dict(d)
                    v["id"] = d["id"] + "#" + name
                    v["request"] = dict(d["request"], **extra)
                    print(json.dumps(v, ensure_ascii=False))
    for why, n in sorted(reasons.items(), key=lambda kv: -kv[1]):
        print("left out: %5d %s" % (n, why), file=sys.stderr)


def join(inputs_path, answers_path):
    answers = read_answers(answers_path)
    kept = dependent = 0
    with open(inputs_path, encoding="utf-8") as f:
        for line in f:
            case = json.loads(line)
            if not case["id"].endswith("#a"):
                continue
            base = case["id"][:-2]
            a, b = answers[base + "#a"], answers[base + "#b"]
            if a != b:
                dependent += 1
                print(json.dumps({"left_out": case["from"], "why": "answer depends on a port or the pid"}),
                      file=sys.stderr)
                continue
            case["id"] = base  # variant a's request: --check answers it again
            kept += 1
            sys.stdout.write(json.dumps(case, ensure_ascii=False)[:-1] + MARKER + a + "}\n")
    print("left out: %5d answer depends on a port or the pid" % dependent, file=sys.stderr)
    print("contract cases: %d" % kept, file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1] == "inputs":
        inputs(sys.argv[2:])
    elif sys.argv[1] == "join":
        join(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
