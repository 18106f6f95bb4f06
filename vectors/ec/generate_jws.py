#!/usr/bin/env python3
"""Writes vectors/ec/jws.txt: the ES256, ES384 and ES512 (and ES256K, if
any) JWS vectors of the reference pack (vectors.json, groups 4 and 7), as
`Key = value` records the ECDSA tests read.

Usage: python3 vectors/ec/generate_jws.py /path/to/vectors.json > vectors/ec/jws.txt
"""
import base64
import json
import sys

CURVES = {"ES256": "P-256", "ES384": "P-384", "ES512": "P-521", "ES256K": "secp256k1"}


def b64u(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def main(path):
    pack = json.load(open(path))
    print("# ECDSA JWS vectors of the reference pack (vectors.json): group 4")
    print("# (published: RFC 7515 A.3, A.4; RFC 7520 §4.3) and group 7 (constructed")
    print("# ES384). Written by vectors/ec/generate_jws.py; see vectors/ec/README.md.")
    print("# X, Y: the public key's coordinates (the JWK's x and y); D: the private")
    print("# scalar where the source prints one; SigningInput: the JWS signing input")
    print("# (ASCII); Signature: R || S. ECDSA in these documents used random nonces,")
    print("# so only verification is reproducible.")
    count = 0
    for group in pack["groups"]:
        for v in group["vectors"]:
            alg = v.get("alg")
            if alg not in CURVES:
                continue
            jwk = v["verification_jwk"]
            assert jwk["crv"] == CURVES[alg], v["id"]
            signature = b64u(v["signature_b64u"])
            assert signature.hex() == v["signature_hex"]
            header, payload, sig = v["compact"].split(".")
            assert v["signing_input"] == header + "." + payload
            print()
            print(f"Id = {v['id']}")
            print(f"Source = {v['source']} ({v['kind']})")
            print(f"Alg = {alg}")
            print(f"Curve = {jwk['crv']}")
            print(f"X = {b64u(jwk['x']).hex()}")
            print(f"Y = {b64u(jwk['y']).hex()}")
            private = v.get("private_jwk_published")
            if private:
                print(f"D = {b64u(private['d']).hex()}")
            print(f"SigningInput = {v['signing_input']}")
            print(f"Signature = {signature.hex()}")
            count += 1
    assert count >= 4, count


if __name__ == "__main__":
    main(sys.argv[1])
