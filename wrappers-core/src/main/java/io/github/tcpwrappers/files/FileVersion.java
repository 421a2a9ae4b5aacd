package io.github.tcpwrappers.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a file looked like when it was read: enough to tell an edit in place (mtime, size), an
 * atomic rename-over or a Kubernetes ConfigMap symlink swap (file key: the inode behind the
 * links), a creation and a deletion.
 *
 * @param path the path as the rules name it (symlinks followed when stat'ing)
 * @param exists whether it existed
 * @param modifiedNanos last modification, nanoseconds since the epoch
 * @param size size in bytes
 * @param fileKey the file system's identity of the file (device and inode), when it has one
 */
public record FileVersion(Path path, boolean exists, long modifiedNanos, long size, Optional<String> fileKey) {

    /** Stats one path. */
    public static FileVersion of(Path path) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            Object key = a.fileKey();
            return new FileVersion(path, true, a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
                    a.size(), Optional.ofNullable(key).map(Object::toString));
        } catch (IOException e) {
            return new FileVersion(path, false, 0, 0, Optional.empty());
        }
    }

    /** Stats every path, in order. */
    public static Map<Path, FileVersion> of(Set<Path> paths) {
        Map<Path, FileVersion> versions = new LinkedHashMap<>();
        for (Path p : paths) {
            versions.put(p, of(p));
        }
        return versions;
    }
}
