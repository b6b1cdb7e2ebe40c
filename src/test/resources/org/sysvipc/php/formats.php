<?php
// Reads doubles as 16 hex digits (their big-endian bits), one a line; writes for each
// "<serialize($d)> <what msg_send sends for $d without serializing>", the latter through queue argv[1].
require __DIR__ . '/common.php';

$queue = msg_get_queue((int) arg(1));
while (($line = fgets(STDIN)) !== false) {
    $d = unpack('E', hex2bin(trim($line)))[1];
    check(msg_send($queue, 1, $d, false), "msg_send");
    check(msg_receive($queue, 1, $type, 4096, $raw, false), "msg_receive");
    echo serialize($d), ' ', $raw, "\n";
}
