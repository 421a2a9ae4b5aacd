/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.language;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A daemon or client list split at its {@code EXCEPT} keywords: {@code A EXCEPT B EXCEPT C}
 * means A and not (B and not C). Kept flat so that long EXCEPT chains cost no stack.
 *
 * @param segments the runs of patterns between EXCEPTs, left to right
 * @param <P> the pattern type
 */
public record PatternList<P>(List<List<P>> segments) {

    /** Splits list text at libwrap's separators (blanks and commas) and at EXCEPT. */
    public static <P> PatternList<P> parse(String text, Function<String, P> parser) {
        List<List<P>> segments = new ArrayList<>(1);
        List<P> current = new ArrayList<>(2);
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && CText.isListSeparator(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !CText.isListSeparator(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                String token = text.substring(start, i);
                if (CText.equalsIgnoreCase(token, "EXCEPT")) {
                    segments.add(Collections.unmodifiableList(current));
                    current = new ArrayList<>(2);
                } else {
                    current.add(parser.apply(token));
                }
            }
        }
        segments.add(Collections.unmodifiableList(current));
        return new PatternList<>(Collections.unmodifiableList(segments));
    }

    /** True when the list has no EXCEPT. */
    public boolean simple() {
        return segments.size() == 1;
    }
}
