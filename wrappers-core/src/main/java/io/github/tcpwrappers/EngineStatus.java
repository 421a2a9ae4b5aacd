/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.value.FileVersion;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of the engine for operators: the rules in force, the shadow rules, the last
 * refusal, and how busy its lookups and commands are. {@link #toMap()} gives it as JSON-ready
 * maps and lists (strings, numbers, booleans), for a status endpoint.
 *
 * <pre>{@code
 * EngineStatus status = access.status();
 * if (status.lastRefusal().isPresent()) alert(status.lastRefusal().get().problems());
 * httpResponse.write(toJson(status.toMap()));
 * }</pre>
 *
 * @param rules the rules in force: generation, load time, rule count, files, last refused load
 * @param shadow the shadow rules and what they found, when the engine has them
 * @param lastDenial the most recent request the rules in force refused, since the engine started
 * @param lookupsInFlight name and ident lookups under way now
 * @param commands the process runner's occupancy
 * @param listSources one JSON-ready map per list source bound to the rules, in binding order (see
 *     {@link io.github.tcpwrappers.value.ListStatus#toMap()}: list, source, kind, state, entries,
 *     updates, failures, last delivery and sync, down since, lag); {@link HostsAccess#lists()}
 *     gives the same as values
 */
public record EngineStatus(ReloadStatus rules, Optional<Shadow> shadow, Optional<Denial> lastDenial,
        int lookupsInFlight, Commands commands, List<Map<String, Object>> listSources) {
    /**
     * Checks that no component is null and copies the list sources.
     *
     * @param rules the rules in force: generation, load time, rule count, files, last refused load
     * @param shadow the shadow rules and what they found, when the engine has them
     * @param lastDenial the most recent request the rules in force refused, since the engine
     *     started
     * @param lookupsInFlight name and ident lookups under way now
     * @param commands the process runner's occupancy
     * @param listSources one JSON-ready map per live list source bound to the rules (none yet: list
     *     sources arrive with the fleet work)
     */
    public EngineStatus {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(shadow, "shadow");
        Objects.requireNonNull(lastDenial, "lastDenial");
        Objects.requireNonNull(commands, "commands");
        listSources = List.copyOf(listSources);
    }

    /**
     * The shadow tables (see {@link HostsAccess.Builder#shadowDirectory}).
     *
     * @param rules their generation, load time, files and last refused load
     * @param compared requests decided against them
     * @param differing requests they would have decided otherwise
     * @param undecided requests they could not decide without running an aclexec command
     */
    public record Shadow(ReloadStatus rules, long compared, long differing, long undecided) {
    }

    /**
     * A refused request.
     *
     * @param at when it was decided
     * @param daemon the daemon asked for
     * @param client the client's numeric address
     * @param rule the rule that refused it ({@code FILE:LINE}); empty for a refusal no rule made
     *     (an aclexec that could not run)
     */
    public record Denial(Instant at, String daemon, String client, Optional<String> rule) {
    }

    /**
     * The process runner's slots (spawn, twist and aclexec together).
     *
     * @param running commands holding a slot now
     * @param maxProcesses the bound on them
     * @param droppedSpawns spawn commands dropped by the bounds since the runner started
     */
    public record Commands(int running, int maxProcesses, long droppedSpawns) {
    }

    /** {@return the generation of the rules in force} */
    public long generation() {
        return rules.generation();
    }

    /** {@return when the rules in force were loaded} */
    public Instant loadedAt() {
        return rules.loadedAt();
    }

    /** {@return how many rules are in force} */
    public int ruleCount() {
        return rules.ruleCount();
    }

    /** {@return the files the rules in force were read from} */
    public Map<Path, FileVersion> files() {
        return rules.files();
    }

    /** {@return the most recent refused load of the real tables, if it came after the load in force} */
    public Optional<ReloadEvent> lastRefusal() {
        return rules.lastRefusal();
    }

    /**
     * {@return this status as nested maps and lists of strings, numbers and booleans, in a fixed
     * order}
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("rules", rulesMap(rules));
        shadow.ifPresent(s -> {
            Map<String, Object> m = rulesMap(s.rules());
            m.put("compared", s.compared());
            m.put("differing", s.differing());
            m.put("undecided", s.undecided());
            map.put("shadow", m);
        });
        lastDenial.ifPresent(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", d.at().toString());
            m.put("daemon", d.daemon());
            m.put("client", d.client());
            d.rule().ifPresent(r -> m.put("rule", r));
            map.put("lastDenial", m);
        });
        Map<String, Object> lookups = new LinkedHashMap<>();
        lookups.put("inFlight", lookupsInFlight);
        map.put("lookups", lookups);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("running", commands.running());
        c.put("maxProcesses", commands.maxProcesses());
        c.put("droppedSpawns", commands.droppedSpawns());
        map.put("commands", c);
        map.put("listSources", listSources);
        return map;
    }

    private static Map<String, Object> rulesMap(ReloadStatus status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generation", status.generation());
        m.put("loadedAt", status.loadedAt().toString());
        m.put("ruleCount", status.ruleCount());
        m.put("files", status.files().keySet().stream().map(Path::toString).sorted().toList());
        status.lastRefusal().ifPresent(r -> {
            Map<String, Object> refusal = new LinkedHashMap<>();
            refusal.put("at", r.at().toString());
            refusal.put("problems", r.problems().stream().map(Object::toString).toList());
            m.put("lastRefusal", refusal);
        });
        return m;
    }
}
