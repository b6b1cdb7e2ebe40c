package org.sysvipc.php;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sysvipc.testing.ChildJvm;

/** What serialize does with a map that changes under it and with a value too large to hold. */
class PhpSerializeFailuresTest {
    private final PhpSerializer php = PhpSerializer.standard();

    /** A map whose size says one thing and whose entries another, as one changed by another thread mid-way. */
    private static Map<Object, Object> changingMap(int sizeFirstSeen, List<Map.Entry<Object, Object>> entries) {
        return new AbstractMap<>() {
            @Override
            public int size() {
                return sizeFirstSeen;
            }

            @Override
            public Set<Entry<Object, Object>> entrySet() {
                return new java.util.AbstractSet<>() {
                    @Override
                    public java.util.Iterator<Entry<Object, Object>> iterator() {
                        return entries.iterator();
                    }

                    @Override
                    public int size() {
                        return entries.size();
                    }
                };
            }
        };
    }

    @Test
    void aMapThatGrowsOrShrinksWhileSerializedEndsInConcurrentModificationException() {
        List<Map.Entry<Object, Object>> three = List.of(Map.entry(1L, "a"), Map.entry(2L, "b"), Map.entry(3L, "c"));
        ConcurrentModificationException grew = assertThrows(ConcurrentModificationException.class,
                () -> php.serialize(Map.of("outer", changingMap(2, three))));
        assertTrue(grew.getMessage().contains("grew"), grew.getMessage());
        ConcurrentModificationException shrank = assertThrows(ConcurrentModificationException.class,
                () -> php.serialize(changingMap(4, three)));
        assertTrue(shrank.getMessage().contains("shrank"), shrank.getMessage());
        // the thread's encoder is whole afterwards
        assertEquals("a:1:{i:0;s:1:\"x\";}", new String(php.serialize(List.of("x")), StandardCharsets.US_ASCII));
    }

    @Test
    void aValuePastTheLargestArraySaysSoBeforeItAllocates() {
        byte[] kibibyte = new byte[1024];
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class,
                () -> PhpEncoder.encode(List.of(kibibyte, kibibyte), 8, 1500, (bytes, length) -> length));
        assertTrue(e.getMessage().startsWith("cannot serialize the value to PHP's format: its bytes would pass 1500 ("),
                e.getMessage());
        int length = php.serialize(List.of(kibibyte, kibibyte)).length;
        assertEquals(length, (int) PhpEncoder.encode(List.of(kibibyte, kibibyte), 8, length, (bytes, written) -> written));
    }

    @Test
    void aValueTheHeapCannotHoldSaysWhatItNeeded() {
        String out = ChildJvm.run(SerializeOutOfMemoryChild.class).strip();
        assertTrue(out.matches("OutOfMemoryError: cannot serialize the value to PHP's format: the Java heap has no room"
                + " for a buffer of \\d+ bytes \\(Java heap space\\)"), out);
    }
}
