package com.example.consumers;

import java.time.Duration;
import java.util.Map;

/**
 * A job as php/producer.php sends it, a PHP array: {@code ['id' => '2-17', 'work_ms' => 40]}, the
 * producer's number and the job's, and how long handling it takes.
 */
record Job(String id, Duration work) {
    /**
     * Reads a job from an unserialized message.
     *
     * @throws IllegalArgumentException if the value is not such an array
     */
    static Job from(Object value) {
        if (value instanceof Map<?, ?> job && job.get("id") instanceof String id
                && job.get("work_ms") instanceof Long millis && millis >= 0) {
            return new Job(id, Duration.ofMillis(millis));
        }
        throw new IllegalArgumentException("not a job: " + value);
    }
}
