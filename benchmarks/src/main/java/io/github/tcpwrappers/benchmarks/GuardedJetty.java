package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.servlet.HostsAccessFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
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
 * A Jetty 12.1 (ee11) server on 127.0.0.1 with a tiny servlet ({@link Hello}) or a small page
 * ({@link Page}), guarded by nothing ({@code none}), by a filter that only passes requests on
 * ({@code noopFilter}), by one that only reads the connection's ends and sets one attribute
 * ({@code floorFilter}: the least this job asks of the container), by {@link HostsAccessFilter} ({@code filter}; {@code timedFilter} also times it with {@link OwnTime}) or by Jetty's
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

    /**
     * An application that does some work: a product list of 40 rows rendered to HTML with
     * escaping (about 3 KB), as a small dynamic page would be.
     */
    public static final class Page extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            StringBuilder html = new StringBuilder(4096).append("<!doctype html><title>Shop</title><table>\n");
            String visitor = req.getRemoteAddr();
            for (int i = 0; i < 40; i++) {
                html.append("<tr><td>").append(i).append("</td><td>");
                escape(html, "Item <" + i + "> & \"friends\" for " + visitor);
                html.append("</td><td>").append(String.format("%.2f", i * 1.25 + 0.99)).append("</td></tr>\n");
            }
            byte[] body = html.append("</table>\n").toString().getBytes(StandardCharsets.UTF_8);
            resp.setContentType("text/html;charset=UTF-8");
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
        }

        private static void escape(StringBuilder out, String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '&' -> out.append("&amp;");
                    case '"' -> out.append("&quot;");
                    default -> out.append(c);
                }
            }
        }
    }

    GuardedJetty(String guard, int rules, String app) throws Exception {
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
        context.addServlet(new ServletHolder(switch (app) {
            case "hello" -> new Hello();
            case "page" -> new Page();
            default -> throw new IllegalArgumentException("app must be hello or page: " + app);
        }), "/*");
        Handler top = context;
        HostsAccess engine = null;
        switch (guard) {
            case "none" -> { }
            case "filter", "timedFilter" -> {
                engine = HostsAccess.builder().directory(dir).build();
                Filter filter = HostsAccessFilter.create(engine, "bench");
                // The timing wrapper has a price of its own, so only the timed server pays it.
                FilterHolder holder = new FilterHolder(guard.equals("filter") ? filter : new OwnTime(filter, ownTime));
                holder.setAsyncSupported(true);
                context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            }
            case "noopFilter" -> {
                // Jetty's own cost of a filter chain, to tell it apart from the filter's work.
                FilterHolder holder = new FilterHolder((Filter) (req, res, chain) -> chain.doFilter(req, res));
                holder.setAsyncSupported(true);
                context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            }
            case "floorFilter" -> {
                // The least any filter doing this job asks of the container: both ends of the
                // connection, and one request attribute to tell the application.
                FilterHolder holder = new FilterHolder((Filter) (req, res, chain) -> {
                    if (req.getRemotePort() + req.getLocalPort() > 0 && !req.getLocalAddr().isEmpty()) {
                        req.setAttribute("floor", req.getRemoteAddr());
                    }
                    chain.doFilter(req, res);
                });
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
            default -> throw new IllegalArgumentException(
                    "guard must be none, noopFilter, floorFilter, filter, timedFilter or inetAccess: " + guard);
        }
        access = engine;
        server.setHandler(top);
        server.start();
        port = connector.getLocalPort();
    }

    /** Time the guard filter spent before passing a request on, in the running server (timedFilter guard only). */
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
