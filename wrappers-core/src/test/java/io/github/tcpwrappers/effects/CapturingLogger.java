/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.effects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

/**
 * An SLF4J logger that keeps what it is given, key-values included, for tests to read. Every
 * level is enabled unless {@code threshold} says otherwise.
 */
final class CapturingLogger extends LegacyAbstractLogger implements LoggingEventAware {
    record Entry(Level level, String message, Map<String, Object> keyValues) {
        Object kv(String key) {
            return keyValues.get(key);
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Level threshold;

    CapturingLogger() {
        this(Level.TRACE);
    }

    CapturingLogger(Level threshold) {
        this.name = "capture";
        this.threshold = threshold;
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    synchronized List<Entry> at(Level level) {
        return entries.stream().filter(e -> e.level() == level).toList();
    }

    synchronized List<Entry> containing(String text) {
        return entries.stream().filter(e -> e.message().contains(text)).toList();
    }

    @Override
    public void log(LoggingEvent event) {
        Map<String, Object> kv = new LinkedHashMap<>();
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(p -> kv.put(p.key, p.value));
        }
        String message = MessageFormatter.basicArrayFormat(event.getMessage(), event.getArgumentArray());
        synchronized (this) {
            entries.add(new Entry(event.getLevel(), message, Map.copyOf(kv)));
        }
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
            Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
        synchronized (this) {
            entries.add(new Entry(level, message, Map.of()));
        }
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }
}
