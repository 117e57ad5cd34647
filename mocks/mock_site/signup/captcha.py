"""Step 4's security check: "click the picture matching the word".

A challenge is a row of ``captcha_challenge``: the asked word, the position of
the right tile and, per tile, an opaque token and the picture behind it. Pages
only ever see tokens, so the answer is in no URL, attribute or file name; the
pictures themselves carry no title, text or id naming what they show.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from importlib import resources

from flask import current_app

from .. import clock
from ..db import get_db

# The asked word, shown to the user -> its picture in signup/pictures/ (never sent as a name).
VOCABULARY: dict[str, str] = {
    "T-Shirt": "t-shirt",
    "Chat": "chat",
    "Maison": "maison",
    "Voiture": "voiture",
    "Arbre": "arbre",
    "Soleil": "soleil",
    "Vélo": "velo",
    "Poisson": "poisson",
    "Clé": "cle",
    "Livre": "livre",
    "Bateau": "bateau",
    "Fleur": "fleur",
}

_random = secrets.SystemRandom()


class Outcome(Enum):
    RIGHT = "right"
    WRONG = "wrong"
    NO_ANSWER = "no_answer"  # posted without a tile
    EXPIRED = "expired"
    USED = "used"  # already answered, or replaced by a newer challenge
    UNKNOWN = "unknown"  # not a challenge of this signup


@dataclass(frozen=True)
class Tile:
    token: str
    picture: str


@dataclass(frozen=True)
class Challenge:
    id: str
    flow_id: str
    word: str
    answer_index: int
    tiles: tuple[Tile, ...]
    expires_at: datetime
    used: bool

    @property
    def expired(self) -> bool:
        return clock.now() >= self.expires_at

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Challenge:
        return cls(
            id=row["id"],
            flow_id=row["flow_id"],
            word=row["word"],
            answer_index=row["answer_index"],
            tiles=tuple(Tile(t["token"], t["picture"]) for t in json.loads(row["tiles"])),
            expires_at=datetime.fromisoformat(row["expires_at"]),
            used=bool(row["used"]),
        )


def picture_svg(picture: str) -> bytes:
    """The SVG drawing of one vocabulary picture."""
    if picture not in VOCABULARY.values():
        raise KeyError(picture)
    return resources.files(__package__).joinpath("pictures", f"{picture}.svg").read_bytes()


def new_challenge(db: sqlite3.Connection, flow_id: str) -> Challenge:
    """Issue a fresh challenge for the flow inside ``db``'s transaction; any
    earlier one of the flow is spent, so only the newest can be answered."""
    tile_count: int = current_app.config["CAPTCHA_TILES"]
    words = _random.sample(list(VOCABULARY), tile_count)  # distinct words, one per tile
    answer_index = _random.randrange(tile_count)
    tiles = tuple(Tile(secrets.token_urlsafe(16), VOCABULARY[word]) for word in words)
    challenge = Challenge(
        id=secrets.token_urlsafe(16),
        flow_id=flow_id,
        word=words[answer_index],
        answer_index=answer_index,
        tiles=tiles,
        expires_at=clock.now() + timedelta(seconds=current_app.config["CAPTCHA_TTL_SECONDS"]),
        used=False,
    )
    spend_all(db, flow_id)
    db.execute(
        "INSERT INTO captcha_challenge (id, flow_id, word, answer_index, tiles, expires_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            challenge.id,
            flow_id,
            challenge.word,
            answer_index,
            json.dumps([{"token": t.token, "picture": t.picture} for t in tiles]),
            challenge.expires_at.isoformat(),
        ),
    )
    return challenge


def spend_all(db: sqlite3.Connection, flow_id: str) -> None:
    db.execute("UPDATE captcha_challenge SET used = 1 WHERE flow_id = ?", (flow_id,))


def current_challenge(flow_id: str, db: sqlite3.Connection | None = None) -> Challenge | None:
    """The flow's newest challenge (rowid order is insertion order), used or not."""
    row = (
        (db or get_db())
        .execute(
            "SELECT * FROM captcha_challenge WHERE flow_id = ? ORDER BY rowid DESC LIMIT 1",
            (flow_id,),
        )
        .fetchone()
    )
    return Challenge.from_row(row) if row else None


def answer(db: sqlite3.Connection, flow_id: str, challenge_id: str, tile: int | None) -> Outcome:
    """Check an answer inside ``db``'s transaction and spend the challenge, whatever
    the outcome: a challenge is single use."""
    current = current_challenge(flow_id, db)
    if current is None or current.id != challenge_id:
        return Outcome.UNKNOWN if _owner(db, challenge_id) != flow_id else Outcome.USED
    if current.used:
        return Outcome.USED
    db.execute("UPDATE captcha_challenge SET used = 1 WHERE id = ?", (current.id,))
    if current.expired:
        return Outcome.EXPIRED
    if tile is None:
        return Outcome.NO_ANSWER
    return Outcome.RIGHT if tile == current.answer_index else Outcome.WRONG


def _owner(db: sqlite3.Connection, challenge_id: str) -> str | None:
    row = db.execute(
        "SELECT flow_id FROM captcha_challenge WHERE id = ?", (challenge_id,)
    ).fetchone()
    return row["flow_id"] if row else None


def tile_picture(flow_id: str, token: str) -> str | None:
    """The picture behind a tile token, for the flow's current, unused challenge only."""
    challenge = current_challenge(flow_id)
    if challenge is None or challenge.used:
        return None
    for tile in challenge.tiles:
        if secrets.compare_digest(tile.token, token):
            return tile.picture
    return None


def expire(db: sqlite3.Connection, challenge_id: str) -> None:
    """Test mode: make a challenge already expired."""
    past = clock.now() - timedelta(seconds=1)
    db.execute(
        "UPDATE captcha_challenge SET expires_at = ? WHERE id = ?", (past.isoformat(), challenge_id)
    )
