#!/usr/bin/env python3
"""Writes the key files and tokens of the RSA and ECDSA figures (keys/README.md).

Usage: python3 make.py PATH/TO/reference/vectors.json

Needs the `cryptography` package (its OpenSSL signs the tokens). Reads the
published JWKs of the reference pack and `secp256k1.private.pem` (made once
with `openssl genpkey`, see README.md), and writes, for each key, its public
and private JWK (`*.jwk`), SPKI and PKCS #8 PEM (`*.pem`), and for each
deterministic algorithm its token (`*.token`): the standard claims of
spec/bench.md under {"alg":"ALG","typ":"JWT"}, PKCS #1 v1.5 for RS256 and
ECDSA with the nonce of RFC 6979 for ES256, ES384, ES512 and ES256K, the
signature as JWS gives it (R || S, S as computed, not normalised).
"""

import base64
import json
import os
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

HERE = os.path.dirname(os.path.abspath(__file__))

CLAIMS = (
    '{"sub":"1234567890","name":"John Doe","iss":"https://auth.example.com",'
    '"aud":"api.example.com","iat":1700000000,"nbf":1700000000,"exp":4102444800,'
    '"jti":"9f8b2c1e-4d5a-4e2b-9c3d-1a2b3c4d5e6f","admin":true}'
)

# key name -> (vector id of the pack, or None for the secp256k1 key made here)
KEYS = {
    "rsa2048": "jws-rfc7515-a2-rs256",
    "p256": "jws-rfc7515-a3-es256",
    "p384": "jws-constructed-es384",
    "p521": "jws-rfc7520-s4.3-es512",
    "secp256k1": None,
}

CURVES = {
    "P-256": (ec.SECP256R1(), 32, hashes.SHA256()),
    "P-384": (ec.SECP384R1(), 48, hashes.SHA384()),
    "P-521": (ec.SECP521R1(), 66, hashes.SHA512()),
    "secp256k1": (ec.SECP256K1(), 32, hashes.SHA256()),
}

# alg -> key name; PS256 is signed at run time (a random salt).
TOKENS = {
    "RS256": "rsa2048",
    "ES256": "p256",
    "ES384": "p384",
    "ES512": "p521",
    "ES256K": "secp256k1",
}


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64u(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def octets(value: int, length: int) -> bytes:
    return value.to_bytes(length, "big")


def minimal(value: int) -> bytes:
    return value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big")


def rsa_from_jwk(jwk):
    i = {k: int.from_bytes(unb64u(jwk[k]), "big") for k in ("n", "e", "d", "p", "q", "dp", "dq", "qi")}
    public = rsa.RSAPublicNumbers(i["e"], i["n"])
    return rsa.RSAPrivateNumbers(i["p"], i["q"], i["d"], i["dp"], i["dq"], i["qi"], public).private_key()


def ec_from_jwk(jwk):
    curve, _, _ = CURVES[jwk["crv"]]
    x, y, d = (int.from_bytes(unb64u(jwk[k]), "big") for k in ("x", "y", "d"))
    return ec.EllipticCurvePrivateNumbers(d, ec.EllipticCurvePublicNumbers(x, y, curve)).private_key()


def ec_jwks(key, crv):
    _, size, _ = CURVES[crv]
    numbers = key.private_numbers()
    public = {
        "kty": "EC",
        "crv": crv,
        "x": b64u(octets(numbers.public_numbers.x, size)),
        "y": b64u(octets(numbers.public_numbers.y, size)),
    }
    return public, dict(public, d=b64u(octets(numbers.private_value, size)))


def rsa_jwks(key):
    n = key.private_numbers()
    public = {"kty": "RSA", "n": b64u(minimal(n.public_numbers.n)), "e": b64u(minimal(n.public_numbers.e))}
    private = dict(
        public,
        d=b64u(minimal(n.d)),
        p=b64u(minimal(n.p)),
        q=b64u(minimal(n.q)),
        dp=b64u(minimal(n.dmp1)),
        dq=b64u(minimal(n.dmq1)),
        qi=b64u(minimal(n.iqmp)),
    )
    return public, private


def write(name, text):
    with open(os.path.join(HERE, name), "w") as f:
        f.write(text)


def main():
    pack = json.load(open(sys.argv[1]))
    vectors = {v["id"]: v for g in pack["groups"] for v in g["vectors"]}
    keys = {}
    for name, vector_id in KEYS.items():
        if vector_id is None:
            with open(os.path.join(HERE, f"{name}.private.pem"), "rb") as f:
                key = serialization.load_pem_private_key(f.read(), None)
            public, private = ec_jwks(key, "secp256k1")
        else:
            jwk = vectors[vector_id]["private_jwk_published"]
            if jwk["kty"] == "RSA":
                key = rsa_from_jwk(jwk)
                public, private = rsa_jwks(key)
            else:
                key = ec_from_jwk(jwk)
                public, private = ec_jwks(key, jwk["crv"])
            # The key is the published one, member for member.
            assert all(jwk[k] == v for k, v in private.items()), name
        keys[name] = key
        write(f"{name}.public.jwk", json.dumps(public, separators=(",", ":")) + "\n")
        write(f"{name}.private.jwk", json.dumps(private, separators=(",", ":")) + "\n")
        write(
            f"{name}.public.pem",
            key.public_key()
            .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
            .decode(),
        )
        write(
            f"{name}.private.pem",
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            ).decode(),
        )

    payload = b64u(CLAIMS.encode())
    for alg, name in TOKENS.items():
        key = keys[name]
        header = b64u(('{"alg":"%s","typ":"JWT"}' % alg).encode())
        signing_input = f"{header}.{payload}".encode()
        if alg == "RS256":
            signature = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
        else:
            crv = {"ES256": "P-256", "ES384": "P-384", "ES512": "P-521", "ES256K": "secp256k1"}[alg]
            _, size, digest = CURVES[crv]
            der = key.sign(signing_input, ec.ECDSA(digest, deterministic_signing=True))
            r, s = decode_dss_signature(der)
            signature = octets(r, size) + octets(s, size)
            order = {
                "ES256K": 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141,
            }.get(alg)
            if order is not None:
                print(f"{alg}: S is {'high (> n/2)' if s > order // 2 else 'low (<= n/2)'}")
        write(f"{alg.lower()}.token", f"{signing_input.decode()}.{b64u(signature)}\n")


if __name__ == "__main__":
    main()
