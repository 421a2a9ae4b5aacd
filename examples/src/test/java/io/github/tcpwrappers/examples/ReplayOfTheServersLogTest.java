/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.cli.Main;
import io.grpc.Status;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tcpdmatch --replay on the log the demo's own three servers wrote (Netty echo and gRPC greeter
 * on engines, the web shop's filter from web.xml), for real clients 127.0.0.1-3, against an
 * edited pair of tables.
 */
class ReplayOfTheServersLogTest {
    private static final InetSocketAddress ANY = new InetSocketAddress("127.0.0.1", 0);
    private static final List<String> CLIENTS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");

    @TempDir
    Path dir;

    @Test
    void replayReportsTheConnectionsAnEditWouldTurnAround() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Path source = ExampleRules.directory();
        Files.copy(source.resolve("hosts.allow"), etc.resolve("hosts.allow"));
        Files.copy(source.resolve("hosts.deny"), etc.resolve("hosts.deny"));
        Path log = dir.resolve("servers.log");
        writeLog(etc, log);

        // The edit: 127.0.0.2 let in, 127.0.0.3 shut out, on all three servers.
        Path next = Files.createDirectories(dir.resolve("next"));
        Files.writeString(next.resolve("hosts.allow"), "echo webshop greeter : 127.0.0.0/255.255.255.0 EXCEPT 127.0.0.3\n");
        Files.writeString(next.resolve("hosts.deny"), "ALL : ALL\n");
        String allow = next.resolve("hosts.allow").toString();
        String deny = next.resolve("hosts.deny").toString();

        StringWriter json = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(json), new PrintWriter(err), "tcpdmatch", "--replay", log.toString(),
                "--allow", allow, "--deny", deny, "--json", "--examples", "2");
        assertEquals(1, status, "verdicts change: " + err);
        String j = json.toString();
        assertTrue(j.contains("\"connections\":9,\"changed\":6,\"grantedToDenied\":3,\"deniedToGranted\":3,\"undecided\":0"), j);
        assertTrue(j.contains("{\"rule\":\"" + allow + ":1\",\"verdict\":\"granted\",\"count\":3}"), j);
        assertTrue(j.contains("{\"rule\":\"" + deny + ":1\",\"verdict\":\"denied\",\"count\":3}"), j);
        assertEquals(2, j.split("\"line\":", -1).length - 1, "two examples: " + j);

        StringWriter text = new StringWriter();
        assertEquals(1, Main.run(new PrintWriter(text), new PrintWriter(err), "tcpdmatch", "--replay", log.toString(),
                "--allow", allow, "--deny", deny));
        assertTrue(text.toString().contains("would change: 6 (3 granted -> denied, 3 denied -> granted)"), text.toString());
        assertTrue(text.toString().contains("echo from 127.0.0.2: denied by " + etc.resolve("hosts.deny") + ":5 -> granted by "
                + allow + ":1"), text.toString());

        // The tables the servers ran with change nothing.
        assertEquals(0, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "tcpdmatch", "--replay",
                log.toString(), "--allow", etc.resolve("hosts.allow").toString(), "--deny", etc.resolve("hosts.deny").toString()));
    }

    /** Runs the demo's servers with the examples' slf4j-simple writing (to System.out) into {@code log}. */
    private static void writeLog(Path etc, Path log) throws Exception {
        PrintStream original = System.out;
        try (PrintStream file = new PrintStream(new FileOutputStream(log.toFile()), true, StandardCharsets.UTF_8);
                HostsAccess echoRules = ExampleRules.engine(etc);
                HostsAccess greeterRules = ExampleRules.engine(etc)) {
            System.setOut(file);
            try (EchoServer echo = EchoServer.start(echoRules, ANY);
                    WebShopServer shop = WebShopServer.start(etc, ANY);
                    GreeterServer greeter = GreeterServer.start(greeterRules, ANY)) {
                for (String client : CLIENTS) {
                    boolean allowed = !client.equals("127.0.0.2");
                    assertEquals(allowed, Clients.echo(client, echo.address(), "hi").lines().contains("hi"));
                    assertEquals(allowed ? 200 : 403, Clients.get(client, shop.address()).status());
                    assertEquals(allowed ? Status.Code.OK : Status.Code.PERMISSION_DENIED,
                            Clients.greet(client, greeter.address(), "x").code());
                }
            }
        } finally {
            System.setOut(original);
        }
    }
}
