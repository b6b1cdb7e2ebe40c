package org.sysvipc.php;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The values of common.php's php_values(), as PhpSerializer decodes them, and exact comparison. */
final class PhpValues {
    private PhpValues() {
    }

    static final byte[] BINARY = {(byte) 0xff, (byte) 0xfe, 0, 'b', 'i', 'n', 'a', 'r', 'y'};

    static List<Object> values() {
        Map<Object, Object> mixed = new LinkedHashMap<>();
        mixed.put("a", 1L);
        mixed.put("b", array(true, null, 2.5));
        mixed.put(5L, "five");
        mixed.put("05", "string key");
        mixed.put(-3L, "neg");
        mixed.put(new byte[] {'x', (byte) 0xff}, "bytes key");
        Map<Object, Object> deep = new LinkedHashMap<>();
        deep.put("deep", array(1L, array(2L, array(3L))));
        return Arrays.asList(
                "hello world",
                Long.MAX_VALUE,
                Long.MIN_VALUE,
                0L,
                -1L,
                0.1,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                Double.NaN,
                -0.0,
                1.5e300,
                Double.MIN_VALUE,
                1.0e25,
                123456.789,
                true,
                false,
                null,
                "",
                "ünïcödé ✓ 𝄞",
                BINARY.clone(),
                "a;b:c\"{}",
                array(),
                array(1L, 2L, 3L),
                mixed,
                array(array(deep)));
    }

    /** The values msg_send sends without serializing. */
    static List<Object> scalars() {
        return values().stream().filter(v -> v != null && !(v instanceof Map)).toList();
    }

    /** A PHP list as decoded: keys 0, 1, 2, ... */
    static Map<Object, Object> array(Object... values) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put((long) i, values[i]);
        }
        return map;
    }

    /** Exact equality as PHP's serialize sees it: types, bits of floats, bytes of strings, order of arrays. */
    static boolean same(Object a, Object b) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            Iterator<? extends Map.Entry<?, ?>> ia = ma.entrySet().iterator();
            Iterator<? extends Map.Entry<?, ?>> ib = mb.entrySet().iterator();
            while (ia.hasNext()) {
                Map.Entry<?, ?> ea = ia.next();
                Map.Entry<?, ?> eb = ib.next();
                if (!same(ea.getKey(), eb.getKey()) || !same(ea.getValue(), eb.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof byte[] ba && b instanceof byte[] bb) {
            return Arrays.equals(ba, bb);
        }
        if (a != null && b != null && a.getClass() != b.getClass()) {
            return false;
        }
        return Objects.equals(a, b);
    }

    static String show(Object value) {
        return value instanceof byte[] b ? "byte[]" + Arrays.toString(b)
                : value instanceof String s ? "\"" + s + "\""
                : value instanceof Map<?, ?> m ? showMap(m)
                : String.valueOf(value) + (value == null ? "" : " (" + value.getClass().getSimpleName() + ")");
    }

    private static String showMap(Map<?, ?> map) {
        StringBuilder out = new StringBuilder("{");
        map.forEach((k, v) -> out.append(show(k)).append('=').append(show(v)).append(", "));
        return out.append('}').toString();
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
