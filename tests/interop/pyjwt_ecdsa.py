import os, sys, jwt, subprocess, json, time
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives import serialization
B = os.environ["BAREJWT"]
def run(*a):
    p = subprocess.run([B, *a], capture_output=True, text=True)
    return p.returncode, p.stdout.strip(), p.stderr.strip()
claims = {"sub":"alice","aud":"api","exp":int(time.time())+600}
ok=total=0
def check(name, cond, info=""):
    global ok,total; total+=1; ok+=bool(cond); print(("ok  " if cond else "FAIL"), name, info)
for alg, curve in [("ES256", ec.SECP256R1()), ("ES384", ec.SECP384R1()), ("ES512", ec.SECP521R1()), ("ES256K", ec.SECP256K1())]:
    k = ec.generate_private_key(curve)
    for fmt, name in [(serialization.PrivateFormat.PKCS8, "pkcs8"), (serialization.PrivateFormat.TraditionalOpenSSL, "sec1")]:
        open(f"{alg}-{name}.pem","wb").write(k.private_bytes(serialization.Encoding.PEM, fmt, serialization.NoEncryption()))
    open(f"{alg}-pub.pem","wb").write(k.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    try:
        t = jwt.encode(claims, k, algorithm=alg)
    except Exception as e:
        check(f"pyjwt {alg} sign", False, e); continue
    for f in ["pub","pkcs8","sec1"]:
        rc,out,err = run("verify","--alg",alg,"--pem-file",f"{alg}-{f}.pem","--aud","api",t); check(f"pyjwt {alg} -> barejwt {f}", rc==0, err)
    jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(k.public_key()))
    open(f"{alg}.jwk","w").write(json.dumps(jwk))
    rc,out,err = run("verify","--alg",alg,"--jwk-file",f"{alg}.jwk","--aud","api",t); check(f"pyjwt {alg} -> barejwt JWK", rc==0, err)
    rc,tok,err = run("encode","--alg",alg,"--pem-file",f"{alg}-sec1.pem",json.dumps(claims))
    try:
        d = jwt.decode(tok, k.public_key(), algorithms=[alg], audience="api"); check(f"barejwt {alg} -> pyjwt", d["sub"]=="alice")
    except Exception as e: check(f"barejwt {alg} -> pyjwt", False, e)
    rc,pem,err = run("keygen","--alg",alg)
    sk = serialization.load_pem_private_key(pem.encode()+b"\n", None)
    check(f"keygen {alg} curve", sk.curve.name == curve.name, sk.curve.name)
    open(f"{alg}-bj.pem","w").write(pem+"\n")
    t2 = jwt.encode(claims, sk, algorithm=alg)
    rc,out,err = run("verify","--alg",alg,"--pem-file",f"{alg}-bj.pem","--aud","api",t2); check(f"pyjwt with barejwt {alg} key -> barejwt", rc==0, err)
print(f"{ok}/{total}")
sys.exit(0 if ok == total else 1)
