/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;

/**
 * A granted call that a verdict change may end from another thread. A {@link ServerCall} must
 * not be used from two threads at once, so the service's uses and the ending share one lock;
 * once ended, what the service still sends is dropped, as on a call the client cancelled. The
 * lock is private: code that holds the call cannot hold up the engine's verdict-change thread.
 */
final class GuardedCall<ReqT, RespT> extends ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {
    static final Status DENIED_NOW = Status.PERMISSION_DENIED.withDescription(
            "access denied: the client's verdict changed (banned or rules reloaded)");

    private final Object lock = new Object();
    private boolean ended;

    GuardedCall(ServerCall<ReqT, RespT> delegate) {
        super(delegate);
    }

    /** Closes the call PERMISSION_DENIED, unless it ended already. */
    void endDenied() {
        synchronized (lock) {
            if (!ended) {
                ended = true;
                super.close(DENIED_NOW, new Metadata());
            }
        }
    }

    @Override
    public void request(int numMessages) {
        synchronized (lock) {
            if (!ended) {
                super.request(numMessages);
            }
        }
    }

    @Override
    public void sendHeaders(Metadata headers) {
        synchronized (lock) {
            if (!ended) {
                super.sendHeaders(headers);
            }
        }
    }

    @Override
    public void sendMessage(RespT message) {
        synchronized (lock) {
            if (!ended) {
                super.sendMessage(message);
            }
        }
    }

    @Override
    public void close(Status status, Metadata trailers) {
        synchronized (lock) {
            if (!ended) {
                ended = true;
                super.close(status, trailers);
            }
        }
    }

    @Override
    public boolean isReady() {
        synchronized (lock) {
            return !ended && super.isReady();
        }
    }

    @Override
    public void setMessageCompression(boolean enabled) {
        synchronized (lock) {
            if (!ended) {
                super.setMessageCompression(enabled);
            }
        }
    }

    @Override
    public void setCompression(String compressor) {
        synchronized (lock) {
            if (!ended) {
                super.setCompression(compressor);
            }
        }
    }

    @Override
    public String toString() {
        return "call " + getMethodDescriptor().getFullMethodName() + " from "
                + getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    }
}
