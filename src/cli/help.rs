//! The `--help` texts: the global one and one per command.

/// `barejwt --help`.
pub const GLOBAL: &str = "\
barejwt: sign, inspect and verify JSON Web Tokens (HS256, HS384, HS512,
RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, ES256K, EdDSA
and Ed25519)

Usage:
  barejwt encode --alg ALG KEY [--header JSON_OBJECT] [OPTIONS] CLAIMS_JSON
  barejwt decode TOKEN
  barejwt verify --alg ALG[,ALG...] KEY [OPTIONS] TOKEN
  barejwt keygen [--alg ALG] [--bits 2048|3072|4096] [--jwk] [--kid KID]
  barejwt pubkey KEY [--jwk | --jwks]
  barejwt demo
  barejwt help [COMMAND] | --help | --version

KEY is exactly one of:
  --key-file PATH     the secret is the file's bytes, exactly: a trailing
                      newline is part of the key (write it with printf '%s')
  --key-env NAME      the secret is the bytes of environment variable NAME
  --key-b64 TEXT      the secret is TEXT decoded as base64url (RFC 4648 §5,
                      no padding, canonical)
  --pem-file PATH     one public or private key in PEM (RFC 7468): PUBLIC KEY,
                      RSA PUBLIC KEY, PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE
                      KEY or CERTIFICATE (only its subject public key is
                      used: the certificate itself is NOT checked); RSA, EC
                      (P-256, P-384, P-521, secp256k1) and Ed25519 keys
  --jwk-file PATH     one JSON Web Key (RFC 7517): kty \"oct\" (a secret),
                      \"RSA\", \"EC\" or \"OKP\" with crv \"Ed25519\"
  --jwks-file PATH    a JWK Set; the token's kid picks the key (without kid,
                      the one key that fits the token's alg)
  --allow-short-key   also accept a secret shorter than the hash output
                      (RFC 7518 §3.2 forbids it; legacy tokens only)

TOKEN is the token text, or - to read it from standard input (surrounding
white space is trimmed there, and only there).

Exit status: 0 done (verify: the token is valid); 1 the token was rejected
or could not be decoded, with one line `barejwt: KIND: reason` on standard
error; 2 usage error (bad flags, unreadable key, bad JSON on the command
line).

Run `barejwt COMMAND --help` for a command's options, `barejwt demo` to see
a token issued, verified and refused. The full reference (every flag, error
kind, order of checks) is docs/cli.md in the source repository.
";

/// `barejwt encode --help`.
pub const ENCODE: &str = "\
barejwt encode: sign claims into a compact token (RFC 7515 §7.1)

Usage:
  barejwt encode --alg ALG KEY [--header JSON_OBJECT] [--iat] [--nbf WHEN]
                 [--exp WHEN] [--now UNIX_SECONDS] CLAIMS_JSON

  --alg ALG              HS256, HS384, HS512, RS256, RS384, RS512, PS256,
                         PS384, PS512, ES256, ES384, ES512, ES256K, EdDSA or
                         Ed25519 (exactly one); all but HS* sign with a
                         private key (RS*, ES*, EdDSA are deterministic; PS*
                         uses a fresh random salt)
  --header JSON_OBJECT   more protected header fields: kid, typ, cty, private
                         ones; never alg. typ defaults to \"JWT\"
  --iat                  add iat: now
  --nbf WHEN, --exp WHEN add nbf, exp: WHEN is +DURATION from now (+900,
                         +90s, +15m, +1h, +7d) or seconds since 1970; a
                         claim may not be both here and in CLAIMS_JSON
  --now UNIX_SECONDS     the time of --iat, --nbf, --exp (default: the
                         system clock)
  CLAIMS_JSON            the claims, a JSON object, signed as given (numbers
                         keep their text), or - to read it from standard
                         input. Claims and header fields verify would
                         refuse (exp a string, aud a number, a malformed
                         crit, ...) are signed all the same, to test
                         verifiers, with a warning on standard error
  KEY                    see `barejwt --help`; with --jwks-file the kid in
                         --header picks the key (without one, the one key
                         of the set that fits --alg)

Prints the token and a newline. JSON is strict RFC 8259: duplicate names, a
byte order mark, lone surrogates and nesting deeper than 64 are usage errors.
A key that cannot be used (empty, or too short without --allow-short-key) is
exit 1 with invalid_key.

Examples:
  barejwt encode --alg HS256 --key-env JWT_SECRET '{\"sub\":\"alice\",\"exp\":4102444800}'
  barejwt encode --alg HS256 --key-env JWT_SECRET --iat --exp +15m '{\"sub\":\"alice\"}'
  echo '{\"sub\":\"alice\"}' | barejwt encode --alg HS256 --key-env JWT_SECRET --exp +1h -
";

/// `barejwt decode --help`.
pub const DECODE: &str = "\
barejwt decode: show a token's header and claims WITHOUT checking it

Usage:
  barejwt decode [--times] TOKEN

Prints {\"header\":{...},\"claims\":{...}} on standard output, numbers exactly
as written, and on standard error a line saying the signature was NOT
checked. Only the structure is checked: three parts, strict base64url, header
and claims JSON objects. Never trust what it prints: anyone can write a token.

  --times   show exp, nbf and iat as UTC dates (RFC 3339) on standard error;
            the default when standard error is a terminal
";

/// `barejwt verify --help`.
pub const VERIFY: &str = "\
barejwt verify: check a token and print its claims

Usage:
  barejwt verify --alg ALG[,ALG...] KEY [OPTIONS] TOKEN

  --alg ALG[,ALG...]     the algorithms accepted (names of RFC 7518 §3.1,
                         RFC 8037, RFC 8812 and RFC 9864, exact case; never
                         none); may be repeated
  --iss ISS              iss must be exactly ISS
  --aud AUD              the token's aud must name AUD; repeat to accept any
                         of several. Without --aud a token carrying aud is
                         refused (RFC 7519 §4.1.3)
  --sub SUB              sub must be exactly SUB
  --typ TYP              the header's typ must be TYP, as a media type (JWT,
                         jwt and application/jwt are equal)
  --require CLAIM[,...]  these claims must be present; may be repeated
  --leeway SECONDS       clock skew allowed for exp, nbf, iat (default 0)
  --max-age SECONDS      iat is required and at most SECONDS (+ leeway) old
  --allow-missing-exp    accept a token without exp (it never expires)
  --now UNIX_SECONDS     judge at this time instead of the system clock
  KEY                    see `barejwt --help`

SECONDS and UNIX_SECONDS are whole decimal numbers, 0 to 9223372036854775807
(leading zeros allowed).

A valid token: exit 0, its claims as compact JSON on one line (numbers exactly
as written). Otherwise exit 1, nothing on standard output, and one line on
standard error: `barejwt: KIND: reason`, KIND one of malformed, too_large,
algorithm_not_allowed, unsupported_critical_header, invalid_key, unknown_key,
invalid_signature, invalid_claim, missing_claim, expired, not_yet_valid,
invalid_issuer, invalid_audience, invalid_subject, invalid_type, too_old.

Example:
  barejwt verify --alg HS256 --key-env JWT_SECRET --iss https://auth.example.com \\
      --aud api.example.com \"$TOKEN\"
";

/// `barejwt keygen --help`.
pub const KEYGEN: &str = "\
barejwt keygen: print a fresh key, from the operating system's random source

Usage:
  barejwt keygen [--alg ALG] [--bits 2048|3072|4096] [--jwk] [--kid KID]

  --alg ALG   HS256 (the default), HS384, HS512: a secret of the hash's
              output size (32, 48 or 64 bytes), base64url without padding,
              ready for --key-b64.
              RS256 ... PS512: an RSA private key of --bits bits
              (default 2048), e = 65537, two primes of equal size;
              ES256, ES384, ES512, ES256K: an EC private key on the
              alg's curve (P-256, P-384, P-521, secp256k1); EdDSA or
              Ed25519: an Ed25519 private key; each as a PKCS #8
              PRIVATE KEY PEM (64-character lines), ready for --pem-file.
  --jwk       print one line of JSON instead: a private JWK with alg set
              (for HS*: an oct JWK with k and alg), ready for --jwk-file
  --bits N    the RSA modulus size: 2048, 3072 or 4096 (only with RS*/PS*)
  --kid KID   add kid to the JWK (only with --jwk)

Keep the output secret: it is the signing key. `barejwt pubkey` prints the
public half, to give to verifiers.
";

/// `barejwt pubkey --help`.
pub const PUBKEY: &str = "\
barejwt pubkey: print the public half of a public-key KEY

Usage:
  barejwt pubkey --pem-file PATH [--jwk | --jwks]
  barejwt pubkey --jwk-file PATH [--jwk | --jwks]

By default a PUBLIC KEY PEM (SubjectPublicKeyInfo, 64-character lines).
  --jwk    one line of JSON: kty and the public members only (RSA: n and e
           without leading zero octets; EC: crv, x and y at full length;
           Ed25519: crv and x), plus kid, alg and use
           when the source JWK has them;
           never a private member, nor key_ops
  --jwks   the same JWK as a set: {\"keys\":[JWK]}

A private key's public half is printed; an HMAC secret, an oct JWK or a key
set has no public half (usage error). An unusable key is exit 1 with
invalid_key, and nothing is printed.
";

/// `barejwt demo --help`.
pub const DEMO: &str = "\
barejwt demo: issue a token, verify it, and watch two forgeries fail

Usage:
  barejwt demo

With a fresh random HS256 key, each step printed with the `barejwt` command
that does the same: issue a token, verify it, then verify a copy whose
payload was changed (invalid_signature) and the real token for another
audience (invalid_audience). Exit 0.
";

/// The help text of `command`, if it is one.
pub fn of(command: &str) -> Option<&'static str> {
    match command {
        "encode" => Some(ENCODE),
        "decode" => Some(DECODE),
        "verify" => Some(VERIFY),
        "keygen" => Some(KEYGEN),
        "pubkey" => Some(PUBKEY),
        "demo" => Some(DEMO),
        _ => None,
    }
}
