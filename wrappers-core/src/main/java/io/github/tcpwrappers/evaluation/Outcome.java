/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.evaluation;

import io.github.tcpwrappers.value.Command;
import io.github.tcpwrappers.value.Decision;

/** The result of one evaluation attempt: a decision, or the one fact it needs first. */
public sealed interface Outcome {

    /** Decided. */
    record Decided(Decision decision) implements Outcome {
    }

    /** Needs the client's host name (reverse lookup with forward confirmation). */
    record NeedsClientName() implements Outcome {
    }

    /** Needs the server's host name. */
    record NeedsServerName() implements Outcome {
    }

    /** Needs the client's user name from ident, within this many seconds. */
    record NeedsUser(int timeoutSeconds) implements Outcome {
    }

    /** Needs the exit status of an aclexec command. */
    record NeedsAclexec(Command command) implements Outcome {
    }

    Outcome DEFAULT_GRANT = new Decided(Decision.grantedByDefault());
    Outcome NEEDS_CLIENT_NAME = new NeedsClientName();
    Outcome NEEDS_SERVER_NAME = new NeedsServerName();
}
