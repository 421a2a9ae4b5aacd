/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.servlet;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.contract.Door;
import io.github.tcpwrappers.contract.Expected;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The contract's driver for {@link HostsAccessFilter}: one Jetty 12.1 ee11 server (a connector
 * per server address, added when first asked for) whose filter chain holds the current case's
 * filter (async supported) in front of {@link EchoServlet} (whose body starts {@code app client=}).
 * The client sends one GET; what it
 * observes is the status and body when the servlet did not answer ({@code 200} for a twist on a
 * grant, else the refusal's {@code 403}), and the status alone when it did.
 */
final class ServletDoor implements Door {
    private final Server server = new Server();
    private final ServletContextHandler context = new ServletContextHandler("/");
    private final Map<InetAddress, ServerConnector> connectors = new ConcurrentHashMap<>();
    private volatile Filter current;
    private volatile FilterConfig config;

    ServletDoor() throws Exception {
        // The holder's filter hands each request to the current case's HostsAccessFilter.
        FilterHolder holder = new FilterHolder(new Filter() {
            @Override
            public void init(FilterConfig config) {
                ServletDoor.this.config = config;
            }

            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                current.doFilter(request, response, chain);
            }
        });
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        ServletHolder servlet = new ServletHolder(new EchoServlet());
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, "/*");
        server.setHandler(context);
        server.start();
    }

    @Override
    public String name() {
        return "servlet";
    }

    @Override
    public boolean carriesInput() {
        return false;
    }

    @Override
    public void serve(HostsAccess engine, String daemon) throws ServletException {
        Filter next = HostsAccessFilter.create(engine, daemon);
        next.init(config); // as the container would; a filter given an engine keeps it
        Filter before = current;
        current = next;
        if (before != null) {
            before.destroy();
        }
    }

    @Override
    public Observed ask(InetAddress client, InetAddress server, byte[] input) throws IOException {
        ServerConnector connector = connectors.computeIfAbsent(server, this::connector);
        RawHttp.Response response = RawHttp.get(client.getHostAddress(), server.getHostAddress(),
                connector.getLocalPort(), "/contract");
        boolean served = response.body().startsWith("app client=");
        return served ? Observed.served(Integer.toString(response.status()))
                : Observed.refused(response.status() + " " + response.body());
    }

    @Override
    public Observed present(Expected expected) {
        if (expected.twist().isPresent()) {
            return Observed.refused((expected.granted() ? 200 : 403) + " " + expected.bannerThenTwist());
        }
        return expected.granted() ? Observed.served("200") : Observed.refused("403 " + expected.banner().orElse(""));
    }

    private ServerConnector connector(InetAddress address) {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(address.getHostAddress());
        connector.setPort(0);
        server.addConnector(connector);
        try {
            connector.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on " + address, e);
        }
        return connector;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
