<?php
// sem_get on the key argv[1]; argv[2] is the mode:
//   hold [max] - acquires, says "held", waits for a line on stdin, releases, says "released"
//   try        - says "acquired" or "busy" for a non-blocking acquire, and exits (auto-release)
//   take [max] - acquires, says "held", and exits without releasing (auto-release gives it back)
require __DIR__ . '/common.php';

$max = (int) ($argv[3] ?? 1);
$sem = sem_get((int) arg(1), $max);
check($sem !== false, "sem_get");
switch (arg(2)) {
    case 'hold':
        check(sem_acquire($sem), "sem_acquire");
        echo "held\n";
        fgets(STDIN);
        check(sem_release($sem), "sem_release");
        echo "released\n";
        break;
    case 'try':
        echo sem_acquire($sem, true) ? "acquired\n" : "busy\n";
        break;
    case 'take':
        check(sem_acquire($sem), "sem_acquire");
        echo "held\n";
        break;
    default:
        fail("unknown mode " . arg(2));
}
