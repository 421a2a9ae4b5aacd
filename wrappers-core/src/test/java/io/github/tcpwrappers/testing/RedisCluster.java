/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis Cluster of three masters on 127.0.0.1 (each a {@link RedisServer} with
 * {@code --cluster-enabled yes} in its own directory), its slots assigned by Debian's
 * {@code redis-cli --cluster create}; started by the test, waited for until every node says
 * {@code cluster_state:ok}.
 *
 * <pre>{@code
 * try (RedisCluster cluster = RedisCluster.start(dir.resolve("cluster"))) {
 *     RedisList list = RedisList.cluster(cluster.seeds().stream().map(RedisURI::create).toList()).build();
 * }
 * }</pre>
 */
public final class RedisCluster implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(30);

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    /** Three masters, no replicas, every slot assigned. */
    public static RedisCluster start(Path dir) throws Exception {
        Path cli = Peers.require("redis-cli", "apt-get install -y redis-tools");
        List<RedisServer> nodes = new ArrayList<>();
        RedisCluster cluster = new RedisCluster(nodes);
        try {
            for (int i = 0; i < 3; i++) {
                Path node = dir.resolve("node" + i);
                nodes.add(RedisServer.start(node, false, "--cluster-enabled", "yes", "--cluster-config-file",
                        node.resolve("nodes.conf").toString(), "--cluster-node-timeout", "2000"));
            }
            List<String> create = new ArrayList<>(List.of(cli.toString(), "--cluster", "create"));
            nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            Path out = dir.resolve("cluster-create.log");
            Files.createDirectories(dir);
            Process p = new ProcessBuilder(create).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError("redis-cli --cluster create failed: " + Files.readString(out));
            }
            for (RedisServer node : nodes) {
                Await.until("node " + node.port() + " says cluster_state:ok", READY, () -> {
                    try {
                        return node.command("CLUSTER", "INFO").contains("cluster_state:ok");
                    } catch (IOException e) {
                        return false;
                    }
                });
            }
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code redis://127.0.0.1:PORT} of every node. */
    public List<String> seeds() {
        return nodes.stream().map(RedisServer::uri).toList();
    }

    /** The nodes, in the order they were started. */
    public List<RedisServer> nodes() {
        return List.copyOf(nodes);
    }

    /** The node that serves {@code key}'s slot: the one that answers a read of it instead of redirecting (MOVED). */
    public RedisServer owner(String key) throws Exception {
        for (RedisServer node : nodes) {
            if (!node.command("EXISTS", key).startsWith("-MOVED")) {
                return node;
            }
        }
        throw new AssertionError("no node serves " + key);
    }

    @Override
    public void close() throws InterruptedException {
        for (RedisServer node : nodes) {
            node.close();
        }
    }
}
