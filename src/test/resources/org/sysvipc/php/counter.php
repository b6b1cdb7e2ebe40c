<?php
// Adds 1 to shared variable 1 of the segment with key argv[1], argv[3] times, each under the
// sem_get semaphore with key argv[2]; with argv[3] = "init", sets it to 0; with argv[3] = "check",
// checks it is argv[4].
require __DIR__ . '/common.php';

$shm = shm_attach((int) arg(1));
$sem = sem_get((int) arg(2));
if (arg(3) === 'init') {
    check(sem_acquire($sem), "sem_acquire");
    check(shm_put_var($shm, 1, 0), "shm_put_var");
    sem_release($sem);
    echo "ok\n";
    exit(0);
}
if (arg(3) === 'check') {
    check(sem_acquire($sem), "sem_acquire");
    $total = shm_get_var($shm, 1);
    sem_release($sem);
    check($total === (int) arg(4), "the counter is " . var_export($total, true) . ", not " . arg(4));
    echo "ok\n";
    exit(0);
}
$n = (int) arg(3);
for ($i = 0; $i < $n; $i++) {
    check(sem_acquire($sem), "sem_acquire");
    $value = shm_get_var($shm, 1);
    check(is_int($value), "the counter is " . var_export($value, true));
    check(shm_put_var($shm, 1, $value + 1), "shm_put_var");
    check(sem_release($sem), "sem_release");
}
echo "ok\n";
