/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.servlet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes an exploded web application whose WEB-INF/web.xml registers the filter. */
final class WebApps {
    private WebApps() {
    }

    /**
     * The webapp directory: the filter on /* (REQUEST and ASYNC) with {@code params}, and the
     * {@link EchoServlet} on /* (async-supported) and on /sync/* (not async-supported).
     */
    static Path write(Path dir, Map<String, String> params) throws IOException {
        StringBuilder initParams = new StringBuilder();
        params.forEach((name, value) -> initParams.append("    <init-param><param-name>").append(name)
                .append("</param-name><param-value>").append(value).append("</param-value></init-param>\n"));
        String webXml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_1.xsd"
                         version="6.1" metadata-complete="true">
                  <filter>
                    <filter-name>hosts-access</filter-name>
                    <filter-class>io.github.tcpwrappers.servlet.HostsAccessFilter</filter-class>
                    <async-supported>true</async-supported>
                %s  </filter>
                  <filter-mapping>
                    <filter-name>hosts-access</filter-name>
                    <url-pattern>/*</url-pattern>
                    <dispatcher>REQUEST</dispatcher>
                    <dispatcher>ASYNC</dispatcher>
                  </filter-mapping>
                  <servlet>
                    <servlet-name>echo</servlet-name>
                    <servlet-class>io.github.tcpwrappers.servlet.EchoServlet</servlet-class>
                    <load-on-startup>1</load-on-startup>
                    <async-supported>true</async-supported>
                  </servlet>
                  <servlet>
                    <servlet-name>echo-sync</servlet-name>
                    <servlet-class>io.github.tcpwrappers.servlet.EchoServlet</servlet-class>
                    <load-on-startup>1</load-on-startup>
                  </servlet>
                  <servlet-mapping><servlet-name>echo</servlet-name><url-pattern>/*</url-pattern></servlet-mapping>
                  <servlet-mapping><servlet-name>echo-sync</servlet-name><url-pattern>/sync/*</url-pattern></servlet-mapping>
                </web-app>
                """.formatted(initParams);
        Files.createDirectories(dir.resolve("WEB-INF"));
        Files.writeString(dir.resolve("WEB-INF/web.xml"), webXml);
        return dir;
    }
}
