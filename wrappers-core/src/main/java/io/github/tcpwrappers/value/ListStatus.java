package io.github.tcpwrappers.value;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a bound list stands.
 *
 * @param list the {@code /file} path the rules name
 * @param source the source's {@code name()}
 * @param state whether the list in force is live, a snapshot kept through an outage, or not there yet
 * @param entries entries held (some may have expired since the last clean-up)
 * @param lastDelivery when the source last delivered
 * @param lastError the last failure the source reported
 */
public record ListStatus(Path list, String source, State state, int entries, Optional<Instant> lastDelivery,
        Optional<String> lastError) {

    /**
     * Checks that no component is null.
     *
     * @param list the {@code /file} path the rules name
     * @param source the source's {@code name()}
     * @param state whether the list in force is live, a snapshot kept through an outage, or not
     *     there yet
     * @param entries entries held (some may have expired since the last clean-up)
     * @param lastDelivery when the source last delivered
     * @param lastError the last failure the source reported
     */
    public ListStatus {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastDelivery, "lastDelivery");
        Objects.requireNonNull(lastError, "lastError");
    }

    /** How current the list in force is. */
    public enum State {
        /** Nothing delivered yet: the list is empty (or, with {@code ListStartup.DENY_ALL}, everyone is refused). */
        WAITING,
        /** The source is connected and delivering. */
        LIVE,
        /** The source is down: the last list it delivered stays in force, expiries keep running. */
        SNAPSHOT
    }
}
