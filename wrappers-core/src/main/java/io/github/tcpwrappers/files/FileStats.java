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
