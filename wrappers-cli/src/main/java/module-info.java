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
