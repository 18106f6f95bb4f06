#!/usr/bin/env bash
# The constant-time check (see ct/README.md): every case of the harness
# under valgrind's memcheck with its secrets marked undefined, each in a
# process of its own; then the negative controls, which memcheck must flag.
#
#   bash ct/run.sh [CASE...]     (from anywhere; no CASE: all of them)
#   CT_PORTABLE=1 bash ct/run.sh (build with --cfg barejwt_portable: the
#                                 portable SHA-384/512 instead of AVX2)
#
# Exit status 0 only when every case is clean and every control flagged.
# Logs: ct/target/ct-logs/NAME.log (valgrind) and NAME.out (the harness).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# valgrind exits with this when it reported errors; distinct from a panic
# (101) or a usage error (2) of the harness.
vg_errors=42

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }
start=$(now)

if [ "$(uname -m)" != x86_64 ]; then
    echo "ct: the harness's client requests are written for x86_64; this is $(uname -m)" >&2
    exit 1
fi

if ! command -v valgrind >/dev/null 2>&1; then
    echo "ct: valgrind is missing; installing the Debian package"
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update && apt-get install -y valgrind
    else
        sudo apt-get update && sudo apt-get install -y valgrind
    fi
fi

target="$here/target"
if [ "${CT_PORTABLE:-}" = 1 ]; then
    export RUSTFLAGS="${RUSTFLAGS:-} --cfg barejwt_portable"
    target="$here/target/portable"
fi
echo "ct: building the harness (release, debug info) with $(valgrind --version)"
cargo build --release --quiet --manifest-path "$here/Cargo.toml" --target-dir "$target"
bin="$target/release/barejwt-ct"
logs="$here/target/ct-logs"
mkdir -p "$logs"
echo "ct: built in $(since "$start")"

cases=()
controls=()
declare -A about function report known
while IFS=$'\t' read -r kind name a b c; do
    case "$kind" in
    case) cases+=("$name"); about[$name]=$a ;;
    control) controls+=("$name"); function[$name]=$a; report[$name]=$b; about[$name]=$c ;;
    known) known[$name]=$a ;;
    esac
done < <("$bin" list)

if [ $# -gt 0 ]; then
    for name in "$@"; do
        if [ -z "${about[$name]:-}" ] || [ -n "${function[$name]:-}" ]; then
            echo "ct: no case named $name (cases: ${cases[*]})" >&2
            exit 2
        fi
    done
    cases=("$@")
fi

# run NAME: the harness's `run NAME` under memcheck; sets rc.
run() {
    local name=$1
    rc=0
    rm -f "$logs/$name.triage"
    # --expensive-definedness-checks: memcheck's exact rules for compares
    # and counts (x != 0 is defined when a defined bit of x is 1), so that
    # a public bit of a secret (a component's length) is seen as public.
    # --fullpath-after=: full source paths, for `triage`.
    valgrind --tool=memcheck --error-exitcode=$vg_errors --track-origins=yes \
        --expensive-definedness-checks=yes --fullpath-after= \
        --num-callers=40 --leak-check=no --log-file="$logs/$name.log" \
        "$bin" run "$name" >"$logs/$name.out" 2>&1 || rc=$?
}

# The errors of a valgrind log: between the header and the summaries, each
# stack cut below the harness's `main` (the runtime's frames under it say
# nothing).
errors_of() {
    awk '/^==[0-9]+== (HEAP|LEAK|ERROR) SUMMARY/ { exit }
         /^==[0-9]+== Command:/ { command = 1 }
         !started { if (command && /^==[0-9]+== $/) started = 1; next }
         /^==[0-9]+== +(at|by) / { if (!cut) print; if (/barejwt_ct::main/) cut = 1; next }
         { cut = 0; print }' "$1"
}

summary_of() {
    sed -n 's/^==[0-9]*== ERROR SUMMARY: \([0-9]* errors from [0-9]* contexts\).*/\1/p' "$1"
}

# Whether the harness ran NAME to its end under valgrind.
completed() {
    grep -q "^$1: under valgrind: yes" "$logs/$1.out" && grep -q "^$1: done: " "$logs/$1.out"
}

show_output() {
    echo "---- the harness's output ($logs/$1.out):"
    tail -n 40 "$logs/$1.out"
}

show_errors() {
    local errors="$logs/$1.errors" lines
    errors_of "$logs/$1.log" >"$errors"
    lines=$(wc -l <"$errors")
    echo "---- memcheck's reports ($logs/$1.log):"
    head -n 400 "$errors"
    if [ "$lines" -gt 400 ]; then
        echo "---- ... $((lines - 400)) more lines in $errors"
    fi
}

clean=0
failed=()
first=1
for name in "${cases[@]}"; do
    t=$(now)
    run "$name"
    took=$(since "$t")
    if [ $first = 1 ] && [ -f "$logs/$name.out" ]; then
        note="valgrind's CPUID; the library's backends follow it"
        if [ "${CT_PORTABLE:-}" = 1 ]; then note="ignored: --cfg barejwt_portable, portable code only"; fi
        sed -n "s/^$name: under valgrind: yes; \(CPU features seen: .*\)/ct: \1 ($note)/p" "$logs/$name.out"
        first=0
    fi
    if [ $rc -eq 0 ] && completed "$name"; then
        printf 'ct: clean    %-24s %s, %s: %s\n' "$name" "$(summary_of "$logs/$name.log")" "$took" \
            "$(sed -n "s/^$name: done: //p" "$logs/$name.out")"
        clean=$((clean + 1))
    elif [ $rc -eq $vg_errors ] && completed "$name" &&
        "$bin" triage "$logs/$name.log" >"$logs/$name.triage" 2>&1; then
        # Every report is a documented declassification (triage.rs).
        printf 'ct: clean    %-24s %s, all at %s documented declassifications, %s: %s\n' "$name" \
            "$(summary_of "$logs/$name.log")" \
            "$(sed -n '1s/^[0-9]* reports: [0-9]* at \([0-9]*\) documented.*/\1/p' "$logs/$name.triage")" \
            "$took" "$(sed -n "s/^$name: done: //p" "$logs/$name.out")"
        clean=$((clean + 1))
    elif [ $rc -eq $vg_errors ]; then
        label=FLAGGED
        if [ -n "${known[$name]:-}" ]; then label="FLAGGED (known finding: ${known[$name]})"; fi
        printf 'ct: %s %s: %s, %s\n' "$label" "$name" "$(summary_of "$logs/$name.log")" "$took"
        echo "ct: $name: ${about[$name]}"
        if [ -s "$logs/$name.triage" ]; then
            echo "---- against the documented declassifications ($logs/$name.triage):"
            head -n 200 "$logs/$name.triage"
        fi
        show_errors "$name"
        completed "$name" || show_output "$name"
        failed+=("$name")
    else
        printf 'ct: FAILED   %s: the harness exited with %s without finishing under valgrind, %s\n' "$name" "$rc" "$took"
        show_output "$name"
        failed+=("$name")
    fi
done

flagged=0
for name in "${controls[@]}"; do
    t=$(now)
    run "$name"
    took=$(since "$t")
    want=${report[$name]}
    fn=${function[$name]}
    # A block of the expected message whose stack names the function; and
    # `triage` must not take the control's report for a documented
    # declassification.
    if [ $rc -eq $vg_errors ] && completed "$name" &&
        ! "$bin" triage "$logs/$name.log" >/dev/null 2>&1 &&
        awk -v msg="$want" -v fn="$fn" '
            index($0, msg) { inblock = 1; next }
            inblock && /^==[0-9]+== +(at|by) / { if (index($0, fn)) found = 1; next }
            { inblock = 0 }
            END { exit found ? 0 : 1 }' "$logs/$name.log"; then
        printf 'ct: flagged  %-24s as it must be: "%s" in %s, %s\n' "$name" "$want" "$fn" "$took"
        flagged=$((flagged + 1))
    else
        printf 'ct: FAILED   %s: memcheck did not report "%s" in %s (exit %s), %s\n' \
            "$name" "$want" "$fn" "$rc" "$took"
        echo "ct: the check cannot see secret-dependent code (are the client requests reaching valgrind?)"
        show_errors "$name"
        show_output "$name"
        failed+=("$name")
    fi
done

total=$(since "$start")
if [ ${#failed[@]} -eq 0 ]; then
    echo "ct: ${clean} cases clean, ${flagged} negative controls flagged ($total)"
else
    echo "ct: FAILED: ${failed[*]}; ${clean} of ${#cases[@]} cases clean, ${flagged} of ${#controls[@]} negative controls flagged ($total)"
    exit 1
fi
