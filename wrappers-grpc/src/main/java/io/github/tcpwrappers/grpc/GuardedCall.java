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
 * not be used from two threads at once, so the service's uses and the ending take the call's own
 * monitor; once ended, what the service still sends is dropped, as on a call the client cancelled.
 */
final class GuardedCall<ReqT, RespT> extends ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {
    static final Status DENIED_NOW = Status.PERMISSION_DENIED.withDescription(
            "access denied: the client's verdict changed (banned or rules reloaded)");

    /** Guarded by {@code this} (the methods are synchronized): the service's uses and the ending. */
    private boolean ended;

    GuardedCall(ServerCall<ReqT, RespT> delegate) {
        super(delegate);
    }

    /** Closes the call PERMISSION_DENIED, unless it ended already. */
    synchronized void endDenied() {
        if (!ended) {
            ended = true;
            super.close(DENIED_NOW, new Metadata());
        }
    }

    @Override
    public synchronized void request(int numMessages) {
        if (!ended) {
            super.request(numMessages);
        }
    }

    @Override
    public synchronized void sendHeaders(Metadata headers) {
        if (!ended) {
            super.sendHeaders(headers);
        }
    }

    @Override
    public synchronized void sendMessage(RespT message) {
        if (!ended) {
            super.sendMessage(message);
        }
    }

    @Override
    public synchronized void close(Status status, Metadata trailers) {
        if (!ended) {
            ended = true;
            super.close(status, trailers);
        }
    }

    @Override
    public synchronized boolean isReady() {
        return !ended && super.isReady();
    }

    @Override
    public synchronized void setMessageCompression(boolean enabled) {
        if (!ended) {
            super.setMessageCompression(enabled);
        }
    }

    @Override
    public synchronized void setCompression(String compressor) {
        if (!ended) {
            super.setCompression(compressor);
        }
    }

    @Override
    public String toString() {
        return "call " + getMethodDescriptor().getFullMethodName() + " from "
                + getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    }
}
