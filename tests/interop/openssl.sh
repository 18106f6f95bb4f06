#!/usr/bin/env bash
# Tokens signed by the `openssl` command, verified by barejwt:
#   bash openssl.sh BAREJWT KEYS_DIR
set -euo pipefail
B=$1
K=$2
b64u() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
ok=0
fail=0
expect() { # expect EXIT NAME COMMAND...
    local want=$1 name=$2
    shift 2
    if "$@" >/dev/null 2>&1; then got=0; else got=$?; fi
    if [ "$got" = "$want" ]; then ok=$((ok + 1)); echo "ok   $name"; else fail=$((fail + 1)); echo "FAIL $name (exit $got, wanted $want)"; fi
}
P=$(printf '{"sub":"o","exp":4102444800}' | b64u)
H=$(printf '{"alg":"RS256","typ":"JWT"}' | b64u)
S=$(printf '%s.%s' "$H" "$P" | openssl dgst -sha256 -sign "$K/rsa2048-pkcs8.pem" | b64u)
expect 0 "openssl RS256" "$B" verify --alg RS256 --pem-file "$K/rsa2048-spki.pem" "$H.$P.$S"
H=$(printf '{"alg":"PS256"}' | b64u)
S=$(printf '%s.%s' "$H" "$P" | openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -sign "$K/rsa2048-pkcs8.pem" | b64u)
expect 0 "openssl PS256, salt 32" "$B" verify --alg PS256 --pem-file "$K/rsa2048-spki.pem" "$H.$P.$S"
S=$(printf '%s.%s' "$H" "$P" | openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:20 -sign "$K/rsa2048-pkcs8.pem" | b64u)
expect 1 "openssl PS256, salt 20 is refused (RFC 7518 §3.5)" "$B" verify --alg PS256 --pem-file "$K/rsa2048-spki.pem" "$H.$P.$S"
H=$(printf '{"alg":"EdDSA"}' | b64u)
msg=$(mktemp)
sig=$(mktemp)
printf '%s.%s' "$H" "$P" > "$msg"
openssl pkeyutl -sign -inkey "$K/ed25519-pkcs8.pem" -rawin -in "$msg" -out "$sig"
S=$(b64u < "$sig")
expect 0 "openssl EdDSA" "$B" verify --alg EdDSA --pem-file "$K/ed25519-spki.pem" "$H.$P.$S"
H=$(printf '{"alg":"ES256"}' | b64u)
S=$(printf '%s.%s' "$H" "$P" | openssl dgst -sha256 -sign "$K/ec-p256-pkcs8.pem" | b64u)
expect 1 "openssl ES256 in DER form is refused (JWS wants R || S)" "$B" verify --alg ES256 --pem-file "$K/ec-p256-spki.pem" "$H.$P.$S"
rm -f "$msg" "$sig"
echo "$ok passed, $fail failed"
[ "$fail" = 0 ]
