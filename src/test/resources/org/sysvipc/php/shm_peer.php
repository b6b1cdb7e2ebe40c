<?php
// Shared variables in the segment with key argv[1] (size argv[2]); argv[3] is the mode:
//   check   - every shared value i is at key 7*i-50 (Java put them there)
//   replay  - the operations of PhpSharedVariablesTest.replay(), for the byte comparison
//   dump    - writes bin2hex(shm_get_var) of every key given after the mode (or "absent")
require __DIR__ . '/common.php';

$shm = shm_attach((int) arg(1), (int) arg(2));
$values = php_values();
switch (arg(3)) {
    case 'check':
        foreach ($values as $i => $v) {
            $key = 7 * $i - 50;
            check(shm_has_var($shm, $key), "shm_has_var($key)");
            $got = shm_get_var($shm, $key);
            check(same($got, $v), "key $key: got " . var_export($got, true));
        }
        check(!shm_has_var($shm, 12345), "shm_has_var(12345)");
        break;
    case 'replay':
        foreach ($values as $i => $v) {
            check(shm_put_var($shm, 7 * $i - 50, $v), "shm_put_var $i");
        }
        check(shm_put_var($shm, 7 * 3 - 50, "replaced"), "replace");
        check(shm_remove_var($shm, 7 * 5 - 50), "remove 5");
        check(shm_remove_var($shm, -50), "remove 0");
        check(shm_put_var($shm, PHP_INT_MAX, [1, 2]), "put max");
        check(shm_put_var($shm, PHP_INT_MIN, str_repeat("x", 100)), "put min");
        check(shm_remove_var($shm, 7 * 24 - 50), "remove last");
        break;
    case 'dump':
        for ($i = 4; $i < $argc; $i++) {
            $key = (int) $argv[$i];
            echo shm_has_var($shm, $key) ? bin2hex(serialize(shm_get_var($shm, $key))) : 'absent', "\n";
        }
        break;
    default:
        fail("unknown mode " . arg(3));
}
shm_detach($shm);
echo "ok\n";
