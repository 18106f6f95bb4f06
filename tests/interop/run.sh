#!/usr/bin/env bash
# Tokens and keys from other implementations, tried as a user would: PyJWT
# with Python `cryptography` signs and verifies against the built `barejwt`
# tool, every algorithm, every key form; the `openssl` command signs raw.
# Not part of CI (it installs from PyPI); run it before a release:
#   bash tests/interop/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --manifest-path "$root/Cargo.toml" --bin barejwt -q
export BAREJWT="$root/target/release/barejwt"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q pyjwt cryptography
cd "$work"
status=0
for script in pyjwt_eddsa.py pyjwt_ecdsa.py pyjwt_rsa.py; do
    echo "== $script"
    "$work/venv/bin/python" "$here/$script" || status=1
done
echo "== openssl"
bash "$here/openssl.sh" "$BAREJWT" "$root/vectors/keys" || status=1
exit $status
