/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import io.github.tcpwrappers.value.Decision;
import io.github.tcpwrappers.value.Diagnostic;
import io.github.tcpwrappers.value.TwistOutput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a door that answers in one piece (an HTTP response, a gRPC status) sends for a decision,
 * in the whole-output form of {@link Decision#twist()}: the banner, then the twist command's
 * output, which answers in the service's place even on a grant. Immutable.
 *
 * <pre>{@code
 * Answer.check(access, request, Duration.ofSeconds(10)).thenAccept(answer -> {
 *     if (answer.passes()) serve(); else respond(answer.granted() ? 200 : 403, answer.body());
 * });
 * }</pre>
 */
public final class Answer {
    private static final Logger LOG = LoggerFactory.getLogger(Answer.class);

    private final Decision decision;
    private final byte[] banner;
    private final Optional<TwistOutput> twist;
    private final Optional<Throwable> failure;

    private Answer(Decision decision, byte[] banner, Optional<TwistOutput> twist, Optional<Throwable> failure) {
        this.decision = decision;
        this.banner = banner;
        this.twist = twist;
        this.failure = failure;
    }

    /**
     * The answer to {@code request}: its decision within {@code timeout} (the engine's one timer
     * bounds it, its command limits a twist), or, when the decision fails or does not come in
     * time, {@link #failed the refusal no rule made} (fail closed). Never completes exceptionally.
     *
     * <pre>{@code
     * Answer.check(access, request, Duration.ofSeconds(10)).thenAccept(answer -> answer.failure()
     *         .ifPresent(why -> log.warn("no decision ({}), refusing", why.toString())));
     * }</pre>
     *
     * @param access the engine that decides
     * @param request what to decide
     * @param timeout the longest wait for the decision
     * @return the answer to {@code request}
     */
    public static CompletionStage<Answer> check(HostsAccess access, AccessRequest request, Duration timeout) {
        CompletionStage<Decision> decided;
        try {
            decided = access.check(request, timeout);
        } catch (RuntimeException e) {
            decided = CompletableFuture.failedFuture(e);
        }
        return decided.thenCompose(decision -> of(access, decision)).exceptionally(Answer::failed);
    }

    /**
     * The answer when no decision came: a refusal no rule made, with no body, whose
     * {@link #failure()} is {@code why} (unwrapped from a {@link CompletionException}).
     *
     * @param why what kept the decision from coming (a {@code TimeoutException} when it was late)
     * @return the refusal
     */
    public static Answer failed(Throwable why) {
        Throwable cause = why instanceof CompletionException && why.getCause() != null ? why.getCause() : why;
        return new Answer(Decision.deniedFor(new Diagnostic(Diagnostic.Level.ERROR, Optional.empty(),
                "no decision: " + cause)), new byte[0], Optional.empty(), Optional.of(cause));
    }

    /**
     * The answer to {@code decision}: at once when its rule has no {@code twist}, else when the
     * command ended (in the engine, within its {@code CommandLimits}; never on the caller's
     * thread). A twist the limits refused answers without its output, and says so in the log.
     *
     * @param access the engine that decides
     * @param decision the engine's decision
     * @return the answer to {@code decision}
     */
    public static CompletionStage<Answer> of(HostsAccess access, Decision decision) {
        Objects.requireNonNull(access, "access");
        byte[] banner = decision.bannerBytes().orElse(new byte[0]);
        if (decision.twist().isEmpty()) {
            return CompletableFuture.completedFuture(new Answer(decision, banner, Optional.empty(), Optional.empty()));
        }
        return access.twistOutput(decision.twist().get()).thenApply(output -> {
            if (output.ending() == TwistOutput.Ending.REFUSED) {
                LOG.warn("{}: twist refused by the command limits; answering without its output",
                        decision.rule().map(Object::toString).orElse("twist"));
            }
            return new Answer(decision, banner, Optional.of(output), Optional.empty());
        });
    }

    /**
     * The decision answered.
     *
     * @return the decision answered
     */
    public Decision decision() {
        return decision;
    }

    /**
     * Why no decision came ({@link #failed}), when none did: the request is refused.
     *
     * @return why no decision came, when none did
     */
    public Optional<Throwable> failure() {
        return failure;
    }

    /**
     * Whether the service serves the request: granted, and no twist answers in its place.
     *
     * @return whether the service serves the request
     */
    public boolean passes() {
        return decision.granted() && twist.isEmpty();
    }

    /**
     * Whether the rule came from the allow side (a twist on a grant answers with a success status).
     *
     * @return whether the rule came from the allow side
     */
    public boolean granted() {
        return decision.granted();
    }

    /**
     * The twist command's output, when the rule has one.
     *
     * @return the twist command's output, when the rule has one
     */
    public Optional<TwistOutput> twist() {
        return twist;
    }

    /**
     * The bytes to send: the banner (on a refusal or a twist), then the twist output; empty on a pass.
     *
     * @return the bytes to send
     */
    public byte[] body() {
        if (passes()) {
            return new byte[0];
        }
        byte[] out = twist.map(TwistOutput::bytes).orElse(new byte[0]);
        byte[] body = new byte[banner.length + out.length];
        System.arraycopy(banner, 0, body, 0, banner.length);
        System.arraycopy(out, 0, body, banner.length, out.length);
        return body;
    }

    /**
     * The answer as one short text (a status description): the twist output when it says
     * anything, else the banner, {@link #clip clipped} to {@code limit} UTF-8 bytes; empty when
     * there is neither, or on a pass.
     *
     * @param limit the most UTF-8 bytes
     * @return the answer as one short text (a status description)
     */
    public Optional<String> text(int limit) {
        if (passes()) {
            return Optional.empty();
        }
        Optional<String> said = twist.map(o -> utf8Prefix(o.bytes(), Math.min(o.length(), limit)))
                .filter(t -> !t.isBlank());
        return said.or(decision::banner).map(t -> clip(t, limit)).filter(t -> !t.isEmpty());
    }

    /**
     * The text with CR LF line ends made LF and trailing blanks dropped, cut to at most
     * {@code limit} UTF-8 bytes on a character boundary.
     *
     * @param text the text
     * @param limit the most UTF-8 bytes
     * @return the clipped text
     */
    public static String clip(String text, int limit) {
        String plain = text.replace("\r\n", "\n").stripTrailing();
        byte[] utf8 = plain.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= limit) {
            return plain;
        }
        return utf8Prefix(utf8, limit).stripTrailing();
    }

    /**
     * The first {@code limit} bytes as UTF-8, without a character cut in half at the end.
     *
     * @param utf8 UTF-8 bytes
     * @param limit the most UTF-8 bytes
     * @return the decoded prefix
     */
    public static String utf8Prefix(byte[] utf8, int limit) {
        int end = Math.min(limit, utf8.length);
        if (end < utf8.length) {
            // Back up over continuation bytes (10xxxxxx) to the start of the cut character.
            int start = end;
            while (start > 0 && (utf8[start] & 0xC0) == 0x80) {
                start--;
            }
            end = start;
        }
        return new String(utf8, 0, end, StandardCharsets.UTF_8);
    }
}
