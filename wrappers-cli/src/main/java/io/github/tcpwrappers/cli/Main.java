/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The wrappers-cli jar: {@code tcpdchk} and {@code tcpdmatch} driven by the JVM engine.
 *
 * <pre>{@code
 * java -jar wrappers-cli.jar tcpdmatch sshd 192.0.2.7
 * java -jar wrappers-cli.jar tcpdchk -v --allow hosts.allow --deny hosts.deny
 * }</pre>
 */
@Command(name = "wrappers-cli", mixinStandardHelpOptions = true, version = "wrappers-cli 0.1.0",
        description = "Checks hosts.allow / hosts.deny and predicts decisions with the JVM engine.",
        subcommands = {Tcpdmatch.class, Tcpdchk.class, ListCommands.Ban.class, ListCommands.Unban.class,
                ListCommands.Show.class})
public final class Main implements Runnable {
    /** Exit status for bad usage and unreadable input, as picocli's usage errors have it. */
    static final int USAGE = CommandLine.ExitCode.USAGE;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the tool named by the first argument and exits with its status.
     *
     * @param args the tool's name ({@code tcpdchk} or {@code tcpdmatch}), then its arguments
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(out, err, args));
    }

    /**
     * Runs one command line with the given streams and returns its exit status; for embedding
     * and tests.
     *
     * <pre>{@code
     * int status = Main.run(out, err, "tcpdmatch", "--no-dns", "sshd", "192.0.2.7");
     * }</pre>
     *
     * @param out where the tool writes its answer
     * @param err where the tool writes errors
     * @param args the tool's name, then its arguments
     * @return the exit status
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine line = new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler(Main::usageError);
        int status = line.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /** One line saying what is wrong, then the usage of the command that was asked for. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandName() + ": " + e.getMessage());
        CommandLine.Help help = command.getHelp();
        err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        return USAGE;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a tool: tcpdmatch, tcpdchk, ban, unban or show");
    }
}
