/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spring;

import io.github.tcpwrappers.EngineStatus;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.ReloadEvent;
import io.github.tcpwrappers.ReloadStatus;
import io.github.tcpwrappers.value.Diagnostic;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code /actuator/health/tcpwrappers}: the rules in force and the last refused request, both
 * as the engine's own {@link HostsAccess#status()} tells them (so an engine the application
 * built itself reports them too; counts of refusals are the {@code tcpwrappers} meters' job).
 *
 * <p>UP while the rules in force are the tables as they are on disk. OUT_OF_SERVICE when the
 * last edit was refused (strict mode: a table with an error, a table that vanished): the last
 * good rules are still enforced, so the application is safe, but the tables on disk are not what
 * runs, and someone must fix them; the details name every problem as FILE:LINE. Boot answers
 * OUT_OF_SERVICE with HTTP 503 by default ({@code management.endpoint.health.status.http-mapping}
 * changes that). A good edit turns it UP again.
 */
final class HostsAccessHealthIndicator implements HealthIndicator {
    private final HostsAccess access;

    HostsAccessHealthIndicator(HostsAccess access) {
        this.access = access;
    }

    @Override
    public Health health() {
        EngineStatus engine = access.status();
        ReloadStatus status = engine.rules();
        Health.Builder health = status.lastRefusal().isPresent() ? Health.outOfService() : Health.up();
        health.withDetail("generation", status.generation())
                .withDetail("loadedAt", status.loadedAt().toString())
                .withDetail("rules", status.ruleCount())
                .withDetail("files", status.files().keySet().stream().map(Object::toString).sorted().toList());
        status.lastRefusal().ifPresent(refusal -> health.withDetail("lastRefusedEdit", refused(refusal)));
        engine.lastDenial().ifPresent(last -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("daemon", last.daemon());
            detail.put("client", last.client());
            detail.put("rule", last.rule().orElse("none"));
            detail.put("at", last.at().toString());
            health.withDetail("lastDenied", detail);
        });
        return health.build();
    }

    private static Map<String, Object> refused(ReloadEvent refusal) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("at", refusal.at().toString());
        detail.put("problems", refusal.problems().stream().map(Diagnostic::toString).toList());
        return detail;
    }
}
