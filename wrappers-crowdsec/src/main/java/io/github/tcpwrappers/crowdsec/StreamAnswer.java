/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.tcpwrappers.value.Network;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One answer of {@code GET /v1/decisions/stream}: {@code {"new": [...], "deleted": [...]}}, each
 * list null or an array of decisions {@code {"id", "duration", "origin", "scenario", "scope",
 * "type", "value"}}.
 *
 * <p>An answer that is not that shape is refused whole (the last list stays). A decision in it
 * that this bouncer does not enforce (another scope such as {@code Country}, another type such
 * as {@code captcha}) is left out quietly; one that is broken (a value that is no address, a
 * duration Go would not write) is left out and named in {@link #skipped()}, so one bad decision
 * cannot hold back every other ban.
 *
 * @param added decisions in force, {@code Ip} and {@code Range} of the enforced types
 * @param deleted networks with no decision left (deleted or expired), of any type: the LAPI
 *     reports a value only once nothing is left on it
 * @param skipped why each broken decision was left out
 */
record StreamAnswer(List<Ban> added, List<Network> deleted, List<String> skipped) {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build(); // two "new" keys: which one? refuse

    /** The most broken decisions named one by one; the rest are counted. */
    private static final int MAX_NAMED = 10;

    static StreamAnswer parse(byte[] body, Instant now, Set<String> types) throws SourceException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SourceException("the answer is not JSON: " + Printable.of(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new SourceException("the answer is not JSON: " + Printable.of(String.valueOf(e.getMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new SourceException("the answer is not a JSON object with \"new\" and \"deleted\"");
        }
        List<String> skipped = new ArrayList<>();
        int[] broken = {0};
        List<Ban> added = new ArrayList<>();
        for (JsonNode item : array(root, "new")) {
            Ban ban = decision(item, now, types, skipped, broken);
            if (ban != null && ban.inForce(now)) {
                added.add(ban);
            }
        }
        List<Network> deleted = new ArrayList<>();
        for (JsonNode item : array(root, "deleted")) {
            Network network = deletedNetwork(item, skipped, broken);
            if (network != null) {
                deleted.add(network);
            }
        }
        if (broken[0] > MAX_NAMED) {
            skipped.add((broken[0] - MAX_NAMED) + " more broken decisions");
        }
        return new StreamAnswer(List.copyOf(added), List.copyOf(deleted), List.copyOf(skipped));
    }

    private static Iterable<JsonNode> array(JsonNode root, String field) throws SourceException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new SourceException("\"" + field + "\" is not an array");
        }
        return node;
    }

    private static Ban decision(JsonNode item, Instant now, Set<String> types, List<String> skipped, int[] broken) {
        if (!item.isObject()) {
            note(skipped, broken, "a decision that is not an object: " + excerpt(item));
            return null;
        }
        String scope = text(item, "scope");
        String type = text(item, "type");
        JsonNode id = item.get("id");
        if (scope == null || type == null || id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
            note(skipped, broken, "a decision without id, scope or type: " + excerpt(item));
            return null;
        }
        String kind = scope.toLowerCase(Locale.ROOT);
        if (!kind.equals("ip") && !kind.equals("range") || !types.contains(type.toLowerCase(Locale.ROOT))) {
            return null; // not ours to enforce: a Country, AS or Username scope; a captcha
        }
        String value = text(item, "value");
        String duration = text(item, "duration");
        if (value == null || duration == null) {
            note(skipped, broken, "decision " + id.asLong() + " has no value or duration");
            return null;
        }
        try {
            Network network = kind.equals("ip") ? Networks.address(value) : Networks.range(value);
            Duration left = GoDuration.parse(duration);
            Instant expires = left.isNegative() ? now : now.plus(left);
            return new Ban(id.asLong(), network, type.toLowerCase(Locale.ROOT), expires, orEmpty(text(item, "origin")),
                    orEmpty(text(item, "scenario")));
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            note(skipped, broken, "decision " + id.asLong() + ": " + e.getMessage());
            return null;
        }
    }

    private static Network deletedNetwork(JsonNode item, List<String> skipped, int[] broken) {
        String scope = item.isObject() ? text(item, "scope") : null;
        String value = item.isObject() ? text(item, "value") : null;
        if (scope == null || value == null) {
            note(skipped, broken, "a deleted decision without scope or value: " + excerpt(item));
            return null;
        }
        String kind = scope.toLowerCase(Locale.ROOT);
        try {
            return kind.equals("ip") ? Networks.address(value) : kind.equals("range") ? Networks.range(value) : null;
        } catch (IllegalArgumentException e) {
            note(skipped, broken, "a deleted decision: " + e.getMessage());
            return null;
        }
    }

    private static void note(List<String> skipped, int[] broken, String why) {
        if (++broken[0] <= MAX_NAMED) {
            skipped.add(why);
        }
    }

    private static String text(JsonNode item, String field) {
        JsonNode node = item.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : Printable.of(text);
    }

    private static String excerpt(JsonNode node) {
        return Printable.of(node.toString());
    }
}
