<?php
// "print": writes bin2hex(serialize(v)) for each shared value, one a line.
// "check": reads such lines and checks each unserializes to the shared value.
require __DIR__ . '/common.php';

$values = php_values();
if (arg(1) === 'print') {
    foreach ($values as $v) {
        echo bin2hex(serialize($v)), "\n";
    }
} else {
    foreach ($values as $i => $v) {
        $line = fgets(STDIN);
        check($line !== false, "value $i missing");
        $got = unserialize(hex2bin(trim($line)));
        check(same($got, $v), "value $i: got " . var_export($got, true));
    }
    echo "ok\n";
}
