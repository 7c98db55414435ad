#!/usr/bin/python3
"""End-to-end: a real SageMath image (tests/fixtures/realsage) through `sagedock-cli`, as a person
would use it: launch, Jupyter's contents API with the token (create, save, open a notebook), a
SageMath kernel computing factor(2^64+1) through the kernel websocket, stop, relaunch, the notebook
intact and owned by the host user on the host.

  realsage_e2e.py --cli PATH --image-script PATH [--as-uid N] [--variant sagemath|sagemath-dev|stage]

Without --as-uid the CLI runs as this process's user (root in CI). With --as-uid N it runs as an
unprivileged user of that uid (created as `sagedock-e2e-N` in the docker group if missing) through
runuser, which needs root. Nothing is skipped: a missing image, user or engine fails with the reason.
Only Debian's python3 standard library is used (the websocket framing is written out below).
"""

import argparse
import base64
import json
import os
import pwd
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid

FACTOR = "274177 * 67280421310721"
CODE = "factor(2^64+1)"
# What issue 12 saw from another uid: the state dirs under the image user's home were not writable.
BAD_LOG_WORDS = ("Permission denied", "Fontconfig error", "No writable cache directories")

failures = []
started = time.monotonic()


def say(text):
    print(f"[{time.monotonic() - started:7.1f}s] {text}", flush=True)


def check(ok, what):
    say(("PASS " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)
    return ok


class Fatal(Exception):
    pass


def run(argv, env=None, timeout=600, check_rc=True):
    p = subprocess.run(argv, env=env, timeout=timeout, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if check_rc and p.returncode != 0:
        raise Fatal(f"{' '.join(argv)} exited {p.returncode}:\n{p.stdout}\n{p.stderr}")
    return p


def docker(*args, check_rc=True):
    exe = "/usr/bin/docker" if os.access("/usr/bin/docker", os.X_OK) else "docker"
    return run([exe, *args], check_rc=check_rc)


# --- the host user ------------------------------------------------------------------------------

class HostUser:
    """Runs the CLI as root (this process) or as another uid through runuser."""

    def __init__(self, uid, cli, work):
        self.uid = uid
        if uid is None or uid == os.getuid():
            self.uid = os.getuid()
            self.name = None
            self.home = os.path.join(work, "home")
            os.makedirs(self.home)
            self.cli = cli
            return
        if os.getuid() != 0:
            raise Fatal(f"running the CLI as uid {uid} needs root (useradd, runuser); this is uid {os.getuid()}")
        try:
            self.name = pwd.getpwuid(uid).pw_name
        except KeyError:
            self.name = f"sagedock-e2e-{uid}"
            run(["useradd", "--uid", str(uid), "--user-group", "--no-create-home", "--shell", "/bin/sh",
                 self.name])
        run(["usermod", "-aG", "docker", self.name])
        self.home = os.path.join(work, "home")
        os.makedirs(self.home)
        os.chown(self.home, uid, pwd.getpwuid(uid).pw_gid)
        os.chmod(self.home, 0o700)
        # The build tree may sit in a folder that user cannot enter (e.g. /root): a copy it can run.
        self.cli = os.path.join(work, "bin", "sagedock-cli")
        os.makedirs(os.path.dirname(self.cli))
        shutil.copy2(cli, self.cli)
        os.chmod(os.path.dirname(self.cli), 0o755)
        os.chmod(self.cli, 0o755)
        os.chmod(work, 0o755)

    def env(self):
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": self.home, "LANG": "C.UTF-8",
               "XDG_CONFIG_HOME": os.path.join(self.home, ".config"),
               "XDG_CACHE_HOME": os.path.join(self.home, ".cache"),
               "XDG_DATA_HOME": os.path.join(self.home, ".local", "share")}
        if "DOCKER_HOST" in os.environ:
            env["DOCKER_HOST"] = os.environ["DOCKER_HOST"]
        return env

    def cli_argv(self, *args):
        argv = [self.cli, *args]
        if self.name is None:
            return argv
        env = [f"{k}={v}" for k, v in self.env().items()]
        return ["runuser", "-u", self.name, "--", "env", "-i", *env, *argv]

    def sagedock(self, *args, timeout=600):
        # runuser gets root's environment (it lives in /usr/sbin); `env -i` gives the CLI the user's.
        env = self.env() if self.name is None else None
        return run(self.cli_argv(*args), env=env, timeout=timeout, check_rc=False)


# --- Jupyter's REST API ----------------------------------------------------------------------------

class Jupyter:
    def __init__(self, url):
        u = urllib.parse.urlsplit(url)
        self.host, self.port = u.hostname, u.port
        self.token = urllib.parse.parse_qs(u.query)["token"][0]
        self.base = f"http://{self.host}:{self.port}"

    def call(self, method, path, body=None, expect=(200, 201)):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Authorization": f"token {self.token}",
                                              "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                status, text = r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read().decode(errors="replace")
        if status not in expect:
            raise Fatal(f"{method} {path} -> {status}: {text[:800]}")
        return json.loads(text) if text else None


def notebook(cells):
    return {"nbformat": 4, "nbformat_minor": 5,
            "metadata": {"kernelspec": {"name": "sagemath", "display_name": "SageMath", "language": "sage"}},
            "cells": cells}


def code_cell(source, outputs=None):
    return {"cell_type": "code", "id": uuid.uuid4().hex[:8], "metadata": {}, "source": source,
            "execution_count": 1 if outputs else None, "outputs": outputs or []}


# --- the kernel websocket (RFC 6455, client side, text frames) -----------------------------------

class WebSocket:
    def __init__(self, host, port, path, timeout):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise Fatal(f"websocket {path}: connection closed during the handshake: {head!r}")
            head += chunk
        head, self.buf = head.split(b"\r\n\r\n", 1)
        if not head.startswith(b"HTTP/1.1 101"):
            raise Fatal(f"websocket {path}: handshake refused: {head.decode(errors='replace')}")

    def _read(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise Fatal("websocket closed by the server")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def _send(self, opcode, payload):
        mask = os.urandom(4)
        n = len(payload)
        head = bytes([0x80 | opcode])
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 65536:
            head += bytes([0x80 | 126]) + struct.pack("!H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack("!Q", n)
        body = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(head + mask + body)

    def send_json(self, obj):
        self._send(0x1, json.dumps(obj).encode())

    def recv_json(self):
        message = b""
        while True:
            b0, b1 = self._read(2)
            opcode, n = b0 & 0x0F, b1 & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._read(8))[0]
            mask = self._read(4) if b1 & 0x80 else None
            payload = self._read(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 0x8:
                raise Fatal("websocket closed by the server")
            if opcode == 0x9:
                self._send(0xA, payload)
                continue
            if opcode == 0xA:
                continue
            message += payload
            if b0 & 0x80:
                return json.loads(message.decode())

    def close(self):
        try:
            self._send(0x8, b"")
        finally:
            self.sock.close()


def execute(jupyter, kernel_id, code, timeout):
    """Runs code in the kernel; returns (text/plain result, stream text, error)."""
    ws = WebSocket(jupyter.host, jupyter.port,
                   f"/api/kernels/{kernel_id}/channels?token={jupyter.token}", timeout)
    try:
        msg_id = uuid.uuid4().hex
        ws.send_json({"header": {"msg_id": msg_id, "username": "e2e", "session": uuid.uuid4().hex,
                                 "msg_type": "execute_request", "version": "5.3",
                                 "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
                      "parent_header": {}, "metadata": {}, "channel": "shell",
                      "content": {"code": code, "silent": False, "store_history": True,
                                  "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
                      "buffers": []})
        result, streams, error, replied, idle = None, "", None, False, False
        deadline = time.monotonic() + timeout
        while not (replied and idle):
            if time.monotonic() > deadline:
                raise Fatal(f"no answer to {code!r} within {timeout} s")
            m = ws.recv_json()
            if m.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = m["msg_type"], m["content"]
            if kind == "execute_result":
                result = content["data"].get("text/plain")
            elif kind == "stream":
                streams += content.get("text", "")
            elif kind == "error":
                error = f"{content.get('ename')}: {content.get('evalue')}"
            elif kind == "execute_reply":
                replied = True
                if content.get("status") != "ok" and error is None:
                    error = content.get("status")
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
        return result, streams, error
    finally:
        ws.close()


# --- the scenario ------------------------------------------------------------------------------------

def launch(user, image, folder):
    t0 = time.monotonic()
    p = user.sagedock("launch", image, "--json", "--no-browser", "--notebooks", folder, "--timeout", "600",
                      timeout=700)
    took = time.monotonic() - t0
    if p.returncode != 0:
        raise Fatal(f"sagedock-cli launch exited {p.returncode}:\n{p.stderr}")
    session = json.loads(p.stdout)
    say(f"launched {session['name']} on port {session['port']} in {took:.1f} s")
    check(p.stderr == "", f"launch --json leaves stderr empty (got {p.stderr!r})")
    check(session.get("owner") == user.uid, f"the session is labelled with its owner uid {user.uid}")
    return session, took


def stop(user, session):
    p = user.sagedock("stop", session["id"], timeout=120)
    check(p.returncode == 0, f"sagedock-cli stop {session['name']} (rc {p.returncode}) {p.stderr.strip()}")
    gone = docker("container", "inspect", session["id"], check_rc=False).returncode != 0
    check(gone, "the stopped session's container is removed")


def container_log(session):
    p = docker("logs", session["id"], check_rc=False)
    return p.stdout + p.stderr


def scenario(user, image, variant, kernel_timeout):
    folder = os.path.join(user.home, "SageMath e2e")  # a space, as in real folder names
    sessions = []
    try:
        session, first = launch(user, image, folder)
        sessions.append(session)
        check(session["flavor"] == variant, f"flavor detected as {variant} ({session['flavor']})")
        jupyter = Jupyter(session["url"])

        # Contents API: create, save, open.
        created = jupyter.call("POST", "/api/contents/", {"type": "notebook"})
        path = created["path"]
        check(path.endswith(".ipynb"), f"created notebook {path}")
        jupyter.call("PUT", f"/api/contents/{urllib.parse.quote(path)}",
                     {"type": "notebook", "format": "json", "content": notebook([code_cell(CODE)])})
        opened = jupyter.call("GET", f"/api/contents/{urllib.parse.quote(path)}?content=1")
        check(opened["content"]["cells"][0]["source"] == CODE, "saved notebook opens with its cell")

        # A SageMath kernel through the websocket.
        specs = jupyter.call("GET", "/api/kernelspecs")["kernelspecs"]
        names = [n for n in specs if n.startswith("sage")]
        if not check(bool(names), f"a SageMath kernel is installed ({sorted(specs)})"):
            raise Fatal("no SageMath kernel")
        s = jupyter.call("POST", "/api/sessions",
                         {"path": path, "type": "notebook", "name": "", "kernel": {"name": names[0]}})
        t0 = time.monotonic()
        result, streams, error = execute(jupyter, s["kernel"]["id"], CODE, kernel_timeout)
        say(f"kernel {names[0]} answered in {time.monotonic() - t0:.1f} s: {result!r}")
        check(error is None, f"no kernel error ({error})")
        check(result == FACTOR, f"{CODE} = {FACTOR} (got {result!r})")
        check(not any(w in streams for w in BAD_LOG_WORDS), f"kernel output is clean ({streams[:300]!r})")
        # Save the computed cell, as the notebook's Save button does (signing database included).
        outputs = [{"output_type": "execute_result", "execution_count": 1, "metadata": {},
                    "data": {"text/plain": result or ""}}]
        jupyter.call("PUT", f"/api/contents/{urllib.parse.quote(path)}",
                     {"type": "notebook", "format": "json", "content": notebook([code_cell(CODE, outputs)])})
        jupyter.call("DELETE", f"/api/sessions/{s['id']}", expect=(204,))

        log = container_log(session)
        bad = [line for line in log.splitlines() if any(w in line for w in BAD_LOG_WORDS)]
        check(not bad, f"container log has no permission or fontconfig errors {bad[:3]}")
        stop(user, session)
        sessions.remove(session)

        # On the host: the notebook belongs to the host user, and nothing was opened to the world.
        host_path = os.path.join(folder, path)
        st = os.stat(host_path)
        check(st.st_uid == user.uid, f"{path} is owned by the host uid {user.uid} (owner {st.st_uid})")
        for d in (folder,):
            mode = os.stat(d).st_mode & 0o777
            check(not mode & 0o002, f"{d} is not world-writable (mode {mode:o})")
            check(os.stat(d).st_uid == user.uid, f"{d} is owned by the host uid {user.uid}")
        with open(host_path) as f:
            on_host = json.load(f)
        text = on_host["cells"][0]["outputs"][0]["data"]["text/plain"]
        text = "".join(text) if isinstance(text, list) else text  # nbformat splits lines on disk
        check(text == FACTOR, f"the saved result is in the file on the host ({text!r})")

        # Relaunch on the same folder: the notebook is there and opens.
        session, again = launch(user, image, folder)
        sessions.append(session)
        jupyter = Jupyter(session["url"])
        reopened = jupyter.call("GET", f"/api/contents/{urllib.parse.quote(path)}?content=1")
        cell = reopened["content"]["cells"][0]
        check(cell["source"] == CODE and cell["outputs"][0]["data"]["text/plain"] == FACTOR,
              "after relaunch the notebook is intact")
        stop(user, session)
        sessions.remove(session)
        check(os.stat(host_path).st_uid == user.uid, "still owned by the host user after the relaunch")
        return first, again
    finally:
        for s in sessions:  # a failure above must not leave a container running
            docker("rm", "-f", s["id"], check_rc=False)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--image-script", required=True)
    ap.add_argument("--as-uid", type=int)
    ap.add_argument("--variant", default="sagemath", choices=("sagemath", "sagemath-dev", "stage"))
    ap.add_argument("--kernel-timeout", type=int, default=600)
    a = ap.parse_args()
    who = (f"uid {a.as_uid}" if a.as_uid is not None else f"uid {os.getuid()} (this user)") + f", {a.variant}"
    work = tempfile.mkdtemp(prefix="sagedock-e2e.")
    try:
        if not os.access(a.cli, os.X_OK):
            raise Fatal(f"{a.cli} is not built")
        image = run(["bash", a.image_script, "--image", a.variant]).stdout.strip().splitlines()[-1]
        if docker("image", "inspect", image, check_rc=False).returncode != 0:
            raise Fatal(f"the real SageMath image {image} is not in the engine: the e2e_realsage_image "
                        f"setup test builds it ({a.image_script}); see its output for why it failed")
        user = HostUser(a.as_uid, a.cli, work)
        say(f"e2e as {who} with {image}")
        first, again = scenario(user, image, a.variant, a.kernel_timeout)
        say(f"timings as {who}: first launch {first:.1f} s, relaunch {again:.1f} s, "
            f"whole run {time.monotonic() - started:.1f} s")
    except (Fatal, OSError, subprocess.SubprocessError, KeyError, ValueError) as e:
        failures.append(str(e))
        say(f"FAIL {type(e).__name__}: {e}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    checks = sum(1 for _ in failures)
    print(f"e2e as {who}: {'FAILED' if failures else 'passed'}"
          + (f" ({checks} failure{'s' if checks != 1 else ''})" if failures else ""), flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
