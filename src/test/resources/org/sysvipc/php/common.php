<?php
// Shared by the interop tests' PHP peers: every warning is fatal, and the values both sides know.
declare(strict_types=1);
error_reporting(E_ALL);
set_error_handler(function (int $no, string $message, string $file, int $line): bool {
    throw new ErrorException($message, 0, $no, $file, $line);
});

function fail(string $why): never
{
    fwrite(STDERR, "php peer FAILED: $why\n");
    exit(1);
}

function check(bool $ok, string $why): void
{
    if (!$ok) {
        fail($why);
    }
}

/** Compares exactly: type, value, NAN, -0.0, array order and keys (serialize is PHP's exact form). */
function same(mixed $a, mixed $b): bool
{
    return serialize($a) === serialize($b);
}

/** The values the Java tests know too, in PhpValues.java, in the same order. */
function php_values(): array
{
    return [
        "hello world",
        PHP_INT_MAX,
        PHP_INT_MIN,
        0,
        -1,
        0.1,
        INF,
        -INF,
        NAN,
        -0.0,
        1.5e300,
        5e-324,
        1.0e25,
        123456.789,
        true,
        false,
        null,
        "",
        "ünïcödé ✓ 𝄞",
        "\xff\xfe\x00binary",
        "a;b:c\"{}",
        [],
        [1, 2, 3],
        ["a" => 1, "b" => [true, null, 2.5], 5 => "five", "05" => "string key", -3 => "neg", "x\xff" => "bytes key"],
        [[["deep" => [1, [2, [3]]]]]],
    ];
}

/** The scalars msg_send sends without serializing (no null, no arrays). */
function php_scalars(): array
{
    return array_values(array_filter(php_values(), fn($v) => is_scalar($v)));
}

function arg(int $i): string
{
    global $argv;
    if (!isset($argv[$i])) {
        fail("missing argument $i");
    }
    return $argv[$i];
}
