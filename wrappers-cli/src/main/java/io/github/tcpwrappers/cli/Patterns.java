/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import io.github.tcpwrappers.language.ClientPattern;
import io.github.tcpwrappers.language.DaemonPattern;
import io.github.tcpwrappers.language.HostPattern;
import io.github.tcpwrappers.language.PatternList;
import io.github.tcpwrappers.language.StringPattern;
import io.github.tcpwrappers.text.ByteText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Says how the engine reads each token of a rule, for {@code tcpdchk -v}: a number in the
 * daemon list is a port, {@code 10.0.0.} an address prefix, {@code .example.com} a domain that
 * needs DNS, and so on. Text and JSON forms.
 */
final class Patterns {
    private Patterns() {
    }

    /** A list as text: tokens joined by ", ", EXCEPT between segments. */
    static <P> String text(PatternList<P> list, Function<P, String> describe) {
        StringBuilder out = new StringBuilder();
        for (int s = 0; s < list.segments().size(); s++) {
            if (s > 0) {
                out.append(out.length() == 0 ? "EXCEPT " : " EXCEPT ");
            }
            List<P> segment = list.segments().get(s);
            for (int i = 0; i < segment.size(); i++) {
                out.append(i > 0 ? ", " : "").append(describe.apply(segment.get(i)));
            }
        }
        return out.length() == 0 ? "(empty: matches nothing)" : out.toString();
    }

    /** A list as JSON: one array of token objects per EXCEPT segment. */
    static <P> List<List<Map<String, Object>>> json(PatternList<P> list, Function<P, Map<String, Object>> describe) {
        List<List<Map<String, Object>>> segments = new ArrayList<>();
        for (List<P> segment : list.segments()) {
            segments.add(segment.stream().map(describe).toList());
        }
        return segments;
    }

    static String daemon(DaemonPattern p) {
        if (p instanceof DaemonPattern.Port port) {
            return "port " + port.port();
        }
        if (p instanceof DaemonPattern.AtServer at) {
            return daemon(at.daemon()) + " @ server " + host(at.server());
        }
        return string("daemon", ((DaemonPattern.Name) p).pattern());
    }

    static Map<String, Object> daemonJson(DaemonPattern p) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (p instanceof DaemonPattern.Port port) {
            out.put("kind", "port");
            out.put("port", port.port());
        } else if (p instanceof DaemonPattern.AtServer at) {
            out.put("kind", "daemon@server");
            out.put("daemon", daemonJson(at.daemon()));
            out.put("server", hostJson(at.server()));
        } else {
            out.put("kind", "daemon");
            out.put("match", stringKind(((DaemonPattern.Name) p).pattern()));
        }
        out.put("text", ByteText.toText(p.text()));
        return out;
    }

    static String client(ClientPattern p) {
        if (p instanceof ClientPattern.UserAtHost u) {
            return string("user", u.user()) + " @ " + host(u.host());
        }
        return host(((ClientPattern.Host) p).host());
    }

    static Map<String, Object> clientJson(ClientPattern p) {
        if (p instanceof ClientPattern.UserAtHost u) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("kind", "user@host");
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("match", stringKind(u.user()));
            user.put("text", ByteText.toText(u.user().text()));
            out.put("user", user);
            out.put("host", hostJson(u.host()));
            out.put("text", ByteText.toText(p.text()));
            return out;
        }
        return hostJson(((ClientPattern.Host) p).host());
    }

    /** One host token; names that need DNS say so. */
    static String host(HostPattern p) {
        String t = ByteText.toText(p.text());
        if (p instanceof HostPattern.Netgroup) {
            return "netgroup " + t + " (needs the host name)";
        }
        if (p instanceof HostPattern.FileList f) {
            return "list " + t + " (" + list(f.list()) + ")";
        }
        if (p instanceof HostPattern.Known) {
            return "KNOWN (needs the host name)";
        }
        if (p instanceof HostPattern.Local) {
            return "LOCAL (needs the host name)";
        }
        if (p instanceof HostPattern.Never) {
            return "nothing (empty host)";
        }
        if (p instanceof HostPattern.Masked) {
            return "net " + t;
        }
        HostPattern.AddressOrName a = (HostPattern.AddressOrName) p;
        return switch (hostKind(a)) {
            case "ALL" -> "ALL";
            case "UNKNOWN", "PARANOID" -> hostKind(a) + " (needs the host name)";
            case "address", "address-prefix", "ipv6-address" -> hostKind(a).replace('-', ' ') + " " + t;
            default -> hostKind(a).replace('-', ' ') + " " + t + " (needs the host name)";
        };
    }

    static Map<String, Object> hostJson(HostPattern p) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (p instanceof HostPattern.Netgroup) {
            out.put("kind", "netgroup");
        } else if (p instanceof HostPattern.FileList f) {
            out.put("kind", "list");
            out.put("list", list(f.list()));
        } else if (p instanceof HostPattern.Known) {
            out.put("kind", "KNOWN");
        } else if (p instanceof HostPattern.Local) {
            out.put("kind", "LOCAL");
        } else if (p instanceof HostPattern.Never) {
            out.put("kind", "nothing");
        } else if (p instanceof HostPattern.Masked) {
            out.put("kind", "net");
        } else {
            out.put("kind", hostKind((HostPattern.AddressOrName) p));
        }
        out.put("text", ByteText.toText(p.text()));
        out.put("needsName", needsName(p));
        return out;
    }

    private static boolean needsName(HostPattern p) {
        if (p instanceof HostPattern.AddressOrName a) {
            return a.triesName() && !(a.pattern() instanceof StringPattern.All);
        }
        return p instanceof HostPattern.Netgroup || p instanceof HostPattern.Known || p instanceof HostPattern.Local;
    }

    private static String hostKind(HostPattern.AddressOrName a) {
        StringPattern s = a.pattern();
        if (s instanceof StringPattern.All) {
            return "ALL";
        }
        if (s instanceof StringPattern.Wildcard) {
            return "wildcard";
        }
        if (s instanceof StringPattern.Suffix) {
            return "domain";
        }
        if (s instanceof StringPattern.Ipv6Literal) {
            return "ipv6-address";
        }
        if (s instanceof StringPattern.Prefix) {
            return a.triesName() ? "name-prefix" : "address-prefix";
        }
        if (!a.triesName()) {
            return "address";
        }
        String t = a.text();
        if (t.equalsIgnoreCase("UNKNOWN") || t.equalsIgnoreCase("PARANOID")) {
            return t.toUpperCase(Locale.ROOT);
        }
        return "host";
    }

    private static String list(HostPattern.HostList list) {
        if (list instanceof HostPattern.HostList.Loaded l) {
            return l.patterns().size() + (l.patterns().size() == 1 ? " pattern" : " patterns");
        }
        if (list instanceof HostPattern.HostList.Missing) {
            return "missing: matches nothing";
        }
        if (list instanceof HostPattern.HostList.Unreadable u) {
            return "unreadable: " + u.reason();
        }
        if (list instanceof HostPattern.HostList.Directory) {
            return "a directory: matches nothing";
        }
        return "includes itself";
    }

    private static String string(String what, StringPattern p) {
        String kind = stringKind(p);
        String t = ByteText.toText(p.text());
        return switch (kind) {
            case "ALL", "KNOWN" -> kind;
            case "exact" -> what + " " + t;
            default -> what + " " + kind + " " + t;
        };
    }

    private static String stringKind(StringPattern p) {
        if (p instanceof StringPattern.All) {
            return "ALL";
        }
        if (p instanceof StringPattern.NotUnknown) {
            return "KNOWN";
        }
        if (p instanceof StringPattern.Wildcard) {
            return "wildcard";
        }
        if (p instanceof StringPattern.Suffix) {
            return "suffix";
        }
        if (p instanceof StringPattern.Prefix) {
            return "prefix";
        }
        if (p instanceof StringPattern.Ipv6Literal) {
            return "ipv6-literal";
        }
        return "exact";
    }

    /** Text people typed to the engine's byte strings. */
    static String latin1(String text) {
        return ByteText.fromText(text);
    }
}
