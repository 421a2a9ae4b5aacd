package io.github.tcpwrappers.cli;

import io.github.tcpwrappers.HostName;
import io.github.tcpwrappers.HostNameResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Verifies names with the JDK's name service (nsswitch files and DNS, or the file named by
 * {@code jdk.net.hosts.file}): a reverse lookup of the address, then a forward lookup of the
 * name that must contain the address. The JDK blocks while it looks up, so the work runs on the
 * given executor and the caller never waits.
 *
 * <p>The JDK already drops a reverse name whose forward lookup misses the address, and answers
 * with the address text instead; such a name therefore shows as {@link HostName.Unknown}, and
 * {@link HostName.Paranoid} appears only when the two lookups disagree between our calls.
 *
 * <pre>{@code
 * HostNameResolver names = new JdkHostNameResolver(executor);
 * }</pre>
 */
final class JdkHostNameResolver implements HostNameResolver {
    private final Executor executor;

    JdkHostNameResolver(Executor executor) {
        this.executor = executor;
    }

    @Override
    public CompletionStage<HostName> verifiedName(InetAddress address) {
        return CompletableFuture.supplyAsync(() -> lookup(address), executor);
    }

    static HostName lookup(InetAddress address) {
        try {
            // A fresh object: an InetAddress made from a name would answer with that name.
            InetAddress bare = InetAddress.getByAddress(address.getAddress());
            String name = bare.getHostName();
            if (name.equals(bare.getHostAddress())) {
                return HostName.unknown();
            }
            boolean confirmed = Arrays.asList(InetAddress.getAllByName(name)).contains(bare);
            return confirmed ? new HostName.Verified(name) : new HostName.Paranoid(name);
        } catch (UnknownHostException e) {
            return HostName.unknown();
        }
    }
}
