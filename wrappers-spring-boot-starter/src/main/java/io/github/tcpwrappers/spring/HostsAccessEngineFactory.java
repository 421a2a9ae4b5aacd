/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import io.github.tcpwrappers.HostsAccess;

/**
 * How the starter turns its configured builder into the engine: {@link HostsAccess.Builder#build()}
 * unless another auto-configuration (the meters) must be in at the build.
 */
@FunctionalInterface
interface HostsAccessEngineFactory {

    /** Builds the engine from a builder the starter has configured. */
    HostsAccess build(HostsAccess.Builder builder);
}
