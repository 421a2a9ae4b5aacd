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
package io.github.tcpwrappers.spring;

import io.github.tcpwrappers.HostsAccess;

/**
 * Changes the engine's builder after the {@code tcpwrappers.*} properties were applied, for what
 * properties cannot say (a netgroup resolver, a process runner shared with other engines).
 *
 * <pre>{@code
 * @Bean
 * HostsAccessBuilderCustomizer netgroups(NetgroupResolver nis) {
 *     return builder -> builder.netgroupResolver(nis);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface HostsAccessBuilderCustomizer {

    /**
     * Called once, before {@code build()}.
     *
     * @param builder the engine's builder, with the properties applied
     */
    void customize(HostsAccess.Builder builder);
}
