/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import io.github.tcpwrappers.spi.AccountNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parses a rule's option text into {@link OptionStep}s the way libwrap's process_options reads it. */
public final class OptionParser {
    private static final String[] FACILITIES = {
        "kern", "user", "mail", "daemon", "auth", "lpr", "news", "uucp", "cron",
        "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    };
    private static final int[] FACILITY_CODES = {0, 8, 16, 24, 32, 48, 56, 64, 72, 128, 136, 144, 152, 160, 168, 176, 184};
    private static final String[] LEVELS = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};

    private OptionParser() {
    }

    static List<OptionStep> parse(String text, AccountNames accounts) {
        List<String> fields = fields(text);
        List<OptionStep> steps = new ArrayList<>(fields.size());
        for (int f = 0; f < fields.size(); f++) {
            OptionStep step = step(fields.get(f), f == fields.size() - 1, accounts);
            steps.add(step);
            if (step instanceof OptionStep.Rejected) {
                break; // libwrap leaves the rule here; nothing after it is read
            }
        }
        return List.copyOf(steps);
    }

    /** get_field: split at ':' but not at "\:", which becomes ':'. */
    static List<String> fields(String text) {
        List<String> fields = new ArrayList<>();
        if (text.isEmpty()) {
            return fields;
        }
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            if (i >= text.length()) {
                fields.add(field.toString());
                return fields;
            }
            char c = text.charAt(i);
            if (c == ':') {
                fields.add(field.toString());
                field.setLength(0);
                i++;
                if (i >= text.length()) {
                    return fields;
                }
                continue;
            }
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == ':') {
                i++;
            }
            field.append(text.charAt(i++));
        }
    }

    /** chop_string: trim C isspace on both ends. */
    public static String chop(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && CText.isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && CText.isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static OptionStep step(String rawField, boolean last, AccountNames accounts) {
        String field = chop(rawField);
        int i = 0;
        while (i < field.length() && !(field.charAt(i) == '=' || isBlank(field.charAt(i)))) {
            i++;
        }
        String key = field.substring(0, i);
        String value = null;
        if (i < field.length()) {
            int v = i;
            if (field.charAt(v) != '=') {
                v++;
                while (v < field.length() && isBlank(field.charAt(v))) {
                    v++;
                }
            }
            if (v < field.length() && field.charAt(v) == '=') {
                v++;
                while (v < field.length() && isBlank(field.charAt(v))) {
                    v++;
                }
            }
            value = field.substring(v);
            if (value.isEmpty()) {
                value = null;
            }
        }
        if (key.isEmpty()) {
            return new OptionStep.Rejected("missing option name");
        }
        Optional<OptionKind> found = OptionKind.byName(key);
        if (found.isEmpty()) {
            return new OptionStep.Rejected("bad option name: \"" + key + "\"");
        }
        OptionKind kind = found.get();
        if (value == null && kind.arg() == OptionKind.Arg.REQUIRED) {
            return new OptionStep.Rejected("option \"" + key + "\" requires value");
        }
        if (value != null && kind.arg() == OptionKind.Arg.NONE) {
            return new OptionStep.Rejected("option \"" + key + "\" requires no value");
        }
        if (!last && kind.mustBeLast()) {
            return new OptionStep.Rejected("option \"" + key + "\" must be at end");
        }
        return check(key, kind, Optional.ofNullable(value), accounts);
    }

    private static OptionStep check(String key, OptionKind kind, Optional<String> value, AccountNames accounts) {
        String v = value.orElse("");
        String failure = null;
        int number = -1;
        switch (kind) {
            case UMASK -> {
                Long mask = CText.scanOctal(v);
                if (mask == null || (mask & 0777) != mask) {
                    failure = "bad umask value: \"" + v + "\"";
                } else {
                    number = mask.intValue();
                }
            }
            case LINGER -> {
                Integer seconds = CText.scanInt(v);
                if (seconds == null || seconds < 0) {
                    failure = "bad linger value: \"" + v + "\"";
                } else {
                    number = seconds;
                }
            }
            case NICE -> {
                Integer niceness = value.isEmpty() ? Integer.valueOf(10) : CText.scanInt(v);
                if (niceness == null) {
                    failure = "bad nice value: \"" + v + "\"";
                } else {
                    number = niceness;
                }
            }
            case RFC931 -> {
                if (value.isPresent()) {
                    Integer timeout = CText.scanInt(v);
                    if (timeout == null || timeout <= 0) {
                        failure = "bad rfc931 timeout: \"" + v + "\"";
                    } else {
                        number = timeout;
                    }
                }
            }
            case SEVERITY -> {
                int dot = CText.splitAt(v, 0, '.');
                if (dot >= 0) {
                    int facility = lookup(FACILITIES, FACILITY_CODES, v.substring(0, dot));
                    int level = facility < 0 ? -1 : lookup(LEVELS, null, v.substring(dot + 1));
                    if (facility < 0) {
                        failure = badSyslog(v.substring(0, dot));
                    } else if (level < 0) {
                        failure = badSyslog(v.substring(dot + 1));
                    } else {
                        number = facility + level;
                    }
                } else {
                    number = lookup(LEVELS, null, v);
                    if (number < 0) {
                        failure = badSyslog(v);
                    }
                }
            }
            case USER -> {
                int dot = CText.splitAt(v, 0, '.');
                String user = dot >= 0 ? v.substring(0, dot) : v;
                if (dot >= 0 && !accounts.groupExists(v.substring(dot + 1))) {
                    failure = "unknown group: \"" + v.substring(dot + 1) + "\"";
                } else if (!accounts.userExists(user)) {
                    failure = "unknown user: \"" + user + "\"";
                }
            }
            case GROUP -> {
                if (!accounts.groupExists(v)) {
                    failure = "unknown group: \"" + v + "\"";
                }
            }
            default -> {
            }
        }
        return new OptionStep.Run(key, kind, value, Optional.ofNullable(failure), number);
    }

    private static String badSyslog(String name) {
        return "bad syslog facility or severity: \"" + name + "\"";
    }

    private static int lookup(String[] names, int[] codes, String name) {
        for (int i = 0; i < names.length; i++) {
            if (CText.equalsIgnoreCase(names[i], name)) {
                return codes == null ? i : codes[i];
            }
        }
        return -1;
    }
}
