package io.github.tcpwrappers.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DescriptionsTest {
    @ParameterizedTest(name = "[{index}] limit {1}")
    @CsvSource(delimiter = '|', textBlock = """
            'Go away\\r\\nnow\\r\\n' | 100 | 'Go away\\nnow'
            'abcdef'                | 4   | 'abcd'
            'ab\u00e9cd'            | 3   | 'ab'
            'ab\u00e9cd'            | 4   | 'ab\u00e9'
            'a\u20acb'              | 3   | 'a'
            'a\u20acb'              | 4   | 'a\u20ac'
            'trailing   \\n'        | 100 | 'trailing'
            'cut here   then'       | 11  | 'cut here'
            """)
    void clipsToUtf8BytesOnACharacterBoundary(String text, int limit, String expected) {
        assertEquals(unescape(expected), Descriptions.clip(unescape(text), limit));
    }

    private static String unescape(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n");
    }
}
