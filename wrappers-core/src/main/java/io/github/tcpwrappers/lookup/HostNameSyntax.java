package io.github.tcpwrappers.lookup;

import java.net.InetAddress;
import java.util.Arrays;

/** What counts as a host name in a PTR answer, and address equality without scope ids. */
final class HostNameSyntax {
    private HostNameSyntax() {
    }

    /**
     * Letters, digits, {@code -} and {@code _} in dot-separated labels of 1 to 63 characters,
     * 253 in all: roughly glibc's check on PTR answers. Anything else is not a name we trust
     * to compare with patterns.
     */
    static boolean isHostName(String name) {
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        int label = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (label == 0) {
                    return false;
                }
                label = 0;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_') {
                if (++label > 63) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return label > 0;
    }

    static boolean sameAddress(InetAddress a, InetAddress b) {
        return Arrays.equals(a.getAddress(), b.getAddress());
    }
}
