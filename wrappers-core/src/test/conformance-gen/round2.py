#!/usr/bin/env python3
"""Case inputs (no "expect") for the round-two conformance corpus, one cause per group.

Issue 20 lists ten causes where the engine and libwrap disagreed and four defects of the
conformance harness. Each group below writes cases for one of them; make-round2.sh hands them
to the real libwrap (/work/shared/conformance/oracle) and stores its answers in
../resources/conformance/cases-round2.jsonl. No expectation is written here.

Interface names: only "lo" (present on every Linux machine) is used as a named zone.
"""
import json
import sys

cases = []
counters = {}


def case(cause, allow=None, deny=None, files=None, request=None, **extra):
    counters[cause] = counters.get(cause, 0) + 1
    c = {"id": "r2-%s-%03d" % (cause, counters[cause]), "tags": [cause]}
    if allow is not None:
        c["allow"] = allow
    if deny is not None:
        c["deny"] = deny
    if files:
        c["files"] = files
    c.update(extra)
    c["request"] = request if request is not None else {}
    cases.append(c)


def req(daemon="sshd", addr="10.0.0.1", **more):
    r = {"daemon": daemon, "client_addr": addr}
    r.update(more)
    return r


# 1. IPv6 zone ids: getaddrinfo accepts a %zone (decimal <= 2^32-1 on any address, an
# interface name only on link-local ones) and the zone is then ignored.
zones = ["5", "0", "05", "4294967295", "4294967296", "", "5x", "x5", "lo", "nosuchif0", "%5", "5%"]
for addr in ["2001:db8::1", "fe80::1", "ff02::1", "::1"]:
    for z in zones:
        case("zone", allow="sshd: [%s]\n" % addr, deny="ALL: ALL\n", request=req(addr="%s%%%s" % (addr, z)))
        case("zone", allow="sshd: [%s%%%s]\n" % (addr, z), deny="ALL: ALL\n", request=req(addr=addr))
case("zone", deny="sshd: [2001:db8::]/32\n", request=req(addr="2001:db8::7%2"))
case("zone", deny="sshd: [2001:db8::%3]/32\n", request=req(addr="2001:db8::7"))
case("zone", deny="sshd: [2001:db8::%3]/32\n", request=req(addr="2001:db8::7%9"))
case("zone", deny="sshd: [fe80::%lo]/64\n", request=req(addr="fe80::1234%lo"))
case("zone", deny="sshd: [fe80::]/10\n", request=req(addr="fe80::1%4294967296"))
case("zone", allow="sshd: [2001:db8::1%5]\n", deny="ALL: ALL\n", request=req(addr="2001:db8::1%6"))
case("zone", allow="sshd: [2001:db8::1]\n", deny="ALL: ALL\n", request=req(addr="2001:DB8:0::1%5"))
case("zone", allow="sshd: ALL: spawn echo %a %h\n", request=req(addr="fe80::1%lo"))
case("zone", allow="sshd: ${DIR}/list\n", deny="ALL: ALL\n", files={"list": "[2001:db8::1%7]\n"},
     request=req(addr="2001:db8::1%3"))
case("zone", allow="sshd@[2001:db8::2]: ALL\n", deny="ALL: ALL\n",
     request=req(server_addr="2001:db8::2%1"))
case("zone", allow="sshd: [::ffff:10.0.0.1%5]\n", deny="ALL: ALL\n", request=req(addr="::ffff:10.0.0.1"))
case("zone", allow="sshd: 10.0.0.1\n", deny="ALL: ALL\n", request=req(addr="::ffff:10.0.0.1%5"))
case("zone", allow="sshd: 10.0.0.0/8\n", deny="ALL: ALL\n", request=req(addr="::ffff:10.0.0.1%5"))
case("zone", allow="sshd: [2001:db8::1]\n", deny="ALL: ALL\n", request=req(addr="2001:db8::1%5", client_name="h.example"))

# 2. A '*' followed by '*' or '?' tries the rest one byte at a time: nothing left fails.
wild = [
    ("ssh**", ["ssh", "sshd", "ss"]), ("ssh***", ["ssh", "sshd"]), ("**", ["", "a"]),
    ("*", [""]), ("ssh*", ["ssh"]), ("s**h", ["sh", "sxh"]), ("*?", ["", "a"]),
    ("ssh*?", ["ssh", "sshd"]), ("ssh?*", ["ssh", "sshd"]), ("ssh*?*", ["ssh", "sshd", "sshdd"]),
    ("*?**", ["a", "ab"]), ("s*s**", ["ss", "sss", "sshs"]), ("**d", ["d", "sshd"]),
    ("S**", ["s", "sX"]), ("*.*", ["in.", "in.ftpd"]), ("*.**", ["in.", "in.f"]),
]
for pattern, subjects in wild:
    for s in subjects:
        case("wildcard", deny="%s: ALL\n" % pattern, request=req(daemon=s))
        case("wildcard", allow="%s: ALL\n" % pattern, deny="ALL: ALL\n", request=req(daemon=s))
for pattern, name in [("host**", "host"), ("host**", "host.example"), ("*.example**", "a.example"),
                      ("*.example**", "a.example.org"), ("h?st**", "host"), ("**", "h")]:
    case("wildcard", deny="ALL: %s\n" % pattern, request=req(client_name=name))
    case("wildcard", allow="ALL: %s\n" % pattern, deny="ALL: ALL\n", request=req(client_name=name))
for pattern, user in [("alice**", "alice"), ("alice**", "alice2"), ("**", "bob")]:
    case("wildcard", deny="ALL: %s@ALL\n" % pattern, request=req(user=user))
case("wildcard", deny="sshd: 10.0.0.1**\n", request=req(addr="10.0.0.1"))
case("wildcard", deny="sshd: 10.0.0.**\n", request=req(addr="10.0.0.1"))

# 3. A /file token naming a directory: opened, the first read fails, the list is empty.
for token in ["/", "/etc/", "/etc", "${DIR}/d", "${DIR}/d/", "${DIR}/d//", "${DIR}/./d"]:
    case("filedir", allow="sshd: %s\n" % token, deny="ALL: ALL\n", files={"d/x": "10.0.0.1\n"}, request=req())
    case("filedir", deny="sshd: %s\n" % token, files={"d/x": "10.0.0.1\n"}, request=req())
case("filedir", allow="sshd: ${DIR}/list\n", deny="ALL: ALL\n",
     files={"list": "${DIR}/d 10.0.0.1\n", "d/x": ""}, request=req())
case("filedir", allow="sshd: ${DIR}/d EXCEPT 10.0.0.2\n", files={"d/x": ""}, request=req())
case("filedir", allow="sshd: ALL EXCEPT ${DIR}/d\n", deny="ALL: ALL\n", files={"d/x": ""}, request=req())
case("filedir", allow="${DIR}/d: ALL\n", deny="ALL: ALL\n", files={"d/x": ""}, request=req(daemon="${DIR}/d"))
case("filedir", allow="sshd: alice@${DIR}/d\n", deny="ALL: ALL\n", files={"d/x": ""}, request=req(user="alice"))
case("filedir", allow="sshd: ${DIR}/d\n", deny="ALL: ALL\n", files={"d/x": ""}, unreadable=["d"], request=req())

# 4. hosts.allow or hosts.deny is a directory: an empty table, silently.
case("tabledir", files={"hosts.allow/x": "sshd: ALL\n"}, deny="ALL: ALL\n", request=req())
case("tabledir", files={"hosts.deny/x": "ALL: ALL\n"}, request=req())
case("tabledir", allow="sshd: 10.0.0.1\n", files={"hosts.deny/x": "ALL: ALL\n"}, request=req())
case("tabledir", allow="sshd: 10.0.0.2\n", files={"hosts.deny/x": "ALL: ALL\n"}, request=req())
case("tabledir", files={"hosts.allow/x": "", "hosts.deny/x": ""}, request=req())
case("tabledir", files={"hosts.allow/x": ""}, unreadable=["hosts.allow"], deny="ALL: ALL\n", request=req())
case("tabledir", files={"hosts.deny/x": ""}, unreadable=["hosts.deny"], request=req())

# 5. A /file path with a trailing slash: the kernel insists on a directory.
for token, files in [("${DIR}/list/", {"list": "10.0.0.1\n"}), ("${DIR}/list//", {"list": "10.0.0.1\n"}),
                     ("${DIR}/list/.", {"list": "10.0.0.1\n"}), ("${DIR}/list/x", {"list": "10.0.0.1\n"}),
                     ("${DIR}/nope/", {}), ("${DIR}/list", {"list": "10.0.0.1\n"}),
                     ("${DIR}/d/list", {"d/list": "10.0.0.1\n"}), ("${DIR}/d/./list", {"d/list": "10.0.0.1\n"}),
                     ("${DIR}//d//list", {"d/list": "10.0.0.1\n"})]:
    case("fileslash", allow="sshd: %s\n" % token, deny="ALL: ALL\n", files=files, request=req())
    case("fileslash", deny="sshd: %s\n" % token, files=files, request=req())
case("fileslash", allow="sshd: ${DIR}/outer\n", deny="ALL: ALL\n",
     files={"outer": "${DIR}/list/\n10.0.0.9\n", "list": "10.0.0.1\n"}, request=req())
case("fileslash", allow="sshd: ${DIR}/list/\n", deny="ALL: ALL\n", files={"list": "10.0.0.1\n"},
     unreadable=["list"], request=req())

# 6. banners naming a regular file (not a directory): libwrap stats DIR and is silent.
case("bannerfile", allow="sshd: ALL: banners ${DIR}/b\n", files={"b": "hello\n"}, request=req())
case("bannerfile", allow="sshd: ALL: banners ${DIR}/b/\n", files={"b": "hello\n"}, request=req())
case("bannerfile", allow="sshd: ALL: banners ${DIR}/b/sub\n", files={"b": "hello\n"}, request=req())
case("bannerfile", allow="sshd: ALL: banners ${DIR}/missing\n", request=req())
case("bannerfile", allow="sshd: ALL: banners ${DIR}/d\n", files={"d/other": "x\n"}, request=req())
case("bannerfile", allow="sshd: ALL: banners ${DIR}/d\n", files={"d/sshd": "hi %d\n"}, request=req())
case("bannerfile", allow="sshd: ALL: banners ${DIR}/d\n", files={"d/sshd": "hi\n"}, unreadable=["d"],
     request=req())
case("bannerfile", allow="sshd: ALL: banners ${DIR}/d\n", files={"d/sshd/x": "hi\n"}, request=req())
case("bannerfile", deny="sshd: ALL: banners ${DIR}/b\n", files={"b": "hello\n"}, request=req())

# 7. The banner file name comes from the daemon string after %-expansion sanitised it in place.
B = {"b/in ftpd": "space\n", "b/in_ftpd": "underscore\n", "b/in_ftpd@srv": "at\n"}
for opts in ["spawn %d: banners ${DIR}/b", "banners ${DIR}/b: spawn %d", "spawn %s: banners ${DIR}/b",
             "setenv X %d: banners ${DIR}/b", "twist echo %d: banners ${DIR}/b",
             "spawn %h: banners ${DIR}/b", "spawn %c: banners ${DIR}/b", "spawn echo: banners ${DIR}/b"]:
    case("bannersanitize", allow="ALL: ALL: %s\n" % opts, files=B, request=req(daemon="in ftpd"))
case("bannersanitize", allow="ALL: ALL: spawn %s: banners ${DIR}/b\n", files=B,
     request=req(daemon="in ftpd", server_addr="10.9.9.9"))
case("bannersanitize", allow="ALL: ALL: banners ${DIR}/c: banners ${DIR}/b\n",
     files=dict(B, **{"c/in ftpd": "first %d\n"}), request=req(daemon="in ftpd"))
case("bannersanitize", allow="ALL: ALL: spawn %d: banners ${DIR}/b\n",
     files={"b/caf__": "sanitised\n", "b/café": "raw\n"}, request=req(daemon="café"))

# 8. A daemon name containing '/': libwrap joins DIR and the name.
S = {"b/sub/x": "deep %d\n", "b/sub/y/z": "deeper\n", "b/x": "flat\n", "b/abs": "abs\n"}
for daemon in ["sub/x", "sub/y/z", "sub//x", "sub/./x", "/abs", "sub/", "sub/nope", "nosub/x", "sub"]:
    case("bannerslash", allow="ALL: ALL: banners ${DIR}/b\n", files=S, request=req(daemon=daemon))
case("bannerslash", allow="ALL: ALL: spawn %d: banners ${DIR}/b\n", files=S, request=req(daemon="sub/x"))

# 9. '%' followed by a multi-byte character consumes one byte; the rest stays in the value.
for text in ["x%éy", "x%€y", "x%😀y", "%é", "é%é", "x%%éy", "x%\u00a0y"]:
    case("percentbyte", allow="sshd: ALL: spawn %s\n" % text, request=req())
    case("percentbyte", allow="sshd: ALL: twist %s\n" % text, request=req())
case("percentbyte", allow="sshd: ALL: setenv V x%éy\n", request=req())
case("percentbyte", allow="sshd: ALL: banners ${DIR}/b\n", files={"b/sshd": "a%éb %d\nc%€\n"}, request=req())
case("percentbyte", allow="sshd: ALL: aclexec x%éy\n", request=req())

# 10. Deep /file chains: libwrap follows them as deep as its stack allows (about 1,000).
def chain(n, last="10.0.0.1\n"):
    return {"l%d" % i: ("${DIR}/l%d\n" % (i + 1) if i < n - 1 else last) for i in range(n)}
for n in [16, 17, 18, 64, 300, 1000]:
    case("deepchain", allow="sshd: ${DIR}/l0\n", deny="ALL: ALL\n", files=chain(n), request=req())
case("deepchain", deny="sshd: ${DIR}/l0\n", files=chain(40), request=req())
case("deepchain", deny="sshd: ${DIR}/l0\n", files=chain(40, "10.0.0.2\n"), request=req())
case("deepchain", deny="sshd: ${DIR}/l0\n", files=chain(30, "${DIR}/missing\n"), request=req())

# Harness defect: rfc931 values as libwrap reads them (sscanf %d, wrapping at 2^32).
for v in ["4294967297", "4294967306", "2147483648", "4294967295", "-4294967295", "30", "0x10", "12abc"]:
    case("rfc931", allow="sshd: ALL: rfc931 %s\n" % v, request=req(user="alice"))

# Harness defect: setenv values are compared byte for byte (no Java strip()).
for v in ["x\u3000", "\u3000x", "x\u001f", "\u001fx", "x\u00a0", "x\u2028", "x\u000b", "x\u000c"]:
    case("setenv", allow="sshd: ALL: setenv V %s\n" % v, request=req())

# Harness defect: netgroup members compared ASCII-only case-insensitively.
for member, host in [("BÜRO", "büro"), ("büro", "BÜRO"), ("BüRO", "büro"), ("HOST", "host"),
                     ("straße", "STRASSE"), ("İ.example", "i.example"), ("K.example", "\u212a.example")]:
    case("netgroup", allow="sshd: @grp\n", deny="ALL: ALL\n", netgroups={"grp": [member]},
         request=req(client_name=host))

# Harness defect and Facts: a pid longer than 9 bytes is cut to 9 (libwrap's char pid[10]).
for pid in ["123456789", "1234567890", "12345678901234567890", "12345é", "1234567é"]:
    case("pid", allow="sshd: ALL: spawn %p\n", request=req(pid=pid))
    case("pid", allow="sshd: ALL: banners ${DIR}/b\n", files={"b/sshd": "pid %p\n"}, request=req(pid=pid))

for c in cases:
    sys.stdout.write(json.dumps(c, ensure_ascii=False) + "\n")
