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
