<?php
/*
 * A PHP worker: hands invoices to the Java JobService through a System V message queue and
 * checks each reply.
 *
 * Jobs go out with msg_send as messages of type 1, in PHP's serialize() format, each with the
 * worker's pid as 'reply_to'. The service replies with that pid as the message type, so this
 * worker's msg_receive takes its own replies only.
 *
 *   php worker.php KEYFILE WORKER JOBS
 */
declare(strict_types=1);

const JOB = 1;
const MAX_REPLY_BYTES = 8192;
const CUSTOMERS = ['Zoë Ångström', 'José Núñez', 'Ada Lovelace'];
const PRICES = ['tea' => 4.20, 'coffee' => 12.50, 'croissant' => 2.35];

function fail(string $message): never
{
    fwrite(STDERR, "worker: $message\n");
    exit(1);
}

if ($argc !== 4) {
    fail('usage: php worker.php KEYFILE WORKER JOBS');
}
[, $keyFile, $worker, $jobs] = $argv;
$worker = (int) $worker;
$jobs = (int) $jobs;

$key = ftok($keyFile, 'j');
if ($key === -1) {
    fail("ftok failed for $keyFile");
}
// msg_get_queue would create a queue that is missing: the service creates it, so check first
if (!msg_queue_exists($key)) {
    fail(sprintf('no job service runs with key 0x%08x', $key));
}
$queue = msg_get_queue($key);
$replyTo = getmypid();

for ($id = 1; $id <= $jobs; $id++) {
    $customer = CUSTOMERS[($worker + $id) % count(CUSTOMERS)];
    $lines = [];
    $items = 0;
    $total = 0.0;
    foreach (PRICES as $item => $price) {
        $quantity = ($worker * $id + strlen($item)) % 4 + 1;
        $lines[] = ['item' => $item, 'qty' => $quantity, 'price' => $price];
        $items += $quantity;
        $total += $quantity * $price;
    }
    $job = ['op' => 'invoice', 'id' => $id, 'reply_to' => $replyTo, 'customer' => $customer, 'lines' => $lines];

    if (!msg_send($queue, JOB, $job, true, true, $error)) {
        fail("msg_send failed with errno $error");
    }
    if (!msg_receive($queue, $replyTo, $type, MAX_REPLY_BYTES, $reply, true, 0, $error)) {
        fail("msg_receive failed with errno $error");
    }
    if (isset($reply['error'])) {
        fail("invoice $id: the service says: {$reply['error']}");
    }
    // strict: the same types (int, float, string), and the very float PHP computed
    if (($reply['id'] ?? null) !== $id || ($reply['customer'] ?? null) !== $customer
        || ($reply['items'] ?? null) !== $items || ($reply['total'] ?? null) !== $total) {
        fail("invoice $id: unexpected reply " . var_export($reply, true));
    }
    printf("worker %d: invoice %d for %s, %d items: %.2F\n", $worker, $id, $reply['customer'], $reply['items'],
        $reply['total']);
}
