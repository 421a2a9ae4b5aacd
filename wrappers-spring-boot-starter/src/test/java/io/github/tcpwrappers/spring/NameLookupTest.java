package io.github.tcpwrappers.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** Name rules through the configured DNS server, on the servlet door and on WebFlux. */
class NameLookupTest {

    @AfterAll
    static void stopDns() throws Exception {
        NameLookupContract.DNS.close();
    }

    @Nested
    @SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    @Import(OnTomcat.class)
    class OnTomcatServlet extends NameLookupContract {
        @Override
        void assertRefusedAtTheDoor(Http.Response response) {
            assertEquals(403, response.status(), response.toString());
        }
    }

    @Nested
    @SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "spring.main.web-application-type=reactive")
    @Import(OnNetty.class)
    class OnWebFlux extends NameLookupContract {
        @Override
        void assertRefusedAtTheDoor(Http.Response response) {
            assertTrue(response.closedSilently(), response.toString());
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class OnTomcat {
        @Bean
        TomcatServletWebServerFactory tomcat() {
            return new TomcatServletWebServerFactory();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class OnNetty {
        @Bean
        NettyReactiveWebServerFactory netty() {
            return new NettyReactiveWebServerFactory();
        }
    }
}
