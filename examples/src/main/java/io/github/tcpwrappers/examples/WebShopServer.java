/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.examples;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.examples.quickstart.ServletQuickStart;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A Jetty 12.1 (ee11) web application whose {@code WEB-INF/web.xml} registers
 * {@code HostsAccessFilter} under the daemon name {@value #DAEMON}: a granted client gets the
 * shop's page, a refused one {@code 403} with the rule's banner text. The filter builds and
 * reloads its own engine from the files web.xml names.
 *
 * <pre>{@code
 * cd examples && java -cp ... io.github.tcpwrappers.examples.WebShopServer [port]
 * curl http://127.0.0.1:18080/
 * }</pre>
 */
public final class WebShopServer implements AutoCloseable {
    /** The daemon name web.xml gives the filter. */
    public static final String DAEMON = "webshop";
    /** The port {@link #main} listens on when given none. */
    public static final int DEFAULT_PORT = 18080;
    /** The exploded web application, relative to {@code examples/}. */
    public static final Path WEBAPP = Path.of("src", "main", "webapp");

    private final Server server;
    private final Optional<Path> overrideDescriptor;

    private WebShopServer(Server server, Optional<Path> overrideDescriptor) {
        this.server = server;
        this.overrideDescriptor = overrideDescriptor;
    }

    /**
     * Deploys the web application on {@code bind} (port 0: any free port). With
     * {@code rulesDir} other than {@link ExampleRules#DIRECTORY}, the filter reads that
     * directory's files instead of the ones web.xml names: an override descriptor sets its
     * {@code allow-file} and {@code deny-file}, as a deployment would without editing the war.
     *
     * @throws Exception when Jetty cannot start, the port is taken, or the filter refuses the
     *     rule files (strict mode: every problem as FILE:LINE)
     */
    public static WebShopServer start(Path rulesDir, InetSocketAddress bind) throws Exception {
        if (!Files.isRegularFile(WEBAPP.resolve("WEB-INF/web.xml"))) {
            throw new IllegalStateException(WEBAPP.resolve("WEB-INF/web.xml") + " not found in "
                    + Path.of("").toAbsolutePath() + ": run from the examples/ directory");
        }
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(bind.getAddress().getHostAddress());
        connector.setPort(bind.getPort());
        server.addConnector(connector);

        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setWar(WEBAPP.toAbsolutePath().toString());
        // A filter that refuses its rule files must stop the server, not leave it serving unguarded.
        webapp.setThrowUnavailableOnStartupException(true);
        Optional<Path> override = Optional.empty();
        if (!Files.isSameFile(rulesDir, ExampleRules.DIRECTORY)) {
            override = Optional.of(overrideDescriptor(rulesDir));
            webapp.addOverrideDescriptor(override.get().toString());
        }
        server.setHandler(webapp);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            delete(override);
            throw e;
        }
        return new WebShopServer(server, override);
    }

    /**
     * Serves the same shop page on {@code bind} with the filter registered in code on
     * {@code access}, an engine the caller shares with other servers (the demo's three doors
     * share one: one reload, one log line per change). Closing the server leaves the engine open.
     */
    public static WebShopServer start(HostsAccess access, InetSocketAddress bind) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(bind.getAddress().getHostAddress());
        connector.setPort(bind.getPort());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletQuickStart.guard(context, access, DAEMON);
        context.addServlet(new ServletHolder(new ShopServlet()), "/*");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new WebShopServer(server, Optional.empty());
    }

    private static Path overrideDescriptor(Path rulesDir) throws IOException {
        Path file = Files.createTempFile("webshop-override", ".xml");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
                  <filter>
                    <filter-name>hosts-access</filter-name>
                    <init-param><param-name>allow-file</param-name><param-value>%s</param-value></init-param>
                    <init-param><param-name>deny-file</param-name><param-value>%s</param-value></init-param>
                  </filter>
                </web-app>
                """.formatted(xml(rulesDir.resolve("hosts.allow")), xml(rulesDir.resolve("hosts.deny"))));
        return file;
    }

    private static String xml(Path path) {
        return path.toAbsolutePath().toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void delete(Optional<Path> file) throws IOException {
        if (file.isPresent()) {
            Files.deleteIfExists(file.get());
        }
    }

    /** Where the server listens. */
    public InetSocketAddress address() {
        ServerConnector connector = (ServerConnector) server.getConnectors()[0];
        return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    }

    /** Stops Jetty (the filter closes its engine) and waits for it. */
    @Override
    public void close() throws IOException {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IOException("jetty did not stop cleanly: " + e, e);
        } finally {
            delete(overrideDescriptor);
        }
    }

    /** Runs the shop on {@code 127.0.0.1:[port]} with the rules web.xml names, until killed. */
    public static void main(String[] args) throws Exception {
        int port = Launch.port(args, DEFAULT_PORT);
        Path rules = ExampleRules.directory();
        WebShopServer shop = Launch.bound(() -> start(rules, new InetSocketAddress("127.0.0.1", port)), "webshop",
                port);
        System.out.println("web shop (Jetty, web.xml) on http://" + shop.address().getHostString() + ":"
                + shop.address().getPort() + "/, rules in " + rules.toAbsolutePath());
        shop.server.setStopAtShutdown(true);
        shop.server.join();
    }
}
