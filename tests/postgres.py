"""A real, throwaway PostgreSQL server for the test session (a pytest plugin).

The store must behave the same on SQLite and PostgreSQL, and only a real server shows the
differences (type lengths, NULL ordering, LIKE escaping, transactions), so the tests start
one from the installed binaries: a fresh cluster in a temporary directory, listening only
on 127.0.0.1 and a socket inside that directory, with fsync off because its data is thrown
away. It is started once, on first use; each test that needs it gets its own database.

No test is skipped for a missing tool: without the server binaries the fixture fails and
says how to install them (`.ci/run` installs them when they are absent).
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

SERVER_PROGRAMS = ("initdb", "pg_ctl", "postgres")
# initdb refuses to run as root; as root the server runs as this system user instead.
SERVER_USER = "postgres"
START_ATTEMPTS = 3


def find_bindir() -> Path:
    """The newest installed PostgreSQL whose server programs are all there.

    Debian and Ubuntu keep them under /usr/lib/postgresql/<major>/bin, off the PATH; other
    systems put them on the PATH."""
    candidates = sorted(
        (Path(path) for path in glob.glob("/usr/lib/postgresql/*/bin")),
        key=lambda path: [int(part) for part in re.findall(r"\d+", path.parent.name)],
        reverse=True,
    )
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for bindir in candidates:
        if all(os.access(bindir / program, os.X_OK) for program in SERVER_PROGRAMS):
            return bindir
    pytest.fail(
        "PostgreSQL server programs (initdb, pg_ctl, postgres) not found in /usr/lib/postgresql/*/bin "
        "or on PATH; the store tests need them. Install them, e.g. `apt-get install postgresql` "
        "(.ci/run does this when they are missing).",
        pytrace=False,
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """One PostgreSQL cluster in a temporary directory, run by the right user."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="marsad-postgres-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = 0
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam(SERVER_USER)
            except KeyError:
                pytest.fail(f"running as root, and there is no {SERVER_USER!r} user to run PostgreSQL as", pytrace=False)
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self.as_user = ["runuser", "-u", SERVER_USER, "--"]

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def run(self, program: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*self.as_user, str(self.bindir / program), *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def start(self) -> None:
        created = self.run(
            "initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"
        )
        if created.returncode:
            pytest.fail(f"initdb failed:\n{created.stdout}{created.stderr}", pytrace=False)
        for _ in range(START_ATTEMPTS):  # a free port can be taken before the server binds it
            self.port = free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            )
            started = self.run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o", options, "start")
            if started.returncode == 0:
                return
        log = self.log.read_text(errors="replace") if self.log.exists() else ""
        pytest.fail(f"PostgreSQL did not start:\n{started.stdout}{started.stderr}{log}", pytrace=False)

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The SQLAlchemy URL of a PostgreSQL server that lives as long as the test session."""
    server = Server(find_bindir())
    try:
        server.start()
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def new_postgres_database(postgres_server: str):
    """Makes empty databases on the session's server: `with new_postgres_database() as url:`;
    for fixtures of a wider scope than one test."""
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")

    @contextmanager
    def database() -> Iterator[str]:
        name = f"t_{uuid.uuid4().hex}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield postgres_server.rsplit("/", 1)[0] + f"/{name}"
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))

    yield database
    admin.dispose()


@pytest.fixture
def postgres_database(new_postgres_database) -> Iterator[str]:
    """The URL of a new, empty database on the session's server, dropped after the test."""
    with new_postgres_database() as url:
        yield url
