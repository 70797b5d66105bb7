"""The data model, read from ``schema/model.toml``: node kinds, relations, tables.

Validation, the stores, the template and the format docs all use these objects,
so the model is written down once.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from . import resources

__all__ = ["Column", "Table", "Model", "model", "normalize_header", "Dataset"]


def normalize_header(text: str) -> str:
    """Header as matched: lower case, without spaces, underscores or hyphens.

    >>> normalize_header(" Person_ID ")
    'personid'
    """
    return re.sub(r"[\s_\-]+", "", str(text)).lower().lstrip("\ufeff")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nl: str | None = None
    required: bool = False
    default: Any = None
    ref: tuple[str, ...] = ()
    edge: str | None = None
    min: float | None = None
    max: float | None = None
    values: tuple[str, ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)  # normalized alias -> value
    #: every spelling an enum value may be written in, as the schema writes it: value -> (value, Dutch aliases...)
    spellings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: enum value -> its family (``signals.channel``: continuous, broad, depth, media)
    families: dict[str, str] = field(default_factory=dict)
    #: a date column: the row's other date column this one may not precede
    not_before: str | None = None
    #: a number column bounded to 0–100 when this unit column says ``percent``:
    #: ``"unit"`` (the row's own) or ``"ref_column.unit"`` (the referenced row's)
    percent_if: str | None = None
    needs: str | None = None  # a column that must be filled in when this one is

    def word(self, value: str, dutch: bool = False) -> str:
        """How ``value`` of an enum is written in English, or (``dutch``) its first Dutch alias.

        >>> model().tables["memberships"].column("role").word("lead", dutch=True)
        'leider'
        """
        spelled = self.spellings.get(value, (value,))
        return spelled[1] if dutch and len(spelled) > 1 else spelled[0]

    @property
    def headers(self) -> tuple[str, ...]:
        """Normalised headers that select this column (English, Dutch)."""
        return tuple(normalize_header(h) for h in (self.name, self.nl) if h)


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    node: str | None = None
    relation: str | None = None
    source: str | None = None
    target: str | None = None
    key: str | None = None
    required: bool = False
    acyclic: str | None = None
    no_self_loops: bool = False
    description: str = ""
    nl: str | None = None
    #: a node table without ids: ``(prefix, columns)`` whose values make a stable id
    derived_id: tuple[str, tuple[str, ...]] | None = None

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


@dataclass(frozen=True)
class Model:
    nodes: dict[str, dict[str, Any]]
    relations: dict[str, dict[str, Any]]
    tables: dict[str, Table]
    #: scale name -> {value: words} (e.g. ``scales["stance"][-2] == "strongly against"``)
    scales: dict[str, dict[int, str]] = field(default_factory=dict)

    @property
    def node_kinds(self) -> list[str]:
        return list(self.nodes)

    @property
    def relation_types(self) -> list[str]:
        return list(self.relations)

    def label(self, scale: str, value: Any) -> str | None:
        """The words for ``value`` on a named scale (English; translate where shown).

        >>> model().label("stance", -2), model().label("stance", None)
        ('strongly against', None)
        """
        if value is None:
            return None
        try:
            return self.scales[scale].get(int(value))
        except (TypeError, ValueError):
            return None

    def families(self, table: str, column: str) -> dict[str, list[str]]:
        """The families of an enum column and their values, in the schema's order.

        >>> list(model().families("signals", "channel"))
        ['continuous', 'broad', 'depth', 'media']
        >>> model().families("signals", "channel")["continuous"]
        ['complaint', 'idea', 'evaluation']
        """
        col = self.tables[table].column(column)
        out: dict[str, list[str]] = {}
        for v in col.values:
            out.setdefault(col.families.get(v, v), []).append(v)
        return out

    def table_of(self, kind: str) -> Table:
        """The table that holds nodes of ``kind``."""
        return self.tables[self.nodes[kind]["table"]]


def _column(spec: dict[str, Any]) -> Column:
    values, aliases, spellings, families = [], {}, {}, {}
    for v in spec.get("values", ()):
        values.append(v["value"])
        spellings[v["value"]] = (v["value"], *v.get("aliases", ()))
        if "family" in v:
            families[v["value"]] = v["family"]
        for alias in (v["value"], *v.get("aliases", ())):
            aliases[normalize_header(alias)] = v["value"]
    ref = spec.get("ref", ())
    return Column(
        name=spec["name"],
        type=spec["type"],
        nl=spec.get("nl"),
        required=spec.get("required", False),
        default=spec.get("default"),
        ref=tuple([ref] if isinstance(ref, str) else ref),
        edge=spec.get("edge"),
        min=spec.get("min"),
        max=spec.get("max"),
        values=tuple(values),
        aliases=aliases,
        spellings=spellings,
        families=families,
        not_before=spec.get("not_before"),
        percent_if=spec.get("percent_if"),
        needs=spec.get("needs"),
    )


@functools.cache
def model() -> Model:
    """The parsed data model (cached)."""
    raw = resources.schema()
    tables = {}
    for name, spec in raw["tables"].items():
        tables[name] = Table(
            name=name,
            columns=tuple(_column(c) for c in spec["columns"]),
            node=spec.get("node"),
            relation=spec.get("relation"),
            source=spec.get("source"),
            target=spec.get("target"),
            key=spec.get("key"),
            required=spec.get("required", False),
            acyclic=spec.get("acyclic"),
            no_self_loops=spec.get("no_self_loops", False),
            description=spec.get("description", ""),
            nl=spec.get("nl"),
            derived_id=(spec["derived_id"]["prefix"], tuple(spec["derived_id"]["from"])) if "derived_id" in spec else None,
        )
    scales = {name: {int(v): words for v, words in spec["labels"].items()} for name, spec in raw.get("scales", {}).items()}
    return Model(nodes=dict(raw["nodes"]), relations=dict(raw["relations"]), tables=tables, scales=scales)


EdgeKey = tuple[str, str, str, str]  # (relation, source, target, key)


@dataclass
class Dataset:
    """A validated dataset: what one import writes to a store.

    ``nodes`` maps id to ``(kind, properties)``; ``edges`` maps
    ``(relation, source, target, key)`` to properties. ``key`` tells apart
    parallel edges of one relation (a tie's kind, a position's date); it is ``""``
    where the relation allows one edge per pair. ``warnings`` lists what reading the
    input noticed without refusing it (:class:`~kgraph.errors.Problem`, e.g. a file
    that is not a table); it is not stored and not compared.

    ``pending`` (None but in one case) holds edges that are valid but not in ``edges`` yet:
    a large table validated by a forked process that writes their rows for a new store's
    first import (:mod:`kgraph.ingest.aside`), and the clean tables the importing process
    kept as their columns meanwhile (:mod:`kgraph.ingest.columns`). :meth:`complete` brings
    them in; whatever needs the edges themselves calls it first.
    """

    nodes: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    edges: dict[EdgeKey, dict[str, Any]] = field(default_factory=dict)
    warnings: list[Any] = field(default_factory=list, compare=False, repr=False)
    pending: Any = field(default=None, compare=False, repr=False)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for kind, _ in self.nodes.values():
            out[kind] = out.get(kind, 0) + 1
        for rel, *_ in self.edges:
            out[rel] = out.get(rel, 0) + 1
        if self.pending is not None:
            for rel, n in self.pending.totals.items():
                out[rel] = out.get(rel, 0) + n
        return out

    def complete(self) -> Dataset:
        """Bring the :attr:`pending` edges into :attr:`edges` (nothing when there are none)."""
        if self.pending is not None:
            self.pending.complete(self)
        return self
