<?php
// Writes ftok(path, char) for each argument pair path char.
require __DIR__ . '/common.php';

for ($i = 1; $i + 1 < $argc; $i += 2) {
    echo ftok($argv[$i], $argv[$i + 1]), "\n";
}
