/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.blockhound.BlockHound;

/**
 * The two checks every test with real event loops runs under: BlockHound (a blocking call on an
 * event loop thread is recorded, and tests assert there were none) and Netty's leak detector at
 * PARANOID (every buffer tracked; a leak is recorded). Installed once per JVM, before any buffer
 * class is loaded, by the first test class that calls {@link #install()}.
 */
final class NettyChecks {
    static final List<String> BLOCKING_CALLS = new CopyOnWriteArrayList<>();
    static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            @SuppressWarnings("deprecation") // the one abstract method; the factory has no other
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                    long maxActive) {
                return new ResourceLeakDetector<>(resource, samplingInterval) {
                    @Override
                    protected void reportTracedLeak(String resourceType, String records) {
                        LEAKS.add(resourceType + records);
                        super.reportTracedLeak(resourceType, records);
                    }

                    @Override
                    protected void reportUntracedLeak(String resourceType) {
                        LEAKS.add(resourceType);
                        super.reportUntracedLeak(resourceType);
                    }
                };
            }
        });
        // install(...) also applies the integrations on the class path, Netty's among them: it is
        // what marks event loop threads as non-blocking.
        BlockHound.install(builder -> builder
                // slf4j-simple writes to stderr; the handler's debug lines are not what is tested.
                .allowBlockingCallsInside("org.slf4j.simple.SimpleLogger", "write")
                // The local transport's idle wait parks its own thread (Netty 4.2's integration
                // does not list it); that is the loop waiting for work, not a handler blocking.
                .allowBlockingCallsInside("io.netty.channel.local.LocalIoHandler", "run")
                .blockingMethodCallback(method -> BLOCKING_CALLS.add(Thread.currentThread().getName() + ": " + method
                        + " at " + callers())));
    }

    private NettyChecks() {
    }

    /** Where a blocking call came from: the project's and the JDK's frames nearest to it. */
    private static String callers() {
        StringBuilder where = new StringBuilder();
        int shown = 0;
        for (StackTraceElement frame : new Throwable().getStackTrace()) {
            String c = frame.getClassName();
            if (shown < 12 && !c.startsWith("reactor.blockhound") && !c.startsWith("io.github.tcpwrappers.netty.NettyChecks")) {
                where.append(shown++ == 0 ? "" : " < ").append(c).append('.').append(frame.getMethodName());
            }
        }
        return where.toString();
    }

    /** Installs both checks (once). */
    static void install() {
        // the static initializer did it
    }

    /** Fails when any event loop thread blocked since the last call. */
    static void assertNoBlockingCalls() {
        List<String> seen = List.copyOf(BLOCKING_CALLS);
        BLOCKING_CALLS.clear();
        assertEquals(List.of(), seen, "blocking calls on event loop threads");
    }

    /** Collects garbage and lets the detector look; fails on any leaked buffer. */
    static void assertNoLeaks() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            // The detector reports when it tracks the next buffer.
            for (int j = 0; j < 10; j++) {
                ByteBuf a = PooledByteBufAllocator.DEFAULT.buffer(8);
                ByteBuf b = UnpooledByteBufAllocator.DEFAULT.directBuffer(8);
                a.release();
                b.release();
            }
        }
        List<String> seen = List.copyOf(LEAKS);
        LEAKS.clear();
        assertEquals(List.of(), seen, "leaked buffers");
    }
}
