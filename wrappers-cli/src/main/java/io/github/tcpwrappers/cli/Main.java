package io.github.tcpwrappers.cli;

/** Entry point of the wrappers-cli jar (tcpdchk and tcpdmatch arrive with their issue). */
public final class Main {
    private Main() {
    }

    /** Runs the tool named by the first argument. */
    public static void main(String[] args) {
        System.err.println("usage: java -jar wrappers-cli.jar (tcpdchk|tcpdmatch) ...");
        System.exit(2);
    }
}
