/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.files;

import io.github.tcpwrappers.value.FileVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Stats rule files into {@link FileVersion}s; the value stays free of I/O. */
public final class FileStats {
    private FileStats() {
    }

    /** Stats one path. */
    public static FileVersion stat(Path path) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            Object key = a.fileKey();
            return new FileVersion(path, true, a.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    a.size(), Optional.ofNullable(key).map(Object::toString));
        } catch (IOException e) {
            return new FileVersion(path, false, 0, 0, Optional.empty());
        }
    }

    /** Stats every path, in order. */
    public static Map<Path, FileVersion> stat(Set<Path> paths) {
        Map<Path, FileVersion> versions = new LinkedHashMap<>();
        for (Path p : paths) {
            versions.put(p, stat(p));
        }
        return versions;
    }
}
