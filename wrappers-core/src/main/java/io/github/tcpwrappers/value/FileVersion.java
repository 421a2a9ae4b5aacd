/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
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
