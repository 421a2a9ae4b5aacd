/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.benchmarks;

import java.nio.file.Files;
import java.util.Optional;
import java.util.Set;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * An embedded Tomcat 11 server on 127.0.0.1 with one of {@link ServerParts}' applications,
 * guarded by nothing ({@code none}) or by one of {@link ServerParts}' filters: the same filter
 * in a second container, whose request API costs differ from Jetty's. Keep-alive connections are
 * never closed by the server (Tomcat's default closes one after 100 requests).
 */
final class GuardedTomcat extends GuardedServer {
    private final Tomcat tomcat;
    private final int port;

    GuardedTomcat(String guard, int rules, String app) throws Exception {
        super("tomcat", guard, Set.of());
        ServerParts.writeRules(dir, rules);
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(dir.resolve("tomcat")).toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxKeepAliveRequests", "-1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "app", ServerParts.app(app));
        context.addServletMappingDecoded("/*", "app");
        Optional<ServerParts.Guard> filter = guardFilter(guard);
        if (filter.isPresent()) {
            FilterDef def = new FilterDef();
            def.setFilterName("guard");
            def.setFilter(filter.get().filter());
            def.setAsyncSupported("true");
            context.addFilterDef(def);
            FilterMap map = new FilterMap();
            map.setFilterName("guard");
            map.addURLPattern("/*");
            map.setDispatcher("REQUEST");
            map.setDispatcher("ASYNC");
            context.addFilterMap(map);
        }
        tomcat.start();
        port = connector.getLocalPort();
    }

    @Override
    int port() {
        return port;
    }

    @Override
    void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
