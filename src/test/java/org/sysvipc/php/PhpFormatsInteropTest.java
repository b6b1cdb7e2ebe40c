package org.sysvipc.php;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sysvipc.IpcKey;
import org.sysvipc.MessageQueue;
import org.sysvipc.OpenMode;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.TestKeys;

/** The formats, checked against the real PHP: serialize(), msg_send's scalar text, ftok. */
class PhpFormatsInteropTest {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final PhpSerializer php = PhpSerializer.standard();

    @Test
    void floatsAreFormattedAsPhpFormatsThem() {
        Random random = new Random(20240917);
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 0.1, 1.0, 1e15, 1e16, 1e17, 1e-4, 1e-5, 5e-324,
                Double.MAX_VALUE, Double.MIN_NORMAL, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
                0.0078125, 0.9999995, 2.5e-6, -1e-7, 1e23, 9007199254740993.0));
        for (int exponent = -330; exponent <= 310; exponent++) {
            values.add(Double.parseDouble("1e" + exponent));
            values.add(Double.parseDouble("7e" + exponent));
        }
        for (int i = 0; i < 3000; i++) {
            values.add(Double.longBitsToDouble(random.nextLong()));               // any bits
            values.add(random.nextInt(2_000_001) / Math.pow(10, random.nextInt(12))); // short decimals
            values.add(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
            values.add(Double.longBitsToDouble(random.nextLong(1L << 52)));       // subnormals
        }
        MessageQueue queue = cleanup.add(MessageQueue.open(TestKeys.random(), OpenMode.CREATE_NEW, 0600));
        Php.Peer peer = Php.start("formats.php", queue.key().value());
        StringBuilder in = new StringBuilder();
        for (double value : values) {
            in.append(HexFormat.of().toHexDigits(Double.doubleToRawLongBits(value))).append('\n');
        }
        peer.feed(in.toString());
        String[] lines = peer.await().split("\n");
        assertEquals(values.size(), lines.length);
        int mismatches = 0;
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            double value = values.get(i);
            String[] php2 = lines[i].split(" ", 2);
            String javaSerialized = new String(php.serialize(value), StandardCharsets.US_ASCII);
            String javaRaw = new String(PhpMessageQueue.scalarBytes(value), StandardCharsets.US_ASCII);
            Object back = php.unserialize(php2[0].getBytes(StandardCharsets.US_ASCII));
            boolean sameBits = Double.doubleToRawLongBits((Double) back) == Double.doubleToRawLongBits(value)
                    || Double.isNaN(value);
            if (!javaSerialized.equals(php2[0]) || !javaRaw.equals(php2[1]) || !sameBits) {
                if (mismatches++ < 10) {
                    report.append(value).append(": PHP ").append(lines[i]).append(", Java ")
                            .append(javaSerialized).append(' ').append(javaRaw).append('\n');
                }
            }
        }
        assertEquals(0, mismatches, report.toString());
    }

    @Test
    void theSharedValuesSerializeToPhpsBytesBothWays() {
        String[] fromPhp = Php.run("values.php", "print").split("\n");
        List<Object> values = PhpValues.values();
        assertEquals(values.size(), fromPhp.length);
        StringBuilder toPhp = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            byte[] phpBytes = HexFormat.of().parseHex(fromPhp[i]);
            byte[] javaBytes = php.serialize(values.get(i));
            assertArrayEquals(phpBytes, javaBytes, "value " + i + ": PHP wrote "
                    + new String(phpBytes, StandardCharsets.ISO_8859_1));
            Object decoded = php.unserialize(phpBytes);
            int index = i;
            assertTrue(PhpValues.same(values.get(i), decoded), () -> "value " + index + " decoded as " + PhpValues.show(decoded));
            toPhp.append(HexFormat.of().formatHex(javaBytes)).append('\n');
        }
        Php.Peer check = Php.start("values.php", "check");
        check.feed(toPhp.toString());
        assertEquals("ok\n", check.await());
    }

    @Test
    void ftokGivesPhpsKeys(@TempDir Path dir) throws Exception {
        List<Path> paths = List.of(Files.createFile(dir.resolve("a")), Files.createDirectory(dir.resolve("b")),
                Path.of("/etc/passwd"), Path.of("/"));
        String chars = "qA~\u007f1";
        List<Object> args = new ArrayList<>();
        List<IpcKey> expected = new ArrayList<>();
        for (Path path : paths) {
            for (char c : chars.toCharArray()) {
                args.add(path.toString());
                args.add(String.valueOf(c));
                expected.add(IpcKey.ftok(path, c));
            }
        }
        String[] keys = Php.run("ftok.php", args.toArray()).split("\n");
        assertEquals(expected.size(), keys.length);
        for (int i = 0; i < keys.length; i++) {
            assertEquals(expected.get(i), IpcKey.of(Integer.parseInt(keys[i])), "ftok(" + args.get(2 * i) + ", " + args.get(2 * i + 1) + ")");
        }
    }
}
