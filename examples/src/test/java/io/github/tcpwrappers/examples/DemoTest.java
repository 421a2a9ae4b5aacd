/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the one-command demo in this JVM (surefire's working directory is examples/). */
class DemoTest {

    @Test
    @Timeout(120)
    void demoBehavesAsItSaysAndLeavesNothingRunning() throws Exception {
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        Demo.Result result;
        try (PrintStream out = new PrintStream(transcript, true, StandardCharsets.UTF_8)) {
            result = Demo.run(out);
        }
        String text = transcript.toString(StandardCharsets.UTF_8);
        System.out.print(text);

        assertEquals(List.of(), result.failures(), "every check of the demo holds");
        assertTrue(text.contains("everything behaved as shown"), "the demo says so");
        // What a reader of the transcript is told, spot-checked here against the claims' sources.
        for (String shown : List.of(
                "< 421 echo - 127.0.0.2 may not use this service",
                "< HTTP/1.1 403 Forbidden",
                "< Sorry, 127.0.0.2: the web shop is closed to your address.",
                "< PERMISSION_DENIED: the greeter does not talk to 127.0.0.2",
                "< Hello, 127.0.0.1!",
                "log | WARN io.github.tcpwrappers.access",
                "echo: refused connect from 127.0.0.2 port",
                "access:   delegated",
                "< Hello, 127.0.0.2!",
                "\"#\" after a rule is not a comment",
                // step 6: one ban, refused by every door, the open connection ended, then the unban
                "hosts.ban is bound to a live ban list",
                "(the open echo connection: closed by the server)",
                "ok   echo refuses banned 127.0.0.1: closed without a word",
                "ok   webshop refuses banned 127.0.0.1: 403",
                "ok   greeter refuses banned 127.0.0.1: PERMISSION_DENIED",
                "ok   greeter greets 127.0.0.1 again")) {
            assertTrue(text.contains(shown), () -> "transcript shows " + shown);
        }

        // One engine behind the three doors: one reload line per change, one log format.
        assertEquals(1, text.lines().filter(l -> l.contains("rule files reloaded")).count(), "one engine reloads once");
        // Each door grants 127.0.0.1 in step 1, and again after the unban of step 6 (the open
        // echo connection of step 6 is a seventh grant), in the one format.
        assertEquals(7, text.lines().filter(l -> l.contains("log | INFO io.github.tcpwrappers.access")
                && l.matches(".* (echo|webshop|greeter): connect from 127\\.0\\.0\\.1 port \\d+ to 127\\.0\\.0\\.1 port \\d+$"))
                .count(), "each door's grants of 127.0.0.1 in the one format");
        // The banned 127.0.0.1 refused by each door, in the same format: echo twice (the open
        // connection decided again and ended, then a new one), the others once.
        for (Map.Entry<String, Integer> door : Map.of("echo", 2, "webshop", 1, "greeter", 1).entrySet()) {
            assertEquals(door.getValue(), (int) text.lines().filter(l -> l.contains("log | ") && l.matches(".* "
                    + door.getKey() + ": refused connect from 127\\.0\\.0\\.1 port \\d+ to 127\\.0\\.0\\.1 port \\d+$"))
                    .count(), () -> door.getKey() + "'s refusals of the banned client");
        }
        // The tcpdmatch step ran the jar, as the printed command line says.
        assertTrue(text.contains(" -jar ../wrappers-cli/target/wrappers-cli.jar tcpdmatch --allow "), "tcpdmatch command");
        assertTrue(text.contains("Words: daemon = "), "the glossary");
        assertEquals(-1, text.indexOf('\u001b'), "no terminal escape in the transcript");

        assertEquals(3, result.servers().size());
        for (InetSocketAddress server : result.servers()) {
            assertThrows(ConnectException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(server, 2000);
                }
            }, () -> server + " is closed after the demo");
        }
        assertEquals(List.of(), ProcessHandle.current().children().map(p -> p.info().commandLine().orElse("?")).toList(),
                "no spawn or twist command is left running");
    }
}
