/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.github.tcpwrappers.evaluation.Facts;
import io.github.tcpwrappers.evaluation.Outcome;
import io.github.tcpwrappers.evaluation.RuleSet;
import io.github.tcpwrappers.spi.AccountNames;
import io.github.tcpwrappers.value.Decision;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns fuzzer bytes into what the engine reads: table text (byte strings, one char per byte),
 * the facts of a request, and the answers its lookups would give. Every choice comes from the
 * input, so a saved input replays the same run.
 */
final class FuzzInput {
    static final AccountNames ACCOUNTS = AccountNames.of(Set.of("nobody", "root"), Set.of("nogroup"));

    /** Separates the files of one input: allow text, then deny text, then a list, then a banner. */
    static final String SEPARATOR = "\n--next--\n";

    private static final String[] DAEMONS = {"sshd", "in.ftpd", "", "unknown", "sshd@host", "ALL", "22"};
    private static final String[] ADDRESSES = {
        "10.0.0.1", "127.0.0.1", "192.0.2.255", "2001:db8::1", "::1", "::ffff:10.0.0.1", "unknown", "0.0.0.0",
        "fe80::1%eth0",
    };
    private static final String[] NAMES = {
        "host.example.com", "localhost", "unknown", "paranoid", "a.b", "EXAMPLE.COM", "x", "",
    };
    private static final String[] USERS = {"alice", "unknown", "root", "", "a;b", "alice@evil"};

    private FuzzInput() {
    }

    /** The bytes as the byte string the language reads. */
    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Splits text at {@link #SEPARATOR} into exactly {@code parts} pieces (missing ones empty). */
    static String[] split(String text, int parts) {
        String[] out = new String[parts];
        int from = 0;
        for (int i = 0; i < parts; i++) {
            int at = i + 1 < parts ? text.indexOf(SEPARATOR, from) : -1;
            if (from > text.length()) {
                out[i] = "";
            } else if (at < 0) {
                out[i] = text.substring(from);
                from = text.length() + 1;
            } else {
                out[i] = text.substring(from, at + 1); // keep the newline that ends the last line
                from = at + SEPARATOR.length();
            }
        }
        return out;
    }

    /** One request's facts and the answers its lookups get. */
    record Request(String daemon, String client, String server, int clientPort, int serverPort, String clientName,
            String serverName, String user, int aclexecSalt) {

        Facts facts() {
            return new Facts(daemon, client, server, clientPort, serverPort, "4242", true);
        }
    }

    /** A request from the usual suspects; consumes integers from the end of the input. */
    static Request request(FuzzedDataProvider data) {
        return new Request(pick(data, DAEMONS), pick(data, ADDRESSES), pick(data, ADDRESSES),
                data.consumeInt(-1, 65535), data.consumeInt(-1, 65535), pick(data, NAMES), pick(data, NAMES),
                pick(data, USERS), data.consumeInt());
    }

    /** A request whose every field is hostile bytes (spaces, shell syntax, newlines, high bytes). */
    static Request hostileRequest(FuzzedDataProvider data) {
        return new Request(hostile(data), hostile(data), hostile(data), data.consumeInt(-1, 65535),
                data.consumeInt(-1, 65535), hostile(data), hostile(data), hostile(data), data.consumeInt());
    }

    private static String hostile(FuzzedDataProvider data) {
        return latin1(data.consumeBytes(data.consumeInt(0, 200)));
    }

    private static String pick(FuzzedDataProvider data, String[] choices) {
        return choices[data.consumeInt(0, choices.length - 1)];
    }

    /**
     * Evaluates to a decision, answering each lookup as the request says. Fails when evaluation
     * asks for the same fact twice (it would loop) or needs more rounds than the facts it can ask.
     */
    static Decision decide(RuleSet rules, Request request) {
        Facts facts = request.facts();
        Set<String> asked = new HashSet<>();
        List<String> trail = new ArrayList<>();
        for (int round = 0; round < 64; round++) {
            Outcome outcome = rules.evaluate(facts);
            if (outcome instanceof Outcome.Decided decided) {
                return decided.decision();
            }
            String question;
            if (outcome instanceof Outcome.NeedsClientName) {
                question = "client name";
                facts.clientName(request.clientName());
            } else if (outcome instanceof Outcome.NeedsServerName) {
                question = "server name";
                facts.serverName(request.serverName());
            } else if (outcome instanceof Outcome.NeedsUser) {
                question = "user";
                facts.user(request.user());
            } else {
                String command = ((Outcome.NeedsAclexec) outcome).command().commandLine();
                question = "aclexec " + command;
                facts.aclexecResult(command, Math.floorMod(command.hashCode() ^ request.aclexecSalt(), 3));
            }
            trail.add(question);
            assertTrue(asked.add(question), () -> "evaluation asked twice: " + trail);
        }
        return fail("no decision after 64 rounds: " + trail);
    }
}
