<?php
/*
 * Asks the Java JobService to stop: it answers the jobs sent before, then removes its queue.
 *
 *   php stop-service.php KEYFILE
 */
declare(strict_types=1);

const JOB = 1;

if ($argc !== 2) {
    fwrite(STDERR, "usage: php stop-service.php KEYFILE\n");
    exit(1);
}
$key = ftok($argv[1], 'j');
if ($key === -1 || !msg_queue_exists($key)) {
    fwrite(STDERR, "stop-service: no job service runs for {$argv[1]}\n");
    exit(1);
}
if (!msg_send(msg_get_queue($key), JOB, ['op' => 'stop'], true, true, $error)) {
    fwrite(STDERR, "stop-service: msg_send failed with errno $error\n");
    exit(1);
}
