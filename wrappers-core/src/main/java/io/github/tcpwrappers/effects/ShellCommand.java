/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.effects;

import io.github.tcpwrappers.text.ByteText;
import io.github.tcpwrappers.value.Command;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a rule's command becomes a process: {@code /bin/sh -c TEXT}, with the rule's
 * {@code umask} as a {@code umask NNN;} prefix of the text and its {@code nice} as
 * {@code nice -n N} in front. Both values are integers the parser checked, so neither can
 * carry shell syntax. The process starts under {@code setsid}, as the leader of a session of its
 * own, so that what it leaves running can be counted and killed (see {@link ProcessRunner}).
 *
 * <p>The shell gets the command's exact bytes ({@link Command#commandBytes()}), as libwrap
 * hands them to it: {@code spawn x%éy} runs the bytes {@code x 0xA9 y}. The JDK encodes arguments and
 * environment with the platform charset, which cannot carry a byte that is not part of valid
 * UTF-8 (or, in the C locale, any byte above 0x7F); such a command is passed as ASCII instead,
 * {@code eval "$(printf '\ooo...')"}, which makes the shell rebuild the same bytes and run them
 * in the same shell. {@code setenv} values travel the same way ({@code NAME="$(printf ...)"; export NAME;}
 * in front) when their name is a shell identifier; another name keeps its text form.
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
        String umask = command.umask().isPresent()
                ? "umask " + String.format("%03o", command.umask().getAsInt()) + "; " : "";
        StringBuilder rebuilt = new StringBuilder();
        for (Map.Entry<String, String> variable : command.environment().entrySet()) {
            if (!carries(variable.getKey()) || !carries(variable.getValue())) {
                if (IDENTIFIER.matcher(variable.getKey()).matches()) {
                    rebuilt.append(variable.getKey()).append("=\"$(printf '")
                            .append(octal(ByteText.toBytes(variable.getValue()))).append("')\"; export ")
                            .append(variable.getKey()).append("; ");
                }
            }
        }
        if (rebuilt.length() == 0 && carries(command.commandLine())) {
            argv.add(umask + command.commandLine());
        } else {
            argv.add(umask + rebuilt + "eval \"$(printf '" + octal(command.commandBytes()) + "')\"");
        }
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
        for (Map.Entry<String, String> variable : command.environment().entrySet()) {
            boolean asText = carries(variable.getKey()) && carries(variable.getValue());
            if (asText || !IDENTIFIER.matcher(variable.getKey()).matches()) {
                builder.environment().put(variable.getKey(), variable.getValue());
            }
        }
        return builder;
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Whether the JDK's encoding of this text (the platform charset) gives its exact bytes. */
    private static boolean carries(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return Arrays.equals(text.getBytes(Charset.defaultCharset()), ByteText.toBytes(text));
            }
        }
        return true;
    }

    /** Bytes as a printf format that prints exactly them: letters and digits as is, the rest {@code \ooo}. */
    private static String octal(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                out.append((char) c);
            } else {
                out.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                        .append((char) ('0' + (c & 7)));
            }
        }
        return out.toString();
    }
}
