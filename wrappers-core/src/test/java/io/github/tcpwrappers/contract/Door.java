/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.contract;

import io.github.tcpwrappers.HostsAccess;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A door's driver for the contract: a real server of that door on loopback, kept up across
 * cases, and a real client. An adapter's test implements this in a few lines; the cases, the
 * expectations and the comparison live in {@link ContractSuite} and {@link TwistCases}, and
 * {@link DoorContract} runs them all for a door.
 *
 * <pre>{@code
 * class NettyContractTest extends DoorContract {
 *     protected Door openDoor() { return new NettyDoor(); }
 * }
 * }</pre>
 */
public interface Door extends AutoCloseable {
    /** The door's name in test output ({@code netty}, {@code servlet}, {@code grpc}). */
    String name();

    /** Whether a client's bytes reach a twist command's stdin (a byte-stream door: Netty). */
    boolean carriesInput();

    /**
     * Decides the next clients with {@code engine} and {@code daemon}: the door's server stays up,
     * only its engine and daemon change (a case at a time; the clients of one case may be many).
     */
    void serve(HostsAccess engine, String daemon) throws Exception;

    /**
     * Connects once from {@code client} to the door's listener on {@code server} (started when
     * first asked for), sends {@code input} and half-closes where the door carries input, and
     * returns what the client observed. Safe to call from many threads at once.
     */
    Observed ask(InetAddress client, InetAddress server, byte[] input) throws Exception;

    /**
     * What a client of this door observes for a decision: the door's mapping of verdict, banner
     * and twist output to its protocol (the one thing that differs between doors).
     */
    Observed present(Expected expected);

    /**
     * What one client observed.
     *
     * @param served whether the application (service, servlet) answered it
     * @param text what the door answered in the application's place or before it (banner, twist
     *     output, a refusal's body or description), as UTF-8 text
     * @param keepalive SO_KEEPALIVE as the application found it on its socket, where the door shows it
     */
    record Observed(boolean served, String text, Optional<Boolean> keepalive) {
        /** Served, with nothing before the application's answer. */
        public static Observed served(String text) {
            return new Observed(true, text, Optional.empty());
        }

        /** Not served: the door answered {@code text} (maybe nothing) and closed. */
        public static Observed refused(String text) {
            return new Observed(false, text, Optional.empty());
        }

        /** This observation with the application's view of SO_KEEPALIVE. */
        public Observed withKeepalive(boolean on) {
            return new Observed(served, text, Optional.of(on));
        }
    }
}
