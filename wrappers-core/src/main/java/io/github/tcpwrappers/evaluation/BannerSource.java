package io.github.tcpwrappers.evaluation;

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
        return (directory, daemon) -> new NoDirectory("No such file or directory");
    }

}
