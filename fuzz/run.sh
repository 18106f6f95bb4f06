#!/bin/sh
# Runs one fuzz target for a while, one job, on nightly:
#   fuzz/run.sh TARGET SECONDS      (targets: base64url json verify claims jwk
#                                    pem_der okp_jwk eddsa_verify rsa_verify
#                                    ec_verify pk_jwk)
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
hexseed() { # hexseed NAME HEX: the octets of HEX
    printf '%s' "$2" | xxd -r -p > "$corpus/seed-$1"
}
member_hex() { # member_hex FILE NAME: a JWK file's member, base64url-decoded, as hex
    s=$(sed -n "s/^ *\"$2\": *\"\([^\"]*\)\".*$/\1/p" "$1" | tr -- '-_' '+/')
    while [ $(( ${#s} % 4 )) -ne 0 ]; do s="$s="; done
    printf '%s' "$s" | base64 -d 2>/dev/null | xxd -p | tr -d '\n'
}
wycheproof() { # wycheproof FILE PREFIX: PREFIX sig msg (hex), first 80 tests
    awk -v p="$2" '
        /"msg" *:/ { gsub(/[",]/, "", $2); msg = $2 }
        /"sig" *:/ { gsub(/[",]/, "", $2); print p $2 msg }
    ' "$1" | head -n 80
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
pem_der)
    # The PEM texts as they are; and DER mode: byte 0 the index of the
    # block's label in Label::ALL, then the block's DER.
    for f in "$root"/vectors/keys/*.pem; do
        b=$(basename "$f" .pem)
        cp "$f" "$corpus/seed-$b.pem"
        label=$(sed -n 's/^-----BEGIN \(.*\)-----.*$/\1/p' "$f" | grep -v 'EC PARAMETERS' | head -n 1)
        case "$label" in
        "PUBLIC KEY") i=0 ;; "RSA PUBLIC KEY") i=1 ;; CERTIFICATE) i=2 ;;
        "PRIVATE KEY") i=3 ;; "RSA PRIVATE KEY") i=4 ;; "EC PRIVATE KEY") i=5 ;;
        *) continue ;;
        esac
        {
            printf "\\$(printf '%03o' "$i")"
            sed -n "/^-----BEGIN $label-----/,/^-----END $label-----/p" "$f" |
                sed '1d;$d' | base64 -d 2>/dev/null || true
        } > "$corpus/seed-$b.der"
    done
    # Wycheproof's public keys: SPKI (label 0).
    sed -n 's/^Der = //p' "$root"/vectors/keys/wycheproof_public_keys.txt |
        while IFS= read -r h; do n=$((n + 1)); hexseed "wycheproof-$n" "00$h"; done ;;
okp_jwk)
    # Raw mode (byte 0 even): the JWKs of vectors/keys and vectors/jws.
    for f in "$root"/vectors/keys/*.json; do
        { printf '\000'; cat "$f"; } > "$corpus/seed-$(basename "$f")"
    done
    grep -h '^Jwk\(s\)\? = ' "$root"/vectors/jws/*.txt | sed 's/^Jwks\? = //' |
        while IFS= read -r t; do
            n=$((n + 1))
            { printf '\000'; printf '%s' "$t"; } > "$corpus/seed-jwk-$n"
        done
    { printf '\000'; printf '{"keys":['; cat "$root"/vectors/keys/ed25519.public.jwk.json;
      printf ','; cat "$root"/vectors/keys/ed25519.jwk.json; printf ']}'; } > "$corpus/seed-set"
    # Structured modes, byte 1 alg: 1 x; 3 d (x derived); 5 d then x.
    t1_seed=9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60
    t1_x=d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a
    hexseed x-test1 "0100$t1_x"
    hexseed d-test1 "0301$t1_seed"
    hexseed dx-test1 "0502$t1_seed$t1_x"
    sed -n 's/^PublicKey = //p' "$root"/vectors/ed25519/*.txt |
        while IFS= read -r h; do n=$((n + 1)); hexseed "x-$n" "0100$h"; done ;;
eddsa_verify)
    # From the Ed25519 vectors: mode 0 signature ‖ message, 1 the genuine
    # signature changed (unchanged, S + L, R's sign, R of order 8),
    # 2 seed ‖ message, 3 public key ‖ message.
    awk '
        function flush() {
            if (sig != "" && has_msg) print "00" sig msg
            if (has_msg) {
                print "01000000" msg; print "01010000" msg
                print "01020000" msg; print "01030003" msg
            }
            if (seed != "" && has_msg) print "02" seed msg
            if (pk != "") print "03" pk msg
            sig = ""; seed = ""; pk = ""; msg = ""; has_msg = 0
        }
        /^Id = / { flush() }
        /^Seed = / { seed = $3 }
        /^PublicKey = / { pk = $3 }
        /^Signature = / { sig = $3 }
        /^Message =/ { msg = $3; has_msg = 1 }
        END { flush() }
    ' "$root"/vectors/ed25519/*.txt |
        while IFS= read -r h; do n=$((n + 1)); hexseed "ed25519-$n" "$h"; done
    # Mode 4: tokens, RFC 8037's signed by this key among them.
    { tokens; sed -n 's/^Compact = //p' "$root"/vectors/ed25519/rfc8037.txt; } |
        while IFS= read -r t; do
            n=$((n + 1))
            { printf '\004'; printf '%s' "$t"; } > "$corpus/seed-token-$n"
        done
    # Mode 5: header 0x00 claims, signed here (position, value 0: unchanged).
    printf '\005\000\000\000{"alg":"EdDSA"}\000{"exp":1700000100}' > "$corpus/seed-signed-eddsa"
    printf '\005\000\000\000{"alg":"Ed25519","typ":"JWT"}\000{"exp":1700000100,"sub":"a"}' > "$corpus/seed-signed-ed25519"
    printf '\005\000\000\000{"alg":"EdDSA"}\000{"exp":1699999999}' > "$corpus/seed-signed-expired"
    printf '\005\003\000\001{"alg":"EdDSA"}\000{"exp":1700000100}' > "$corpus/seed-signed-changed" ;;
rsa_verify)
    # Mode 0 (hash 0, 1, 2): Wycheproof's RSA signatures (another key's).
    i=0
    for h in sha256 sha384 sha512; do
        wycheproof "$root/vectors/wycheproof/rsa_signature_2048_${h}_test.json" "000$i" |
            while IFS= read -r x; do n=$((n + 1)); hexseed "pkcs1-$h-$n" "$x"; done
        i=$((i + 1))
    done
    wycheproof "$root/vectors/wycheproof/rsa_pss_2048_sha256_mgf1_32_test.json" 0000 |
        while IFS= read -r x; do n=$((n + 1)); hexseed "pss-$n" "$x"; done
    # Modes 1 and 2: the key's own signatures, changed.
    for h in 00 01 02; do
        hexseed "sign-$h" "01${h}0000616263"
        hexseed "pss-sign-$h" "02${h}01020304050607080000ff616263"
    done
    # Mode 3: the key files' (n, e), and e = 3.
    for f in "$root"/vectors/keys/rsa*.json; do
        nhex=$(member_hex "$f" n); ehex=$(member_hex "$f" e)
        [ -n "$nhex" ] || continue
        b=$(basename "$f" .json)
        hexseed "ne-$b" "03$(printf '%02x' $(( ${#ehex} / 2 )))$ehex$nhex"
        hexseed "ne3-$b" "030103$nhex"
    done
    # Mode 4: tokens; mode 5: header 0x00 claims, signed here (RS256, PS256).
    tokens | while IFS= read -r t; do
        n=$((n + 1))
        { printf '\004'; printf '%s' "$t"; } > "$corpus/seed-token-$n"
    done
    printf '\005\000\000\000\000{"alg":"RS256"}\000{"exp":1700000100}' > "$corpus/seed-signed-rs256"
    printf '\005\001\000\000\000{"alg":"PS256","typ":"JWT"}\000{"exp":1700000100}' > "$corpus/seed-signed-ps256"
    printf '\005\000\003\000\001{"alg":"RS256"}\000{"exp":1700000100}' > "$corpus/seed-signed-changed" ;;
ec_verify)
    # Byte 1 the curve: 0 P-256, 1 P-384, 2 P-521, 3 secp256k1.
    i=0
    for c in secp256r1_sha256 secp384r1_sha384 secp521r1_sha512 secp256k1_sha256; do
        # Mode 0: Wycheproof's signatures (another key's); mode 2 its points.
        wycheproof "$root/vectors/wycheproof/ecdsa_${c}_p1363_test.json" "000$i" |
            while IFS= read -r x; do n=$((n + 1)); hexseed "sig-$c-$n" "$x"; done
        sed -n 's/^ *"uncompressed": *"\([0-9a-f]*\)".*$/\1/p' \
            "$root/vectors/wycheproof/ecdsa_${c}_p1363_test.json" | sort -u | head -n 20 |
            while IFS= read -r x; do n=$((n + 1)); hexseed "point-$c-$n" "020$i$x"; done
        # Mode 1: the key's signature, changed each way.
        for k in 00 01 02 03; do hexseed "changed-$c-$k" "010$i${k}05ff616263"; done
        i=$((i + 1))
    done
    # Modes 2 to 4 from the key files: the point (SEC 1, x ‖ y) and d.
    for f in "$root"/vectors/keys/ec-*.jwk.json; do
        case "$f" in
        *p256*) i=0 ;; *p384*) i=1 ;; *p521*) i=2 ;; *secp256k1*) i=3 ;; *) continue ;;
        esac
        b=$(basename "$f" .json)
        x=$(member_hex "$f" x); y=$(member_hex "$f" y); d=$(member_hex "$f" d)
        hexseed "sec1-$b" "020${i}04$x$y"
        hexseed "xy-$b" "030$i$x$y"
        [ -n "$d" ] && hexseed "d-$b" "040$i${d}616263"
    done ;;
pk_jwk)
    # Raw mode (byte 0 even): the JWKs of vectors/keys and vectors/jws.
    for f in "$root"/vectors/keys/*.json; do
        { printf '\000'; cat "$f"; } > "$corpus/seed-$(basename "$f")"
    done
    grep -h '^Jwk\(s\)\? = ' "$root"/vectors/jws/*.txt | sed 's/^Jwks\? = //' |
        while IFS= read -r t; do
            n=$((n + 1))
            { printf '\000'; printf '%s' "$t"; } > "$corpus/seed-jwk-$n"
        done
    { printf '\000{"keys":['; cat "$root"/vectors/keys/ec-p256.public.jwk.json; printf ',';
      cat "$root"/vectors/keys/rsa2048.public.jwk.json; printf ','; cat "$root"/vectors/keys/ec-p384.jwk.json;
      printf ']}'; } > "$corpus/seed-set"
    # Structured modes: 1 EC x ‖ y; 3 EC d (x, y derived, one octet
    # changed); 5 RSA e length, e ‖ n. Byte 1: curve or flags.
    for f in "$root"/vectors/keys/ec-*.jwk.json; do
        case "$f" in
        *p256*) i=0 ;; *p384*) i=1 ;; *p521*) i=2 ;; *secp256k1*) i=3 ;; *) continue ;;
        esac
        b=$(basename "$f" .json)
        x=$(member_hex "$f" x); y=$(member_hex "$f" y); d=$(member_hex "$f" d)
        hexseed "xy-$b" "010$i$x$y"
        [ -n "$d" ] && hexseed "d-$b" "030${i}000000$d" && hexseed "dpub-$b" "030${i}010000$d"
    done
    for f in "$root"/vectors/keys/rsa*.json; do
        nhex=$(member_hex "$f" n); ehex=$(member_hex "$f" e)
        [ -n "$nhex" ] || continue
        hexseed "ne-$(basename "$f" .json)" "0500$(printf '%02x' $(( ${#ehex} / 2 )))$ehex$nhex"
    done ;;
*)
    echo "unknown target $target" >&2; exit 2 ;;
esac

cd "$here"
exec cargo "+$nightly" fuzz run "$target" "$corpus" -- \
    -max_total_time="$seconds" -rss_limit_mb=1024 \
    -artifact_prefix="$here/artifacts/$target/" -print_final_stats=1
