/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.value;

import io.github.tcpwrappers.text.ByteText;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The answer for one request: granted or denied, the rule that decided, and what that rule asks
 * the adapter to do. Logging and {@code spawn} have already been started by the engine; the
 * adapter sends the banner, hands the connection to the twist command, and sets socket options.
 *
 * <p><b>Twist, granted or denied.</b> A {@link #twist()} command answers <em>in the service's
 * place</em>, whatever the verdict: libwrap's tcpd runs it instead of the daemon, so a client
 * whose rule twists never reaches the service, even from hosts.allow ({@code sshd : ALL : twist
 * ...}). Every door does so: the banner first, then the command (through
 * {@link io.github.tcpwrappers.HostsAccess#twist} on a byte stream,
 * {@link io.github.tcpwrappers.HostsAccess#twistOutput} for a whole answer), then the
 * connection or request ends. {@link #granted()} still tells which table
 * matched, for logs and for doors that report a status.
 *
 * @param granted whether the client may proceed
 * @param rule the matched rule, when one matched
 * @param options every option the rule ran, in order, with expanded values
 * @param banner the expanded banner text ({@code \r\n} line ends), when the rule has {@code banners},
 *     in {@link ByteText}'s lossless form; {@link #bannerBytes()} gives the bytes to send
 * @param twist the command that takes over the connection, when the rule has {@code twist} (on
 *     a grant too: the service is never reached)
 * @param spawns the commands the rule started in the background (the engine starts them within
 *     its process limits and drops, counts and logs those over the limits)
 * @param severity the syslog priority (facility * 8 + level) a {@code severity} option set
 * @param keepalive whether the rule asked for TCP keepalive
 * @param lingerSeconds the SO_LINGER time the rule asked for
 * @param diagnostics the warnings and errors met while deciding, as libwrap would log them
 */
public record Decision(boolean granted, Optional<RuleLocation> rule, List<AppliedOption> options,
        Optional<String> banner, Optional<Command> twist, List<Command> spawns, OptionalInt severity,
        boolean keepalive, OptionalInt lingerSeconds, List<Diagnostic> diagnostics) {

    /**
     * Copies the lists.
     *
     * @param granted whether the client may proceed
     * @param rule the matched rule, when one matched
     * @param options every option the rule ran, in order, with expanded values
     * @param banner the expanded banner text ({@code \r\n} line ends), when the rule has
     *     {@code banners}, in {@link ByteText}'s lossless form; {@link #bannerBytes()} gives the bytes
     *     to send
     * @param twist the command that takes over the connection, when the rule has {@code twist} (on
     *     a grant too: the service is never reached)
     * @param spawns the commands the rule started in the background (the engine starts them within
     *     its process limits and drops, counts and logs those over the limits)
     * @param severity the syslog priority (facility * 8 + level) a {@code severity} option set
     * @param keepalive whether the rule asked for TCP keepalive
     * @param lingerSeconds the SO_LINGER time the rule asked for
     * @param diagnostics the warnings and errors met while deciding, as libwrap would log them
     */
    public Decision {
        options = List.copyOf(options);
        spawns = List.copyOf(spawns);
        diagnostics = List.copyOf(diagnostics);
    }

    /** {@return the answer when no rule matched: granted, nothing else} */
    public static Decision grantedByDefault() {
        return DEFAULT_GRANT;
    }

    private static final Decision DEFAULT_GRANT = plain(true, Optional.empty());

    /**
     * A verdict and the rule that made it, if any, with no options, banner, commands or notes:
     * what a rule without options decides.
     *
     * <pre>{@code
     * Decision denied = Decision.plain(false, Optional.of(new RuleLocation("/etc/hosts.deny", 3)));
     * }</pre>
     *
     * @param granted whether the client may proceed
     * @param rule the matched rule, when one matched
     * @return the decision
     */
    public static Decision plain(boolean granted, Optional<RuleLocation> rule) {
        return new Decision(granted, rule, List.of(), Optional.empty(), Optional.empty(), List.of(),
                OptionalInt.empty(), false, OptionalInt.empty(), List.of());
    }

    /**
     * A denial no rule made, for the reason given (the engine could not decide safely: fail closed).
     *
     * @param why what kept the engine from deciding
     * @return a denial carrying that diagnostic
     */
    public static Decision deniedFor(Diagnostic why) {
        return new Decision(false, Optional.empty(), List.of(), Optional.empty(), Optional.empty(), List.of(),
                OptionalInt.empty(), false, OptionalInt.empty(), List.of(why));
    }

    /**
     * The banner's exact bytes, as libwrap writes them to the client.
     *
     * @return the banner bytes, when the rule has {@code banners}
     */
    public Optional<byte[]> bannerBytes() {
        return banner.map(ByteText::toBytes);
    }

    /** {@return whether the client is refused} */
    public boolean denied() {
        return !granted;
    }
}
