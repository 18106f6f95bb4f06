#!/usr/bin/env python3
"""Recomputes every record of vectors/ec/rfc6979.txt with plain Python
integers: U = X·G on the curve, K by RFC 6979 §3.2 (HMAC_DRBG with the
curve's hash), and (R, S) by FIPS 186-5 §6.4.1. Prints one line per record
and exits non-zero on any difference.

Usage: python3 vectors/ec/check_rfc6979.py [vectors/ec/rfc6979.txt]
"""
import hashlib
import hmac
import sys

# Domain parameters: SEC 2 v2 §2.4.2, §2.5.1, §2.6.1 (= SP 800-186 §3.2.1).
CURVES = {
    "P-256": dict(
        p=2**256 - 2**224 + 2**192 + 2**96 - 1,
        b=0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B,
        gx=0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
        gy=0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5,
        n=0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551,
        hash=hashlib.sha256,
    ),
    "P-384": dict(
        p=2**384 - 2**128 - 2**96 + 2**32 - 1,
        b=0xB3312FA7E23EE7E4988E056BE3F82D19181D9C6EFE8141120314088F5013875AC656398D8A2ED19D2A85C8EDD3EC2AEF,
        gx=0xAA87CA22BE8B05378EB1C71EF320AD746E1D3B628BA79B9859F741E082542A385502F25DBF55296C3A545E3872760AB7,
        gy=0x3617DE4A96262C6F5D9E98BF9292DC29F8F41DBD289A147CE9DA3113B5F0B8C00A60B1CE1D7E819D7A431D7C90EA0E5F,
        n=0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973,
        hash=hashlib.sha384,
    ),
    "P-521": dict(
        p=2**521 - 1,
        b=0x0051953EB9618E1C9A1F929A21A0B68540EEA2DA725B99B315F3B8B489918EF109E156193951EC7E937B1652C0BD3BB1BF073573DF883D2C34F1EF451FD46B503F00,
        gx=0x00C6858E06B70404E9CD9E3ECB662395B4429C648139053FB521F828AF606B4D3DBAA14B5E77EFE75928FE1DC127A2FFA8DE3348B3C1856A429BF97E7E31C2E5BD66,
        gy=0x011839296A789A3BC0045C8A5FB42C7D1BD998F54449579B446817AFBD17273E662C97EE72995EF42640C550B9013FAD0761353C7086A272C24088BE94769FD16650,
        n=0x01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409,
        hash=hashlib.sha512,
    ),
}


def add(c, P, Q):
    p = c["p"]
    if P is None:
        return Q
    if Q is None:
        return P
    if P[0] == Q[0]:
        if (P[1] + Q[1]) % p == 0:
            return None
        lam = (3 * P[0] * P[0] - 3) * pow(2 * P[1], -1, p) % p  # a = -3
    else:
        lam = (Q[1] - P[1]) * pow(Q[0] - P[0], -1, p) % p
    x = (lam * lam - P[0] - Q[0]) % p
    return (x, (lam * (P[0] - x) - P[1]) % p)


def mul(c, k, P):
    R = None
    for bit in bin(k)[2:]:
        R = add(c, R, R)
        if bit == "1":
            R = add(c, R, P)
    return R


def bits2int(b, qlen):
    x = int.from_bytes(b, "big")
    return x >> (8 * len(b) - qlen) if 8 * len(b) > qlen else x


def nonce(c, x, msg):
    """RFC 6979 §3.2, steps a to h."""
    q, H = c["n"], c["hash"]
    qlen = q.bit_length()
    rlen = (qlen + 7) // 8
    h1 = H(msg).digest()
    x_o = x.to_bytes(rlen, "big")
    h_o = (bits2int(h1, qlen) % q).to_bytes(rlen, "big")
    V, K = b"\x01" * len(h1), b"\x00" * len(h1)
    K = hmac.new(K, V + b"\x00" + x_o + h_o, H).digest()
    V = hmac.new(K, V, H).digest()
    K = hmac.new(K, V + b"\x01" + x_o + h_o, H).digest()
    V = hmac.new(K, V, H).digest()
    while True:
        T = b""
        while 8 * len(T) < qlen:
            V = hmac.new(K, V, H).digest()
            T += V
        k = bits2int(T, qlen)
        if 1 <= k < q:
            return k
        K = hmac.new(K, V + b"\x00", H).digest()
        V = hmac.new(K, V, H).digest()


def records(text):
    rec = {}
    for line in text.splitlines() + [""]:
        if line.startswith("#"):
            continue
        if not line.strip():
            if rec:
                yield rec
            rec = {}
            continue
        k, v = line.split("=", 1)
        rec[k.strip()] = v.strip()


def main(path):
    failures = 0
    for rec in records(open(path).read()):
        c = CURVES[rec["Curve"]]
        G = (c["gx"], c["gy"])
        assert (G[1] ** 2 - G[0] ** 3 + 3 * G[0] - c["b"]) % c["p"] == 0
        assert mul(c, c["n"], G) is None
        x = int(rec["X"], 16)
        msg = rec["Message"].encode()
        q = c["n"]
        k = nonce(c, x, msg)
        e = bits2int(c["hash"](msg).digest(), q.bit_length()) % q
        r = mul(c, k, G)[0] % q
        s = pow(k, -1, q) * (e + r * x) % q
        ok = (
            mul(c, x, G) == (int(rec["Ux"], 16), int(rec["Uy"], 16))
            and k == int(rec["K"], 16)
            and r == int(rec["R"], 16)
            and s == int(rec["S"], 16)
        )
        failures += not ok
        print(("ok  " if ok else "FAIL"), rec["Id"])
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "vectors/ec/rfc6979.txt")
