#!/usr/bin/env python3
"""Writes the key corpus of vectors/keys/: PEM files made by the `openssl`
command (OpenSSL 3.0), a few made by hand from those (Ed25519 PKCS #8 v2,
BER-only encodings, broken armour), the RFC 8410 §10 examples, the JWK of
every positive key (components read with Python `cryptography`), and
index.txt, which says what each file must parse to.

Run from the repository root (it overwrites the directory's files; the keys
are fresh every run, so the committed files are the record, this script is
how they were made):

    python3 vectors/keys/generate.py

Needs `openssl` (3.0) on PATH and Python `cryptography` (48).
"""
import base64
import json
import os
import subprocess
import sys
import tempfile

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)))
TMP = tempfile.mkdtemp(prefix="barejwt-keys-")

# index.txt records, in order: (file, {field: value}).
INDEX = []


def openssl(*args, stdin=None):
    """Runs `openssl ARGS` and returns its standard output (bytes)."""
    result = subprocess.run(
        ["openssl", *args], input=stdin, capture_output=True, check=True
    )
    return result.stdout


def tmp(name):
    return os.path.join(TMP, name)


def write(name, data):
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def read(name):
    with open(os.path.join(OUT, name), "rb") as f:
        return f.read()


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def int_bytes(value, length=None):
    if length is None:
        length = max(1, (value.bit_length() + 7) // 8)
    return value.to_bytes(length, "big")


def pem(label, der):
    """RFC 7468 armour, 64-character lines, LF."""
    text = base64.b64encode(der).decode()
    lines = [text[i : i + 64] for i in range(0, len(text), 64)]
    return "-----BEGIN %s-----\n%s\n-----END %s-----\n" % (label, "\n".join(lines), label)


def pem_der(text):
    """The DER of the first block of a PEM text (no headers expected)."""
    if isinstance(text, bytes):
        text = text.decode()
    body = text.split("-----\n", 1)[1].split("-----END", 1)[0]
    return base64.b64decode("".join(body.split()))


def length(n):
    if n < 0x80:
        return bytes([n])
    octets = int_bytes(n)
    return bytes([0x80 | len(octets)]) + octets


def tlv(tag, content):
    return bytes([tag]) + length(len(content)) + content


def record(name, **fields):
    INDEX.append((name, fields))


def jwk_pair(stem, key):
    """Writes STEM.jwk.json (private) and STEM.public.jwk.json from a
    `cryptography` private key; returns (private name, public name)."""
    if isinstance(key, rsa.RSAPrivateKey):
        priv = key.private_numbers()
        pub = priv.public_numbers
        public = {"kty": "RSA", "n": b64url(int_bytes(pub.n)), "e": b64url(int_bytes(pub.e))}
        private = dict(public)
        for name, value in [
            ("d", priv.d), ("p", priv.p), ("q", priv.q),
            ("dp", priv.dmp1), ("dq", priv.dmq1), ("qi", priv.iqmp),
        ]:
            private[name] = b64url(int_bytes(value))
    elif isinstance(key, ec.EllipticCurvePrivateKey):
        crv = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521",
               "secp256k1": "secp256k1"}[key.curve.name]
        size = (key.curve.key_size + 7) // 8
        pub = key.public_key().public_numbers()
        public = {"kty": "EC", "crv": crv, "x": b64url(int_bytes(pub.x, size)),
                  "y": b64url(int_bytes(pub.y, size))}
        private = dict(public)
        private["d"] = b64url(int_bytes(key.private_numbers().private_value, size))
    elif isinstance(key, ed25519.Ed25519PrivateKey):
        raw = serialization.Encoding.Raw
        x = key.public_key().public_bytes(raw, serialization.PublicFormat.Raw)
        d = key.private_bytes(raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
        public = {"kty": "OKP", "crv": "Ed25519", "x": b64url(x)}
        private = dict(public)
        private["d"] = b64url(d)
    else:
        raise TypeError(key)
    write(stem + ".jwk.json", json.dumps(private, indent=2) + "\n")
    write(stem + ".public.jwk.json", json.dumps(public, indent=2) + "\n")
    return stem + ".jwk.json", stem + ".public.jwk.json"


def load(name):
    return serialization.load_pem_private_key(read(name), password=None)


# ---------------------------------------------------------------- RSA 2048

def rsa_files():
    openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
            "-out", os.path.join(OUT, "rsa2048-pkcs8.pem"))
    src = os.path.join(OUT, "rsa2048-pkcs8.pem")
    write("rsa2048-pkcs1.pem", openssl("pkey", "-in", src, "-traditional"))
    write("rsa2048-spki.pem", openssl("pkey", "-in", src, "-pubout"))
    write("rsa2048-pkcs1-public.pem", openssl("rsa", "-in", src, "-RSAPublicKey_out"))
    write("rsa2048-cert.pem", openssl(
        "req", "-new", "-x509", "-key", src, "-subj", "/CN=barejwt test RSA key",
        "-days", "36500", "-set_serial", "1", "-sha256"))
    priv, public = jwk_pair("rsa2048", load("rsa2048-pkcs8.pem"))
    how = "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048"
    record("rsa2048-pkcs8.pem", Source=how, Expect="private rsa", Jwk=priv)
    record("rsa2048-pkcs1.pem", Source="openssl pkey -traditional of rsa2048-pkcs8.pem",
           Expect="private rsa", Jwk=priv)
    record("rsa2048-spki.pem", Source="openssl pkey -pubout of rsa2048-pkcs8.pem",
           Expect="public rsa", Jwk=public)
    record("rsa2048-pkcs1-public.pem",
           Source="openssl rsa -RSAPublicKey_out of rsa2048-pkcs8.pem",
           Expect="public rsa", Jwk=public)
    record("rsa2048-cert.pem",
           Source="openssl req -new -x509 -subj '/CN=barejwt test RSA key' -days 36500 "
                  "-set_serial 1 -sha256 with rsa2048-pkcs8.pem",
           Expect="public rsa", Jwk=public)

    # Negative: the same key encrypted, both ways.
    write("rsa2048-pkcs8-encrypted.pem", openssl(
        "pkcs8", "-topk8", "-in", src, "-v2", "aes-256-cbc", "-passout", "pass:barejwt"))
    record("rsa2048-pkcs8-encrypted.pem",
           Source="openssl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:barejwt",
           Expect="error Pem(Encrypted)")
    write("rsa2048-pkcs1-encrypted.pem", openssl(
        "rsa", "-in", src, "-traditional", "-aes256", "-passout", "pass:barejwt"))
    record("rsa2048-pkcs1-encrypted.pem",
           Source="openssl rsa -traditional -aes256 -passout pass:barejwt (Proc-Type: 4,ENCRYPTED)",
           Expect="error Pem(Encrypted)")

    der = pem_der(read("rsa2048-spki.pem"))
    # The same SPKI with the AlgorithmIdentifier's NULL left out
    # (RFC 3279 §2.3.1 says it SHALL be present).
    alg_with_null = bytes.fromhex("300d06092a864886f70d0101010500")
    alg_without = bytes.fromhex("300b06092a864886f70d010101")
    assert alg_with_null in der
    inner = der[4:].replace(alg_with_null, alg_without)
    write("rsa2048-spki-no-null.pem", pem("PUBLIC KEY", tlv(0x30, inner)))
    record("rsa2048-spki-no-null.pem",
           Source="rsa2048-spki.pem with the rsaEncryption NULL parameters removed (by hand)",
           Expect="error Structure(RsaParametersNotNull)")
    # PKCS #1 RSAPublicKey under the SubjectPublicKeyInfo label.
    write("rsa2048-pkcs1-public-as-spki.pem",
          pem("PUBLIC KEY", pem_der(read("rsa2048-pkcs1-public.pem"))))
    record("rsa2048-pkcs1-public-as-spki.pem",
           Source="rsa2048-pkcs1-public.pem relabelled PUBLIC KEY (by hand)",
           Expect="error Der(UnexpectedTag)")
    # A non-minimal INTEGER: the public exponent 65537 with a leading 0x00.
    pkcs1 = pem_der(read("rsa2048-pkcs1-public.pem"))
    assert pkcs1.endswith(bytes.fromhex("0203010001"))
    body = pkcs1[4:-5] + bytes.fromhex("020400010001")
    write("ber-integer-leading-zero.pem", pem("RSA PUBLIC KEY", tlv(0x30, body)))
    record("ber-integer-leading-zero.pem",
           Source="rsa2048-pkcs1-public.pem with e written 02 04 00 01 00 01 (by hand; X.690 §8.3.2)",
           Expect="error Der(NonMinimalInteger)")
    # A negative modulus: the sign octet 0x00 of n dropped.
    n_tlv_start = 4
    assert pkcs1[n_tlv_start:n_tlv_start + 5] == bytes.fromhex("0282010100")
    n = pkcs1[n_tlv_start + 5:n_tlv_start + 5 + 256]
    body = tlv(0x02, n) + bytes.fromhex("0203010001")
    write("ber-negative-modulus.pem", pem("RSA PUBLIC KEY", tlv(0x30, body)))
    record("ber-negative-modulus.pem",
           Source="rsa2048-pkcs1-public.pem with the sign octet of n removed (by hand): n < 0",
           Expect="error Der(NegativeInteger)")

    # Multi-prime RSA (RFC 8017 A.1.2 version 1).
    openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
            "-pkeyopt", "rsa_keygen_primes:3", "-out", tmp("mp.pem"))
    write("rsa-multiprime-pkcs8.pem", read_tmp("mp.pem"))
    write("rsa-multiprime-pkcs1.pem", openssl("pkey", "-in", tmp("mp.pem"), "-traditional"))
    how = "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_keygen_primes:3"
    record("rsa-multiprime-pkcs8.pem", Source=how, Expect="error Structure(RsaMultiPrime)")
    record("rsa-multiprime-pkcs1.pem", Source=how + "; openssl pkey -traditional",
           Expect="error Structure(RsaMultiPrime)")

    # RSASSA-PSS keys (id-RSASSA-PSS, RFC 8017 A.2.3).
    openssl("genpkey", "-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048",
            "-out", tmp("pss.pem"))
    write("rsa-pss-pkcs8.pem", read_tmp("pss.pem"))
    write("rsa-pss-spki.pem", openssl("pkey", "-in", tmp("pss.pem"), "-pubout"))
    how = "openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048"
    record("rsa-pss-pkcs8.pem", Source=how, Expect="error UnsupportedAlgorithm")
    record("rsa-pss-spki.pem", Source=how + "; openssl pkey -pubout",
           Expect="error UnsupportedAlgorithm")


def read_tmp(name):
    with open(tmp(name), "rb") as f:
        return f.read()


# ---------------------------------------------------------------- EC

CURVES = [
    ("p256", "prime256v1"),
    ("p384", "secp384r1"),
    ("p521", "secp521r1"),
    ("secp256k1", "secp256k1"),
]


def ec_files():
    for short, name in CURVES:
        stem = "ec-" + short
        src = os.path.join(OUT, stem + "-pkcs8.pem")
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + name,
                "-pkeyopt", "ec_param_enc:named_curve", "-out", src)
        write(stem + "-sec1.pem", openssl("ec", "-in", src))
        write(stem + "-sec1-params.pem",
              openssl("ecparam", "-name", name) + read(stem + "-sec1.pem"))
        write(stem + "-spki.pem", openssl("pkey", "-in", src, "-pubout"))
        write(stem + "-spki-compressed.pem",
              openssl("ec", "-in", src, "-pubout", "-conv_form", "compressed"))
        priv, public = jwk_pair(stem, load(stem + "-pkcs8.pem"))
        how = "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:%s" % name
        record(stem + "-pkcs8.pem", Source=how, Expect="private ec", Jwk=priv)
        record(stem + "-sec1.pem", Source="openssl ec of %s-pkcs8.pem" % stem,
               Expect="private ec", Jwk=priv)
        record(stem + "-sec1-params.pem",
               Source="openssl ecparam -name %s, then %s-sec1.pem" % (name, stem),
               Expect="private ec", Jwk=priv)
        record(stem + "-spki.pem", Source="openssl pkey -pubout of %s-pkcs8.pem" % stem,
               Expect="public ec", Jwk=public)
        record(stem + "-spki-compressed.pem",
               Source="openssl ec -pubout -conv_form compressed of %s-pkcs8.pem" % stem,
               Expect="public ec compressed", Jwk=public)

    # Explicit curve parameters (RFC 5480 specifiedCurve), even of P-256.
    write("ec-p256-explicit-sec1.pem", openssl(
        "ecparam", "-name", "prime256v1", "-param_enc", "explicit", "-genkey"))
    src = os.path.join(OUT, "ec-p256-explicit-sec1.pem")
    write("ec-p256-explicit-pkcs8.pem", openssl("pkey", "-in", src))
    write("ec-p256-explicit-spki.pem", openssl("pkey", "-in", src, "-pubout"))
    how = "openssl ecparam -name prime256v1 -param_enc explicit -genkey"
    record("ec-p256-explicit-sec1.pem", Source=how + " (EC PARAMETERS block, then the key)",
           Expect="error ExplicitCurve")
    record("ec-p256-explicit-pkcs8.pem", Source=how + "; openssl pkey",
           Expect="error ExplicitCurve")
    record("ec-p256-explicit-spki.pem", Source=how + "; openssl pkey -pubout",
           Expect="error ExplicitCurve")

    # Named curves other than the four.
    for curve in ["brainpoolP256r1", "secp224r1"]:
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + curve,
                "-out", tmp(curve + ".pem"))
        stem = "ec-" + curve
        write(stem + "-pkcs8.pem", read_tmp(curve + ".pem"))
        write(stem + "-sec1.pem", openssl("ec", "-in", tmp(curve + ".pem")))
        write(stem + "-spki.pem", openssl("pkey", "-in", tmp(curve + ".pem"), "-pubout"))
        how = "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:" + curve
        record(stem + "-pkcs8.pem", Source=how, Expect="error UnsupportedCurve")
        record(stem + "-sec1.pem", Source=how + "; openssl ec", Expect="error UnsupportedCurve")
        record(stem + "-spki.pem", Source=how + "; openssl pkey -pubout",
               Expect="error UnsupportedCurve")

    # SEC 1 ECPrivateKey without its [0] parameters (RFC 5915 §3: MUST be
    # present), and PKCS #8 whose [0] names another curve than its
    # AlgorithmIdentifier.
    p8 = pem_der(read("ec-p256-pkcs8.pem"))
    sec1 = pem_der(read("ec-p256-sec1.pem"))
    params = bytes.fromhex("a00a06082a8648ce3d030107")
    assert params in sec1
    write("ec-p256-sec1-no-curve.pem",
          pem("EC PRIVATE KEY", tlv(0x30, sec1[2:].replace(params, b""))))
    record("ec-p256-sec1-no-curve.pem",
           Source="ec-p256-sec1.pem without the [0] parameters (by hand)",
           Expect="error Structure(EcCurveMissing)")
    p384_params = bytes.fromhex("a00706052b81040022")
    inner = sec1[2:].replace(params, p384_params)
    inner_sec1 = tlv(0x30, inner)
    alg = bytes.fromhex("301306072a8648ce3d020106082a8648ce3d030107")
    assert alg in p8
    mismatch = tlv(0x30, bytes.fromhex("020100") + alg + tlv(0x04, inner_sec1))
    write("ec-p256-pkcs8-curve-mismatch.pem", pem("PRIVATE KEY", mismatch))
    record("ec-p256-pkcs8-curve-mismatch.pem",
           Source="ec-p256 in PKCS #8 whose ECPrivateKey [0] names P-384 (by hand)",
           Expect="error Structure(EcCurveMismatch)")


# ---------------------------------------------------------------- Ed25519 and others

def okp_files():
    src = os.path.join(OUT, "ed25519-pkcs8.pem")
    openssl("genpkey", "-algorithm", "ED25519", "-out", src)
    write("ed25519-spki.pem", openssl("pkey", "-in", src, "-pubout"))
    write("ed25519-cert.pem", openssl(
        "req", "-new", "-x509", "-key", src, "-subj", "/CN=barejwt test Ed25519 key",
        "-days", "36500", "-set_serial", "2"))
    key = load("ed25519-pkcs8.pem")
    raw = serialization.Encoding.Raw
    seed = key.private_bytes(raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    public_raw = key.public_key().public_bytes(raw, serialization.PublicFormat.Raw)
    # OneAsymmetricKey v2 (RFC 5958 §2) with publicKey [1] IMPLICIT BIT STRING.
    v2 = tlv(0x30, bytes.fromhex("020101") + bytes.fromhex("300506032b6570")
             + tlv(0x04, tlv(0x04, seed)) + tlv(0x81, b"\x00" + public_raw))
    write("ed25519-pkcs8-v2.pem", pem("PRIVATE KEY", v2))
    priv, public = jwk_pair("ed25519", key)
    record("ed25519-pkcs8.pem", Source="openssl genpkey -algorithm ED25519 (PKCS #8 v1)",
           Expect="private ed25519", Jwk=priv)
    record("ed25519-pkcs8-v2.pem",
           Source="the seed and public key of ed25519-pkcs8.pem as OneAsymmetricKey v2, "
                  "by hand (neither openssl nor cryptography writes v2)",
           Expect="private ed25519 with-public", Jwk=priv)
    record("ed25519-spki.pem", Source="openssl pkey -pubout of ed25519-pkcs8.pem",
           Expect="public ed25519", Jwk=public)
    record("ed25519-cert.pem",
           Source="openssl req -new -x509 -subj '/CN=barejwt test Ed25519 key' -days 36500 "
                  "-set_serial 2 with ed25519-pkcs8.pem (X.509 v3 with extensions)",
           Expect="public ed25519", Jwk=public)

    # RFC 8410 §10.1 and §10.3, as printed (the v2 example carries an
    # attribute and the public key).
    write("rfc8410-ed25519-spki.pem",
          "-----BEGIN PUBLIC KEY-----\n"
          "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n"
          "-----END PUBLIC KEY-----\n")
    write("rfc8410-ed25519-v2.pem",
          "-----BEGIN PRIVATE KEY-----\n"
          "MHICAQEwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
          "oB8wHQYKKoZIhvcNAQkJFDEPDA1DdXJkbGUgQ2hhaXJzgSEAGb9ECWmEzf6FQbrB\n"
          "Z9w7lshQhqowtrbLDFw4rXAxZuE=\n"
          "-----END PRIVATE KEY-----\n")
    rfc_key = serialization.load_der_private_key(
        bytes.fromhex("302e020100300506032b657004220420"
                      "d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842"),
        password=None)
    assert rfc_key.public_key().public_bytes(raw, serialization.PublicFormat.Raw) == \
        pem_der(read("rfc8410-ed25519-spki.pem"))[-32:]
    priv, public = jwk_pair("rfc8410-ed25519", rfc_key)
    record("rfc8410-ed25519-spki.pem", Source="RFC 8410 §10.1, as printed",
           Expect="public ed25519", Jwk=public)
    record("rfc8410-ed25519-v2.pem",
           Source="RFC 8410 §10.3, as printed (attributes [0] and publicKey [1])",
           Expect="private ed25519 with-public", Jwk=priv)

    # Key types of a known family but a curve the tool does not support.
    for alg in ["ED448", "X25519", "X448"]:
        openssl("genpkey", "-algorithm", alg, "-out", tmp(alg + ".pem"))
        write(alg.lower() + "-pkcs8.pem", read_tmp(alg + ".pem"))
        write(alg.lower() + "-spki.pem", openssl("pkey", "-in", tmp(alg + ".pem"), "-pubout"))
        record(alg.lower() + "-pkcs8.pem", Source="openssl genpkey -algorithm " + alg,
               Expect="error UnsupportedCurve")
        record(alg.lower() + "-spki.pem",
               Source="openssl genpkey -algorithm %s; openssl pkey -pubout" % alg,
               Expect="error UnsupportedCurve")

    # DSA: an unsupported key algorithm; its traditional label is unknown.
    openssl("genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:2048",
            "-out", tmp("dsaparam.pem"))
    openssl("genpkey", "-paramfile", tmp("dsaparam.pem"), "-out", tmp("dsa.pem"))
    write("dsa-pkcs8.pem", read_tmp("dsa.pem"))
    write("dsa-spki.pem", openssl("pkey", "-in", tmp("dsa.pem"), "-pubout"))
    write("dsa-traditional.pem", openssl("pkey", "-in", tmp("dsa.pem"), "-traditional"))
    how = "openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048; openssl genpkey -paramfile"
    record("dsa-pkcs8.pem", Source=how, Expect="error UnsupportedAlgorithm")
    record("dsa-spki.pem", Source=how + "; openssl pkey -pubout", Expect="error UnsupportedAlgorithm")
    record("dsa-traditional.pem", Source=how + "; openssl pkey -traditional (DSA PRIVATE KEY)",
           Expect="error Pem(UnsupportedLabel)")


# ---------------------------------------------------------------- armour and BER

def hand_made():
    spki = pem_der(read("ed25519-spki.pem"))        # 30 2a 30 05 06 03 2b 65 70 03 21 00 ...
    p8 = pem_der(read("ed25519-pkcs8.pem"))         # 30 2e 02 01 00 30 05 ... 04 22 04 20 ...
    assert spki[:2] == b"\x30\x2a" and p8[:2] == b"\x30\x2e"
    cases = [
        ("ber-nonminimal-length.pem", "PUBLIC KEY", b"\x30\x81\x2a" + spki[2:],
         "ed25519-spki.pem with the outer length written 81 2a (X.690 §10.1)",
         "error Der(NonMinimalLength)"),
        ("ber-indefinite-length.pem", "PUBLIC KEY", b"\x30\x80" + spki[2:] + b"\x00\x00",
         "ed25519-spki.pem with the outer SEQUENCE of indefinite length (X.690 §10.1)",
         "error Der(IndefiniteLength)"),
        ("ber-trailing-bytes.pem", "PUBLIC KEY", spki + b"\x00",
         "ed25519-spki.pem followed by one 00 octet", "error Der(TrailingData)"),
        ("ber-bit-string-unused-bits.pem", "PUBLIC KEY", spki[:11] + b"\x01" + spki[12:],
         "ed25519-spki.pem with the BIT STRING's unused-bits octet 01",
         "error Der(BitStringUnusedBits)"),
        ("ber-constructed-octet-string.pem", "PRIVATE KEY",
         tlv(0x30, p8[2:12] + tlv(0x24, tlv(0x04, p8[14:]))),
         "ed25519-pkcs8.pem with privateKey as a constructed OCTET STRING (BER; X.690 §10.2)",
         "error Der(UnexpectedTag)"),
        ("ber-long-form-tag.pem", "PUBLIC KEY",
         tlv(0x30, b"\x3f\x10\x05" + spki[4:]),
         "ed25519-spki.pem with the AlgorithmIdentifier's SEQUENCE tag in the "
         "high-tag-number form (X.690 §8.1.2.4)", "error Der(HighTagNumber)"),
        ("ed25519-spki-short-key.pem", "PUBLIC KEY",
         tlv(0x30, bytes.fromhex("300506032b6570") + tlv(0x03, b"\x00" + spki[-32:-1])),
         "ed25519-spki.pem with a 31-octet key (by hand)", "error InvalidKey(Ed25519Length)"),
        ("ed25519-spki-with-params.pem", "PUBLIC KEY",
         tlv(0x30, bytes.fromhex("300706032b65700500") + spki[-35:]),
         "ed25519-spki.pem with NULL parameters (RFC 8410 §3: MUST be absent)",
         "error Structure(Ed25519Parameters)"),
        ("ed25519-pkcs8-v1-with-public.pem", "PRIVATE KEY",
         tlv(0x30, p8[2:] + tlv(0x81, b"\x00" + spki[-32:])),
         "ed25519-pkcs8.pem (version 0) with a publicKey [1] added (RFC 5958 §2 needs v2)",
         "error Structure(Pkcs8PublicKeyInV1)"),
    ]
    for name, label, der, how, expect in cases:
        write(name, pem(label, der))
        record(name, Source=how + " (by hand)", Expect=expect)

    spki_pem = read("ed25519-spki.pem").decode()
    body = spki_pem.split("\n")[1]
    texts = [
        ("two-key-blocks.pem", read("ed25519-spki.pem").decode() + read("ec-p256-spki.pem").decode(),
         "ed25519-spki.pem followed by ec-p256-spki.pem", "error Pem(TwoKeyBlocks)"),
        ("mismatched-labels.pem",
         spki_pem.replace("END PUBLIC KEY", "END PRIVATE KEY"),
         "ed25519-spki.pem ending with END PRIVATE KEY", "error Pem(MismatchedEnd)"),
        ("missing-end.pem", spki_pem.split("-----END")[0],
         "ed25519-spki.pem without its END line", "error Pem(MissingEnd)"),
        ("no-block.pem", "This file has no PEM block.\n", "text only", "error Pem(NoBlock)"),
        ("comment-header.pem",
         spki_pem.replace("-----\n", "-----\nComment: a header RFC 7468 does not permit\n\n", 1),
         "ed25519-spki.pem with an RFC 1421 header line", "error Pem(Headers)"),
        ("base64-bad-character.pem", spki_pem.replace(body, body[:10] + "*" + body[11:]),
         "ed25519-spki.pem with one character replaced by '*'", "error Pem(Base64Character)"),
        ("base64-no-padding.pem", spki_pem.replace(body, body.rstrip("=")),
         "ed25519-spki.pem without its '=' padding", "error Pem(Base64Length)"),
        ("base64-padding-inside.pem",
         spki_pem.replace(body, body[:8] + "====" + body[8:]),
         "ed25519-spki.pem with '====' inserted after 8 characters", "error Pem(Base64Padding)"),
        ("base64-nonzero-bits.pem",
         read("rfc8410-ed25519-spki.pem").decode().replace("ZuE=", "ZuF="),
         "rfc8410-ed25519-spki.pem with its last character's unused bits set (RFC 4648 §3.5)",
         "error Pem(Base64TrailingBits)"),
        ("text-around-blocks.pem",
         "Subject: the RFC 8410 §10.1 key\n\n" + read("rfc8410-ed25519-spki.pem").decode()
         + "\nMore text after the block.\n",
         "rfc8410-ed25519-spki.pem between lines of text", "public ed25519"),
        ("crlf-and-spaces.pem",
         read("rfc8410-ed25519-spki.pem").decode().replace("MCowBQYDK2Vw", "MCow BQYD\tK2Vw")
         .replace("\n", "\r\n"),
         "rfc8410-ed25519-spki.pem with CRLF line ends and a space and a tab inside the base64",
         "public ed25519"),
    ]
    for name, text, how, expect in texts:
        write(name, text)
        fields = {"Source": how + " (by hand)", "Expect": expect}
        if name in ("text-around-blocks.pem", "crlf-and-spaces.pem"):
            fields["Jwk"] = "rfc8410-ed25519.public.jwk.json"
        record(name, **fields)


def write_index():
    lines = [
        "# What each PEM file of vectors/keys/ must parse to; written by generate.py.",
        "# Expect = public|private FAMILY [compressed|with-public], compared with Jwk;",
        "#        or error KIND: the barejwt::crypto::pkix::KeyError variant",
        "#        (and its inner kind in parentheses).",
        "",
    ]
    for name, fields in INDEX:
        lines.append("File = " + name)
        for key in ("Source", "Expect", "Jwk"):
            if key in fields:
                lines.append("%s = %s" % (key, fields[key]))
        lines.append("")
    write("index.txt", "\n".join(lines))


def main():
    rsa_files()
    ec_files()
    okp_files()
    hand_made()
    write_index()
    print("wrote %d PEM files and their JWKs to %s" % (len(INDEX), OUT), file=sys.stderr)


if __name__ == "__main__":
    main()
