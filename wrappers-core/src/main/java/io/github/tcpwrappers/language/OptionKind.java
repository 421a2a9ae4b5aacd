/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import java.util.Locale;
import java.util.Optional;

/** The options of hosts_options(5) plus Debian's {@code aclexec}, with libwrap's argument rules. */
public enum OptionKind {
    USER(Arg.REQUIRED, false, false),
    GROUP(Arg.REQUIRED, false, false),
    UMASK(Arg.REQUIRED, false, false),
    LINGER(Arg.REQUIRED, false, false),
    KEEPALIVE(Arg.NONE, false, false),
    SPAWN(Arg.REQUIRED, true, false),
    TWIST(Arg.REQUIRED, true, true),
    RFC931(Arg.OPTIONAL, false, false),
    SETENV(Arg.REQUIRED, true, false),
    NICE(Arg.OPTIONAL, false, false),
    SEVERITY(Arg.REQUIRED, false, false),
    ALLOW(Arg.NONE, false, true),
    DENY(Arg.NONE, false, true),
    BANNERS(Arg.REQUIRED, false, false),
    ACLEXEC(Arg.REQUIRED, true, false);

    enum Arg { NONE, REQUIRED, OPTIONAL }

    private final Arg arg;
    private final boolean expanded;
    private final boolean mustBeLast;

    OptionKind(Arg arg, boolean expanded, boolean mustBeLast) {
        this.arg = arg;
        this.expanded = expanded;
        this.mustBeLast = mustBeLast;
    }

    /** The option's name as libwrap spells it. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    Arg arg() {
        return arg;
    }

    /** Whether the value gets %-expansion (spawn, twist, setenv, aclexec). */
    public boolean expanded() {
        return expanded;
    }

    /** Whether the option must be the last of its rule (allow, deny, twist). */
    public boolean mustBeLast() {
        return mustBeLast;
    }

    /** Finds an option by name, ASCII case-insensitive. */
    public static Optional<OptionKind> byName(String name) {
        for (OptionKind kind : values()) {
            if (CText.equalsIgnoreCase(kind.keyword(), name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
