package io.github.tcpwrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tcpwrappers.evaluation.Facts;
import io.github.tcpwrappers.evaluation.Outcome;
import io.github.tcpwrappers.files.FileAccess;
import io.github.tcpwrappers.files.RuleLoader;
import io.github.tcpwrappers.language.AccountNames;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every case of the libwrap conformance corpus through the engine in LIBWRAP mode and
 * compares access, twist, match, options, banner, severity, setenv, rfc931_timeout and the
 * number of error and warning records with what the real Debian libwrap 7.6.q-32 answered.
 *
 * <p>{@code -Dconformance.cases=/abs/path/cases.jsonl} runs another corpus.
 */
class ConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AccountNames ORACLE_ACCOUNTS = AccountNames.of(
            Set.of("root", "daemon", "bin", "sys", "nobody"),
            Set.of("root", "daemon", "bin", "sys", "adm", "nogroup"));

    @TempDir
    Path temp;

    @Test
    void everyCaseAnswersAsLibwrapDoes() throws IOException {
        String override = System.getProperty("conformance.cases", "");
        int passed = 0;
        List<String> failed = new ArrayList<>();
        try (BufferedReader in = open(override)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode c = JSON.readTree(line);
                Path dir = Files.createDirectory(temp.resolve("case" + (n++)));
                String mismatch = run(c, dir);
                if (mismatch == null) {
                    passed++;
                } else {
                    failed.add(c.get("id").asText() + ": " + mismatch);
                }
            }
        }
        System.out.println("conformance: " + passed + " passed, " + failed.size() + " failed");
        failed.forEach(f -> System.out.println("  " + f));
        System.out.println("conformance: " + EXACT_TEXT_DIFFERENCES.size() + " cases word a message differently");
        EXACT_TEXT_DIFFERENCES.stream().limit(20).forEach(f -> System.out.println("  wording: " + f));
        assertEquals(List.of(), failed, "conformance failures");
    }

    private static BufferedReader open(String override) throws IOException {
        InputStream stream = override.isEmpty()
                ? ConformanceTest.class.getResourceAsStream("/conformance/cases.jsonl")
                : Files.newInputStream(Path.of(override));
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }

    /** Runs one case; returns null when it matches, else what differs. */
    static String run(JsonNode c, Path dir) throws IOException {
        String dirText = dir.toString();
        Set<Path> unreadable = new HashSet<>();
        for (JsonNode u : iterable(c.path("unreadable"))) {
            Path p = dir.resolve(u.asText());
            Files.createDirectories(p.getParent());
            if (!Files.exists(p)) {
                Files.writeString(p, "");
            }
            unreadable.add(p);
        }
        write(dir.resolve("hosts.allow"), c.get("allow"), dirText);
        write(dir.resolve("hosts.deny"), c.get("deny"), dirText);
        Iterator<Map.Entry<String, JsonNode>> files = c.path("files").fields();
        while (files.hasNext()) {
            Map.Entry<String, JsonNode> f = files.next();
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            write(p, f.getValue(), dirText);
        }
        FileAccess access = new FileAccess() {
            @Override
            public Read read(Path path) {
                return unreadable.contains(path) ? new Denied("Permission denied") : FileAccess.system().read(path);
            }

            @Override
            public Optional<List<Path>> list(Path directory) {
                return FileAccess.system().list(directory);
            }
        };
        JsonNode groups = c.path("netgroups");
        NetgroupResolver netgroups = (group, host) -> {
            for (JsonNode member : iterable(groups.path(group))) {
                if (member.asText().toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
            return false;
        };
        RuleLoader.Loaded loaded = new RuleLoader(access, ORACLE_ACCOUNTS, netgroups)
                .load(dir.resolve("hosts.allow"), dir.resolve("hosts.deny"));

        JsonNode r = c.path("request");
        Facts facts = new Facts(
                r.has("daemon") ? bytes(r.get("daemon").asText()) : "unknown",
                bytes(r.path("client_addr").asText("")),
                bytes(r.path("server_addr").asText("")),
                r.has("client_port") ? r.get("client_port").asInt() : -1,
                r.has("server_port") ? r.get("server_port").asInt() : -1,
                r.has("pid") ? r.get("pid").asText() : "4242",
                false);
        if (!r.path("client_name").asText("").isEmpty()) {
            facts.clientName(bytes(r.get("client_name").asText()));
        }
        if (!r.path("server_name").asText("").isEmpty()) {
            facts.serverName(bytes(r.get("server_name").asText()));
        }
        if (!r.path("user").asText("").isEmpty()) {
            facts.user(bytes(r.get("user").asText()));
        }
        Decision d = decide(loaded, facts);
        return compare(c.get("expect"), d, dirText);
    }

    /** Evaluates, answering every lookup as libwrap without socket methods does: unknown. */
    static Decision decide(RuleLoader.Loaded loaded, Facts facts) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Outcome o = loaded.rules().evaluate(facts);
            if (o instanceof Outcome.Decided decided) {
                return decided.decision();
            } else if (o instanceof Outcome.NeedsClientName) {
                facts.clientName("unknown");
            } else if (o instanceof Outcome.NeedsServerName) {
                facts.serverName("unknown");
            } else if (o instanceof Outcome.NeedsUser) {
                facts.user("unknown");
            } else {
                throw new AssertionError("unexpected " + o);
            }
        }
        throw new AssertionError("no decision after 10 attempts");
    }

    private static String compare(JsonNode e, Decision d, String dir) {
        List<String> diffs = new ArrayList<>();
        String access = e.get("access").asText();
        String expectedAccess = access.equals("exit") ? "denied" : access;
        check(diffs, "access", expectedAccess, d.granted() ? "granted" : "denied");
        check(diffs, "twist", e.get("twist").asBoolean(), d.twist().isPresent());
        JsonNode m = e.get("match");
        String expectedMatch = m.isNull() ? "null" : m.get("file").asText() + ":" + m.get("line").asInt();
        String actualMatch = d.rule().map(l -> Path.of(l.file()).getFileName() + ":" + l.line()).orElse("null");
        check(diffs, "match", expectedMatch, actualMatch);
        List<String> expectedOptions = new ArrayList<>();
        for (JsonNode o : iterable(e.get("options"))) {
            expectedOptions.add(o.get(0).asText() + "=" + o.get(1).asText().replace("${DIR}", dir));
        }
        List<String> actualOptions = new ArrayList<>();
        List<String> actualSetenv = new ArrayList<>();
        int rfc931 = 10;
        for (AppliedOption o : d.options()) {
            actualOptions.add(o.name() + "=" + o.value());
            String lower = o.name().toLowerCase(Locale.ROOT);
            if (lower.equals("setenv")) {
                String v = o.value();
                int i = 0;
                while (i < v.length() && " \t\r\n".indexOf(v.charAt(i)) < 0) {
                    i++;
                }
                actualSetenv.add(v.substring(0, i).strip() + "=" + (i < v.length() ? v.substring(i + 1).strip() : ""));
            } else if (lower.equals("rfc931") && !o.value().isEmpty()) {
                try {
                    int t = Integer.parseInt(o.value());
                    if (t > 0) {
                        rfc931 = t;
                    }
                } catch (NumberFormatException ignored) {
                    // a bad value leaves the timeout as it was
                }
            }
        }
        check(diffs, "options", expectedOptions, actualOptions);
        JsonNode banner = e.get("banner");
        check(diffs, "banner", banner.isNull() ? null : banner.asText().replace("${DIR}", dir), d.banner().orElse(null));
        int severity = d.severity().orElse(-1);
        String actualSeverity = severity < 0 ? "[6,4]" : "[" + severity + "," + severity + "]";
        check(diffs, "severity", e.get("severity").toString(), actualSeverity);
        List<String> expectedSetenv = new ArrayList<>();
        for (JsonNode s : iterable(e.get("setenv"))) {
            expectedSetenv.add(s.get(0).asText() + "=" + s.get(1).asText());
        }
        check(diffs, "setenv", expectedSetenv, actualSetenv);
        check(diffs, "rfc931_timeout", e.get("rfc931_timeout").asInt(), rfc931);
        List<String> expectedWarnings = new ArrayList<>();
        for (JsonNode w : iterable(e.get("warnings"))) {
            expectedWarnings.add(w.asText());
        }
        List<String> actualWarnings = d.diagnostics().stream().map(Diagnostic::libwrapText)
                .map(t -> t.replace(dir, "${DIR}")).toList();
        check(diffs, "errors", count(expectedWarnings, "error:"), count(actualWarnings, "error:"));
        check(diffs, "warnings", count(expectedWarnings, "warning:"), count(actualWarnings, "warning:"));
        if (diffs.isEmpty() && !expectedWarnings.equals(actualWarnings)) {
            EXACT_TEXT_DIFFERENCES.add(expectedWarnings + " vs " + actualWarnings);
        }
        return diffs.isEmpty() ? null : String.join("; ", diffs);
    }

    /** Cases whose messages differ in wording only (counts agree); printed, not failed. */
    static final List<String> EXACT_TEXT_DIFFERENCES = new ArrayList<>();

    private static long count(List<String> records, String prefix) {
        return records.stream().filter(w -> w.startsWith(prefix)).count();
    }

    private static void check(List<String> diffs, String what, Object expected, Object actual) {
        if (!java.util.Objects.equals(expected, actual)) {
            diffs.add(what + " expected " + expected + " got " + actual);
        }
    }

    private static void write(Path p, JsonNode content, String dir) throws IOException {
        if (content == null || content.isNull() || content.isMissingNode()) {
            return;
        }
        Files.write(p, content.asText().replace("${DIR}", dir).getBytes(StandardCharsets.UTF_8));
    }

    static String bytes(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node::elements;
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
