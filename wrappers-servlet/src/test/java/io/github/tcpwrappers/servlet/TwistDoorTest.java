package io.github.tcpwrappers.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.testing.TwistCases;
import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
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
            twist.assertEndedWithTheCommand(took);
        }
    }

    @Test
    void floodOfTwistRequestsRunsNoMoreCommandsThanTheLimit() throws Exception {
        String twisted = TwistCases.FLOOD.expected("shop");
        try (HostsAccess access = TwistCases.FLOOD.engine(dir, "shop"); Jetty jetty = new Jetty(access)) {
            TwistCases.Flood<RawHttp.Response> flood = TwistCases.flood(jetty::get);
            assertTrue(flood.answers().stream().allMatch(r -> r.status() == 403), "every flood request refused");
            flood.assertBounded(flood.answers().stream().filter(r -> r.body().equals(twisted)).count());
            // The door is not wedged: once the commands are gone, a twist runs again.
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            String again = jetty.get("127.0.4.1").body();
            while (!twisted.equals(again) && System.nanoTime() < end) {
                Thread.sleep(50);
                again = jetty.get("127.0.4.1").body();
            }
            assertEquals(twisted, again);
        }
    }
}
