package org.sysvipc.php;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The paths the codec takes to allocate little: the reused per-thread encoder, the repeated-key
 * check by serialized bytes, and floats read straight from their digits.
 */
class PhpCodecReuseTest {
    private final PhpSerializer php = PhpSerializer.standard();

    private String serialize(Object value) {
        return new String(php.serialize(value), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aFailedValueLeavesNothingBehindForTheNext() {
        Map<Object, Object> bad = new LinkedHashMap<>();
        bad.put("ok", List.of(1L, List.of("deep", new Object())));
        assertThrows(IllegalArgumentException.class, () -> php.serialize(bad));
        assertEquals("a:1:{i:0;s:1:\"x\";}", serialize(List.of("x")));
        Map<Object, Object> repeated = new LinkedHashMap<>();
        repeated.put("k", Map.of("a", 1L));
        repeated.put(Map.of(), 2L); // not a key type, refused while the first key's bounds are recorded
        assertThrows(IllegalArgumentException.class, () -> php.serialize(repeated));
        assertEquals("a:2:{s:1:\"k\";i:1;s:1:\"a\";i:2;}", serialize(map("k", 1L, "a", 2L)));
    }

    @Test
    void aValueLargerThanTheKeptBufferIsWrittenWholeAndSoIsTheNext() {
        String large = "é".repeat(100_000);
        byte[] bytes = php.serialize(List.of(large, large));
        String expected = "a:2:{i:0;s:200000:\"" + large + "\";i:1;s:200000:\"" + large + "\";}";
        assertEquals(expected, new String(bytes, StandardCharsets.UTF_8));
        assertEquals(List.of(large, large), PhpSerializer.toList((Map<?, ?>) php.unserialize(bytes)));
        assertEquals("s:3:\"abc\";", serialize("abc"));
    }

    @Test
    void aSerializeFromWithinASerializeGetsItsOwnBuffer() {
        Map<Object, Object> nested = new AbstractMap<>() {
            @Override
            public Set<Entry<Object, Object>> entrySet() {
                byte[] inner = php.serialize(List.of("inner", 2.5));
                return Set.of(Map.entry("inner", new String(inner, StandardCharsets.ISO_8859_1)));
            }
        };
        String inner = "a:2:{i:0;s:5:\"inner\";i:1;d:2.5;}";
        assertEquals("a:2:{i:0;s:5:\"outer\";i:1;a:1:{s:5:\"inner\";s:" + inner.length() + ":\"" + inner + "\";}}",
                serialize(List.of("outer", nested)));
    }

    @Test
    void repeatedKeysAreFoundInSmallAndLargeMapsAndOnlyWithinOneMap() {
        Map<Object, Object> inner = map("a", 1L, "b", 2L);
        Map<Object, Object> outer = map("a", inner, "b", inner);
        assertEquals("a:2:{s:1:\"a\";a:2:{s:1:\"a\";i:1;s:1:\"b\";i:2;}s:1:\"b\";a:2:{s:1:\"a\";i:1;s:1:\"b\";i:2;}}",
                serialize(outer));
        for (int size : new int[] {3, 16, 17, 100}) {
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < size - 1; i++) {
                map.put("key" + i, Map.of("x", (long) i));
            }
            php.serialize(map);
            map.put((long) size, 0L);
            map.put(String.valueOf(size), 0L);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> php.serialize(map));
            assertEquals("the keys " + size + " (Long) and \"" + size + "\" are the same PHP array key", e.getMessage());
        }
        Map<Object, Object> bytesLast = map("ab", 1L, "c", 2L);
        bytesLast.put(new byte[] {'a', 'b'}, 3L);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> php.serialize(bytesLast));
        assertEquals("the keys \"ab\" and byte[2] are the same PHP array key", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "0.0", "-0.0", "0e999999", ".5", "5.", "+1.5e-3", "1e22", "1e23", "-1e-22",
        "3e-23", "0.1", "0.30000000000000004", "9007199254740991", "9007199254740993", "123456789012345678",
        "1.00000000000000000000001", "000000000000000000000000001.5", "4.9e-324", "2e-324", "1.7976931348623157e308",
        "1e309", "1E+2", "12345678901234567e-17", "99999999999999999e-16"})
    void floatsAreReadAsJavaReadsThem(String text) {
        double read = (Double) php.unserialize(("d:" + text + ";").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)), Double.doubleToRawLongBits(read), text);
    }

    @Test
    void stringsOfEveryUtf8LengthAreWrittenAsGetBytesWritesThem() {
        String text = "a\u00e9\u0800\uffff\ud83d\ude00\u007f\u0080\u07ff";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        assertEquals("s:" + utf8.length + ":\"" + new String(utf8, StandardCharsets.ISO_8859_1) + "\";",
                serialize(text));
        assertEquals(text, php.unserialize(php.serialize(text)));
        assertTrue(PhpStrings.isUtf8(utf8, 0, utf8.length));
        for (String notUtf8 : new String[] {"c0 80", "e0 9f bf", "ed a0 80", "f0 8f bf bf", "f4 90 80 80", "f5 80 80 80",
            "80", "c3", "e2 82", "f0 9f 98"}) {
            byte[] bytes = java.util.HexFormat.ofDelimiter(" ").parseHex(notUtf8);
            assertTrue(!PhpStrings.isUtf8(bytes, 0, bytes.length), notUtf8);
        }
    }

    private static Map<Object, Object> map(Object... keysAndValues) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
