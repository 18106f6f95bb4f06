#!/usr/bin/env python3
"""Writes vectors/keys/wycheproof_public_keys.txt: the public keys of
Project Wycheproof's signature test files (testvectors_v1), as each group
gives them: the SubjectPublicKeyInfo DER (`publicKeyDer`), for RSA also the
PKCS #1 RSAPublicKey (`publicKeyAsn`), and the components (`publicKey`).
The first two distinct keys of each file are kept, so the file stays small;
the signature tests themselves belong to the RSA, EC and Ed25519 code.

Run from the repository root:

    python3 vectors/keys/wycheproof_keys.py ../shared/wycheproof

Wycheproof is Apache-2.0 (vectors/keys/LICENSE-wycheproof).
"""
import glob
import json
import os
import sys

PER_FILE = 2
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "wycheproof_public_keys.txt")


def main(folder):
    seen = set()
    lines = [
        "# Public keys of Project Wycheproof (C2SP/wycheproof, testvectors_v1, Apache-2.0;",
        "# LICENSE-wycheproof): per signature test file, the first %d distinct group keys." % PER_FILE,
        "# Der = publicKeyDer (SubjectPublicKeyInfo); Asn = publicKeyAsn (RSA: PKCS #1",
        "# RSAPublicKey); N, E = publicKey.modulus, publicExponent; Curve, Point =",
        "# publicKey.curve, uncompressed; Pk = publicKey.pk (Ed25519). Written by",
        "# wycheproof_keys.py.",
        "",
    ]
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        name = os.path.basename(path)
        with open(path) as f:
            doc = json.load(f)
        kept = 0
        for index, group in enumerate(doc["testGroups"]):
            der = group.get("publicKeyDer")
            if der is None or der in seen or kept == PER_FILE:
                continue
            seen.add(der)
            kept += 1
            key = group["publicKey"]
            lines.append("Id = %s#%d" % (name, index))
            lines.append("Source = Wycheproof %s testGroups[%d]" % (name, index))
            if name.startswith("rsa"):
                lines += ["Family = rsa", "Der = " + der, "Asn = " + group["publicKeyAsn"],
                          "N = " + key["modulus"], "E = " + key["publicExponent"]]
            elif name.startswith("ecdsa"):
                lines += ["Family = ec", "Der = " + der, "Curve = " + key["curve"],
                          "Point = " + key["uncompressed"]]
            elif name.startswith("ed25519"):
                lines += ["Family = ed25519", "Der = " + der, "Pk = " + key["pk"]]
            else:
                raise ValueError(name)
            lines.append("")
    with open(OUT, "w") as f:
        f.write("\n".join(lines))
    print("wrote %d keys to %s" % (len(seen), OUT), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/wycheproof")
