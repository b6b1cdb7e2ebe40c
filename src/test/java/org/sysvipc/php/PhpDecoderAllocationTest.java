package org.sysvipc.php;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.sysvipc.php.AmplifyingInputs.Shape;

/**
 * Decoding allocates at most a constant times the input's size, whatever the input claims: the
 * bytes allocated per input byte, counted by the JVM, on the shapes that amplify most.
 */
class PhpDecoderAllocationTest {
    private static final PhpSerializer PHP = PhpSerializer.standard();
    /** Small first, so that an amplifying decoder fails the test before it allocates gigabytes. */
    private static final List<Integer> SIZES = List.of(4 * 1024, 64 * 1024, 256 * 1024);
    static final List<Shape> SHAPES = AmplifyingInputs.SHAPES;

    @ParameterizedTest
    @FieldSource("SHAPES")
    void decodingAllocatesAtMostAConstantTimesTheInputSize(Shape shape) {
        for (int size : SIZES) {
            byte[] input = shape.make(size);
            DecodingAllocation.Result result = DecodingAllocation.measure(PHP, input);
            System.out.printf(Locale.ROOT, "decoding allocation: %-22s %8d input bytes, %s, %,14d bytes allocated,"
                    + " %8.2f per input byte%n", shape, input.length, result.decoded() ? "decoded" : "refused",
                    result.allocated(), result.perInputByte());
            assertTrue(result.withinBound(), () -> shape + " of " + input.length + " bytes allocated "
                    + result.allocated() + " bytes, " + result.perInputByte() + " per input byte; the bound is "
                    + DecodingAllocation.MAX_BYTES_PER_INPUT_BYTE + " per byte and "
                    + DecodingAllocation.FIXED_ALLOWANCE + " besides");
        }
    }

    @Test
    void nestedArraysThatClaimTheSameBytesAreRefusedAtTheFirstClaimThatCannotFit() {
        // each array claims 2 elements: alone each would fit, together they cannot
        byte[] input = "a:2:{i:0;a:2:{i:0;N;i:1;N;}}".getBytes(StandardCharsets.US_ASCII);
        PhpFormatException e = assertThrows(PhpFormatException.class, () -> PHP.unserialize(input));
        assertTrue(e.getMessage().contains("elements cannot fit"), e.getMessage());
        assertEquals(9, e.position(), e.getMessage());
        assertFalse(DecodingAllocation.measure(PHP, AmplifyingInputs.nestedClaims(4096)).decoded());
    }
}
