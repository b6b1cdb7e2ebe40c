package org.sysvipc.jmh;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sysvipc.IpcKey;
import org.sysvipc.php.PhpSerializer;
import org.sysvipc.php.PhpSharedVariables;

/**
 * PHP interop: the {@code serialize()} codec on a typical nested value (a record-like array with
 * strings, ints, floats, a bool, null, lists and a nested array; 365 bytes serialized), and
 * the {@code shm_put_var}/{@code shm_get_var} store in a private segment.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PhpBenchmark {
    private static final long VARIABLE = 7;

    private final PhpSerializer serializer = PhpSerializer.standard();
    private Map<String, Object> value;
    private byte[] serialized;
    private IpcObjects objects;
    private PhpSharedVariables variables;

    @Setup(Level.Trial)
    public void setUp() {
        value = typicalValue();
        serialized = serializer.serialize(value);
        objects = new IpcObjects();
        variables = PhpSharedVariables.attach(IpcKey.PRIVATE);
        objects.add(variables.memory());
        variables.put(VARIABLE, value);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            variables.close();
        } finally {
            objects.close();
        }
    }

    /** What a PHP job might pass in a message: an order with its lines and customer. */
    static Map<String, Object> typicalValue() {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", 1017L);
        customer.put("name", "Ada Lovelace");
        customer.put("email", "ada@example.org");
        customer.put("vip", true);
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", 4242L);
        order.put("status", "paid");
        order.put("total", 129.95);
        order.put("coupon", null);
        order.put("customer", customer);
        order.put("items", List.of(
                List.of("SKU-1001", 2L, 19.99),
                List.of("SKU-2002", 1L, 89.97)));
        order.put("tags", List.of("express", "gift"));
        return order;
    }

    @Benchmark
    public byte[] serialize() {
        return serializer.serialize(value);
    }

    @Benchmark
    public Object unserialize() {
        return serializer.unserialize(serialized);
    }

    /** {@code shm_put_var} of the value over its previous copy: serialize, then rewrite the chunk. */
    @Benchmark
    public void put() {
        variables.put(VARIABLE, value);
    }

    /** {@code shm_get_var}: find the chunk, copy it out and unserialize it. */
    @Benchmark
    public Object get() {
        return variables.get(VARIABLE);
    }
}
