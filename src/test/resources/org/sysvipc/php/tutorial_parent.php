<?php
// The tutorial's flow with a Java child: the PHP parent makes a FIFO and a queue key with ftok,
// starts the child (the command after argv[2], given the FIFO and the key file), writes a line to
// it through the FIFO, sends it a task through the queue, and checks the child's reply.
require __DIR__ . '/common.php';

$fifo = arg(1);
$keyFile = arg(2);
$childCommand = array_slice($argv, 3);

check(posix_mkfifo($fifo, 0600), "posix_mkfifo");
$queue = msg_get_queue(ftok($keyFile, 'q'), 0600);
$child = proc_open(array_merge($childCommand, [$fifo, $keyFile]), [1 => ['pipe', 'w'], 2 => STDERR], $pipes);
check(is_resource($child), "proc_open");

$greeting = "hello from PHP parent " . getmypid();
$out = fopen($fifo, 'w'); // waits for the child to open it for reading
fwrite($out, $greeting . "\n");
fclose($out);

check(msg_send($queue, 1, ['task' => 'square', 'n' => 12, 'note' => "ünïcödé"]), "msg_send");
check(msg_receive($queue, 2, $type, 8192, $reply), "msg_receive");
$expected = ['result' => 144, 'fifo' => $greeting, 'note' => "ünïcödé", 'from' => 'java'];
check(same($reply, $expected), "the child replied " . var_export($reply, true));

$childOut = stream_get_contents($pipes[1]);
fclose($pipes[1]);
$status = proc_close($child);
check($status === 0, "the child exited $status");
check($childOut === "child done\n", "the child said " . var_export($childOut, true));
unlink($fifo);
echo "ok\n";
