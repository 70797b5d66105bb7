"""Fixtures for the privacy tests: a store per dataset, the key, and what to search outputs for."""

from __future__ import annotations

import csv
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

import kgraph
from kgraph.cli import cli
from kgraph.store.pseudonym import pseudonym

KEY = "privacy-test-key-0123456789"
OTHER_KEY = "another-test-key-9876543210"
TINY = Path(__file__).resolve().parents[1] / "data" / "tiny"
DEMO = Path(kgraph.__file__).resolve().parent / "data" / "demo"

#: free text naming staff members: signal text, a position's source, a skill's source, an interaction's
#: summary and follow-up
MENTIONS = {
    "signals.csv": "2025-10-01,complaint,A-DORP,I-WIND,-1,Klacht over Bram Jansen (bram@testdorp.nl) en P03; cc HANNA ÇELIK\n",
    "positions.csv": "A-PROV,I-CENTRUM,1,4,3,2025-10-02,gesprek met Anna de Vries\n",
    "skills.csv": "P08,K-EXCEL,3,2025-01-01,beoordeeld door Frank Mulder\n",
    # the interaction log (a new table: with its header); the first names two colleagues of Anna's
    "interactions.csv": "date,person_id,actor_id,issue_id,kind,mode,summary,follow_up,follow_up_due,done\n"
                        "2025-11-03,P01,A-PROV,I-WIND,meeting,dialogue,Overleg met Carla Smit (carla@testdorp.nl),"
                        "Bram Jansen belt terug,2025-11-20,no\n"
                        "2025-11-04,P05,A-DORP,,call,inform,Gebeld over de planning,,,\n",
}


def run(*args, env=None, input=None):
    """Invoke the CLI; KGRAPH_PSEUDONYM_KEY is the test key unless ``env`` says otherwise."""
    full_env = {"KGRAPH_PSEUDONYM_KEY": KEY}
    full_env.update(env or {})
    return CliRunner().invoke(cli, [str(a) for a in args], env=full_env, input=input, catch_exceptions=False)


def pseudo(person_id: str, key: str = KEY) -> str:
    return "P-" + pseudonym(key.encode(), person_id)


def persons_of(folder: Path) -> list[dict[str, str]]:
    with open(folder / "persons.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


class Needles:
    """Every person's name and e-mail (case-insensitive substrings) and id (a whole
    ``[\\w-]+`` token: ``P01`` is not found in ``P010`` or ``T-P01``) from an input folder."""

    def __init__(self, folder: Path):
        persons = persons_of(folder)
        self.plain = sorted({p[f].strip().lower() for p in persons for f in ("name", "email") if p.get(f, "").strip()})
        self.ids = {p["id"] for p in persons}

    def find(self, text: str) -> list[str]:
        low = text.lower()
        hits = [w for w in self.plain if w in low]
        hits += sorted(self.ids & set(re.findall(r"[\w-]+", text)))
        return hits


def png_text(data: bytes) -> str:
    """The text chunks of a PNG (tEXt, zTXt, iTXt): the only text a PNG carries."""
    out, pos = [], 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"tEXt":
            out.append(body.decode("latin-1"))
        elif kind == b"zTXt":
            key, _, rest = body.partition(b"\0")
            out.append(key.decode("latin-1") + " " + zlib.decompress(rest[1:]).decode("latin-1"))
        elif kind == b"iTXt":
            key, _, rest = body.partition(b"\0")
            flag, rest = rest[0], rest[2:]
            _lang, _, rest = rest.partition(b"\0")
            _tkey, _, text = rest.partition(b"\0")
            out.append(key.decode("latin-1") + " " + (zlib.decompress(text) if flag else text).decode("utf-8"))
        pos += 12 + length
    return "\n".join(out)


def file_text(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return png_text(data)
    return data.decode("utf-8", errors="replace")


@pytest.fixture
def mentions_dir(tmp_path) -> Path:
    """The tiny organisation plus free text that names staff members."""
    dst = tmp_path / "tiny-mentions"
    shutil.copytree(TINY, dst)
    for name, row in MENTIONS.items():
        with open(dst / name, "a", encoding="utf-8") as fh:
            fh.write(row)
    return dst


def imported(folder: Path, db: Path) -> Path:
    r = run("import", folder, "--store", db)
    assert r.exit_code == 0, r.stderr
    return db


@pytest.fixture
def tiny_db(tmp_path) -> Path:
    return imported(TINY, tmp_path / "tiny.db")


@pytest.fixture
def mentions_db(tmp_path, mentions_dir) -> Path:
    return imported(mentions_dir, tmp_path / "mentions.db")


@pytest.fixture(scope="session")
def kit():
    """The helpers above, for the test modules (``--import-mode=importlib`` lets them
    not import this conftest by name)."""
    from types import SimpleNamespace

    return SimpleNamespace(run=run, pseudo=pseudo, persons_of=persons_of, Needles=Needles, file_text=file_text,
                           imported=imported, KEY=KEY, OTHER_KEY=OTHER_KEY, TINY=TINY, DEMO=DEMO, MENTIONS=MENTIONS)


@pytest.fixture(autouse=True)
def _pseudonym_key(monkeypatch):
    """The library reads the key from the environment, as the CLI does."""
    monkeypatch.setenv("KGRAPH_PSEUDONYM_KEY", KEY)
