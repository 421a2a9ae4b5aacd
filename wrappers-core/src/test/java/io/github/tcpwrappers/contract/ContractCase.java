/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One case of the door contract's corpus ({@code conformance/cases-contract.jsonl}): a public
 * conformance case moved onto loopback by {@code src/test/conformance-gen/contract.py} and answered
 * by the real libwrap (no answer in it is written by hand).
 *
 * @param id the case id ({@code contract-} and the public case's id)
 * @param from the public case it was made from
 * @param allow hosts.allow's text ({@code ${DIR}} for the case's directory), empty when the file does not exist
 * @param deny hosts.deny's text, likewise
 * @param files the other files, by name relative to the case's directory
 * @param netgroups the netgroups {@code @group} patterns see
 * @param daemon the daemon name the door is given
 * @param client the address the client's socket binds (127.x.y.z or ::1)
 * @param server the address the door listens on
 * @param answer libwrap's answer
 */
public record ContractCase(String id, String from, Optional<String> allow, Optional<String> deny,
        Map<String, String> files, Map<String, List<String>> netgroups, String daemon, InetAddress client,
        InetAddress server, Answer answer) {
    static final String CORPUS = "/conformance/cases-contract.jsonl";
    static final String LEFT_OUT = "/conformance/cases-contract-left-out.tsv";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RAW_BYTE = Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u00([89a-fA-F][0-9a-fA-F])");

    /**
     * What libwrap answered, in the oracle's form.
     *
     * @param access {@code granted}, {@code denied} or {@code exit} (libwrap ended the process)
     * @param options every option libwrap started to execute: name as written, value expanded
     * @param banner the bytes the banners option wrote, as text
     * @param setenv the environment variables libwrap set, in order (commands run with them)
     */
    public record Answer(String access, boolean twist, List<Option> options, Optional<String> banner,
            List<Option> setenv) {
        /** Granted by hosts_access (an exit is no grant: the process is gone). */
        public boolean granted() {
            return access.equals("granted");
        }

        /** The expanded values of the options named {@code name} (any letter case), in order. */
        public List<String> values(String name) {
            return options.stream().filter(o -> o.name().equalsIgnoreCase(name)).map(Option::value).toList();
        }
    }

    /** An option libwrap executed: its name as written and its value after %-expansion. */
    public record Option(String name, String value) {
    }

    /** Every case of the corpus, in order. */
    public static List<ContractCase> all() {
        List<ContractCase> cases = new ArrayList<>();
        for (String line : lines(CORPUS)) {
            cases.add(parse(line));
        }
        return cases;
    }

    /** The public cases the generator left out, counted by reason (most first). */
    public static Map<String, Integer> leftOut() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String line : lines(LEFT_OUT)) {
            String reason = line.substring(line.indexOf('\t') + 1);
            counts.merge(reason, 1, Integer::sum);
        }
        return counts;
    }

    /**
     * The exact bytes of a text in the oracle's form, as {@link #parse} keeps it: a raw byte
     * (one that was not part of valid UTF-8, escaped as u00XX in the file) is the character
     * U+DC00 + its value, everything else is UTF-8.
     */
    public static byte[] bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int run = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || isRawByte(text.charAt(i))) {
                out.writeBytes(text.substring(run, i).getBytes(StandardCharsets.UTF_8));
                if (i < text.length()) {
                    out.write(text.charAt(i) - 0xDC00);
                }
                run = i + 1;
            }
        }
        return out.toByteArray();
    }

    /** Whether the text holds a raw byte (see {@link #bytes}). */
    public static boolean hasRawBytes(String text) {
        return text.chars().anyMatch(ch -> isRawByte((char) ch));
    }

    private static boolean isRawByte(char c) {
        return c >= 0xDC80 && c <= 0xDCFF;
    }

    static ContractCase parse(String line) {
        try {
            // The oracle writes valid UTF-8 as text and any other byte as an escape: keep them apart.
            JsonNode c = JSON.readTree(RAW_BYTE.matcher(line)
                    .replaceAll(m -> Matcher.quoteReplacement(m.group(1)) + "\\\\udc" + m.group(2)));
            Map<String, String> files = new LinkedHashMap<>();
            c.path("files").fields().forEachRemaining(f -> files.put(f.getKey(), f.getValue().asText()));
            Map<String, List<String>> groups = new LinkedHashMap<>();
            c.path("netgroups").fields().forEachRemaining(g -> {
                List<String> hosts = new ArrayList<>();
                g.getValue().elements().forEachRemaining(h -> hosts.add(h.asText()));
                groups.put(g.getKey(), List.copyOf(hosts));
            });
            JsonNode r = c.get("request");
            JsonNode e = c.get("expect");
            List<Option> options = new ArrayList<>();
            e.get("options").elements().forEachRemaining(o -> options.add(new Option(o.get(0).asText(), o.get(1).asText())));
            List<Option> setenv = new ArrayList<>();
            e.get("setenv").elements().forEachRemaining(o -> setenv.add(new Option(o.get(0).asText(), o.get(1).asText())));
            Answer answer = new Answer(e.get("access").asText(), e.get("twist").asBoolean(), List.copyOf(options),
                    e.get("banner").isNull() ? Optional.empty() : Optional.of(e.get("banner").asText()),
                    List.copyOf(setenv));
            return new ContractCase(c.get("id").asText(), c.get("from").asText(), text(c, "allow"), text(c, "deny"),
                    Map.copyOf(files), Map.copyOf(groups), r.get("daemon").asText(),
                    InetAddress.getByName(r.get("client_addr").asText()),
                    InetAddress.getByName(r.get("server_addr").asText()), answer);
        } catch (IOException e) {
            throw new UncheckedIOException("bad contract case: " + line, e);
        }
    }

    private static Optional<String> text(JsonNode c, String member) {
        return c.has(member) ? Optional.of(c.get(member).asText()) : Optional.empty();
    }

    private static List<String> lines(String resource) {
        InputStream in = ContractCase.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the class path (wrappers-core's test-jar)");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
