/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.effects;

import io.github.tcpwrappers.value.CommandEvent;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * The engine's JDK Flight Recorder events. Off unless a recording enables them, and then cheap:
 * each site asks {@link Event#isEnabled()} or {@link Event#shouldCommit()} before it fills a
 * field, so an engine nobody records builds no strings for them.
 *
 * <pre>{@code
 * java -XX:StartFlightRecording:filename=rec.jfr,settings=profile ...
 * jfr print --events io.github.tcpwrappers.Decision rec.jfr
 * }</pre>
 */
public final class FlightEvents {
    private FlightEvents() {
    }

    /**
     * One decision, from the start of the check to the verdict (lookups included). By default a
     * recording keeps only decisions slower than 10 ms (those that waited for a lookup); a
     * threshold of 0 keeps every one, a flood on a busy server.
     */
    @Name("io.github.tcpwrappers.Decision")
    @Threshold("10 ms")
    @Label("Access Decision")
    @Category({"TCP Wrappers"})
    @Description("hosts.allow / hosts.deny decided one request")
    @StackTrace(false)
    public static final class Decision extends Event {
        @Label("Daemon")
        public String daemon;
        @Label("Client")
        @Description("The client's numeric address")
        public String client;
        @Label("Verdict")
        @Description("granted or denied")
        public String verdict;
        @Label("Rule")
        @Description("FILE:LINE of the rule that decided; empty when none matched")
        public String rule;
        @Label("Lookups")
        @Description("Name and ident lookups made for this decision")
        public int lookups;
    }

    /** One reload attempt: the files were read and put in force, or refused. */
    @Name("io.github.tcpwrappers.Reload")
    @Label("Rules Reload")
    @Category({"TCP Wrappers"})
    @StackTrace(false)
    public static final class Reload extends Event {
        @Label("Outcome")
        @Description("applied or refused")
        public String outcome;
        @Label("Generation")
        @Description("The load in force after the attempt")
        public long generation;
        @Label("Rules")
        public int ruleCount;
        @Label("Files")
        @Description("The files the rules in force were read from, comma-separated")
        public String files;
        @Label("Problems")
        public int problems;
    }

    /** A spawn, twist or aclexec command started, refused by the bounds, or killed. */
    @Name("io.github.tcpwrappers.Command")
    @Label("Rule Command")
    @Category({"TCP Wrappers"})
    @StackTrace(false)
    public static final class Command extends Event {
        @Label("Kind")
        @Description("spawn, twist or aclexec")
        public String kind;
        @Label("Happening")
        @Description("started, refused or killed")
        public String happening;
        @Label("Command")
        public String command;
    }

    /**
     * Loads the event classes now. The first use of a JFR event class initialises part of the
     * recorder (milliseconds); an engine pays that when it is built, not in its first decision.
     */
    public static void preload() {
        new Decision().isEnabled();
        new Reload().isEnabled();
        new Command().isEnabled();
    }

    /** Commits a command event if a recording wants it. */
    static void command(CommandEvent what) {
        Command event = new Command();
        if (event.shouldCommit()) {
            event.kind = what.kind().tag();
            event.happening = what.happening().tag();
            event.command = what.commandLine();
            event.commit();
        }
    }
}
