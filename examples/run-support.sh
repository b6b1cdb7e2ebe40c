# Sourced by each example's `run`: a JDK 22+, a work directory, the example's Maven build, peers
# started in the background, and IPC keys whose objects must be gone at the end. On exit, however
# the run ends, it stops the processes it started, removes what is left of the IPC objects with
# those keys (a leftover fails a run that passed) and deletes the work directory.
#
# The caller sets `example` (its name, for messages) and `here` (its directory) before sourcing.

set -euo pipefail

repo_root=$(cd "$here/../.." && pwd)
source "$repo_root/bin/java-home"
java="$JAVA_HOME/bin/java"
work=$(mktemp -d "${TMPDIR:-/tmp}/sysvipc-example-$example.XXXXXX")
started_pids=()
claimed_keys=()
deadline_seconds=${EXAMPLE_TIMEOUT:-120}

fail() {
    echo "$example: FAILED: $*" >&2
    exit 1
}

finish() {
    local status=$? pid entry kind key flag left output
    # cleanup goes on whatever fails in it, and a reader that went away ends no write here
    set +e
    trap - EXIT INT TERM HUP
    trap '' PIPE
    for pid in "${started_pids[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            sleep 1
            kill -KILL "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    for entry in "${claimed_keys[@]}"; do
        kind=${entry%%:*}
        key=${entry#*:}
        left=$(ipc_ids "$kind" "$key")
        if [[ -n "$left" ]]; then
            case $kind in q) flag=-Q ;; m) flag=-M ;; s) flag=-S ;; esac
            ipcrm "$flag" "$key" || true
            echo "$example: removed what the run left: $(ipc_kind_name "$kind") $left (key $key)" >&2
            (( status != 0 )) || status=1
        fi
    done
    if (( status == 0 )); then
        echo "$example: passed"
    else
        for output in "$work"/*.out; do
            [[ -s "$output" ]] && printf -- '--- %s printed:\n%s\n' "${output##*/}" "$(cat "$output")" >&2
        done
    fi
    rm -rf "$work"
    exit "$status"
}
trap finish EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 141' PIPE
trap 'exit 143' TERM

ipc_kind_name() {
    case $1 in q) echo "message queue" ;; m) echo "shared memory segment" ;; s) echo "semaphore set" ;; esac
}

# The ids of the objects of kind q, m or s (ipcs's options) with this key, as ipcs lists them.
ipc_ids() {
    ipcs "-$1" | awk -v key="$2" '$1 == key { print $2 }'
}

# Prints glibc's ftok(path, proj) as ipcs shows keys: 0x and eight hexadecimal digits.
ftok_key() {
    local dev ino
    read -r dev ino < <(stat -c '%d %i' "$1")
    printf '0x%08x\n' $(( ((${2} & 0xff) << 24) | ((dev & 0xff) << 16) | (ino & 0xffff) ))
}

# Makes a key file in the work directory whose ftok key with proj (a character) no object of kind
# (q, m or s) has, claims that key for the cleanup, and sets `key_file` to its path. The namespace
# is shared: a key another program uses gets a new file, so that its object is never touched.
new_key_file() {
    local kind=$1 proj=$2 attempt key
    for attempt in 1 2 3 4 5 6 7 8; do
        key_file="$work/key-$kind-$attempt"
        touch "$key_file"
        key=$(ftok_key "$key_file" "$(printf '%d' "'$proj")")
        if [[ -z "$(ipc_ids "$kind" "$key")" ]]; then
            claimed_keys+=("$kind:$key")
            return 0
        fi
    done
    fail "every key file's key was taken by another $(ipc_kind_name "$kind")"
}

# Builds the example as a user would, from scratch (target/lib is the module path: no jar from an
# earlier build may stay in it), with one offline mvn: the library comes from the local repository.
build_example() {
    local log="$work/mvn.log"
    rm -rf "$here/target"
    if ! mvn -B -q -o -f "$here/pom.xml" package >"$log" 2>&1; then
        cat "$log" >&2
        fail "mvn package failed (offline: mvn install in the project puts the library and the plugins in ~/.m2)"
    fi
}

# Compiles a peer with gcc into the work directory: compile_c NAME SOURCE [FLAGS...]
compile_c() {
    local name=$1 source=$2
    shift 2
    gcc -std=c11 -Wall -Wextra -Werror -O2 "$@" -o "$work/$name" "$source" || fail "gcc could not build $source"
}

# Starts a command in the background with its output in a file: start_background OUTPUT CMD...
# Sets `started_pid`.
start_background() {
    local output=$1
    shift
    timeout --signal=KILL "$deadline_seconds" "$@" >"$output" 2>&1 &
    started_pid=$!
    started_pids+=("$started_pid")
}

# Waits until a background process's output has a line matching a pattern (COUNT such lines, if
# given), or fails if it ends or takes too long: await_line PID OUTPUT PATTERN [COUNT]
await_line() {
    local pid=$1 output=$2 pattern=$3 count=${4:-1} tries
    for (( tries = 0; tries < deadline_seconds * 10; tries++ )); do
        if (( $(cat "$output" 2>/dev/null | grep -c -- "$pattern") >= count )); then
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            fail "the process writing ${output##*/} ended before printing $count lines '$pattern'"
        fi
        sleep 0.1
    done
    fail "${output##*/} has fewer than $count lines '$pattern' after ${deadline_seconds}s"
}

# Waits for a background process and fails unless it exits with 0: await_success PID WHAT
await_success() {
    local status=0
    wait "$1" || status=$?
    require_success "$2" "$status"
}

require_success() {
    if (( $2 == 137 )); then
        fail "$1 was killed (SIGKILL), at the time limit of ${deadline_seconds}s or by another process"
    elif (( $2 != 0 )); then
        fail "$1 exited with status $2"
    fi
}

# Runs a command to its end, within the time limit, with its output in a file:
# run_step OUTPUT WHAT CMD... (in the background, waited for: bash runs a trap for a signal at
# once during `wait`, but only after a foreground command has ended)
run_step() {
    local output=$1 what=$2
    shift 2
    start_background "$output" "$@"
    await_success "$started_pid" "$what"
}

# Compares what a program printed with what it should have: expect_output WHAT ACTUAL_FILE < EXPECTED
expect_output() {
    local diff
    if ! diff=$(diff -u --label expected --label "$1" - "$2"); then
        printf '%s\n' "$diff" >&2
        fail "$1 printed something else than expected"
    fi
    echo "ok     $1"
}
