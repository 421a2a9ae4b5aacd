/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.evaluation;

import java.util.Map;

/**
 * The banner files of {@code banners DIR} options, read before deciding so that deciding never
 * touches the disk.
 */
public interface BannerSource {

    /** What {@code DIR/daemon} holds. */
    sealed interface Banner {
    }

    /** The file's bytes (an ISO-8859-1 string). */
    record Text(String latin1) implements Banner {
    }

    /** No readable file, in a directory that exists: silently nothing. */
    record Absent() implements Banner {
    }

    /**
     * The file is over the size a banner may have, so it is never sent; unlike a missing file
     * this is said, at load and on each decision that would have sent it.
     */
    record TooLarge(String file, long limit) implements Banner {
        /** The warning, naming the file and the limit. */
        public String message() {
            return file + ": larger than the banner limit of " + limit + " bytes: banner not sent";
        }
    }

    /** The directory itself cannot be found: libwrap warns {@code DIR: reason}. */
    record NoDirectory(String reason) implements Banner {
    }

    /** Looks up the banner for a daemon in a directory (both byte strings). */
    Banner banner(String directory, String daemon);

    /** A source with no banner directories at all. */
    static BannerSource none() {
        return missing("No such file or directory");
    }

    /** One directory that cannot be stat'ed: libwrap warns {@code DIR: reason}. */
    static BannerSource missing(String reason) {
        return (directory, daemon) -> new NoDirectory(reason);
    }

    /** One directory (or other file) that exists but holds no banner for anyone. */
    static BannerSource empty() {
        return (directory, daemon) -> new Absent();
    }

    /**
     * One directory's banner files ({@link Text} or {@link TooLarge}) by path relative to it ({@code sshd}, {@code sub/x}). The
     * daemon name is joined to the directory as libwrap's {@code sprintf("%s/%s")} joins it and
     * the kernel resolves it: empty and {@code .} components vanish ({@code sub//x},
     * {@code sub/./x}, {@code /x}); a name ending in {@code /} or {@code .} names a directory,
     * which holds no banner. A {@code ..} component finds nothing (banners are read from inside
     * the directory before deciding; libwrap would leave it).
     */
    static BannerSource of(Map<String, Banner> files) {
        Map<String, Banner> copy = Map.copyOf(files);
        return (directory, daemon) -> {
            String key = relativeName(daemon);
            Banner banner = key == null ? null : copy.get(key);
            return banner == null ? new Absent() : banner;
        };
    }

    /** The daemon as a path below the directory, or null when it cannot name a file there. */
    private static String relativeName(String daemon) {
        if (daemon.indexOf('/') < 0) {
            return daemon.isEmpty() || daemon.equals(".") || daemon.equals("..") ? null : daemon;
        }
        StringBuilder key = new StringBuilder(daemon.length());
        String[] parts = daemon.split("/", -1);
        String last = parts[parts.length - 1];
        if (last.isEmpty() || last.equals(".")) {
            return null;
        }
        for (String part : parts) {
            if (part.equals("..")) {
                return null;
            }
            if (!part.isEmpty() && !part.equals(".")) {
                key.append(key.length() == 0 ? "" : "/").append(part);
            }
        }
        return key.toString();
    }
}
