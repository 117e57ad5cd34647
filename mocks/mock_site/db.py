"""SQLite connections and schema: the only module that opens the database."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import click
from flask import Flask, current_app, g
from flask.cli import with_appcontext


def _connect(path: str) -> sqlite3.Connection:
    # A generous timeout plus WAL lets parallel test workers share one file.
    connection = sqlite3.connect(path, timeout=15, isolation_level=None)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA busy_timeout = 15000")
    return connection


def get_db() -> sqlite3.Connection:
    """The request's connection, opened on first use and closed at teardown."""
    if "db" not in g:
        g.db = _connect(current_app.config["DATABASE"])
    return g.db


def close_db(_error: BaseException | None = None) -> None:
    connection = g.pop("db", None)
    if connection is not None:
        connection.close()


@contextmanager
def transaction() -> Iterator[sqlite3.Connection]:
    """All-or-nothing writes: BEGIN IMMEDIATE takes the write lock up front,
    so two requests cannot both pass a check and then both write."""
    connection = get_db()
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def init_db(path: str) -> None:
    """Create (or re-create, empty) the schema in the file at ``path``."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    schema = resources.files("mock_site").joinpath("schema.sql").read_text(encoding="utf-8")
    connection = _connect(path)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.executescript(schema)
    finally:
        connection.close()


TABLES = ("account", "account_session", "signup_flow", "captcha_challenge", "outbox")


def ensure_db(path: str) -> None:
    """Create the schema unless the file already holds all of it; called where the
    servers start (``python -m mock_site``), never by building the app.

    A file from an older schema is emptied and re-created: the mock keeps no
    data worth migrating.
    """
    if Path(path).exists():
        connection = _connect(path)
        try:
            found = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            connection.close()
        if found.issuperset(TABLES):
            return
    init_db(path)


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Drop and re-create the portal's tables, empty."""
    init_db(current_app.config["DATABASE"])
    click.echo(f"Initialized the database: {current_app.config['DATABASE']}")


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_db)
    app.cli.add_command(init_db_command)
