package org.sysvipc.php;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sysvipc.php.PhpValues.array;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhpSerializerTest {
    private final PhpSerializer php = PhpSerializer.standard();

    private String serialize(Object value) {
        return new String(php.serialize(value), StandardCharsets.ISO_8859_1);
    }

    private Object unserialize(String text) {
        return php.unserialize(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void scalarsAreWrittenAsPhpWritesThem() {
        assertEquals("N;", serialize(null));
        assertEquals("b:1;", serialize(true));
        assertEquals("b:0;", serialize(false));
        assertEquals("i:9223372036854775807;", serialize(Long.MAX_VALUE));
        assertEquals("i:-9223372036854775808;", serialize(Long.MIN_VALUE));
        assertEquals("i:-7;", serialize(-7));
        assertEquals("i:7;", serialize((short) 7));
        assertEquals("i:-1;", serialize((byte) -1));
        assertEquals("s:11:\"hello world\";", serialize("hello world"));
        assertEquals("s:0:\"\";", serialize(""));
        assertEquals("s:3:\"a\"b\";", serialize("a\"b"));
        assertArrayEquals("s:2:\"é\";".getBytes(StandardCharsets.UTF_8), php.serialize("é"));
        assertArrayEquals(new byte[] {'s', ':', '1', ':', '"', (byte) 0xff, '"', ';'}, php.serialize(new byte[] {(byte) 0xff}));
    }

    @ParameterizedTest
    @CsvSource({
        "0.1, d:0.1;",
        "1.0, d:1;",
        "-1.5, d:-1.5;",
        "0.0, d:0;",
        "-0.0, d:-0;",
        "1e15, d:1000000000000000;",
        "1e16, d:10000000000000000;",
        "1e17, d:1.0E+17;",
        "123456789012345678, d:1.2345678901234568E+17;",
        "1e25, d:1.0E+25;",
        "1e100, d:1.0E+100;",
        "0.0001, d:0.0001;",
        "0.00001, d:1.0E-5;",
        "1.5e-5, d:1.5E-5;",
        "2.5e-10, d:2.5E-10;",
        "0.3333333333333333, d:0.3333333333333333;",
        "0.30000000000000004, d:0.30000000000000004;",
        "1.7976931348623157E308, d:1.7976931348623157E+308;",
        "2.2250738585072014E-308, d:2.2250738585072014E-308;",
        "4.9E-324, d:5.0E-324;",
        "1.0E-323, d:1.0E-323;",
        "123456.789, d:123456.789;",
        "Infinity, d:INF;",
        "-Infinity, d:-INF;",
        "NaN, d:NAN;",
    })
    void floatsAreTheShortestRoundTripFormPhpWrites(double value, String expected) {
        assertEquals(expected, serialize(value));
        Object back = unserialize(expected);
        assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits((Double) back), expected);
    }

    @Test
    void floatIsWidened() {
        assertEquals("d:0.10000000149011612;", serialize(0.1f));
    }

    @Test
    void listsAndMapsAreArrays() {
        assertEquals("a:0:{}", serialize(List.of()));
        assertEquals("a:3:{i:0;i:1;i:1;s:1:\"x\";i:2;N;}", serialize(Arrays.asList(1, "x", null)));
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("a", List.of(true));
        map.put(5, "five");
        map.put("05", 1.5);
        assertEquals("a:3:{s:1:\"a\";a:1:{i:0;b:1;}i:5;s:4:\"five\";s:2:\"05\";d:1.5;}", serialize(map));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5 | i:5;",
        "-3 | i:-3;",
        "0 | i:0;",
        "9223372036854775807 | i:9223372036854775807;",
        "-9223372036854775808 | i:-9223372036854775808;",
        "9223372036854775808 | s:19:\"9223372036854775808\";",
        "-9223372036854775809 | s:20:\"-9223372036854775809\";",
        "05 | s:2:\"05\";",
        "-0 | s:2:\"-0\";",
        "+1 | s:2:\"+1\";",
        "1.5 | s:3:\"1.5\";",
        "'1 ' | s:2:\"1 \";",
        "- | s:1:\"-\";",
        "'' | s:0:\"\";",
    })
    void numericStringKeysBecomeIntKeysAsInPhp(String key, String written) {
        Map<Object, Object> map = new HashMap<>();
        map.put(key, 1L);
        assertEquals("a:1:{" + written + "i:1;}", serialize(map));
        Map<?, ?> back = (Map<?, ?>) unserialize("a:1:{s:" + key.getBytes(StandardCharsets.UTF_8).length + ":\"" + key + "\";i:1;}");
        Object expectedKey = PhpSerializer.arrayKey(key);
        assertEquals(expectedKey, back.keySet().iterator().next());
        assertEquals(1L, back.get(expectedKey));
    }

    @Test
    void keysThatPhpSeesAsOneAreRefused() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("5", 1);
        map.put(5L, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> php.serialize(map));
        assertTrue(e.getMessage().contains("same PHP array key"), e.getMessage());
        Map<Object, Object> bytes = new LinkedHashMap<>();
        bytes.put("ab", 1);
        bytes.put(new byte[] {'a', 'b'}, 2);
        assertThrows(IllegalArgumentException.class, () -> php.serialize(bytes));
        Map<Object, Object> ints = new LinkedHashMap<>();
        ints.put(1, 1);
        ints.put(1L, 2);
        assertThrows(IllegalArgumentException.class, () -> php.serialize(ints));
    }

    @Test
    void badKeysAndValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> php.serialize(Map.of(1.5, 1)));
        assertThrows(IllegalArgumentException.class, () -> php.serialize(Map.of(true, 1)));
        Map<Object, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertThrows(IllegalArgumentException.class, () -> php.serialize(nullKey));
        assertThrows(IllegalArgumentException.class, () -> php.serialize(new Object()));
        assertThrows(IllegalArgumentException.class, () -> php.serialize(java.math.BigInteger.ONE));
        assertThrows(IllegalArgumentException.class, () -> php.serialize(List.of('c')));
        IllegalArgumentException surrogate = assertThrows(IllegalArgumentException.class, () -> php.serialize("a\ud800b"));
        assertTrue(surrogate.getMessage().contains("unpaired surrogate"), surrogate.getMessage());
        assertThrows(IllegalArgumentException.class, () -> php.serialize("\udc00"));
        assertEquals("s:4:\"\ud834\udd1e\";", new String(php.serialize("\ud834\udd1e"), StandardCharsets.UTF_8));
    }

    @Test
    void aListThatContainsItselfIsRefusedNotOverflowed() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> php.serialize(cycle));
        assertTrue(e.getMessage().contains("deeper than 4096"), e.getMessage());
    }

    @Test
    void deepNestingUsesNoStackBothWays() {
        int depth = 100_000;
        Object value = 1L;
        for (int i = 0; i < depth; i++) {
            value = List.of(value);
        }
        PhpSerializer deep = php.withMaxDepth(depth);
        byte[] bytes = deep.serialize(value);
        Object back = deep.unserialize(bytes);
        for (int i = 0; i < depth; i++) {
            back = ((Map<?, ?>) back).get(0L);
        }
        assertEquals(1L, back);
        PhpFormatException tooDeep = assertThrows(PhpFormatException.class, () -> php.unserialize(bytes));
        assertEquals(4096L * "a:1:{i:0;".length(), tooDeep.position());
        assertThrows(IllegalArgumentException.class, () -> php.withMaxDepth(-1));
        assertThrows(IllegalArgumentException.class, () -> php.withMaxDepth(1).serialize(List.of(List.of())));
        assertEquals(List.of(), PhpSerializer.toList((Map<?, ?>) php.withMaxDepth(1).unserialize(php.serialize(List.of()))));
        assertThrows(PhpFormatException.class, () -> php.withMaxDepth(0).unserialize(php.serialize(List.of())));
    }

    @Test
    void decodedTypes() {
        assertNull(unserialize("N;"));
        assertEquals(true, unserialize("b:1;"));
        assertEquals(false, unserialize("b:0;"));
        assertEquals(Long.MIN_VALUE, unserialize("i:-9223372036854775808;"));
        assertEquals("hello", unserialize("s:5:\"hello\";"));
        assertEquals("é", php.unserialize("s:2:\"é\";".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals(new byte[] {(byte) 0xc3}, (byte[]) unserialize("s:1:\"\u00c3\";"));
        // overlong and surrogate encodings are not UTF-8 either
        assertInstanceOf(byte[].class, php.unserialize(bytes("s:2:\"", 0xc0, 0xaf, "\";")));
        assertInstanceOf(byte[].class, php.unserialize(bytes("s:3:\"", 0xed, 0xa0, 0x80, "\";")));
        Map<?, ?> map = (Map<?, ?>) unserialize("a:2:{i:1;s:1:\"a\";s:1:\"k\";d:0.5;}");
        assertInstanceOf(LinkedHashMap.class, map);
        assertEquals(List.of(1L, "k"), new ArrayList<>(map.keySet()));
    }

    @Test
    void numberFormsPhpAcceptsAreRead() {
        assertEquals(5L, unserialize("i:+5;"));
        assertEquals(0L, unserialize("i:-0;"));
        assertEquals(5L, unserialize("i:05;"));
        assertEquals(100000.0, unserialize("d:1e5;"));
        assertEquals(0.5, unserialize("d:.5;"));
        assertEquals(5.0, unserialize("d:5.;"));
        assertEquals(1.0, unserialize("d:+1;"));
        assertEquals(-1500.0, unserialize("d:-1.5E+3;"));
        assertEquals(7.0, unserialize("d:7;"));
        assertEquals(0.1, unserialize("d:0.1000000000000000000000000000001;"));
    }

    @Test
    void aRepeatedKeyKeepsItsPlaceAndTakesTheLaterValueAsInPhp() {
        Map<?, ?> map = (Map<?, ?>) unserialize("a:3:{i:1;s:1:\"a\";i:2;s:1:\"x\";s:1:\"1\";s:1:\"b\";}");
        assertEquals(List.of(1L, 2L), new ArrayList<>(map.keySet()));
        assertEquals("b", map.get(1L));
        Map<?, ?> byteKeys = (Map<?, ?>) php.unserialize(bytes("a:2:{s:1:\"", 0xff, "\";i:1;s:1:\"", 0xff, "\";i:2;}"));
        assertEquals(1, byteKeys.size());
        assertEquals(2L, byteKeys.values().iterator().next());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'' | 0 | the input ends where a value should start",
        "x | 0 | no value starts with 'x'",
        "i | 1 | the input ends inside a value",
        "i; | 1 | expected ':' after 'i'",
        "i:; | 2 | expected digits",
        "i:12 | 4 | the input ends where ';' after the integer should be",
        "i:1x; | 3 | expected ';' after the integer, found 'x'",
        "i:9223372036854775808; | 2 | the integer does not fit 64 bits",
        "i:-9223372036854775809; | 2 | the integer does not fit 64 bits",
        "b:2; | 2 | a bool must be 0 or 1",
        "b:1 | 3 | ';'",
        "N | 1 | ';' after N",
        "d:; | 2 | malformed float",
        "d:1.5 | 2 | the float has no ending ';'",
        "d:1e; | 4 | malformed float",
        "d:0x10; | 3 | malformed float",
        "d:Infinity; | 2 | malformed float",
        "d:+INF; | 3 | malformed float",
        "d:1.5f; | 5 | malformed float",
        "d:1..5; | 4 | malformed float",
        "s:5:\"abc\"; | 2 | a string of 5 bytes cannot fit the 5 bytes left",
        "s:1:\"ab\"; | 6 | closing the string",
        "s:2:\"ab\" | 2 | a string of 2 bytes cannot fit the 3 bytes left",
        "s:2:\"ab\"x | 8 | expected ';' after the string, found 'x'",
        "s:-1:\"\"; | 2 | expected digits",
        "s:99999999999999999999:\"\"; | 2 | the length or count is too large",
        "s:1:a\"; | 4 | opening the string",
        "a:1:{i:0;i:1; | 13 | '}' closing the array opened at byte 0",
        "a:1:{i:0;i:1;i:2;i:3;} | 13 | '}' closing the array",
        "a:2:{i:0;i:1;} | 0 | an array of 2 elements cannot fit",
        "a:999999999:{} | 0 | an array of 999999999 elements cannot fit",
        "a:1:{d:1;i:1;} | 5 | an array key must be an int (i:) or a string (s:)",
        "a:1:{N;i:1;} | 5 | an array key must be",
        "a:1:{a:0:{}i:1;} | 5 | an array key must be",
        "a:1{} | 3 | expected ':'",
        "N;x | 2 | unexpected data after the value",
        "O:8:\"stdClass\":0:{} | 0 | PHP objects are not supported",
        "C:3:\"Foo\":0:{} | 0 | PHP objects are not supported",
        "E:7:\"Foo:Bar\"; | 0 | PHP enums are not supported",
        "a:1:{i:0;R:1;} | 9 | PHP references are not supported",
        "a:1:{i:0;r:1;} | 9 | PHP references are not supported",
        "S:1:\"\\61\"; | 0 | 'S:' is not supported",
    })
    void malformedInputNamesTheFaultAndItsPosition(String input, long position, String reason) {
        PhpFormatException e = assertThrows(PhpFormatException.class, () -> unserialize(input));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().endsWith(" at byte " + position), e.getMessage());
    }

    @Test
    void anOffsetRangeIsReadAloneAndPositionsCountFromIt() {
        byte[] data = "xxi:5;yy".getBytes(StandardCharsets.US_ASCII);
        assertEquals(5L, php.unserialize(data, 2, 4));
        PhpFormatException e = assertThrows(PhpFormatException.class, () -> php.unserialize(data, 2, 3));
        assertEquals(3, e.position());
        assertThrows(IndexOutOfBoundsException.class, () -> php.unserialize(data, 5, 4));
    }

    @Test
    void anyStringRoundTripsByteForByte() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(12)];
            random.nextBytes(bytes);
            if (i % 3 == 0) {
                for (int j = 0; j < bytes.length; j++) {
                    bytes[j] &= 0x7f; // mostly ASCII sometimes
                }
            }
            byte[] serialized = php.serialize(bytes);
            Object decoded = php.unserialize(serialized);
            assertArrayEquals(bytes, PhpSerializer.bytes(decoded));
            assertArrayEquals(serialized, php.serialize(decoded));
        }
    }

    @Test
    void listHelpers() {
        Map<?, ?> list = (Map<?, ?>) unserialize("a:2:{i:0;s:1:\"a\";i:1;N;}");
        assertTrue(PhpSerializer.isList(list));
        assertEquals(Arrays.asList("a", null), PhpSerializer.toList(list));
        Map<?, ?> gap = (Map<?, ?>) unserialize("a:1:{i:1;s:1:\"a\";}");
        assertFalse(PhpSerializer.isList(gap));
        assertThrows(IllegalArgumentException.class, () -> PhpSerializer.toList(gap));
        assertFalse(PhpSerializer.isList((Map<?, ?>) unserialize("a:2:{i:1;N;i:0;N;}")));
        assertTrue(PhpSerializer.isList(array()));
    }

    @Test
    void keyAndBytesHelpers() {
        assertEquals(5L, PhpSerializer.arrayKey("5"));
        assertEquals(5L, PhpSerializer.arrayKey(5));
        assertEquals(5L, PhpSerializer.arrayKey(new byte[] {'5'}));
        assertEquals("05", PhpSerializer.arrayKey("05"));
        assertThrows(IllegalArgumentException.class, () -> PhpSerializer.arrayKey(null));
        assertThrows(IllegalArgumentException.class, () -> PhpSerializer.arrayKey(2.0));
        assertArrayEquals(new byte[] {(byte) 0xc3, (byte) 0xa9}, PhpSerializer.bytes("é"));
        byte[] raw = {1, 2};
        byte[] copy = PhpSerializer.bytes(raw);
        assertArrayEquals(raw, copy);
        copy[0] = 9;
        assertEquals(1, raw[0]);
        assertThrows(IllegalArgumentException.class, () -> PhpSerializer.bytes(5L));
        assertThrows(IllegalArgumentException.class, () -> PhpSerializer.bytes(null));
    }

    @Test
    void theSharedValuesRoundTrip() {
        for (Object value : PhpValues.values()) {
            byte[] bytes = php.serialize(value);
            Object back = php.unserialize(bytes);
            assertTrue(PhpValues.same(value, back), () -> PhpValues.show(value) + " came back as " + PhpValues.show(back));
            assertArrayEquals(bytes, php.serialize(back));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.1 | 0.100000",
        "1.5 | 1.500000",
        "-1.5 | -1.500000",
        "0.0 | 0.000000",
        "-0.0 | 0.000000",
        "-1e-7 | -0.000000",
        "-6e-7 | -0.000001",
        "2.5e-6 | 0.000003",
        "0.0078125 | 0.007812",
        "0.0234375 | 0.023438",
        "0.9999995 | 1.000000",
        "1e20 | 100000000000000000000.000000",
        "1e23 | 99999999999999991611392.000000",
        "Infinity | inf",
        "-Infinity | inf",
        "NaN | nan",
    })
    void unserializedFloatsAreSentAsPhpsPercentF(double value, String text) {
        assertEquals(text, new String(PhpMessageQueue.scalarBytes(value), StandardCharsets.US_ASCII));
    }

    @Test
    void unserializedScalars() {
        assertEquals("-9223372036854775808", new String(PhpMessageQueue.scalarBytes(Long.MIN_VALUE), StandardCharsets.US_ASCII));
        assertEquals("1", new String(PhpMessageQueue.scalarBytes(true), StandardCharsets.US_ASCII));
        assertEquals("0", new String(PhpMessageQueue.scalarBytes(false), StandardCharsets.US_ASCII));
        assertEquals("é", new String(PhpMessageQueue.scalarBytes("é"), StandardCharsets.UTF_8));
        assertArrayEquals(new byte[] {(byte) 0xff}, PhpMessageQueue.scalarBytes(new byte[] {(byte) 0xff}));
        assertThrows(IllegalArgumentException.class, () -> PhpMessageQueue.scalarBytes(null));
        assertThrows(IllegalArgumentException.class, () -> PhpMessageQueue.scalarBytes(List.of()));
        assertThrows(IllegalArgumentException.class, () -> PhpMessageQueue.scalarBytes(Map.of()));
    }

    /** Bytes from strings (ISO-8859-1) and ints. */
    static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer i) {
                out.write(i);
            } else {
                out.writeBytes(((String) part).getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return out.toByteArray();
    }
}
