/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import java.util.List;
import java.util.Optional;

/**
 * One access rule: {@code daemon_list : client_list [ : options ]}.
 *
 * @param line libwrap's line number (the last physical line of a continued rule)
 * @param firstLine the first physical line of the rule
 * @param daemons the daemon list
 * @param clients the client list
 * @param options the option steps, absent when the rule has no second colon
 * @param text the logical line as read, without its newline (a byte string)
 */
public record Rule(int line, int firstLine, PatternList<DaemonPattern> daemons, PatternList<ClientPattern> clients,
        Optional<List<OptionStep>> options, String text) {
}
