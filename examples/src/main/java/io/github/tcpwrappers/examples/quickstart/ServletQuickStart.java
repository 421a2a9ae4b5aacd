/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.examples.quickstart;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.servlet.HostsAccessFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.EnumSet;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/** A Jetty 12 (ee11) application that obeys /etc/hosts.allow and /etc/hosts.deny as "webshop". */
public final class ServletQuickStart {
    public static void main(String[] args) throws Exception {
        Path rules = Path.of(args.length > 0 ? args[0] : "/etc");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8080;
        try (HostsAccess access = HostsAccess.builder().directory(rules).build()) {
            start(access, new InetSocketAddress(port)).join();
        }
    }

    /** Starts Jetty on {@code address} with the filter before every servlet. */
    public static Server start(HostsAccess access, InetSocketAddress address) throws Exception {
        ServletContextHandler context = new ServletContextHandler("/");
        guard(context, access, "webshop");
        context.addServlet(new ServletHolder(new Shop()), "/*");
        Server server = new Server(address);
        server.setHandler(context);
        server.start();
        return server;
    }

    /** Puts the filter in front of everything {@code context} serves, under the name {@code daemon}. */
    public static void guard(ServletContextHandler context, HostsAccess access, String daemon) {
        FilterHolder wrappers = new FilterHolder(HostsAccessFilter.create(access, daemon));
        // The filter waits for name and ident lookups without holding a container thread.
        wrappers.setAsyncSupported(true);
        context.addFilter(wrappers, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
    }

    private static final class Shop extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().println("welcome to the shop");
        }
    }
}
