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
package io.github.tcpwrappers.value;

import java.nio.file.Path;
import java.util.Optional;

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
}
