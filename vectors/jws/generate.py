#!/usr/bin/env python3
"""Writes vectors/jws/*.txt and vectors/claims/claims.txt from the reference
pack's vectors.json (groups 4-7). Run from the repository root:

    python3 vectors/jws/generate.py ../shared/reference/vectors.json

The facts (tokens, keys, times) are copied as they are; `Expected` is this
project's verdict for each token under the stated verifier profile: `accept`
or the ErrorKind name the verifier must return (first failing check in the
order of spec/cli.md).
"""
import json
import sys

# Group 5: which check fails first, in the contract's order of checks.
NEGATIVE_KIND = {
    "neg-00-control-valid": "accept",
    "neg-01-alg-none-empty-signature": "algorithm_not_allowed",
    "neg-02-alg-none-nonempty-signature": "algorithm_not_allowed",
    "neg-03-hs256-empty-signature": "invalid_signature",
    "neg-04-crit-exp": "unsupported_critical_header",
    "neg-05-crit-lists-absent-name": "unsupported_critical_header",
    "neg-06-crit-unknown-extension": "unsupported_critical_header",
    "neg-07-crit-empty-list": "unsupported_critical_header",
    "neg-08-duplicate-alg-same-value": "malformed",
    "neg-09-duplicate-alg-different-values": "malformed",
    "neg-10-payload-json-array": "malformed",
    "neg-11-padding-in-signature": "malformed",
    "neg-12-padding-in-payload-mac-over-padded-text": "malformed",
    "neg-13-signature-nonzero-trailing-bits": "malformed",
    "neg-14-space-inside-payload-mac-over-clean-text": "invalid_signature",
    "neg-15-space-inside-payload-mac-over-raw-text": "malformed",
    "neg-16-trailing-newline": "malformed",
    "neg-17-crlf-after-first-dot": "invalid_signature",
    "neg-18-two-segments": "malformed",
    "neg-19-four-segments": "malformed",
    "neg-20-standard-alphabet-in-signature": "malformed",
    "neg-21-tampered-payload": "invalid_signature",
    "neg-22-payload-invalid-utf8": "malformed",
    "neg-23-header-json-array": "malformed",
    "neg-24-header-truncated-json": "malformed",
    "neg-25-header-missing-alg": "malformed",
    "neg-26-alg-not-allowed": "algorithm_not_allowed",
}

CLAIMS_KIND = {
    "claims-exp-past": "expired",
    "claims-exp-equal-now": "expired",
    "claims-exp-future": "accept",
    "claims-exp-past-within-leeway": "accept",
    "claims-nbf-future": "not_yet_valid",
    "claims-nbf-equal-now": "accept",
    "claims-exp-string": "invalid_claim",
    "claims-exp-fractional": "accept",
    "claims-aud-string-match": "accept",
    "claims-aud-array-match": "accept",
    "claims-aud-array-no-match": "invalid_audience",
    "claims-aud-present-none-expected": "invalid_audience",
    "claims-aud-case-sensitive": "invalid_audience",
    "claims-duplicate-exp": "malformed",
}


def token_field(token):
    if all(0x21 <= ord(c) <= 0x7E for c in token):
        return "Token = " + token
    return "TokenHex = " + token.encode("utf-8").hex()


def record(fields):
    return "\n".join(f"{k} = {v}" if k != "Token" else token_field(v) for k, v in fields) + "\n"


def main(path):
    pack = json.load(open(path, encoding="utf-8"))
    groups = {g["id"]: g for g in pack["groups"]}
    write_published(groups["4-jws-published"]["vectors"], groups["7-jws-positive-constructed"]["vectors"])
    write_negative(groups["5-jws-negative-constructed"]["vectors"])
    write_claims(groups["6-jwt-claims-constructed"]["vectors"])


def jwk_of(v):
    for name in ("rsa_public", "ec_public", "okp_public", "verification_jwk"):
        if name in v and isinstance(v[name], dict) and "kty" in v[name]:
            return json.dumps(v[name], separators=(",", ":"))
    return None


# Public-key algorithms the crate verifies: their tokens are judged, not refused.
IMPLEMENTED_PUBLIC_KEY = ("EdDSA", "Ed25519", "ES256", "ES384", "ES512", "ES256K",
                          "RS256", "RS384", "RS512", "PS256", "PS384", "PS512")


def write_published(published, constructed):
    out = [
        "# JWS and JWT vectors with published (groups 4) or constructed (group 7) tokens.\n"
        "# Sources: RFC 7515 App. A.1-A.5 and E, RFC 7519 §3.1, RFC 7520 §4.1-4.4, RFC 8037 A.4/A.5,\n"
        "# jwt.io; constructed HS384/HS512/RS/PS/ES tokens of the reference pack (group 7).\n"
        "# Expected: `accept`, or the ErrorKind the verifier returns; public-key tokens are\n"
        "# verified with their own public JWK as the key.\n"
        "# Now: a time before exp, so that the signature (not the clock) is what is judged.\n"
    ]
    for v in published + constructed:
        if "compact" not in v or not v["compact"]:
            continue
        alg = v.get("alg")
        fields = [("Id", v["id"]), ("Source", v["source"])]
        hs = alg in ("HS256", "HS384", "HS512")
        payload_is_object = v.get("payload_text", "").lstrip().startswith("{")
        if v["id"] == "jwt-jwtio-default-hs256":
            fields += [("Alg", alg), ("KeyHex", v["key_hex"]), ("Token", v["compact"]),
                       ("Now", "1700000000"), ("AllowMissingExp", "yes"),
                       ("Expected", "invalid_key"),
                       ("Note", "19-byte secret: shorter than the 32 bytes RFC 7518 §3.2 requires")]
            out.append(record(fields))
            fields = [("Id", v["id"] + "-short-key-allowed"), ("Source", v["source"]),
                      ("Alg", alg), ("KeyHex", v["key_hex"]), ("Token", v["compact"]),
                      ("Now", "1700000000"), ("AllowMissingExp", "yes"), ("AllowShortKey", "yes"),
                      ("Expected", "accept")]
            out.append(record(fields))
            continue
        if hs:
            fields += [("Alg", alg), ("KeyHex", v["key_hex"]), ("Token", v["compact"]),
                       ("SigningInput", v["signing_input"]), ("SignatureHex", v["signature_hex"])]
            if payload_is_object:
                fields += [("Now", "1300819000"), ("Expected", "accept")]
            else:
                fields += [("Now", "1300819000"), ("Expected", "malformed"),
                           ("Note", "the signature is valid; the payload is text, not a JWT claims object")]
        elif alg in (None, "none") or v["compact"].startswith("eyJhbGciOiJub25lI"):
            fields += [("Alg", "HS256"), ("KeyHex", "00" * 32), ("Token", v["compact"]),
                       ("Now", "1300819000"), ("Expected", "algorithm_not_allowed"),
                       ("Note", "alg none: never accepted, whatever else the token holds")]
        elif alg in IMPLEMENTED_PUBLIC_KEY:
            fields += [("Alg", alg), ("Jwk", jwk_of(v)), ("Token", v["compact"]),
                       ("Now", "1300819000")]
            if payload_is_object:
                fields += [("Expected", "accept")]
            else:
                fields += [("Expected", "malformed"),
                           ("Note", "the signature holds (changing one of its octets is invalid_signature); "
                                    f"the payload is the text {json.dumps(v.get('payload_text', ''))}, not a claims set, "
                                    "so a JWT verifier then refuses it as malformed")]
        else:
            fields += [("Alg", alg), ("Jwk", jwk_of(v)), ("Token", v["compact"]),
                       ("Now", "1300819000"), ("Expected", "algorithm_not_allowed"),
                       ("Note", f"{alg} is not implemented yet: refused cleanly")]
        out.append(record(fields))
    open("vectors/jws/published.txt", "w", encoding="utf-8").write("\n".join(out))


def write_negative(vectors):
    out = [
        "# Constructed negative HS256 tokens (reference pack group 5), each wrong in one way.\n"
        "# Key: the 32 ASCII octets jwt-vectors-negative-test-key-32. Verifier: HS256 only,\n"
        "# now = 1700000000, leeway 0. Expected: the ErrorKind of the first failing check in\n"
        "# the order of checks of spec/cli.md (or accept for the control).\n"
    ]
    for v in vectors:
        p = v["verifier_profile"]
        fields = [("Id", v["id"]), ("Source", v["source"]), ("Alg", p["expected_alg"]),
                  ("KeyHex", v["key_hex"]), ("Token", v["token"]), ("Now", str(p["now"])),
                  ("Leeway", str(p["leeway_seconds"])), ("Expected", NEGATIVE_KIND[v["id"]])]
        out.append(record(fields))
    open("vectors/jws/negative.txt", "w", encoding="utf-8").write("\n".join(out))


def write_claims(vectors):
    out = [
        "# Constructed claim vectors (reference pack group 6): exp, nbf, NumericDate types, aud,\n"
        "# duplicate claims. Key: jwt-vectors-negative-test-key-32; HS256; now = 1700000000.\n"
        "# Tokens without exp are judged with `AllowMissingExp = yes`, so that the rule the\n"
        "# vector is about is the one judged (VECTORS.md, note on validator settings).\n"
    ]
    for v in vectors:
        p = v["verifier_profile"]
        fields = [("Id", v["id"]), ("Source", v["source"]), ("Alg", p["expected_alg"]),
                  ("KeyHex", v["key_hex"]), ("Token", v["token"]), ("Now", str(p["now"])),
                  ("Leeway", str(p["leeway_seconds"]))]
        if p.get("expected_audience"):
            fields.append(("Audience", p["expected_audience"]))
        if '"exp"' not in v["payload_text"]:
            fields.append(("AllowMissingExp", "yes"))
        fields.append(("Expected", CLAIMS_KIND[v["id"]]))
        out.append(record(fields))
    open("vectors/claims/claims.txt", "w", encoding="utf-8").write("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/vectors.json")
