"""A COMPRESS=DEFLATE peer on Python's zlib (raw DEFLATE, wbits=-15), for the transport's interop tests.

client PORT      talks to the echo protocol on 127.0.0.1:PORT and prints every line it reads after
                 the switch (long lines as their length)
server PORTFILE  listens on 127.0.0.1, writes its port to PORTFILE, and serves one connection: its
                 go-ahead and first compressed line leave in one send; it echoes until QUIT
"""
import os
import random
import socket
import sys
import zlib

TIMEOUT_SECONDS = 20
MAX_BUFFER = 8 * 1024 * 1024


class Lines:
    """CRLF lines from a socket, inflated once compression is on."""

    def __init__(self, sock):
        self.sock = sock
        self.inflate = None
        self.buffer = b""

    def start_inflating(self):
        rest, self.buffer = self.buffer, b""
        self.inflate = zlib.decompressobj(wbits=-15)
        self.buffer = self.inflate.decompress(rest)

    def line(self):
        while b"\r\n" not in self.buffer:
            if len(self.buffer) > MAX_BUFFER:
                raise RuntimeError("line too long")
            data = self.sock.recv(65536)
            if not data:
                return None
            self.buffer += self.inflate.decompress(data) if self.inflate else data
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line.decode("ascii")


def printable(line):
    return line if line is None or len(line) <= 100 else "<%d bytes>" % len(line)


def client(port):
    sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT_SECONDS)
    lines = Lines(sock)
    print(lines.line())
    sock.sendall(b"COMPRESS\r\n")
    print(lines.line())
    lines.start_inflating()
    deflate = zlib.compressobj(6, zlib.DEFLATED, -15)

    def send(data):
        sock.sendall(deflate.compress(data) + deflate.flush(zlib.Z_SYNC_FLUSH))

    send(b"Z?\r\nhello from python\r\n")
    send(b"BIG 100000\r\n")
    send(b"REPEAT 200 py\r\n")
    rng = random.Random(4978)
    send(bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz") for _ in range(1 << 20)) + b"\r\n")
    for i in range(300):
        send(b"small %d\r\n" % i)
    send(b"QUIT\r\n")
    while True:
        line = lines.line()
        if line is None:
            break
        print(printable(line))
    print("<end>")


def server(port_file):
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    listening.listen(1)
    listening.settimeout(TIMEOUT_SECONDS)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(listening.getsockname()[1]))
    os.rename(port_file + ".tmp", port_file)
    sock, _ = listening.accept()
    sock.settimeout(TIMEOUT_SECONDS)
    lines = Lines(sock)
    sock.sendall(b"+OK ready\r\n")
    command = lines.line()
    print("read " + command)
    deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
    lines.start_inflating()
    sock.sendall(b"+OK begin compression\r\n" + deflate.compress(b"+OK from python\r\n")
                 + deflate.flush(zlib.Z_SYNC_FLUSH))
    for _ in range(10000):
        line = lines.line()
        if line is None:
            break
        print("read " + printable(line))
        reply = b"+OK bye\r\n" if line == "QUIT" else b"+OK " + line.encode("ascii")[:100] + b"\r\n"
        sock.sendall(deflate.compress(reply) + deflate.flush(zlib.Z_SYNC_FLUSH))
        if line == "QUIT":
            break
    sock.close()
    print("<end>")


if __name__ == "__main__":
    if sys.argv[1] == "client":
        client(int(sys.argv[2]))
    else:
        server(sys.argv[2])
