"""createsuperuser, typed at a terminal, holds the first administrator to the password rules."""

import os
import pty
import select
import sys
import time

import pytest

from tests.ops.servers import ROOT, manage, site_environment

pytestmark = pytest.mark.slow


class Terminal:
    """A command run on a pseudo-terminal of its own, answered like a person would."""

    def __init__(self, argv, environment):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: becomes the command
            os.chdir(ROOT)
            os.execve(argv[0], argv, environment)
        self.screen = ""

    def expect(self, text, timeout=60):
        deadline = time.monotonic() + timeout
        while text not in self.screen:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"{text!r} never appeared in:\n{self.screen}"
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:  # the command has ended
                    chunk = b""
                assert chunk, f"{text!r} never appeared in:\n{self.screen}"
                self.screen += chunk.decode(errors="replace")
        seen, self.screen = self.screen.split(text, 1)
        return seen

    def type(self, line):
        os.write(self.fd, f"{line}\n".encode())

    def wait(self):
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)


def test_createsuperuser_refuses_a_weak_password_and_takes_a_strong_one(tmp_path):
    """At the prompt, "memorial2026" is refused with the reason (and the offer to bypass
    the rules is declined); the strong password typed next creates the account."""
    environment = site_environment(tmp_path)
    manage(environment, "migrate", "--no-input", "-v0")
    terminal = Terminal(
        [sys.executable, "manage.py", "createsuperuser", "--username", "root", "--email", ""],
        environment,
    )
    terminal.expect("Password:")
    terminal.type("memorial2026")
    terminal.expect("Password (again):")
    terminal.type("memorial2026")
    refusal = terminal.expect("Bypass password validation and create user anyway? [y/N]:")
    assert "too close to the memorial’s own name or place" in refusal
    terminal.type("N")
    terminal.expect("Password:")
    terminal.type("ink-on-the-19th-was-still-wet")
    terminal.expect("Password (again):")
    terminal.type("ink-on-the-19th-was-still-wet")
    terminal.expect("Superuser created successfully.")
    assert terminal.wait() == 0

    check = (
        "from django.contrib.auth import get_user_model;"
        "print(get_user_model().objects.get(username='root')"
        ".check_password('ink-on-the-19th-was-still-wet'))"
    )
    assert manage(environment, "shell", "--no-imports", "-c", check).stdout.strip() == "True"
