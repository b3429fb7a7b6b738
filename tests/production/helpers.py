"""Tools for the production tests: free ports, a TCP proxy to cut, HTTP without magic."""

import http.client
import os
import select
import socket
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    """A port nothing listens on right now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def closed_port():
    """A port where a connection is refused at once."""
    return free_port()


class TcpProxy:
    """Forwards 127.0.0.1:<port> to a server; `cut()` makes that server unreachable.

    Cutting closes the listening socket and every open connection, as a crashed
    or unplugged server would look to the app; `restore()` listens again on the
    same port.
    """

    def __init__(self, target_port, target_host="127.0.0.1"):
        self.target = (target_host, target_port)
        self.port = free_port()
        self._connections = set()
        self._lock = threading.Lock()
        self._listener = None
        self._thread = None

    def restore(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        listener.settimeout(0.1)
        self._listener = listener
        self._thread = threading.Thread(target=self._accept, args=(listener,), daemon=True)
        self._thread.start()

    start = restore

    def cut(self):
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
            self._thread.join(timeout=2)
        with self._lock:
            connections, self._connections = self._connections, set()
        for sock in connections:
            _close(sock)

    def _accept(self, listener):
        while self._listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _close(client)
                continue
            with self._lock:
                self._connections.update((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, client, upstream):
        client.settimeout(None)
        upstream.settimeout(None)
        sockets = [client, upstream]
        try:
            while True:
                readable, _, _ = select.select(sockets, [], [], 1.0)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (upstream if sock is client else client).sendall(data)
        except (OSError, ValueError):
            return
        finally:
            for sock in sockets:
                _close(sock)
            with self._lock:
                self._connections.difference_update(sockets)


def _close(sock):
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def header(self, name, default=None):
        return self.headers.get(name.lower(), default)


def http_request(port, method, path, *, body=None, headers=None, timeout=20, source=None):
    """One request over a fresh connection; no redirects followed, no cookies kept.

    `source`: the local address to connect from, such as 127.0.0.2 for a client
    that is not on the proxies' list (all of 127.0.0.0/8 is this machine).
    """
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=timeout, source_address=(source, 0) if source else None
    )
    try:
        connection.request(method, path, body=body, headers=headers or {})
        raw = connection.getresponse()
        headers = {}
        for name, value in raw.getheaders():
            name = name.lower()
            headers[name] = f"{headers[name]}\n{value}" if name in headers else value
        return Response(raw.status, headers, raw.read())
    finally:
        connection.close()


def children_of(pid):
    """PIDs of a process's direct children (gunicorn's workers under its arbiter)."""
    children = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # The command name (field 2) may hold spaces; the fields after it do not.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid:
            children.append(int(entry))
    return sorted(children)


def read_env_example(all=False):
    """The settings .env.example sets (`all`: also those it only documents, commented)."""
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        line = line.strip()
        if all:
            line = line.removeprefix("#").strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, value = line.split("=", 1)
        if name.isupper() and name.replace("_", "").isalnum():
            values[name] = value
    return values


# What the web container runs (docker-compose.yml, the Dockerfile's CMD), and so
# what the gunicorn tests run.
WEB_COMMAND = ["deploy/entrypoint.sh"]
