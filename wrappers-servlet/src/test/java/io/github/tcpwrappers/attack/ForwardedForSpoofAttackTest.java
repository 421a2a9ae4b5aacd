/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.servlet.HostsAccessFilter;
import io.github.tcpwrappers.servlet.RawHttp;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.RemoteIpValve;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 18 item 12: Tomcat's {@code RemoteIpValve} with its default {@code internalProxies}
 * trusts every loopback and RFC 1918 client, so any client on those addresses turns a 403 into
 * a 200 by sending {@code X-Forwarded-For} with an allowed address. Configured with the exact
 * proxy address (as {@code internalProxies}, or as {@code trustedProxies} with no internal
 * ones), only the proxy's header is believed. Real embedded Tomcat, real sockets: the client
 * connects directly from 127.0.0.1, the proxy is 127.0.0.5, hosts.allow admits only 127.0.0.4.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForwardedForSpoofAttackTest {
    private static final String PROXY = "127.0.0.5";
    private Tomcat tomcat;
    private HostsAccess access;
    private int port;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "shop: 127.0.0.4\n");
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
        access = HostsAccess.builder().directory(dir).build();
        tomcat = new Tomcat();
        tomcat.setBaseDir(dir.resolve("tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        app("/direct", null);
        app("/default", new RemoteIpValve());
        RemoteIpValve exact = new RemoteIpValve();
        exact.setInternalProxies("127\\.0\\.0\\.5");
        app("/exact", exact);
        RemoteIpValve trusted = new RemoteIpValve();
        trusted.setInternalProxies("");
        trusted.setTrustedProxies("127\\.0\\.0\\.5");
        app("/trusted", trusted);
        tomcat.start();
        port = connector.getLocalPort();
    }

    /** A context whose filter decides as "shop", behind {@code valve} when there is one. */
    private void app(String path, RemoteIpValve valve) {
        Context context = tomcat.addContext(path, null);
        if (valve != null) {
            context.getPipeline().addValve(valve);
        }
        Tomcat.addServlet(context, "app", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.getWriter().print("app client=" + request.getRemoteAddr());
            }
        });
        context.addServletMappingDecoded("/*", "app");
        FilterDef def = new FilterDef();
        def.setFilterName("hosts-access");
        def.setFilter(HostsAccessFilter.create(access, "shop"));
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("hosts-access");
        map.addURLPattern("/*");
        context.addFilterMap(map);
    }

    @AfterAll
    void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
        access.close();
    }

    @ParameterizedTest(name = "{0} from {1} with X-Forwarded-For {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            /direct  | 127.0.0.1 | 127.0.0.4 | 403
            /default | 127.0.0.1 | 127.0.0.4 | 200
            /exact   | 127.0.0.1 | 127.0.0.4 | 403
            /trusted | 127.0.0.1 | 127.0.0.4 | 403
            /exact   | 127.0.0.5 | 127.0.0.4 | 200
            /trusted | 127.0.0.5 | 127.0.0.4 | 200
            /exact   | 127.0.0.5 | 127.0.0.2 | 403
            """)
    void onlyTheProxysHeaderIsBelieved(String path, String from, String forwardedFor, int status) throws Exception {
        RawHttp.Response response = RawHttp.get(from, "127.0.0.1", port, path + "/", "X-Forwarded-For: " + forwardedFor);
        assertEquals(status, response.status(), response.body());
        if (status == 200) {
            assertEquals("app client=" + forwardedFor, response.body());
        }
    }
}
