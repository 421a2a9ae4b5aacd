/*
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
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
