/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --json} output is one valid JSON object that scripts can rely on. */
class JsonOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String[] files() {
        return new String[] {"--allow", dir.resolve("hosts.allow").toString(), "--deny", dir.resolve("hosts.deny").toString()};
    }

    private Cli.Result run(String tool, String... rest) {
        List<String> args = new ArrayList<>(List.of(tool));
        args.addAll(List.of(files()));
        args.addAll(List.of(rest));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void tcpdmatchJsonCarriesTheMatchedRuleExpandedOptionsAndLookups() throws IOException {
        Files.writeString(dir.resolve("hosts.allow"), "sshd: .example.com : spawn echo \"%h\" : allow\n");
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");

        Cli.Result result = run("tcpdmatch", "--json", "--port", "22", "sshd@192.0.2.1", "alice@host.example.com");

        assertEquals(0, result.status(), result.err());
        JsonNode root = JSON.readTree(result.out());
        assertEquals("tcpdmatch", root.get("tool").asText());
        assertEquals("strict", root.get("mode").asText());
        assertEquals("granted", root.get("access").asText());
        JsonNode check = root.get("checks").get(0);
        assertEquals("192.0.2.7", check.at("/client/address").asText());
        assertEquals("host.example.com", check.at("/client/name").asText(), "a host's address is looked up");
        assertEquals("alice", check.at("/client/user").asText());
        assertEquals("192.0.2.1", check.at("/server/address").asText());
        assertEquals("server.example.com", check.at("/server/name").asText(), "as Debian's, at once");
        assertEquals(22, check.at("/server/port").asInt());
        assertEquals(dir.resolve("hosts.allow").toString(), check.at("/matched/file").asText());
        assertEquals(1, check.at("/matched/line").asInt());
        assertEquals("spawn", check.at("/options/0/name").asText());
        assertEquals("echo \"host.example.com\"", check.at("/options/0/value").asText(), "%h expanded, literal text kept");
        assertEquals("allow", check.at("/options/1/name").asText());
        assertEquals("granted", check.get("access").asText());
    }

    @Test
    void tcpdmatchJsonGivesEveryAddressOfANameAndTheWorstVerdict() throws IOException {
        Files.writeString(dir.resolve("hosts.allow"), "sshd: 192.0.2.0/24\n");
        Files.writeString(dir.resolve("hosts.deny"), "sshd: ALL: twist /bin/echo go away\n");

        Cli.Result result = run("tcpdmatch", "--json", "sshd", "multi.example.com");

        assertEquals(1, result.status());
        JsonNode root = JSON.readTree(result.out());
        assertEquals(2, root.get("checks").size());
        assertEquals("granted", root.at("/checks/0/access").asText());
        assertEquals("delegated", root.at("/checks/1/access").asText());
        assertEquals("/bin/echo go away", root.at("/checks/1/twist").asText());
        assertEquals("delegated", root.get("access").asText());
    }

    @Test
    void tcpdmatchJsonListsTheProblemsWhenStrictModeRefuses() throws IOException {
        Files.writeString(dir.resolve("hosts.allow"), "sshd: 2001:db8::1\n");
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");

        Cli.Result result = run("tcpdmatch", "--json", "sshd", "10.0.0.1");

        assertEquals(2, result.status());
        JsonNode root = JSON.readTree(result.out());
        assertTrue(root.get("refused").asBoolean());
        JsonNode first = root.get("problems").get(0);
        assertEquals(dir.resolve("hosts.allow").toString(), first.get("file").asText());
        assertEquals(1, first.get("line").asInt());
        assertEquals("error", first.get("level").asText());
        assertTrue(first.get("message").asText().contains("[2001:db8::1]"), first.toString());
    }

    @Test
    void tcpdchkJsonCountsProblemsAndDescribesRulesWithPortsAsPorts() throws IOException {
        Files.writeString(dir.resolve("hosts.allow"), "22 sshd: 10.0.0.0/8 EXCEPT 10.0.0.1 : spawn echo %a : allow\n"
                + "sshd: 10.1.0.0/16\nsshd: 10.1.2.3\n");
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL:\n");

        Cli.Result result = run("tcpdchk", "--json", "-v");

        assertEquals(1, result.status());
        JsonNode root = JSON.readTree(result.out());
        assertEquals(1, root.get("errors").asInt());
        assertEquals(1, root.get("warnings").asInt());
        assertTrue(root.get("refusedInStrictMode").asBoolean());
        JsonNode problems = root.get("problems");
        assertEquals(3, problems.get(0).get("line").asInt());
        assertTrue(problems.get(0).get("message").asText().startsWith("never reached"));
        assertEquals(dir.resolve("hosts.deny").toString(), problems.get(1).get("file").asText());
        assertEquals("error", problems.get(1).get("level").asText());

        JsonNode rule = root.get("rules").get(0);
        assertEquals("port", rule.at("/daemons/0/0/kind").asText());
        assertEquals(22, rule.at("/daemons/0/0/port").asInt());
        assertEquals("daemon", rule.at("/daemons/0/1/kind").asText());
        assertEquals("net", rule.at("/clients/0/0/kind").asText());
        assertEquals("address", rule.at("/clients/1/0/kind").asText(), "the EXCEPT segment");
        assertEquals("echo %a", rule.at("/options/0/value").asText(), "as written, unexpanded");
        assertEquals("granted", rule.get("access").asText());
        assertEquals("denied (option error)", root.get("rules").get(3).get("access").asText());
    }

    @Test
    void jsonStringsEscapeQuotesBackslashesAndControlCharacters() throws IOException {
        String nasty = "a\"b\\c\nd\te\u0001f\u2028";
        JsonNode parsed = JSON.readTree(Json.write(Map.of("k", nasty)));
        assertEquals(nasty, parsed.get("k").asText());
    }
}
