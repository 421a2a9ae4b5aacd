package io.github.tcpwrappers.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.testing.Processes;
import io.github.tcpwrappers.testing.TwistCases;
import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shared twist cases ({@link TwistCases}) through {@link HostsAccessFilter} on a real Jetty:
 * the command's output is the body (200 on a grant, 403 on a refusal), stdin is empty, and the
 * servlet never runs.
 */
class TwistDoorTest {
    @TempDir
    Path dir;

    /** A Jetty 12.1 ee11 server on 127.0.0.1 with the filter (async) in front of the echo servlet. */
    static final class Jetty implements AutoCloseable {
        final Server server = new Server();
        final ServerConnector connector = new ServerConnector(server);
        final ServletContextHandler context = new ServletContextHandler("/");

        Jetty(HostsAccess access) throws Exception {
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            FilterHolder filter = new FilterHolder(HostsAccessFilter.create(access, "shop"));
            filter.setAsyncSupported(true);
            context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            ServletHolder servlet = new ServletHolder(new EchoServlet());
            servlet.setAsyncSupported(true);
            context.addServlet(servlet, "/*");
            server.setHandler(context);
            server.start();
        }

        RawHttp.Response get(String from) throws Exception {
            return RawHttp.get(from, "127.0.0.1", connector.getLocalPort(), "/hello");
        }

        int hits() {
            return EchoServlet.hits(context.getServletContext());
        }

        @Override
        public void close() throws Exception {
            server.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TwistCases.class, names = {"GRANTED", "HALF_CLOSE", "LONG_RUNNING", "GRANDCHILD"})
    void twistAnswersInTheApplicationsPlaceWithinTheLimits(TwistCases twist) throws Exception {
        try (HostsAccess access = twist.engine(dir, "shop"); Jetty jetty = new Jetty(access)) {
            long start = System.nanoTime();
            RawHttp.Response response = jetty.get("127.0.0.2");
            long took = System.nanoTime() - start;
            assertEquals(twist == TwistCases.GRANTED ? 200 : 403, response.status());
            assertEquals(twist.expectedWithoutInput("shop"), response.body());
            assertEquals(0, jetty.hits(), "the application never ran");
            if (twist != TwistCases.LONG_RUNNING) {
                assertTrue(took < TwistCases.LIMITS.timeout().toNanos(), "over when the shell exits: " + took / 1e6 + " ms");
            }
        }
        assertEquals(0, Processes.awaitNone(Duration.ofSeconds(5), twist.sleepArgv()), "nothing of the command left");
    }

    @Test
    void floodOfTwistRequestsRunsNoMoreCommandsThanTheLimit() throws Exception {
        TwistCases flood = TwistCases.FLOOD;
        ExecutorService clients = Executors.newFixedThreadPool(TwistCases.FLOOD_CLIENTS);
        List<RawHttp.Response> answers = new ArrayList<>();
        int peak;
        try (HostsAccess access = flood.engine(dir, "shop"); Jetty jetty = new Jetty(access);
             Processes.Peak sampler = Processes.peak(flood.sleepArgv())) {
            List<Future<RawHttp.Response>> pending = new ArrayList<>();
            for (int i = 0; i < TwistCases.FLOOD_CLIENTS; i++) {
                String from = "127.0.3." + (i + 1);
                pending.add(clients.submit(() -> jetty.get(from)));
            }
            for (Future<RawHttp.Response> answer : pending) {
                answers.add(answer.get(20, TimeUnit.SECONDS));
            }
            peak = sampler.max();
            // The pool is not wedged: once the commands are gone, a twist runs again.
            assertEquals(0, Processes.awaitNone(Duration.ofSeconds(5), flood.sleepArgv()));
            ProcessAwait.until(() -> flood.expected("shop").equals(bodyOf(jetty)), Duration.ofSeconds(5));
        } finally {
            clients.shutdownNow();
        }
        long twisted = answers.stream().filter(r -> r.body().equals(flood.expected("shop"))).count();
        System.out.printf("servlet twist flood: %d requests, %d twisted, peak %d commands%n", answers.size(), twisted, peak);
        assertTrue(peak <= TwistCases.LIMITS.maxProcesses(), "peak " + peak);
        assertTrue(twisted >= 1 && twisted <= TwistCases.LIMITS.maxProcesses(), "twisted " + twisted);
        assertTrue(answers.stream().allMatch(r -> r.status() == 403), "every flood request refused");
        assertEquals(0, Processes.awaitNone(Duration.ofSeconds(5), flood.sleepArgv()));
    }

    private static String bodyOf(Jetty jetty) {
        try {
            return jetty.get("127.0.4.1").body();
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Polls a condition (the process table and the server change on their own time). */
    static final class ProcessAwait {
        static void until(BooleanSupplier done, Duration limit) throws InterruptedException {
            long end = System.nanoTime() + limit.toNanos();
            while (!done.getAsBoolean()) {
                assertTrue(System.nanoTime() < end, "not within " + limit);
                Thread.sleep(50);
            }
        }
    }
}
