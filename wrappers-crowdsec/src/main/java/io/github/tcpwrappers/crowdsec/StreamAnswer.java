/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.crowdsec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.tcpwrappers.value.Network;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One answer of {@code GET /v1/decisions/stream}: {@code {"new": [...], "deleted": [...]}}, each
 * list null or an array of decisions {@code {"id", "duration", "origin", "scenario", "scope",
 * "type", "value"}}.
 *
 * <p>Read with Jackson's streaming parser, one token at a time, straight into what the bouncer
 * keeps: a startup answer of a million decisions builds no tree and no object per decision
 * but its {@link Ban} (the address and the duration are read in place, origins and scenarios,
 * a handful of distinct texts, are shared).
 *
 * <p>An answer that is not that shape is refused whole (the last list stays): not JSON, cut
 * short, a key given twice ({@code "new"}, or a field of a decision: which one holds?). A
 * decision in it that this bouncer does not enforce (another scope such as {@code Country},
 * another type such as {@code captcha}) is left out quietly; one that is broken (a value that is
 * no address, a duration Go would not write) is left out and named in {@link #skipped()}, so one
 * bad decision cannot hold back every other ban.
 *
 * @param added decisions in force, {@code Ip} and {@code Range} of the enforced types
 * @param deleted networks with no decision left (deleted or expired), of any type: the LAPI
 *     reports a value only once nothing is left on it
 * @param skipped why each broken decision was left out
 */
record StreamAnswer(List<Ban> added, List<Network> deleted, List<String> skipped) {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** The most broken decisions named one by one; the rest are counted. */
    private static final int MAX_NAMED = 10;
    /** The most of a broken item quoted in a message, in bytes (Printable cuts it further). */
    private static final int MAX_EXCERPT = 256;
    /** About the bytes of one decision of a 1.4.6 answer, to size a whole answer's table once. */
    private static final int BYTES_PER_DECISION = 150;

    /** A delta: what is new and what is gone since the last pull. */
    static StreamAnswer delta(byte[] body, Instant now, Set<String> types) throws SourceException {
        List<Ban> added = new ArrayList<>();
        List<Network> deleted = new ArrayList<>();
        List<String> skipped = new Reader(body, now, types).read(added::add, Optional.of(deleted::add));
        return new StreamAnswer(List.copyOf(added), List.copyOf(deleted), skipped);
    }

    /**
     * A startup answer, its bans streamed into a fresh table ({@code "deleted"} is checked for
     * shape only: a whole list says everything); the table is whole only if this returns.
     *
     * @return why each broken decision was left out
     */
    static List<String> whole(byte[] body, Instant now, Set<String> types, BanTable.Whole into) throws SourceException {
        return new Reader(body, now, types).read(into, Optional.empty());
    }

    /** {@return a table sized for the whole answer {@code body}} */
    static BanTable.Whole tableFor(byte[] body) {
        return new BanTable.Whole(body.length / BYTES_PER_DECISION);
    }

    /** One parse: the parser, the fields of the decision being read, and what was left out. */
    private static final class Reader {
        private static final int ID = 1;
        private static final int DURATION = 2;
        private static final int ORIGIN = 4;
        private static final int SCENARIO = 8;
        private static final int SCOPE = 16;
        private static final int TYPE = 32;
        private static final int VALUE = 64;
        private static final int IP = 1;
        private static final int RANGE = 2;
        private static final int OTHER_SCOPE = 3;

        private final byte[] body;
        private final Instant now;
        private final Set<String> types;
        private final List<String> skipped = new ArrayList<>();
        private final Span span = new Span();
        private final Texts texts = new Texts();
        private int broken;
        private JsonParser parser;

        // the decision being read, from the byte offset itemStart on; reset for each
        private long itemStart;
        private int seen;
        private long id;
        private String scope;
        private String type;
        private String origin;
        private String scenario;
        private long leftNanos;
        private String durationError;
        private Network network;
        private String valueText;
        private String valueError;

        Reader(byte[] body, Instant now, Set<String> types) {
            this.body = body;
            this.now = now;
            this.types = types;
        }

        List<String> read(Consumer<Ban> added, Optional<Consumer<Network>> deleted) throws SourceException {
            try (JsonParser p = JSON.createParser(body)) {
                parser = p;
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new SourceException("the answer is not a JSON object with \"new\" and \"deleted\"");
                }
                boolean sawNew = false;
                boolean sawDeleted = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if (field.equals("new")) {
                        sawNew = once(sawNew, field);
                        array(field, () -> decision(added));
                    } else if (field.equals("deleted")) {
                        sawDeleted = once(sawDeleted, field);
                        if (deleted.isPresent()) {
                            array(field, () -> deletion(deleted.get()));
                        } else {
                            array(field, p::skipChildren);
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                if (p.nextToken() != null) {
                    throw new SourceException("the answer is not JSON: more after its end");
                }
            } catch (JsonProcessingException e) {
                throw new SourceException("the answer is not JSON: " + Printable.of(String.valueOf(e.getOriginalMessage())));
            } catch (IOException e) {
                throw new SourceException("the answer is not JSON: " + Printable.of(String.valueOf(e.getMessage())));
            }
            if (broken > MAX_NAMED) {
                skipped.add((broken - MAX_NAMED) + " more broken decisions");
            }
            return List.copyOf(skipped);
        }

        private interface Item {
            void read() throws IOException, SourceException;
        }

        private static boolean once(boolean seenBefore, String field) throws SourceException {
            if (seenBefore) {
                throw new SourceException("the answer is not JSON: Duplicate field '" + field + "'");
            }
            return true;
        }

        private void array(String field, Item item) throws IOException, SourceException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return;
            }
            if (token != JsonToken.START_ARRAY) {
                throw new SourceException("\"" + field + "\" is not an array");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                item.read();
            }
        }

        private void decision(Consumer<Ban> added) throws IOException, SourceException {
            if (!fields("a decision that is not an object: ")) {
                return;
            }
            if ((seen & (ID | SCOPE | TYPE)) != (ID | SCOPE | TYPE)) {
                note("a decision without id, scope or type: " + excerpt());
                return;
            }
            String lower = type.toLowerCase(Locale.ROOT); // the same string when it is lower case already, as the LAPI writes it
            if (kind() == OTHER_SCOPE || !types.contains(lower)) {
                return; // not ours to enforce: a Country, AS or Username scope; a captcha
            }
            if ((seen & (VALUE | DURATION)) != (VALUE | DURATION)) {
                note("decision " + id + " has no value or duration");
                return;
            }
            resolveValue();
            if (network == null || durationError != null) {
                note("decision " + id + ": " + (network == null ? valueError : durationError));
                return;
            }
            try {
                Instant expires = leftNanos < 0 ? now : now.plusNanos(leftNanos);
                if (now.isBefore(expires)) {
                    added.accept(new Ban(id, network, lower, expires, origin == null ? "" : Printable.of(origin),
                            scenario == null ? "" : Printable.of(scenario)));
                }
            } catch (ArithmeticException | DateTimeException e) {
                note("decision " + id + ": " + e.getMessage());
            }
        }

        private void deletion(Consumer<Network> deleted) throws IOException, SourceException {
            if (!fields("a deleted decision without scope or value: ")) {
                return;
            }
            if ((seen & (SCOPE | VALUE)) != (SCOPE | VALUE)) {
                note("a deleted decision without scope or value: " + excerpt());
                return;
            }
            if (kind() == OTHER_SCOPE) {
                return;
            }
            resolveValue();
            if (network == null) {
                note("a deleted decision: " + valueError);
                return;
            }
            deleted.accept(network);
        }

        /**
         * Reads the fields of the object at the parser into this reader's decision fields;
         * false (noted as broken, skipped) for an item that is not an object.
         */
        private boolean fields(String notAnObject) throws IOException, SourceException {
            itemStart = parser.currentTokenLocation().getByteOffset();
            seen = 0;
            scope = null;
            type = null;
            origin = null;
            scenario = null;
            leftNanos = 0;
            durationError = null;
            network = null;
            valueText = null;
            valueError = null;
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.finishToken();
                parser.skipChildren();
                note(notAnObject + excerpt());
                return false;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                int field = field(parser.currentName());
                JsonToken token = parser.nextToken();
                if (field != 0 && (seen & field) != 0) {
                    throw new SourceException("the answer is not JSON: Duplicate field '" + parser.currentName() + "'");
                }
                if (field == ID) {
                    if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                        id = parser.getLongValue();
                        seen |= ID;
                    }
                } else if (field != 0 && token == JsonToken.VALUE_STRING) {
                    seen |= field;
                    string(field);
                } else {
                    parser.skipChildren(); // another field, or one of another kind than a decision's: as if absent
                }
            }
            return true;
        }

        private static int field(String name) {
            return switch (name) {
                case "id" -> ID;
                case "duration" -> DURATION;
                case "origin" -> ORIGIN;
                case "scenario" -> SCENARIO;
                case "scope" -> SCOPE;
                case "type" -> TYPE;
                case "value" -> VALUE;
                default -> 0;
            };
        }

        /** One string field, read in place from the parser's buffer where that is the common case. */
        private void string(int field) throws IOException {
            span.set(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            switch (field) {
                case DURATION -> {
                    try {
                        leftNanos = GoDuration.nanos(span);
                    } catch (IllegalArgumentException | ArithmeticException e) {
                        durationError = e.getMessage();
                    }
                }
                case ORIGIN -> origin = texts.get(span);
                case SCENARIO -> scenario = texts.get(span);
                case SCOPE -> scope = texts.get(span);
                case TYPE -> type = texts.get(span);
                case VALUE -> {
                    // scope comes first in the LAPI's field order; if not, the value waits for it
                    if (scope != null) {
                        resolve(span);
                    } else {
                        valueText = span.toString();
                    }
                }
                default -> throw new IllegalStateException("field " + field);
            }
        }

        /** {@link #IP}, {@link #RANGE} or {@link #OTHER_SCOPE}, from the scope read. */
        private int kind() {
            return scope.equalsIgnoreCase("ip") ? IP : scope.equalsIgnoreCase("range") ? RANGE : OTHER_SCOPE;
        }

        private void resolveValue() {
            if (network == null && valueError == null && valueText != null) {
                resolve(valueText);
            }
        }

        private void resolve(CharSequence value) {
            int kind = kind();
            if (kind == OTHER_SCOPE) {
                return;
            }
            try {
                network = kind == IP ? Networks.address(value) : Networks.range(value);
            } catch (IllegalArgumentException e) {
                valueError = e.getMessage();
            }
        }

        private void note(String why) {
            if (++broken <= MAX_NAMED) {
                skipped.add(why);
            }
        }

        /** The item just read as the answer has it, cut short. */
        private String excerpt() {
            long end = parser.currentLocation().getByteOffset();
            int from = (int) Math.max(0, Math.min(itemStart, body.length));
            int length = (int) Math.max(0, Math.min(Math.min(end, body.length) - from, MAX_EXCERPT));
            return Printable.of(new String(body, from, length, StandardCharsets.UTF_8));
        }
    }

    /** A view of the parser's text buffer, valid until its next token. */
    private static final class Span implements CharSequence {
        private char[] chars = new char[0];
        private int offset;
        private int length;

        void set(char[] chars, int offset, int length) {
            this.chars = chars;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            if (index < 0 || index >= length) {
                throw new IndexOutOfBoundsException(index);
            }
            return chars[offset + index];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().substring(start, end);
        }

        @Override
        public String toString() {
            return new String(chars, offset, length);
        }
    }

    /**
     * The texts of one answer, each kept once: a million decisions carry a few origins, scopes,
     * types and scenarios. Past {@link #MAX} distinct texts the rest are made one by one.
     */
    private static final class Texts {
        private static final int MAX = 512;
        private final String[] slots = new String[MAX * 2];
        private int size;

        String get(CharSequence text) {
            int hash = 0;
            for (int i = 0; i < text.length(); i++) {
                hash = 31 * hash + text.charAt(i);
            }
            int mask = slots.length - 1;
            for (int slot = (hash ^ hash >>> 16) & mask; ; slot = slot + 1 & mask) {
                String held = slots[slot];
                if (held == null) {
                    String made = text.toString();
                    if (size < MAX) {
                        slots[slot] = made;
                        size++;
                    }
                    return made;
                }
                if (held.contentEquals(text)) {
                    return held;
                }
            }
        }
    }
}
