package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.servlet.HostsAccessFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.InetAccessHandler;

/**
 * A Jetty 12.1 (ee11) server on 127.0.0.1 with a tiny servlet, guarded by nothing
 * ({@code none}), by a filter that only passes requests on ({@code noopFilter}), by
 * {@link HostsAccessFilter} ({@code filter}) or by Jetty's
 * {@link InetAccessHandler} ({@code inetAccess}) on equivalent rules: {@code rules - 1} other
 * allowed addresses, then 127.0.0.1 allowed, everyone else denied.
 */
final class GuardedJetty implements AutoCloseable {
    private final Path dir;
    private final Server server;
    private final HostsAccess access;
    private final OwnTime.Totals ownTime = new OwnTime.Totals();
    final int port;

    /** The application: a fixed short answer. */
    public static final class Hello extends HttpServlet {
        private static final byte[] BODY = "hello\n".getBytes(StandardCharsets.US_ASCII);

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.setContentLength(BODY.length);
            resp.getOutputStream().write(BODY);
        }
    }

    GuardedJetty(String guard, int rules) throws Exception {
        List<String> others = new ArrayList<>();
        for (int i = 0; i < rules - 1; i++) {
            others.add("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        dir = Files.createTempDirectory("servlet-bench");
        StringBuilder allow = new StringBuilder();
        others.forEach(a -> allow.append("bench: ").append(a).append('\n'));
        allow.append("bench: 127.0.0.1\n");
        Files.writeString(dir.resolve("hosts.allow"), allow);
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");

        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new Hello()), "/*");
        Handler top = context;
        HostsAccess engine = null;
        switch (guard) {
            case "none" -> { }
            case "filter" -> {
                engine = HostsAccess.builder().directory(dir).build();
                FilterHolder holder = new FilterHolder(new OwnTime(HostsAccessFilter.create(engine, "bench"), ownTime));
                holder.setAsyncSupported(true);
                context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            }
            case "noopFilter" -> {
                // Jetty's own cost of a filter chain, to tell it apart from the filter's work.
                FilterHolder holder = new FilterHolder((jakarta.servlet.Filter) (req, res, chain) -> chain.doFilter(req, res));
                holder.setAsyncSupported(true);
                context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            }
            case "inetAccess" -> {
                InetAccessHandler inet = new InetAccessHandler();
                others.forEach(inet::include);
                inet.include("127.0.0.1");
                inet.setHandler(context);
                top = inet;
            }
            default -> throw new IllegalArgumentException("guard must be none, noopFilter, filter or inetAccess: " + guard);
        }
        access = engine;
        server.setHandler(top);
        server.start();
        port = connector.getLocalPort();
    }

    /** Time the guard filter spent before passing a request on, in the running server (filter guard only). */
    OwnTime.Totals ownTime() {
        return ownTime;
    }

    @Override
    public void close() throws Exception {
        server.stop();
        if (access != null) {
            access.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
