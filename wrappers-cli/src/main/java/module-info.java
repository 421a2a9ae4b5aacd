/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
/**
 * The command-line tools {@code tcpdchk} and {@code tcpdmatch}. They read the rule tables
 * through the engine's own loader and evaluation, which the core exports to this module only.
 */
module io.github.tcpwrappers.cli {
    requires io.github.tcpwrappers;
    requires info.picocli;

    // picocli fills the commands' option fields reflectively.
    opens io.github.tcpwrappers.cli to info.picocli;
}
