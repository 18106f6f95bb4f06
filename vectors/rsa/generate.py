#!/usr/bin/env python3
"""Writes vectors/rsa/jose.txt from the reference pack's vectors.json: every
RS* and PS* token of groups 4 (published) and 7 (constructed) with its
signing input, signature and the key's JWK members. Run from the
repository root:

    python3 vectors/rsa/generate.py ../shared/reference/vectors.json

The facts are copied as they are (base64url text from the pack's JWKs and
tokens); nothing is computed here.
"""
import json
import sys

MEMBERS = ["n", "e", "d", "p", "q", "dp", "dq", "qi"]


def main(path):
    pack = json.load(open(path))
    out = [
        "# RSA JWS vectors (RS256/384/512, PS256/384/512) of the reference pack.",
        "# Sources: RFC 7515 App. A.2 (RS256), RFC 7520 §4.1 (RS256) and §4.2 (PS384),",
        "# each with the RFC's published private key (RFC 7515 A.2 / RFC 7520 §3.4);",
        "# constructed RS384, RS512, PS256, PS512 tokens of group 7 under the RFC 7515 A.2 key.",
        "# Fields: SigningInput (ASCII), Signature and the JWK members n..qi (base64url);",
        "# Deterministic = yes for RSASSA-PKCS1-v1_5 (re-signing must give the same octets).",
        "",
    ]
    for group in pack["groups"]:
        for v in group["vectors"]:
            alg = v.get("alg", "")
            if alg[:2] not in ("RS", "PS"):
                continue
            jwk = v["private_jwk_published"]
            out.append(f"Id = {v['id']}")
            out.append(f"Source = {v['source']}")
            out.append(f"Kind = {v['kind']}")
            out.append(f"Alg = {alg}")
            out.append(f"SigningInput = {v['signing_input']}")
            out.append(f"Signature = {v['signature_b64u']}")
            for m in MEMBERS:
                out.append(f"{m} = {jwk[m]}")
            out.append(f"Deterministic = {'yes' if alg.startswith('RS') else 'no'}")
            out.append("")
    open("vectors/rsa/jose.txt", "w").write("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
