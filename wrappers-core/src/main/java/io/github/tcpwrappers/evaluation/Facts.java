/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.evaluation;

import io.github.tcpwrappers.language.CText;
import io.github.tcpwrappers.language.StringPattern;
import java.util.HashMap;
import java.util.Map;

/**
 * What is known about one request, as libwrap's request_info holds it: byte strings cut to 127
 * bytes, the literal {@code unknown} for a missing address, and {@code null} for a name or user
 * nobody has looked up yet (evaluation asks for it when a reached pattern needs it).
 */
public final class Facts {
    /** libwrap's STRING_LENGTH less the terminating NUL. */
    public static final int MAX_FIELD = 127;
    /** libwrap's {@code char pid[10]} less the terminating NUL: a longer pid text is cut. */
    public static final int MAX_PID = 9;

    final String daemon;
    final String clientAddress;
    /**
     * The client address as an IPv4 value when its text (after ::ffff: stripping) is a plain
     * dotted quad, else -1: the key of the compact rules' index, computed once per request.
     */
    final long clientIpv4;
    final String serverAddress;
    final int clientPort;
    final int serverPort;
    final String pid;
    final boolean runsAclexec;
    volatile String clientName;
    volatile String serverName;
    volatile String user;
    private Map<String, Integer> aclexecResults; // made on the first aclexec: most requests run none

    /**
     * @param daemon the daemon name ({@code unknown} when none was given; empty stays empty)
     * @param clientAddress the client's address text, {@code unknown} when unknown
     * @param serverAddress the server's address text, {@code unknown} when unknown
     * @param clientPort the client's port, or -1
     * @param serverPort the server's port, or -1 (numeric daemon patterns then never match)
     * @param pid the text of %p (a byte string; cut to {@value #MAX_PID} bytes as libwrap cuts it)
     * @param runsAclexec false to treat aclexec as libwrap's dry run does (never run)
     */
    public Facts(String daemon, String clientAddress, String serverAddress, int clientPort, int serverPort,
            String pid, boolean runsAclexec) {
        this.daemon = cut(daemon);
        this.clientAddress = known(clientAddress);
        this.clientIpv4 = CText.canonicalIpv4(StringPattern.stripMapped(this.clientAddress));
        this.serverAddress = known(serverAddress);
        this.clientPort = clientPort;
        this.serverPort = serverPort;
        this.pid = pid.length() > MAX_PID ? pid.substring(0, MAX_PID) : pid;
        this.runsAclexec = runsAclexec;
    }

    private static String known(String value) {
        return value == null || value.isEmpty() ? "unknown" : cut(value);
    }

    private static String lookedUp(String value) {
        return value == null || value.isEmpty() ? null : cut(value);
    }

    static String cut(String value) {
        return value.length() > MAX_FIELD ? value.substring(0, MAX_FIELD) : value;
    }

    /**
     * A field as Debian's tcpdmatch takes it from its command line: each byte outside percent_x's
     * safe set {@code A-Za-z0-9!%+,-./:=@_} becomes {@code _}, and it is matched as such (the
     * daemon {@code s$d} is {@code s_d}).
     */
    public static String sanitized(String field) {
        return Expander.sanitize(field);
    }

    /** Records the client's name (a verified name, {@code unknown} or {@code paranoid}). */
    public Facts clientName(String name) {
        this.clientName = lookedUp(name) == null ? "unknown" : cut(name);
        return this;
    }

    /** Records the server's name. */
    public Facts serverName(String name) {
        this.serverName = lookedUp(name) == null ? "unknown" : cut(name);
        return this;
    }

    /** Records the client's user name from ident ({@code unknown} when it failed). */
    public Facts user(String name) {
        this.user = lookedUp(name) == null ? "unknown" : cut(name);
        return this;
    }

    /** Records an aclexec command's exit status. */
    public synchronized Facts aclexecResult(String command, int exitStatus) {
        if (aclexecResults == null) {
            aclexecResults = new HashMap<>();
        }
        aclexecResults.put(command, exitStatus);
        return this;
    }

    synchronized Integer aclexecResult(String command) {
        return aclexecResults == null ? null : aclexecResults.get(command);
    }

    /** The client address text as libwrap sees it. */
    public String clientAddress() {
        return clientAddress;
    }

    /** The server address text as libwrap sees it. */
    public String serverAddress() {
        return serverAddress;
    }




    /** The daemon name. */
    public String daemon() {
        return daemon;
    }

    /** The client's port or -1. */
    public int clientPort() {
        return clientPort;
    }

    /** The server's port or -1. */
    public int serverPort() {
        return serverPort;
    }
}
