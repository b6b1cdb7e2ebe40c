<?php
/*
 * A PHP producer: sends jobs to the Java ConsumerService with msg_send, as a web application
 * would hand work to a back end. Each job is a PHP array, ['id' => 'PRODUCER-N', 'work_ms' => MS],
 * sent as a message of type 1 in PHP's serialize() format. The queue outlives both sides:
 * msg_get_queue opens it, or creates it if the service has not yet, and jobs sent while the
 * service is down wait for it.
 *
 *   php producer.php KEYFILE PRODUCER JOBS WORK_MS
 */
declare(strict_types=1);

const JOB = 1;

if ($argc !== 5) {
    fwrite(STDERR, "usage: php producer.php KEYFILE PRODUCER JOBS WORK_MS\n");
    exit(2);
}
[, $keyFile, $producer, $jobs, $workMillis] = $argv;
$key = ftok($keyFile, 'c');
if ($key === -1) {
    fwrite(STDERR, "producer: ftok failed for $keyFile\n");
    exit(1);
}
$queue = msg_get_queue($key, 0600);
for ($n = 1; $n <= (int) $jobs; $n++) {
    // blocking: when the queue is full, wait until the service has taken some
    if (!msg_send($queue, JOB, ['id' => "$producer-$n", 'work_ms' => (int) $workMillis], true, true, $error)) {
        fwrite(STDERR, "producer $producer: msg_send failed with errno $error\n");
        exit(1);
    }
}
echo "producer $producer: sent $jobs jobs\n";
