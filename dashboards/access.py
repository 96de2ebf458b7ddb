"""Who may see what: users, their hashed passwords, and the org-unit subtrees they may see.

The access file (`DASHBOARD_ACCESS_FILE`, by default `config/dashboard_access.toml`) maps
each user to a password hash and to the org units whose subtrees they may see; `"*"` means
the whole warehouse. Without the file the dashboards run in an open demo mode and say so
on every page. Hashes are PBKDF2-SHA256 with a per-user salt, written by
`python -m dashboards.access hash-password`; plain passwords are never stored.

This module knows nothing of Streamlit or the warehouse: the pages apply the scope it
returns (dashboards/context.py, dashboards/regions.py).
"""

from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import hmac
import os
import secrets
import tomllib
from dataclasses import dataclass
from pathlib import Path

from orchestration.settings import PROJECT_ROOT

HASH_ALGORITHM = "pbkdf2_sha256"
# OWASP's 2023 figure for PBKDF2-SHA256; stored in each hash, so it can be raised later.
DEFAULT_ITERATIONS = 600_000
WHOLE_WAREHOUSE = "*"


def access_file() -> Path:
    configured = Path(os.environ.get("DASHBOARD_ACCESS_FILE", PROJECT_ROOT / "config" / "dashboard_access.toml"))
    return configured if configured.is_absolute() else PROJECT_ROOT / configured


@dataclass(frozen=True)
class AccessScope:
    """What one session may see. `root_org_unit_ids` None = everything (demo mode or "*")."""

    user_name: str | None
    display_name: str
    root_org_unit_ids: tuple[str, ...] | None

    @property
    def sees_everything(self) -> bool:
        return self.root_org_unit_ids is None

    def contains(self, unit_lineage: tuple[str | None, ...]) -> bool:
        """Whether a unit lies in the scope, given the unit and its ancestors' ids."""
        return self.sees_everything or any(root in unit_lineage for root in self.root_org_unit_ids)


DEMO_SCOPE = AccessScope(user_name=None, display_name="演示模式", root_org_unit_ids=None)


@dataclass(frozen=True)
class User:
    user_name: str
    display_name: str
    password_hash: str
    org_unit_ids: tuple[str, ...]

    def scope(self) -> AccessScope:
        roots = None if WHOLE_WAREHOUSE in self.org_unit_ids else self.org_unit_ids
        return AccessScope(self.user_name, self.display_name, roots)


class AccessConfigError(ValueError):
    """The access file exists but cannot be trusted; the app refuses to open rather than open up."""


def load_users(path: Path | None = None) -> dict[str, User] | None:
    """The configured users, or None when there is no access file (open demo mode)."""
    path = path or access_file()
    if not path.exists():
        return None
    with path.open("rb") as handle:
        try:
            document = tomllib.load(handle)
        except tomllib.TOMLDecodeError as error:
            raise AccessConfigError(f"{path}: {error}") from error
    users = {}
    for user_name, entry in document.get("users", {}).items():
        org_unit_ids = tuple(str(unit) for unit in entry.get("org_units", ()))
        if not entry.get("password_hash", "").startswith(f"{HASH_ALGORITHM}$") or not org_unit_ids:
            raise AccessConfigError(f"{path}: user {user_name!r} needs a {HASH_ALGORITHM} password_hash and org_units")
        users[user_name] = User(user_name, entry.get("display_name", user_name), entry["password_hash"], org_unit_ids)
    if not users:
        raise AccessConfigError(f"{path}: no [users.<name>] entries")
    return users


def hash_password(password: str, iterations: int = DEFAULT_ITERATIONS, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    return "$".join([HASH_ALGORITHM, str(iterations), base64.b64encode(salt).decode(), base64.b64encode(digest).decode()])


def verify_password(password: str, password_hash: str) -> bool:
    try:
        algorithm, iterations, salt, expected = password_hash.split("$")
        if algorithm != HASH_ALGORITHM:
            return False
        digest = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(salt), int(iterations))
    except ValueError:
        return False
    return hmac.compare_digest(digest, base64.b64decode(expected))


def authenticate(users: dict[str, User], user_name: str, password: str) -> User | None:
    user = users.get(user_name)
    if user is None:
        # Spend the same time on unknown names, so timing does not reveal which names exist.
        verify_password(password, hash_password("", iterations=DEFAULT_ITERATIONS, salt=b"\0" * 16))
        return None
    return user if verify_password(password, user.password_hash) else None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m dashboards.access", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("hash-password", help="print a TOML entry for a user (asks for the password)")
    add.add_argument("user_name")
    add.add_argument("--display-name", default=None)
    add.add_argument("--org-unit", action="append", required=True, help='org_unit_id of a subtree the user may see; "*" for all')
    arguments = parser.parse_args(argv)
    password = getpass.getpass("密码 / password: ")
    if password != getpass.getpass("再次输入 / again: "):
        parser.error("the passwords differ")
    units = ", ".join(f'"{unit}"' for unit in arguments.org_unit)
    print(f"[users.{arguments.user_name}]")
    print(f'display_name = "{arguments.display_name or arguments.user_name}"')
    print(f'password_hash = "{hash_password(password)}"')
    print(f"org_units = [{units}]")


if __name__ == "__main__":
    main()
