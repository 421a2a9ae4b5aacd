package io.github.tcpwrappers.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.Command;
import io.github.tcpwrappers.CommandRunner;
import io.github.tcpwrappers.Decision;
import io.github.tcpwrappers.HostsAccess;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CommandRunner#startTwist}: the adapters' entry point, with the rule's environment, nice and umask. */
class TwistStartTest {
    @TempDir
    Path dir;

    @Test
    void twistFromARuleTalksThroughPipesWithSetenvAndUmask() throws Exception {
        Decision decision;
        try (HostsAccess access = Rules.files(dir, "", "sshd: 127.0.0.2: setenv WHO %a: umask 077: "
                + "twist read line; echo \"$WHO said $line\"; umask\n")
                .decisionLog(DecisionLog.builder().logger(new CapturingLogger()).build()).build()) {
            decision = access.checkBlocking(Rules.request("sshd", "127.0.0.2"), Duration.ofSeconds(5));
        }
        Command twist = decision.twist().orElseThrow();
        Process process = CommandRunner.startTwist(twist);
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write("hello\n".getBytes(StandardCharsets.US_ASCII));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        assertEquals("127.0.0.2 said hello\n0077\n", output);
    }

    @Test
    void twistRunsAtTheRuleNiceness() throws Exception {
        Process base = new ProcessBuilder("nice").start();
        int niceness = Integer.parseInt(new String(base.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
        Process process = CommandRunner.startTwist(new Command("nice", Map.of(), 4, OptionalInt.empty()));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        assertEquals(Integer.toString(Math.min(19, niceness + 4)), output);
    }
}
