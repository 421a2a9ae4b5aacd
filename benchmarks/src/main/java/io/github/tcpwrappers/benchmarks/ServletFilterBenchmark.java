package io.github.tcpwrappers.benchmarks;

import io.github.tcpwrappers.servlet.HostsAccessFilter;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.handler.InetAccessHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * HTTP/1.1 keep-alive requests per second on loopback to a tiny servlet in Jetty 12.1 (ee11):
 * without access control ({@code none}), through {@link HostsAccessFilter} ({@code filter}), and
 * behind Jetty's {@link InetAccessHandler} on the same rules ({@code inetAccess}). On a busy
 * machine prefer {@link ServletLoad}, which interleaves the three.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar ServletFilterBenchmark -f 1 -wi 2 -w 3s -i 3 -r 5s -t 2
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ServletFilterBenchmark {
    @Param({"none", "filter", "inetAccess"})
    public String guard;

    @Param({"1", "10001"})
    public int rules;

    private GuardedJetty server;

    @Setup(Level.Trial)
    public void start() throws Exception {
        server = new GuardedJetty(guard, rules);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        server.close();
    }

    /** One keep-alive connection per benchmark thread. */
    @State(Scope.Thread)
    public static class Connection {
        KeepAliveClient client;

        @Setup(Level.Trial)
        public void open(ServletFilterBenchmark bench) throws IOException {
            client = new KeepAliveClient(bench.server.port);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            client.close();
        }
    }

    @Benchmark
    public int request(Connection connection) throws IOException {
        return connection.client.exchange();
    }
}
