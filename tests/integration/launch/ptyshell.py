# Runs a program on a real pseudo-terminal like a person at a terminal would (tst_cli's shellWithTerminal):
# waits for the shell prompt in the session's working folder, answers the line editor's cursor query,
# types a command, then `exit 7`; prints the transcript and exits with the program's status.
# Usage: /usr/bin/python3 ptyshell.py PROGRAM ARGS...
import os, pty, re, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
buf = b""
def until(done, seconds):
    global buf
    end = time.time() + seconds
    while not done(buf):
        left = end - time.time()
        if left <= 0:
            return False
        if select.select([fd], [], [], left)[0]:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b""
            if not chunk:
                return done(buf)
            buf += chunk
    return True
def fail(why, code):
    sys.stdout.buffer.write(why + b"\n" + buf)
    sys.exit(code)
prompt = re.compile(rb"/home/sage/sage [#$] ")
if not until(lambda b: prompt.search(b), 30):
    fail(b"NO PROMPT", 90)
if b"\x1b[6n" in buf:  # the line editor asks where the cursor is; a terminal answers
    os.write(fd, b"\x1b[1;1R")
os.write(fd, b"tty; echo marker-$((6*7))\n")
if not until(lambda b: b"marker-42" in b, 30):
    fail(b"COMMAND DID NOT RUN", 91)
os.write(fd, b"exit 7\n")
until(lambda b: False, 20)
status = os.waitpid(pid, 0)[1]
sys.stdout.buffer.write(buf)
sys.exit(os.waitstatus_to_exitcode(status))
