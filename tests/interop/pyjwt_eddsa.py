import os, sys, jwt, subprocess, json, sys, time
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization
B = os.environ["BAREJWT"]
def run(*a, inp=None):
    p = subprocess.run([B, *a], capture_output=True, text=True, input=inp)
    return p.returncode, p.stdout.strip(), p.stderr.strip()
k = Ed25519PrivateKey.generate()
open("py.pem","wb").write(k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
open("py_pub.pem","wb").write(k.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
claims = {"sub":"alice","iss":"https://auth.example.com","aud":"api","exp":int(time.time())+600}
ok = 0; total = 0
def check(name, cond, info=""):
    global ok, total
    total += 1; ok += bool(cond)
    print(("ok  " if cond else "FAIL"), name, info)
# PyJWT signs EdDSA, barejwt verifies with SPKI PEM, PKCS8 PEM, and JWK
t = jwt.encode(claims, k, algorithm="EdDSA")
for flag, path in [("--pem-file","py_pub.pem"),("--pem-file","py.pem")]:
    rc,out,err = run("verify","--alg","EdDSA",flag,path,"--iss","https://auth.example.com","--aud","api",t)
    check(f"pyjwt EdDSA -> barejwt {path}", rc==0, err)
jwk = json.loads(jwt.algorithms.OKPAlgorithm.to_jwk(k.public_key()))
open("py_pub.jwk","w").write(json.dumps(jwk))
rc,out,err = run("verify","--alg","EdDSA","--jwk-file","py_pub.jwk","--aud","api",t); check("pyjwt EdDSA -> barejwt JWK", rc==0, err)
# Tampered
bad = t[:-2] + ("A" if t[-2] != "A" else "B") + t[-1]
rc,out,err = run("verify","--alg","EdDSA","--pem-file","py_pub.pem","--aud","api",bad); check("tampered refused", rc==1, err)
# barejwt signs, PyJWT verifies
rc,tok,err = run("encode","--alg","EdDSA","--pem-file","py.pem",json.dumps(claims)); 
d = jwt.decode(tok, k.public_key(), algorithms=["EdDSA"], audience="api"); check("barejwt EdDSA -> pyjwt", d["sub"]=="alice")
# barejwt keygen key used by pyjwt
rc,pem,err = run("keygen","--alg","EdDSA"); open("bj.pem","w").write(pem+"\n")
sk = serialization.load_pem_private_key((pem+"\n").encode(), None)
rc,tok,err = run("encode","--alg","Ed25519","--pem-file","bj.pem",json.dumps(claims))
hdr = jwt.get_unverified_header(tok); check("Ed25519 header", hdr["alg"]=="Ed25519", hdr)
rc,pubpem,err = run("pubkey","--pem-file","bj.pem")
pk = serialization.load_pem_public_key(pubpem.encode())
check("pubkey == cryptography public", pk.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)==sk.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
t2 = jwt.encode(claims, sk, algorithm="EdDSA")
rc,out,err = run("verify","--alg","EdDSA","--pem-file","bj.pem","--aud","api",t2); check("pyjwt with barejwt key -> barejwt", rc==0, err)
# EdDSA token refused when only Ed25519 allowed
rc,out,err = run("verify","--alg","Ed25519","--pem-file","bj.pem","--aud","api",t2); check("EdDSA header under --alg Ed25519 refused", rc==1 and "algorithm_not_allowed" in err, err)
# HS256 token with the Ed25519 public key PEM bytes as HMAC secret (key confusion)
pubbytes = open("py_pub.pem","rb").read()
conf = jwt.api_jws.PyJWS().encode(json.dumps(claims).encode(), b"x"*32, algorithm="HS256")
rc,out,err = run("verify","--alg","HS256,EdDSA","--pem-file","py_pub.pem","--aud","api",conf); check("HS256 with PEM key refused", rc==1 and "algorithm_not_allowed" in err, err)
print(f"{ok}/{total}")
sys.exit(0 if ok == total else 1)
