/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP relay on 127.0.0.1 in front of a DNS server that can go silent: while silent it drops
 * every question and every answer, so the resolver behind it sees a name server that stopped
 * answering, and answers again as soon as it is switched back. DNS message ids route answers.
 */
public final class UdpRelay implements AutoCloseable {
    private final DatagramSocket front;
    private final DatagramSocket back;
    private final Map<Integer, SocketAddress> askers = new ConcurrentHashMap<>();
    private final List<Integer> questionPorts = new CopyOnWriteArrayList<>();
    private final AtomicLong switches = new AtomicLong();
    private final Thread questions;
    private final Thread answers;
    private final AtomicLong dropped = new AtomicLong();
    private final InetSocketAddress address;
    private volatile boolean silent;

    /** A relay to the DNS server at {@code upstream}, answering at once. */
    public UdpRelay(InetSocketAddress upstream) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        front = new DatagramSocket(new InetSocketAddress(loopback, 0));
        back = new DatagramSocket(new InetSocketAddress(loopback, 0));
        address = (InetSocketAddress) front.getLocalSocketAddress();
        questions = new Thread(() -> pump(front, back, packet -> {
            askers.put(id(packet), packet.getSocketAddress());
            questionPorts.add(packet.getPort());
            return upstream;
        }), "udp-relay-questions");
        answers = new Thread(() -> pump(back, front, packet -> askers.remove(id(packet))), "udp-relay-answers");
        questions.start();
        answers.start();
    }

    /** Stops answering (true) or answers again (false). */
    public void silent(boolean silent) {
        this.silent = silent;
        switches.incrementAndGet();
    }

    /** Whether it drops everything now. */
    public boolean silent() {
        return silent;
    }

    /** How many times the relay was switched: equal counts before and after mean no switch between. */
    public long switches() {
        return switches.get();
    }

    private interface Route {
        SocketAddress to(DatagramPacket packet);
    }

    /** Where resolvers send their questions. */
    public InetSocketAddress address() {
        return address;
    }

    /** The UDP source port of every question relayed so far, in arrival order. */
    public List<Integer> questionPorts() {
        return List.copyOf(questionPorts);
    }

    /** How many datagrams were dropped while silent, so far. */
    public long dropped() {
        return dropped.get();
    }

    private void pump(DatagramSocket in, DatagramSocket out, Route route) {
        byte[] buf = new byte[4096];
        while (!in.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                in.receive(packet);
                if (silent) {
                    dropped.incrementAndGet();
                    continue;
                }
                SocketAddress to = route.to(packet);
                if (to != null) {
                    out.send(new DatagramPacket(packet.getData(), packet.getOffset(), packet.getLength(), to));
                }
            } catch (IOException e) {
                // closed: the loop ends; anything else on loopback UDP is a lost datagram, as on the wire
            }
        }
    }

    private static int id(DatagramPacket packet) {
        byte[] d = packet.getData();
        int o = packet.getOffset();
        return packet.getLength() >= 2 ? ((d[o] & 0xff) << 8) | (d[o + 1] & 0xff) : -1;
    }

    @Override
    public void close() throws InterruptedException {
        front.close();
        back.close();
        questions.join(5000);
        answers.join(5000);
    }
}
