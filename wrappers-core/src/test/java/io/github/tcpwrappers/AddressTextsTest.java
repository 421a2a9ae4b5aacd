/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Remembered address texts are the texts libwrap prints, whatever shares a slot. */
class AddressTextsTest {
    private static Optional<InetSocketAddress> end(String address) throws Exception {
        return Optional.of(new InetSocketAddress(InetAddress.getByName(address), 1));
    }

    @Test
    void aRepeatedAddressGetsItsRememberedText() throws Exception {
        AddressTexts texts = new AddressTexts();
        String first = texts.of(end("127.0.0.2"));
        assertEquals("127.0.0.2", first);
        assertSame(first, texts.of(end("127.0.0.2")));
        assertEquals("unknown", texts.of(Optional.empty()));
    }

    @Test
    void addressesSharingASlotEachKeepTheirOwnText() throws Exception {
        AddressTexts texts = new AddressTexts();
        // IPv4 hashes are the address: 64 apart share a slot of 64.
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                String address = "10.0." + i + ".1";
                assertEquals(address, texts.of(end(address)));
            }
            assertEquals("::1", texts.of(end("0:0:0:0:0:0:0:1")));
            assertEquals("fe80::1:2", texts.of(end("fe80:0:0:0:0:0:1:2")));
            assertEquals("::1.2.3.4", texts.of(end("0:0:0:0:0:0:102:304")), "IPv4-compatible, dotted as inet_ntop");
        }
    }
}
