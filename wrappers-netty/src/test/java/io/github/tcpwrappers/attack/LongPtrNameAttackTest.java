package io.github.tcpwrappers.attack;

import static io.github.tcpwrappers.netty.Loopback.connect;
import static io.github.tcpwrappers.netty.Loopback.read;
import static io.github.tcpwrappers.netty.Loopback.readUntilClosed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tcpwrappers.HostName;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.netty.HostsAccessHandler;
import io.github.tcpwrappers.netty.Loopback;
import io.github.tcpwrappers.netty.NettyDnsHostNameResolver;
import io.github.tcpwrappers.testing.Dnsmasq;
import io.github.tcpwrappers.testing.LongPtrZone;
import io.github.tcpwrappers.testing.LongPtrZone.Client;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 18 item 1 on the Netty DNS resolver: a forward-confirmed PTR name longer than 127 bytes
 * with {@code .trusted.example} at byte 127 is no name, so {@code echo: .trusted.example} does
 * not grant it; through the real door, the {@link HostsAccessHandler} on a loopback server.
 */
class LongPtrNameAttackTest {
    @TempDir
    static Path rules;
    private static Dnsmasq dns;
    private static EventLoopGroup group;
    private static NettyDnsHostNameResolver names;

    @BeforeAll
    static void start() throws Exception {
        for (Map.Entry<String, String> file : LongPtrZone.ruleFiles().entrySet()) {
            Files.writeString(rules.resolve(file.getKey()), file.getValue());
        }
        dns = LongPtrZone.dnsmasq();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        names = NettyDnsHostNameResolver.create(group.next(), dns.address(), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() throws Exception {
        names.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        dns.close();
    }

    static List<Client> clients() {
        return LongPtrZone.CLIENTS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void nettyResolverGivesNoNameThatDoesNotFit(Client client) throws Exception {
        HostName name = names.verifiedName(InetAddress.getByName(client.address())).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertEquals(client.granted() ? new HostName.Verified(client.name()) : HostName.unknown(), name, dns.log());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void handlerRefusesAClientWhoseNameOnlyMatchesWhenCut(Client client) throws Exception {
        try (HostsAccess access = HostsAccess.builder().directory(rules).hostNameResolver(names).build();
                Loopback.Server server = new Loopback.Server(new HostsAccessHandler(access, "echo"));
                Socket socket = connect(client.address(), server.v4)) {
            // The application greets whom the handler lets through; a refused client sees a close.
            String got = client.granted() ? read(socket, "\r\n") : readUntilClosed(socket);
            assertEquals(client.granted() ? "hello keepalive=false linger=-1\r\n" : "", got, dns.log());
        }
    }
}
