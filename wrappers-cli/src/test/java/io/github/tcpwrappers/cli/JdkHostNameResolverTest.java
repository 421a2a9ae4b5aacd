package io.github.tcpwrappers.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.github.tcpwrappers.HostName;
import java.net.InetAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Names come from the JDK's name service; in these tests that is the file
 * src/test/resources/hosts (jdk.net.hosts.file, set by the build), so nothing leaves the machine.
 */
class JdkHostNameResolverTest {
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private HostName lookup(String address) throws Exception {
        return new JdkHostNameResolver(executor).verifiedName(InetAddress.getByName(address))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void anAddressWhoseNameMapsBackIsVerified() throws Exception {
        assertEquals(new HostName.Verified("host.example.com"), lookup("192.0.2.7"));
        assertEquals(new HostName.Verified("v6host.example.com"), lookup("2001:db8::7"));
    }

    @Test
    void anAddressWithoutANameIsUnknown() throws Exception {
        assertEquals(HostName.unknown(), lookup("192.0.2.99"));
    }

    @Test
    void anAddressMadeFromANameIsStillLookedUpByItsNumber() throws Exception {
        // InetAddress.getByAddress("office.example.net", ...) would answer with the given name.
        InetAddress named = InetAddress.getByAddress("forged.example.org", new byte[] {10, 0, 0, 1});
        HostName name = new JdkHostNameResolver(executor).verifiedName(named).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        assertEquals(new HostName.Verified("office.example.net"), name);
    }

    @Test
    void theLookupRunsOnTheExecutorNotTheCaller() throws Exception {
        AtomicReference<Thread> ran = new AtomicReference<>();
        new JdkHostNameResolver(task -> {
            Thread t = new Thread(() -> {
                ran.set(Thread.currentThread());
                task.run();
            });
            t.start();
        }).verifiedName(InetAddress.getByName("192.0.2.7")).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertNotSame(Thread.currentThread(), ran.get());
    }
}
