#!/usr/bin/python3
"""Fills a plain-HTTP registry with the historical full matrix (scripts/bench.d/matrix.sh and
matrix-tls.sh, the latter through the registry twin's seed door).
Usage: seedmatrix.py HOST:PORT REPOSITORIES_FILE   (one repository per line)
       seedmatrix.py --list CATALOG PREFIX          (prints Sage 10.4's 645 matrix repositories)"""
# Five layers, each stage one layer on top of the previous (tiny gzip tars), uploaded once to a
# source repository; every matrix repository mounts the layers of its stage, gets its own config
# blob and one manifest PUT, tagged "dev". Eight threads, keep-alive connections.
import gzip, hashlib, http.client, io, json, sys, tarfile, threading, time
stages = ["with-system-packages", "configured", "with-targets-pre", "with-targets", "with-targets-optional"]
if sys.argv[1] == "--list":
    # The system list comes from the catalog SageDock bundles, so the bench and the CLI agree.
    systems = json.load(open(sys.argv[2]))["releases"]["10.4"]
    for p in ["minimal", "standard", "maximal"]:
        for s in systems:
            for st in stages:
                print("%s/sage-%s-%s-%s" % (sys.argv[3], s, p, st))
    sys.exit(0)
reg, repos_file = sys.argv[1], sys.argv[2]
host, port = reg.split(":")

def layer(i):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        data = ("stage %d\n" % i).encode() * 64
        info = tarfile.TarInfo("stage-%d.txt" % i); info.size = len(data); info.mtime = 0
        tar.addfile(info, io.BytesIO(data))
    raw = buf.getvalue()
    return raw, gzip.compress(raw, mtime=0)

def sha(b): return "sha256:" + hashlib.sha256(b).hexdigest()
layers = [layer(i) for i in range(len(stages))]
conn = http.client.HTTPConnection(host, int(port))
def upload(repo, blob):
    conn.request("POST", "/v2/%s/blobs/uploads/" % repo); r = conn.getresponse(); r.read()
    loc = r.getheader("Location"); sep = "&" if "?" in loc else "?"
    conn.request("PUT", "%s%sdigest=%s" % (loc, sep, sha(blob)), body=blob,
                 headers={"Content-Type": "application/octet-stream"})
    r = conn.getresponse(); r.read(); assert r.status == 201, r.status
src = "bench/src"
for _, gz in layers: upload(src, gz)

def image(repo, i):
    # A config (and so a manifest) of its own per repository, as real CI images have: nothing is
    # served from the cache on a cold run just because two repositories hold identical bytes.
    chain = layers[: i + 1]
    config = json.dumps({"architecture": "amd64", "os": "linux", "created": "2026-01-14T12:00:00Z",
                         "config": {"Labels": {"org.sagedock.bench.repository": repo}},
                         "rootfs": {"type": "layers", "diff_ids": [sha(r) for r, _ in chain]},
                         "history": [{"created": "2026-01-14T12:00:00Z", "created_by": "RUN make %s" % s}
                                     for s in stages[: i + 1]]}, sort_keys=True).encode()
    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                           "config": {"mediaType": "application/vnd.docker.container.image.v1+json",
                                      "size": len(config), "digest": sha(config)},
                           "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                                       "size": len(gz), "digest": sha(gz)} for _, gz in chain]}).encode()
    return config, manifest, [sha(gz) for _, gz in chain]

repos = [l.strip() for l in open(repos_file) if l.strip()]
errors = []
def work(part):
    c = http.client.HTTPConnection(host, int(port))
    for repo in part:
        stage = next(s for s in sorted(stages, key=len, reverse=True) if repo.endswith("-" + s))
        config, manifest, blobs = image(repo, stages.index(stage))
        for b in blobs:
            c.request("POST", "/v2/%s/blobs/uploads/?mount=%s&from=%s" % (repo, b, src)); r = c.getresponse(); r.read()
            if r.status != 201: errors.append((repo, r.status))
        c.request("POST", "/v2/%s/blobs/uploads/" % repo); r = c.getresponse(); r.read()
        loc = r.getheader("Location"); sep = "&" if "?" in loc else "?"
        c.request("PUT", "%s%sdigest=%s" % (loc, sep, sha(config)), body=config,
                  headers={"Content-Type": "application/octet-stream"})
        r = c.getresponse(); r.read()
        if r.status != 201: errors.append((repo, "config", r.status))
        c.request("PUT", "/v2/%s/manifests/dev" % repo, body=manifest,
                  headers={"Content-Type": "application/vnd.docker.distribution.manifest.v2+json"})
        r = c.getresponse(); r.read()
        if r.status != 201: errors.append((repo, r.status))
threads = [threading.Thread(target=work, args=(repos[i::8],)) for i in range(8)]
for t in threads: t.start()
for t in threads: t.join()
if errors: sys.exit("seeding failed: %r" % errors[:5])
