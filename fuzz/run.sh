#!/bin/sh
# Runs one fuzz target for a while, one job, on nightly:
#   fuzz/run.sh TARGET SECONDS      (targets: base64url json verify claims jwk)
# Installs cargo-fuzz if missing and seeds fuzz/corpus/TARGET from vectors/.
# One process (the default: no -jobs), so the machine stays shared.
# libfuzzer prints "#N DONE ... exec/s" at the end; findings go to
# fuzz/artifacts/TARGET/.
set -eu
target=${1:?usage: fuzz/run.sh TARGET SECONDS}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

nightly=$(rustup toolchain list | awk '/^nightly/ {print $1; exit}')
if [ -z "$nightly" ]; then
    rustup toolchain install nightly --profile minimal
    nightly=nightly
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz
fi

corpus="$here/corpus/$target"
mkdir -p "$corpus" "$here/artifacts/$target"
seed() { # seed NAME CONTENT
    printf '%s' "$2" > "$corpus/seed-$1"
}
tokens() { # every Token = value of the vector files
    cat "$root"/vectors/jws/*.txt "$root"/vectors/claims/*.txt |
        sed -n 's/^Token = //p'
}
n=0
case "$target" in
verify)
    tokens | while IFS= read -r t; do n=$((n + 1)); seed "token-$n" "$t"; done ;;
claims)
    # Raw mode (second byte < 0x80): flags, mode, header 0x00 claims.
    tokens | while IFS= read -r t; do
        n=$((n + 1))
        h=$(printf '%s' "$t" | cut -d. -f1 | tr -- '-_' '+/')
        c=$(printf '%s' "$t" | cut -d. -f2 | tr -- '-_' '+/')
        pad() { s=$1; while [ $(( ${#s} % 4 )) -ne 0 ]; do s="$s="; done; printf '%s' "$s"; }
        {
            printf '\000\000'
            pad "$h" | base64 -d 2>/dev/null || true
            printf '\000'
            pad "$c" | base64 -d 2>/dev/null || true
        } > "$corpus/seed-token-$n"
    done
    # Structured mode: one good header member, a few claims.
    printf '\000\201\000\000\000\000' > "$corpus/seed-structured-exp"
    printf '\020\202\000\000\003\026\000\005' > "$corpus/seed-structured-aud" ;;
json)
    for f in "$root"/vectors/json/*.json "$root"/vectors/json/test_parsing/*.json; do
        cp "$f" "$corpus/seed-$(basename "$f")"
    done ;;
base64url)
    cat "$root"/vectors/base64url.txt | sed -n 's/^Encoded = //p' |
        while IFS= read -r t; do n=$((n + 1)); seed "b64-$n" "$t"; done
    tokens | tr '.' '\n' | while IFS= read -r t; do n=$((n + 1)); seed "part-$n" "$t"; done ;;
jwk)
    grep -h '^Jwk\(s\)\? = ' "$root"/vectors/jws/*.txt | sed 's/^Jwks\? = //' |
        while IFS= read -r t; do n=$((n + 1)); seed "jwk-$n" "$t"; done
    seed oct '{"kty":"oct","alg":"HS256","kid":"k","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}'
    seed set '{"keys":[{"kty":"oct","alg":"HS256","kid":"k","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"},{"kty":"RSA","n":"AQAB","e":"AQAB"}]}' ;;
*)
    echo "unknown target $target" >&2; exit 2 ;;
esac

cd "$here"
exec cargo "+$nightly" fuzz run "$target" "$corpus" -- \
    -max_total_time="$seconds" -rss_limit_mb=1024 \
    -artifact_prefix="$here/artifacts/$target/" -print_final_stats=1
