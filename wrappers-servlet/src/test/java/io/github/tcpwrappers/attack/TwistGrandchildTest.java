package io.github.tcpwrappers.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.servlet.HostsAccessFilter;
import io.github.tcpwrappers.testing.Processes;
import io.github.tcpwrappers.value.CommandLimits;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18.7 on the servlet door: {@code twist (sleep 32 &); echo bye}. Before, the filter's
 * twist pool read stdout until end of file, which the detached sleep held for 32 s: four such
 * requests wedged the pool, later ones queued behind them, and the sleeps outlived their kill
 * (they were no longer descendants). Now the answer ends when the shell exits, the command's
 * session (the sleep with it) is killed then, and the next requests are served at once.
 */
class TwistGrandchildTest {
    private static final int REQUESTS = 12;

    @TempDir
    Path dir;

    private static String get(String from, int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(got);
            String response = got.toString(StandardCharsets.UTF_8);
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    @Test
    void grandchildHoldingStdoutNeitherWedgesThePoolNorOutlivesTheAnswer() throws Exception {
        Files.writeString(dir.resolve("hosts.allow"), "");
        Files.writeString(dir.resolve("hosts.deny"), "shop: ALL: twist (sleep 30.41 &); echo bye\n");
        Server server = new Server();
        ExecutorService clients = Executors.newFixedThreadPool(REQUESTS);
        try (HostsAccess access = HostsAccess.builder().directory(dir).mode(Mode.LIBWRAP)
                .commandLimits(CommandLimits.defaults().withMaxProcesses(4).withStartsPerSecond(1000)).build()) {
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler("/");
            FilterHolder filter = new FilterHolder(HostsAccessFilter.create(access, "shop"));
            filter.setAsyncSupported(true);
            context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            context.addServlet(new ServletHolder(new HttpServlet() { }), "/*");
            server.setHandler(context);
            server.start();
            int port = connector.getLocalPort();
            long start = System.nanoTime();
            List<String> bodies = new ArrayList<>();
            // In waves of the process bound: each wave must end when its shells exit.
            for (int wave = 0; wave < REQUESTS / 4; wave++) {
                List<Future<String>> pending = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String from = "127.0.6." + (wave * 4 + i + 1);
                    pending.add(clients.submit(() -> get(from, port)));
                }
                for (Future<String> body : pending) {
                    bodies.add(body.get(60, TimeUnit.SECONDS));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int left = Processes.awaitNone(Duration.ofSeconds(5), "sleep", "30.41");
            long answered = bodies.stream().filter("bye\n"::equals).count();
            System.out.printf("servlet twist grandchild: %d requests in %.2f s, %d answered bye, %d sleeps left%n",
                    REQUESTS, seconds, answered, left);
            assertEquals(REQUESTS, answered, "answered: " + bodies);
            assertTrue(seconds < 30, "the pool was wedged: " + seconds + " s");
            assertEquals(0, left, "the detached sleeps died with their sessions");
        } finally {
            clients.shutdownNow();
            server.stop();
        }
    }
}
