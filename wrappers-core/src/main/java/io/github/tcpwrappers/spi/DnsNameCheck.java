/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.spi;

import io.github.tcpwrappers.value.HostName;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * libwrap's host name check on an asynchronous DNS client: a PTR query for the address, then an
 * A (IPv4 client) or AAAA (IPv6 client) query for the name it gives. {@link HostName.Verified}
 * when the forward answer holds the address; {@link HostName.Paranoid} when it does not, when
 * the forward query fails ("can't verify hostname") or a CNAME led there ("host name/name
 * mismatch", except for localhost), as libwrap's {@code sock_hostname} decides;
 * {@link HostName.Unknown} when the PTR query fails or gives no name libwrap would take
 * ({@link HostNameSyntax#acceptsPtrName}).
 *
 * <pre>{@code
 * HostNameResolver names = DnsNameCheck.on((name, type) -> myDns.query(name, type));
 * }</pre>
 */
public final class DnsNameCheck implements HostNameResolver {
    private final Queries queries;

    private DnsNameCheck(Queries queries) {
        this.queries = queries;
    }

    /** The record types the check asks for. */
    public enum Type {
        /** A reverse query. */
        PTR,
        /** An IPv4 forward query. */
        A,
        /** An IPv6 forward query. */
        AAAA
    }

    /**
     * The answer section of one response, as the check reads it.
     *
     * @param ptr the first PTR name, without the root's dot (empty for none, and for other types)
     * @param addresses the addresses of the asked type (4 or 16 bytes each)
     * @param aliased whether a CNAME record led there
     */
    public record Answer(Optional<String> ptr, List<byte[]> addresses, boolean aliased) {
        /**
         * Copies the addresses.
         *
         * @param ptr the first PTR name, without the root's dot (empty for none, and for other types)
         * @param addresses the addresses of the asked type (4 or 16 bytes each)
         * @param aliased whether a CNAME record led there
         */
        public Answer {
            Objects.requireNonNull(ptr, "ptr");
            addresses = List.copyOf(addresses);
        }
    }

    /** A DNS client that never blocks the caller. */
    @FunctionalInterface
    public interface Queries {
        /**
         * Asks one question; a failed stage means no answer (as does an empty one).
         *
         * @param name the absolute name asked, with its final dot
         * @param type the record type
         * @return the answer section
         */
        CompletionStage<Answer> query(String name, Type type);
    }

    /**
     * {@return the check on {@code queries}}
     *
     * @param queries the DNS client
     */
    public static DnsNameCheck on(Queries queries) {
        return new DnsNameCheck(Objects.requireNonNull(queries, "queries"));
    }

    @Override
    public CompletionStage<HostName> verifiedName(InetAddress address) {
        CompletableFuture<HostName> result = new CompletableFuture<>();
        ask(HostNameSyntax.reverseName(address), Type.PTR).whenComplete((reverse, failure) -> {
            Optional<String> name = failure == null ? reverse.ptr().filter(HostNameSyntax::acceptsPtrName)
                    : Optional.empty();
            if (name.isEmpty()) {
                result.complete(HostName.unknown());
                return;
            }
            String claimed = name.get();
            ask(claimed + ".", address instanceof Inet4Address ? Type.A : Type.AAAA).whenComplete((forward, error) ->
                    result.complete(error == null && (!forward.aliased() || claimed.equalsIgnoreCase("localhost"))
                            && forward.addresses().stream().anyMatch(a -> Arrays.equals(a, address.getAddress()))
                            ? new HostName.Verified(claimed) : new HostName.Paranoid(claimed)));
        });
        return result;
    }

    /** A client that throws instead of failing its stage still counts as no answer. */
    private CompletionStage<Answer> ask(String name, Type type) {
        try {
            return queries.query(name, type);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
