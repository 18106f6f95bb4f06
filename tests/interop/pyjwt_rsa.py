import os, sys, jwt, subprocess, json, time
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives import serialization
B = os.environ["BAREJWT"]
def run(*a):
    p = subprocess.run([B, *a], capture_output=True, text=True)
    return p.returncode, p.stdout.strip(), p.stderr.strip()
claims = {"sub":"alice","aud":"api","exp":int(time.time())+600}
ok=total=0
def check(name, cond, info=""):
    global ok,total; total+=1; ok+=bool(cond); print(("ok  " if cond else "FAIL"), name, info)
for bits in (2048, 3072):
    k = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    open("r-pkcs8.pem","wb").write(k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    open("r-pkcs1.pem","wb").write(k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()))
    open("r-spki.pem","wb").write(k.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    open("r-pkcs1pub.pem","wb").write(k.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.PKCS1))
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(k.public_key())); open("r.jwk","w").write(json.dumps(jwk))
    pjwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(k)); open("rp.jwk","w").write(json.dumps(pjwk))
    for alg in ["RS256","RS384","RS512","PS256","PS384","PS512"]:
        t = jwt.encode(claims, k, algorithm=alg)
        res = [run("verify","--alg",alg,f,p,"--aud","api",t)[0] for f,p in [("--pem-file","r-spki.pem"),("--pem-file","r-pkcs1pub.pem"),("--pem-file","r-pkcs1.pem"),("--jwk-file","r.jwk")]]
        check(f"{bits} pyjwt {alg} -> barejwt", res==[0,0,0,0], res)
        rc,tok,err = run("encode","--alg",alg,"--jwk-file","rp.jwk",json.dumps(claims))
        try:
            d = jwt.decode(tok, k.public_key(), algorithms=[alg], audience="api"); check(f"{bits} barejwt {alg} -> pyjwt", d["sub"]=="alice")
        except Exception as e: check(f"{bits} barejwt {alg} -> pyjwt", False, e)
rc,pem,err = run("keygen","--alg","RS256","--bits","3072")
sk = serialization.load_pem_private_key(pem.encode()+b"\n", None)
check("keygen 3072 loads in cryptography", sk.key_size == 3072 and sk.public_key().public_numbers().e == 65537, sk.key_size)
t = jwt.encode(claims, sk, algorithm="PS512")
open("g.pem","w").write(pem+"\n")
check("pyjwt with barejwt key -> barejwt", run("verify","--alg","PS512","--pem-file","g.pem","--aud","api",t)[0]==0)
print(f"{ok}/{total}")
sys.exit(0 if ok == total else 1)
