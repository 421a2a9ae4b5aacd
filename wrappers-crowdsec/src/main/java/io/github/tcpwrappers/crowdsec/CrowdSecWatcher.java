/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tcpwrappers.value.Durations;
import io.github.tcpwrappers.value.Network;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * A CrowdSec "machine" (watcher) that turns a ban decided in this JVM into a CrowdSec decision,
 * which every bouncer of the fleet then enforces: it logs in ({@code POST /v1/watchers/login})
 * and posts an alert carrying the decision ({@code POST /v1/alerts}); an unban deletes the
 * decisions on the value ({@code DELETE /v1/decisions}).
 *
 * <pre>{@code
 * // cscli machines add jvm-web-3 --auto -f creds.yaml   (login and password are in creds.yaml)
 * CrowdSecWatcher watcher = CrowdSecWatcher.builder(URI.create("http://127.0.0.1:8080"))
 *     .machine("jvm-web-3", password)
 *     .build();
 * watcher.ban(Network.parse("203.0.113.7"), Duration.ofHours(4), "too many failed logins")
 *        .whenComplete((ok, failure) -> { if (failure != null) log.error("not banned", failure); });
 * }</pre>
 *
 * <p>Calls return at once; the exchanges run one at a time on the watcher's own thread, at most
 * {@link Builder#maxPending} waiting (more fail at once), so a flood of bans cannot become a
 * flood of threads or requests. CrowdSec 1.4.6 on SQLite refuses some writes with HTTP 500
 * "database is locked" while bouncers poll (each pull writes the bouncer's last pull); such a
 * write is tried again, up to 4 times in all, 50, 100, 200 ms apart. A
 * refused alert may have stored its decision all the same (1.4.6 inserts the decisions before
 * it links them to the alert), so a try again at worst leaves two decisions on the value, which
 * bouncers see as one.
 */
public final class CrowdSecWatcher implements AutoCloseable {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final long MAX_ANSWER = 64 * 1024;
    /** Log in again this long before the token's stated expiry. */
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);
    /** How often a write SQLite refused as locked is tried in all. */
    private static final int LOCKED_TRIES = 4;

    private final Builder config;
    private final String source;
    private final LapiClient lapi;
    private final ThreadPoolExecutor worker;
    // worker-thread state
    private Optional<String> token = Optional.empty();
    private Instant tokenExpires = Instant.MIN;

    private CrowdSecWatcher(Builder config) {
        this.config = config;
        this.source = "crowdsec watcher " + config.lapi;
        String name = "crowdsec-watcher " + config.lapi.getAuthority();
        this.lapi = new LapiClient(config.lapi, config.sslContext, config.requestTimeout, name);
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(config.maxPending),
                LapiClient.daemons(name));
    }

    /**
     * A builder for the Local API at {@code lapi}.
     *
     * @param lapi the Local API's base URI
     * @return a builder for a watcher of that LAPI
     */
    public static Builder builder(URI lapi) {
        return new Builder(lapi);
    }

    /**
     * Bans {@code network} (an address or a network, IPv4 or IPv6) for {@code ttl} across the
     * fleet. Completes once the LAPI has stored the decision; fails with
     * a message naming the LAPI otherwise.
     *
     * @param network the address or network to ban
     * @param ttl how long the ban lasts
     * @param reason why, as the decision's scenario
     * @return completes once the LAPI stored the decision
     */
    public CompletionStage<Void> ban(Network network, Duration ttl, String reason) {
        return ban(network, ttl, config.origin, reason);
    }

    /** The same with the decision's origin given (a bound list's entry carries its own). */
    CompletionStage<Void> ban(Network network, Duration ttl, String origin, String reason) {
        Objects.requireNonNull(network, "network");
        Durations.positive("ban time", ttl);
        String by = Printable.of(origin);
        String why = Printable.of(reason);
        return submit(() -> postAlert(network, ttl, by, why));
    }

    /**
     * Deletes every decision on {@code network} across the fleet (whoever made them, as {@code cscli decisions delete} does).
     *
     * @param network the network whose decisions go
     * @return completes once the LAPI deleted them
     */
    public CompletionStage<Void> unban(Network network) {
        Objects.requireNonNull(network, "network");
        return submit(() -> deleteDecisions(network));
    }

    /** {@return where the watcher writes, as its errors name it} */
    public String source() {
        return source;
    }

    private interface Exchange {
        void run() throws SourceException;
    }

    /** One write and the future its caller holds. */
    private final class Write implements Runnable {
        private final Exchange exchange;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        Write(Exchange exchange) {
            this.exchange = exchange;
        }

        @Override
        public void run() {
            try {
                exchange.run();
                done.complete(null);
            } catch (SourceException e) {
                done.completeExceptionally(new IllegalStateException(source + ": " + e.getMessage(), e));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }

        void fail(String why) {
            done.completeExceptionally(new IllegalStateException(source + ": " + why));
        }
    }

    private CompletionStage<Void> submit(Exchange exchange) {
        Write write = new Write(exchange);
        try {
            worker.execute(write);
        } catch (RejectedExecutionException e) {
            write.fail(worker.isShutdown() ? "closed" : config.maxPending + " writes already waiting; this one is dropped");
        }
        return write.done;
    }

    private void postAlert(Network target, Duration ttl, String origin, String reason) throws SourceException {
        boolean single = target.isSingleAddress();
        String network = target.toString();
        String scope = single ? "Ip" : "Range";
        String now = Instant.now(config.clock).truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode alert = JSON.createObjectNode();
        alert.put("scenario", config.scenario).put("scenario_hash", "").put("scenario_version", "")
                .put("message", origin + " bans " + network + ": " + reason).put("events_count", 1)
                .put("start_at", now).put("stop_at", now).put("capacity", 0).put("leakspeed", "0").put("simulated", false);
        alert.putArray("events");
        ObjectNode source = alert.putObject("source").put("scope", scope).put("value", network);
        if (single) {
            source.put("ip", network);
        } else {
            source.put("range", network);
        }
        alert.putArray("decisions").addObject().put("duration", Math.max(1, ttl.toSeconds()) + "s").put("origin", origin)
                .put("scenario", reason).put("scope", scope).put("type", "ban").put("value", network);
        ArrayNode body = JSON.createArrayNode().add(alert);
        LapiClient.Answer answer = unlessLocked(() -> lapi.request("/v1/alerts").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body))));
        if (answer.status() != 201 && answer.status() != 200) {
            throw new SourceException("the ban of " + network + " was refused: HTTP " + answer.status() + " " + answer.said());
        }
    }

    private void deleteDecisions(Network target) throws SourceException {
        String network = target.toString();
        String query = (target.isSingleAddress() ? "ip=" : "range=") + URLEncoder.encode(network, StandardCharsets.UTF_8);
        LapiClient.Answer answer = unlessLocked(() -> lapi.request("/v1/decisions?" + query).DELETE());
        if (answer.status() != 200) {
            throw new SourceException("the unban of " + network + " was refused: HTTP " + answer.status() + " " + answer.said());
        }
    }

    /** {@link #authorized}, again while the LAPI answers that its SQLite database is locked (see the class doc). */
    private LapiClient.Answer unlessLocked(Supplier<HttpRequest.Builder> request) throws SourceException {
        LapiClient.Answer answer = authorized(request);
        for (int tried = 1; tried < LOCKED_TRIES && answer.status() == 500 && answer.said().contains("database is locked"); tried++) {
            try {
                Thread.sleep(25L << tried);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException("interrupted");
            }
            answer = authorized(request);
        }
        return answer;
    }

    /** Sends with the machine's token, logging in first if needed and once more if the token was refused. */
    private LapiClient.Answer authorized(Supplier<HttpRequest.Builder> request) throws SourceException {
        LapiClient.Answer answer = lapi.exchange(request.get().header("Authorization", "Bearer " + token()).build(), MAX_ANSWER);
        if (answer.status() == 401) {
            token = Optional.empty(); // expired or revoked early: one fresh login
            answer = lapi.exchange(request.get().header("Authorization", "Bearer " + token()).build(), MAX_ANSWER);
        }
        return answer;
    }

    private String token() throws SourceException {
        Instant now = Instant.now(config.clock);
        if (token.isPresent() && now.isBefore(tokenExpires.minus(RENEW_BEFORE))) {
            return token.get();
        }
        Machine machine = config.machine.orElseThrow();
        ObjectNode login = JSON.createObjectNode().put("machine_id", machine.login()).put("password", machine.password());
        login.putArray("scenarios").add(config.scenario);
        LapiClient.Answer answer = lapi.exchange(lapi.request("/v1/watchers/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(login))).build(), MAX_ANSWER);
        if (answer.status() != 200) {
            throw new SourceException("login as machine \"" + Printable.of(machine.login()) + "\" refused: HTTP " + answer.status() + " "
                    + answer.said() + (answer.status() == 401 || answer.status() == 403
                            ? " (cscli machines add NAME --auto -f FILE writes a login and password)" : ""));
        }
        try {
            JsonNode reply = JSON.readTree(answer.body());
            String fresh = reply.path("token").asText("");
            if (fresh.isEmpty()) {
                throw new SourceException("the login answer has no token");
            }
            token = Optional.of(fresh);
            tokenExpires = Instant.parse(reply.path("expire").asText());
        } catch (IOException | DateTimeParseException e) {
            throw new SourceException("the login answer is not what the LAPI sends: " + Printable.of(String.valueOf(e.getMessage())));
        }
        return token.get();
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Stops; writes still waiting fail. */
    @Override
    public void close() {
        for (Runnable waiting : worker.shutdownNow()) {
            ((Write) waiting).fail("closed before this write was sent");
        }
        lapi.close();
    }

    /** Settings; {@link #build()} makes the watcher (it logs in on its first write). */
    public static final class Builder {
        private final URI lapi;
        private Optional<Machine> machine = Optional.empty();
        private Optional<SSLContext> sslContext = Optional.empty();
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxPending = 1000;
        private String origin = "tcpwrappers";
        private String scenario = "tcpwrappers/ban";
        private Clock clock = Clock.systemUTC();

        private Builder(URI lapi) {
            this.lapi = LapiClient.checkUrl(Objects.requireNonNull(lapi, "lapi"));
        }

        /**
         * The machine's login and password ({@code cscli machines add NAME --auto -f FILE}).
         *
         * @param login the machine's login
         * @param password the machine's password
         * @return this builder
         */
        public Builder machine(String login, String password) {
            return machine(new Machine(login, password));
        }

        Builder machine(Machine credentials) {
            this.machine = Optional.of(credentials);
            return this;
        }

        /**
         * TLS for an {@code https://} LAPI (its trust).
         *
         * @param context the TLS context
         * @return this builder
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Optional.of(context);
            return this;
        }

        /**
         * The most one exchange may take (default 10 s).
         *
         * @param timeout the longest one exchange may take
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Durations.positive("request timeout", timeout);
            return this;
        }

        /**
         * The most writes waiting for the LAPI (default 1,000); more fail at once.
         *
         * @param max the most writes waiting
         * @return this builder
         */
        public Builder maxPending(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max pending must be positive: " + max);
            }
            this.maxPending = max;
            return this;
        }

        /**
         * The origin the decisions carry, as bouncers and {@code cscli decisions list} show it (default {@code tcpwrappers}).
         *
         * @param origin the origin text
         * @return this builder
         */
        public Builder origin(String origin) {
            this.origin = Printable.of(origin);
            return this;
        }

        /**
         * The clock alert times are taken from (tests).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * {@return the watcher (it logs in on its first write)}
         *
         * @throws IllegalStateException when no machine login was given
         */
        public CrowdSecWatcher build() {
            if (machine.isEmpty()) {
                throw new IllegalStateException("crowdsec watcher " + lapi + ": machine(login, password) is needed");
            }
            Builder copy = new Builder(lapi); // a later change to this builder leaves the watcher alone
            copy.machine = machine;
            copy.sslContext = sslContext;
            copy.requestTimeout = requestTimeout;
            copy.maxPending = maxPending;
            copy.origin = origin;
            copy.scenario = scenario;
            copy.clock = clock;
            return new CrowdSecWatcher(copy);
        }
    }
}
