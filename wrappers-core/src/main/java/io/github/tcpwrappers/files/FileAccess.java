package io.github.tcpwrappers.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /** Why a FIFO, socket or device is not read. */
    String NOT_REGULAR = "not a regular file (a FIFO, socket or device): not opened, reading it could block";

    /** Reads a whole file. */
    Read read(Path path);

    /** The regular files directly inside a directory, or empty when it is not one. */
    Optional<List<Path>> list(Path directory);

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
                    return new Denied("Is a directory");
                }
                BasicFileAttributes stat = Files.readAttributes(path, BasicFileAttributes.class);
                if (!stat.isRegularFile()) {
                    return new Denied(NOT_REGULAR);
                }
                try (InputStream in = Files.newInputStream(path)) {
                    byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
                    if (bytes.length > MAX_FILE_BYTES) {
                        return new Denied("File too large");
                    }
                    return new Content(bytes);
                }
            } catch (NoSuchFileException e) {
                return new Missing();
            } catch (AccessDeniedException e) {
                return new Denied("Permission denied");
            } catch (IOException e) {
                String message = e.getMessage();
                return new Denied(message == null ? e.getClass().getSimpleName() : message);
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
