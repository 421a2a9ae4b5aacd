/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.Checksum;

/**
 * How rule files, lists and banners are read: the one place the engine touches the disk.
 * Replaceable so that tests can make a file unreadable even for root.
 *
 * <p>The system view opens regular files only: a FIFO, a socket or a device is stat'ed, never
 * opened, since opening a FIFO blocks until a writer comes (libwrap itself hangs there).
 */
public interface FileAccess {

    /** The largest file read (a list or a table); beyond it the file counts as unreadable. */
    long MAX_FILE_BYTES = 64L << 20;

    /** The {@link Denied} reason of a file over {@link #MAX_FILE_BYTES}. */
    String TOO_LARGE = "File too large";

    /** The outcome of reading a file. */
    sealed interface Read {
    }

    /** The file's bytes. */
    record Content(byte[] bytes) implements Read {
    }

    /** The file does not exist ({@code ENOENT}). */
    record Missing() implements Read {
    }

    /** The file exists but cannot be read; {@code reason} in strerror's words. */
    record Denied(String reason) implements Read {
    }

    /**
     * The path is a directory. libwrap's fopen succeeds on one and its first read fails, so a
     * table or a {@code /file} list that is a directory reads as empty, silently.
     */
    record Directory() implements Read {
    }

    /** Why a FIFO, socket or device is not read. */
    String NOT_REGULAR = "not a regular file (a FIFO, socket or device): not opened, reading it could block";

    /** Reads a whole file. */
    Read read(Path path);

    /** The regular files directly inside a directory, or empty when it is not one. */
    Optional<List<Path>> list(Path directory);

    /**
     * The directories directly inside a directory, for banner files of daemon names with a
     * {@code /} ({@code banners DIR} with daemon {@code sub/x} sends {@code DIR/sub/x}).
     * None unless the implementation says otherwise.
     */
    default List<Path> directories(Path directory) {
        return List.of();
    }

    /**
     * Why stat(2) fails on a path, in strerror's words, or empty when the path exists as
     * anything ({@code banners} warns only when its directory cannot be stat'ed). By default
     * derived from {@link #list} and {@link #read}.
     */
    default Optional<String> statFailure(Path path) {
        if (list(path).isPresent()) {
            return Optional.empty();
        }
        Read read = read(path);
        if (read instanceof Missing) {
            return Optional.of("No such file or directory");
        }
        return read instanceof Denied d && d.reason().equals("Not a directory") ? Optional.of(d.reason()) : Optional.empty();
    }

    /**
     * For a file that grew: feeds its first {@code length} bytes to {@code prefix} (a digest,
     * to compare with the one kept from the last read) without keeping them, and returns the
     * bytes after them. Empty when the file is missing, unreadable or shorter than
     * {@code length}.
     */
    default Optional<byte[]> readAfter(Path path, long length, Checksum prefix) {
        if (!(read(path) instanceof Content content) || content.bytes().length < length) {
            return Optional.empty();
        }
        byte[] bytes = content.bytes();
        prefix.update(bytes, 0, (int) length);
        return Optional.of(Arrays.copyOfRange(bytes, (int) length, bytes.length));
    }

    /** The real file system. */
    static FileAccess system() {
        return SYSTEM;
    }

    /** The file system as the JDK sees it. */
    FileAccess SYSTEM = new FileAccess() {
        @Override
        public Read read(Path path) {
            try {
                if (Files.isDirectory(path)) {
                    return new Directory();
                }
                BasicFileAttributes stat = Files.readAttributes(path, BasicFileAttributes.class);
                if (!stat.isRegularFile()) {
                    return new Denied(NOT_REGULAR);
                }
                try (InputStream in = Files.newInputStream(path)) {
                    // Read into an array of the size stat gives (a big table is then held once,
                    // not also in read-ahead chunks), and past it only if the file grew meanwhile.
                    int expected = (int) Math.min(Files.size(path), MAX_FILE_BYTES + 1);
                    byte[] bytes = new byte[expected];
                    int got = 0;
                    int n;
                    // 1 MiB at a time: the JDK reads through a temporary direct buffer as big as
                    // each request, and one of 50 MB costs more than the read itself.
                    while (got < expected && (n = in.read(bytes, got, Math.min(1 << 20, expected - got))) > 0) {
                        got += n;
                    }
                    byte[] more = in.readNBytes((int) MAX_FILE_BYTES + 1 - got);
                    if (got < expected || more.length > 0) {
                        bytes = Arrays.copyOf(bytes, got + more.length);
                        System.arraycopy(more, 0, bytes, got, more.length);
                    }
                    if (bytes.length > MAX_FILE_BYTES) {
                        return new Denied(TOO_LARGE);
                    }
                    return new Content(bytes);
                }
            } catch (NoSuchFileException e) {
                return new Missing();
            } catch (AccessDeniedException e) {
                return new Denied("Permission denied");
            } catch (IOException e) {
                return new Denied(reason(e));
            }
        }

        @Override
        public List<Path> directories(Path directory) {
            List<Path> found = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, Files::isDirectory)) {
                entries.forEach(found::add);
            } catch (IOException | DirectoryIteratorException e) {
                return List.of(); // unreadable: libwrap's fopen below it would fail too
            }
            return found;
        }

        @Override
        public Optional<String> statFailure(Path path) {
            try {
                Files.readAttributes(path, BasicFileAttributes.class);
                return Optional.empty();
            } catch (NoSuchFileException e) {
                return Optional.of("No such file or directory");
            } catch (AccessDeniedException e) {
                return Optional.of("Permission denied");
            } catch (IOException e) {
                return Optional.of(reason(e));
            }
        }

        /** strerror's words: the JDK's reason without the path it puts in front. */
        private static String reason(IOException e) {
            if (e instanceof FileSystemException f && f.getReason() != null) {
                return f.getReason();
            }
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }

        @Override
        public Optional<byte[]> readAfter(Path path, long length, Checksum prefix) {
            // Streamed through one buffer: the old bytes of a big table are digested, never held.
            if (!Files.isRegularFile(path)) {
                return Optional.empty();
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                long size = channel.size();
                if (size < length || size > MAX_FILE_BYTES) {
                    return Optional.empty();
                }
                // Direct: the channel reads into it without a copy, and the digest reads it in place.
                ByteBuffer buffer = ByteBuffer.allocateDirect((int) Math.min(Math.max(length, 1), 256 << 10));
                long at = 0;
                while (at < length) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), length - at));
                    int n = channel.read(buffer, at);
                    if (n < 0) {
                        return Optional.empty(); // shrank while we read
                    }
                    prefix.update(buffer.flip());
                    at += n;
                }
                ByteBuffer tail = ByteBuffer.allocate((int) (size - length));
                while (tail.hasRemaining()) {
                    int n = channel.read(tail, length + tail.position());
                    if (n < 0) {
                        break; // shrank: the caller sees the digest differ or waits for the rest
                    }
                }
                return Optional.of(Arrays.copyOf(tail.array(), tail.position()));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        @Override
        public Optional<List<Path>> list(Path directory) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                for (Path entry : entries) {
                    if (Files.isRegularFile(entry)) {
                        files.add(entry);
                    }
                }
            } catch (NotDirectoryException | NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                return Optional.of(files);
            }
            return Optional.of(files);
        }
    };
}
