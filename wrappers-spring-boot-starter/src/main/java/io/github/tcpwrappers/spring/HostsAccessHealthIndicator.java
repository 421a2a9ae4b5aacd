package io.github.tcpwrappers.spring;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.ReloadEvent;
import io.github.tcpwrappers.ReloadStatus;
import io.github.tcpwrappers.value.Diagnostic;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code /actuator/health/tcpwrappers}: the rules in force and the last refusals.
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
    private final Optional<RecentDenials> denials;

    HostsAccessHealthIndicator(HostsAccess access, Optional<RecentDenials> denials) {
        this.access = access;
        this.denials = denials;
    }

    @Override
    public Health health() {
        ReloadStatus status = access.status().rules();
        Health.Builder health = status.lastRefusal().isPresent() ? Health.outOfService() : Health.up();
        health.withDetail("generation", status.generation())
                .withDetail("loadedAt", status.loadedAt().toString())
                .withDetail("rules", status.ruleCount())
                .withDetail("files", status.files().keySet().stream().map(Object::toString).sorted().toList());
        status.lastRefusal().ifPresent(refusal -> health.withDetail("lastRefusedEdit", refused(refusal)));
        denials.filter(RecentDenials::attached).ifPresent(d -> {
            health.withDetail("deniedRequests", d.count());
            d.last().ifPresent(last -> {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("daemon", last.daemon());
                detail.put("client", last.client());
                detail.put("rule", last.rule().map(Object::toString).orElse("none"));
                detail.put("at", last.at().toString());
                health.withDetail("lastDenied", detail);
            });
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
