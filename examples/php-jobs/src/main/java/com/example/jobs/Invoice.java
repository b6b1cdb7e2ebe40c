package com.example.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sysvipc.php.PhpSerializer;

/**
 * An invoice job as php/worker.php sends it, a PHP array:
 *
 * <pre>
 * ['op' => 'invoice', 'id' => 3, 'reply_to' => 4242, 'customer' => 'Zoë Ångström',
 *  'lines' => [['item' => 'tea', 'qty' => 2, 'price' => 4.2], ...]]
 * </pre>
 *
 * PHP ints arrive as {@link Long}, floats as {@link Double}, UTF-8 strings as {@link String}, and
 * arrays as maps (a list's keys are 0, 1, 2, ...).
 */
record Invoice(long id, String customer, List<Line> lines) {
    record Line(String item, long quantity, double price) {
    }

    /**
     * Reads an invoice from a job.
     *
     * @throws IllegalArgumentException naming the field that is missing or of another type
     */
    static Invoice from(Map<?, ?> job) {
        List<Line> lines = new ArrayList<>();
        for (Object row : PhpSerializer.toList(field(job, "lines", Map.class))) {
            if (!(row instanceof Map<?, ?> line)) {
                throw new IllegalArgumentException("a line is not an array");
            }
            lines.add(new Line(field(line, "item", String.class), field(line, "qty", Long.class),
                    field(line, "price", Double.class)));
        }
        return new Invoice(field(job, "id", Long.class), field(job, "customer", String.class), List.copyOf(lines));
    }

    long items() {
        return lines.stream().mapToLong(Line::quantity).sum();
    }

    /** The sum of quantity times price, in PHP's order and arithmetic: the very double PHP computes. */
    double total() {
        double total = 0.0;
        for (Line line : lines) {
            total += line.quantity() * line.price();
        }
        return total;
    }

    private static <T> T field(Map<?, ?> array, String key, Class<T> type) {
        Object value = array.get(key);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("'" + key + "' is "
                    + (value == null ? "missing" : "a " + value.getClass().getSimpleName())
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }
}
