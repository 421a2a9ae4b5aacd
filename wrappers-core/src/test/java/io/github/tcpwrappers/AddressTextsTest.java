/*
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
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
