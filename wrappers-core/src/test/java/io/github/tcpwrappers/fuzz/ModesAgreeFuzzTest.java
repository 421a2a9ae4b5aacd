/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.tcpwrappers.EngineInternals;
import io.github.tcpwrappers.HostsAccess;
import io.github.tcpwrappers.Mode;
import io.github.tcpwrappers.RulesRejectedException;
import io.github.tcpwrappers.files.FileAccess;
import io.github.tcpwrappers.spi.NetgroupResolver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The differential target: whenever strict mode accepts a set of files (hosts.allow,
 * hosts.deny, a /file list and a banner), an engine loading the same files in LIBWRAP mode
 * reports the same problems and gives every request exactly the same decision: verdict, rule,
 * options, banner, commands and diagnostics.
 */
class ModesAgreeFuzzTest {
    private static final Path DIR = Path.of("/fuzz");
    private static final Path BANNERS = DIR.resolve("banners");

    @FuzzTest(maxDuration = "60s")
    @DictionaryFile(resourcePath = "hosts_access.dict")
    void strictAndLibwrapDecideAlike(FuzzedDataProvider data) {
        FuzzInput.Request[] requests = {FuzzInput.request(data), FuzzInput.request(data), FuzzInput.request(data)};
        String[] files = FuzzInput.split(FuzzInput.latin1(data.consumeRemainingAsBytes()), 4);
        FileAccess disk = new InMemoryFiles(Map.of(
                DIR.resolve("hosts.allow"), files[0], DIR.resolve("hosts.deny"), files[1],
                DIR.resolve("list"), files[2], BANNERS.resolve("sshd"), files[3]));

        HostsAccess strict;
        try {
            strict = engine(disk, Mode.STRICT);
        } catch (RulesRejectedException refused) {
            return; // only files strict mode accepts are compared
        }
        try (strict; HostsAccess libwrap = engine(disk, Mode.LIBWRAP)) {
            assertEquals(strict.problems(), libwrap.problems(), "both modes find the same warnings");
            for (FuzzInput.Request request : requests) {
                assertEquals(FuzzInput.decide(EngineInternals.rules(strict), request),
                        FuzzInput.decide(EngineInternals.rules(libwrap), request),
                        () -> "modes disagree on " + request);
            }
        }
    }

    private static HostsAccess engine(FileAccess disk, Mode mode) {
        // Zero interval: no reload thread and no WatchService per input; the rules are read once.
        return EngineInternals.fileAccess(HostsAccess.builder().directory(DIR), disk).mode(mode).accountNames(FuzzInput.ACCOUNTS)
                .netgroupResolver(NETGROUPS).reloadInterval(Duration.ZERO).build();
    }

    private static final NetgroupResolver NETGROUPS = (group, host) -> group.equals("grp") && host.endsWith(".example.com");

    /** Files held in memory: the fuzzer's bytes, never the real disk. */
    private record InMemoryFiles(Map<Path, String> files) implements FileAccess {
        @Override
        public Read read(Path path) {
            String latin1 = files.get(path);
            return latin1 == null ? new Missing() : new Content(latin1.getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public Optional<List<Path>> list(Path directory) {
            return directory.equals(BANNERS) ? Optional.of(List.of(BANNERS.resolve("sshd"))) : Optional.empty();
        }
    }
}
