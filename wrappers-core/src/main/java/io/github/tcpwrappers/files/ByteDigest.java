package io.github.tcpwrappers.files;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A SHA-256 digest as a value (arrays compare by identity, records of them would too).
 *
 * @param bytes the 32 bytes of the digest; copied in and never handed out
 */
public record ByteDigest(byte[] bytes) {

    public ByteDigest {
        bytes = bytes.clone();
    }

    /** The digest of the first {@code length} bytes of {@code data}. */
    public static ByteDigest of(byte[] data, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(data, 0, length);
            return new ByteDigest(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ByteDigest d && MessageDigest.isEqual(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
