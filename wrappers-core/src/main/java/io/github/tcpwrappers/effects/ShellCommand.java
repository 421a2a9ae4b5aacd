package io.github.tcpwrappers.effects;

import io.github.tcpwrappers.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a rule's command becomes a process: {@code /bin/sh -c TEXT}, with the rule's
 * {@code umask} as a {@code umask NNN;} prefix of the text and its {@code nice} as
 * {@code nice -n N} in front. Both values are integers the parser checked, so neither can
 * carry shell syntax. The process starts under {@code setsid}, as the leader of a session of its
 * own, so that what it leaves running can be counted and killed (see {@link ProcessRunner}).
 *
 * <pre>{@code
 * List<String> argv = ShellCommand.argv(command);   // [nice -n N] /bin/sh -c [umask NNN;] TEXT
 * }</pre>
 */
public final class ShellCommand {
    private static final String NICE = locate("nice");

    private ShellCommand() {
    }

    private static String locate(String tool) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return tool; // left to the PATH lookup of ProcessBuilder
    }

    /** The argument vector for a command. */
    public static List<String> argv(Command command) {
        List<String> argv = new ArrayList<>(6);
        if (command.niceness() != 0) {
            argv.add(NICE);
            argv.add("-n");
            argv.add(Integer.toString(command.niceness()));
        }
        argv.add("/bin/sh");
        argv.add("-c");
        argv.add(command.umask().isPresent()
                ? "umask " + String.format("%03o", command.umask().getAsInt()) + "; " + command.commandLine()
                : command.commandLine());
        return argv;
    }

    /**
     * A process builder for the command, in a session of its own, with the JVM's environment
     * plus the rule's {@code setenv} values; the caller chooses the redirections.
     */
    static ProcessBuilder processBuilder(Command command) {
        List<String> argv = argv(command);
        if (Sessions.SETSID.isPresent()) {
            argv.add(0, Sessions.SETSID.get());
        }
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(command.environment());
        return builder;
    }
}
