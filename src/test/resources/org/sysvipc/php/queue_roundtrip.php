<?php
// With the queue of key argv[1]: sends every shared value serialized (type 1) and every scalar
// without serializing (type 2); then receives them back from Java the same ways (types 3 and 4)
// and checks each is exactly what PHP sent.
require __DIR__ . '/common.php';

$queue = msg_get_queue((int) arg(1));
$values = php_values();
$scalars = php_scalars();

// what PHP itself sends for each scalar without serializing, to compare Java's with
$rawText = [];
foreach ($scalars as $v) {
    check(msg_send($queue, 9, $v, false), "msg_send raw to self");
    check(msg_receive($queue, 9, $type, 4096, $text, false), "msg_receive raw from self");
    $rawText[] = $text;
}

foreach ($values as $v) {
    check(msg_send($queue, 1, $v), "msg_send");
}
foreach ($scalars as $v) {
    check(msg_send($queue, 2, $v, false), "msg_send raw");
}
foreach ($values as $i => $v) {
    check(msg_receive($queue, 3, $type, 65536, $got), "msg_receive $i");
    check($type === 3, "type $type");
    check(same($got, $v), "value $i came back as " . var_export($got, true));
}
foreach ($rawText as $i => $text) {
    check(msg_receive($queue, 4, $type, 65536, $got, false), "msg_receive raw $i");
    check($got === $text, "scalar $i came back as " . var_export($got, true) . ", not " . var_export($text, true));
}
echo "ok\n";
