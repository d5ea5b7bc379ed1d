"""The co-mention network, as geometry ready for an SVG template: people and
organizations named in the same published articles, one query for the nodes
and one for the edges, laid out by a deterministic force-directed layout in
pure Python (Fruchterman–Reingold, started from a circle, no randomness: the
same data always gives the same picture).
"""

import hashlib
import logging
import math
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.core.cache import cache
from django.db import connections, router
from django.urls import reverse
from django.utils.http import urlencode

from archive.pictures.spacing import (
    LABEL_CHAR_WIDTH,
    NETWORK_MARGIN_X,
    NETWORK_MARGIN_Y,
    break_lines,
    fit,
    separate,
)
from corpus.models import ArticleFacets

ACTOR, ORGANIZATION = "actor", "organization"
logger = logging.getLogger(__name__)

# The network's drawing box (SVG user units); the SVG scales with its viewBox.
NETWORK_WIDTH, NETWORK_HEIGHT = 960, 680
NODE_RADIUS_MIN, NODE_RADIUS_MAX = 6.0, 20.0
EDGE_WIDTH_MIN, EDGE_WIDTH_MAX = 1.0, 7.0
LAYOUT_ITERATIONS = 300
# With no threshold asked for, the picture draws at most this many lines per name asked
# for (readable_min): the seeds' 40 most-named at 2 shared articles draw 130 lines, a
# hairball; at 3, 30.
READABLE_LINKS_PER_NAME = 2
# Fewer names than this linked, and the page lists them instead of drawing them.
MIN_DRAWN = 3
# The layout's work, capped: pairs of nodes (and edges) visited, over all rounds of the
# forces and of the label separation each. One visit costs about half a microsecond of
# Python, so no setting costs much over 50 ms uncached: the default 40 nodes and their
# ~100 links get 130 rounds of forces, the most-named 150 (the form's maximum) with
# 1,200 links 9, a hairball either way.
LAYOUT_PAIR_BUDGET = 120_000
# A layout is kept in the cache (shared by the app servers with Redis) under its graph:
# the same names and links get the same picture whatever else was committed meanwhile.
LAYOUT_SECONDS = 24 * 3600
# Lines drawn, at most (the strongest): more is no longer a readable picture, and
# each line is also a row of the table. The seeds' densest setting draws 1,023.
MAX_EDGES = 1200


# The published ArticleFacets rows a picture covers: the whole archive, or one year's.
def _scope(year: int | None) -> str:
    where = "AND year = %(year)s" if year is not None else ""
    return f"SELECT actor_ids, organization_ids FROM corpus_articlefacets WHERE published {where}"


def _fetch(sql: str, params: dict) -> list[tuple]:
    # Through the router, as the ORM's reads go: a replica for an anonymous reader.
    with connections[router.db_for_read(ArticleFacets)].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# --- The network -------------------------------------------------------------


@dataclass
class NetworkNode:
    key: int
    slug: str
    name: str
    acronym: str
    article_count: int
    x: float = 0.0
    y: float = 0.0
    r: float = NODE_RADIUS_MIN

    @property
    def type(self) -> str:
        return ACTOR if self.key > 0 else ORGANIZATION

    @cached_property
    def id(self) -> str:
        return f"{self.type}:{self.slug}"

    @property
    def label(self) -> str:
        return self.acronym or self.name

    @cached_property
    def url(self) -> str:
        return reverse(f"{self.type}_detail", args=[self.slug])

    @property
    def label_on_left(self) -> bool:
        return self.x > NETWORK_WIDTH / 2

    @property
    def label_x(self) -> float:
        offset = self.r + 4
        return round(self.x - offset if self.label_on_left else self.x + offset, 1)

    @property
    def side(self) -> float:
        """The side of the square drawn for an organization: the same area as the circle."""
        return round(self.r * math.sqrt(math.pi), 1)

    @property
    def corner_x(self) -> float:
        return round(self.x - self.side / 2, 1)

    @property
    def corner_y(self) -> float:
        return round(self.y - self.side / 2, 1)


@dataclass
class NetworkEdge:
    source: NetworkNode
    target: NetworkNode
    weight: int
    width: float = EDGE_WIDTH_MIN
    year: int | None = None
    # The line's pieces (x1, y1, x2, y2): broken where it would cross another name.
    pieces: list = field(default_factory=list)

    @property
    def path(self) -> str:
        return " ".join(f"M{x1} {y1}L{x2} {y2}" for x1, y1, x2, y2 in self.pieces)

    @cached_property
    def articles_query(self) -> str:
        """The article-list filters that give exactly the articles this edge counts."""
        pairs = [(self.source.type, self.source.slug), (self.target.type, self.target.slug)]
        return urlencode(pairs + ([("year", self.year)] if self.year is not None else []))


@dataclass
class Network:
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    # Nodes left out because they have no edge at the chosen threshold.
    unlinked: list[NetworkNode] = field(default_factory=list)
    # The year whose articles are counted; None: the whole archive.
    year: int | None = None
    # The shared articles a line needs: the one asked for, or the one readable_min chose.
    min_shared: int = 1

    @property
    def hidden_links(self) -> int:
        """Links whose line would run only under other names: drawn nowhere, in the table."""
        return sum(not edge.pieces for edge in self.edges)

    @property
    def drawable(self) -> bool:
        """Whether there is a picture to draw: two marks and a line are a pair, not a network."""
        return len(self.nodes) >= MIN_DRAWN

    @property
    def capped(self) -> bool:
        """Whether weaker links were left out (only the MAX_EDGES strongest are drawn)."""
        return len(self.edges) >= MAX_EDGES

    width: int = NETWORK_WIDTH
    height: int = NETWORK_HEIGHT


# The names the scope's articles carry (placed mentions), counted with `unnest`
# over their facet rows; one integer key across both tables: actors positive,
# organizations negative. The `limit` most named are kept, ties by name then key.
NODES_SQL = """
WITH scope AS MATERIALIZED ({scope}),
counted AS (
    SELECT id AS key, count(*) AS article_count FROM scope, unnest(actor_ids) AS id
    WHERE %(actors)s GROUP BY id
    UNION ALL
    SELECT -id, count(*) FROM scope, unnest(organization_ids) AS id
    WHERE %(organizations)s GROUP BY id
)
SELECT c.key, coalesce(a.slug, o.slug) AS slug, coalesce(a.name, o.name) AS name,
    coalesce(o.acronym, '') AS acronym, c.article_count
FROM counted c
LEFT JOIN corpus_actor a ON c.key > 0 AND a.id = c.key
LEFT JOIN corpus_organization o ON c.key < 0 AND o.id = -c.key
WHERE c.article_count >= %(min)s
ORDER BY c.article_count DESC, name, c.key
LIMIT %(limit)s
"""

# Every pair of `keys` named in the same article, with how many articles: each scope
# row's keys among them, in order, then each pair (i < j) of those, counted.
EDGES_SQL = """
WITH named AS MATERIALIZED (
    SELECT ARRAY(
        SELECT id FROM unnest(actor_ids) AS id WHERE id = ANY(%(keys)s::bigint[])
        UNION ALL
        SELECT -id FROM unnest(organization_ids) AS id WHERE -id = ANY(%(keys)s::bigint[])
        ORDER BY 1
    ) AS keys
    FROM ({scope}) AS f
    WHERE actor_ids && %(actors)s::bigint[] OR organization_ids && %(organizations)s::bigint[]
)
SELECT keys[i], keys[j], count(*) AS weight
FROM named, generate_series(1, cardinality(keys)) AS i, generate_series(i + 1, cardinality(keys)) AS j
GROUP BY 1, 2 HAVING count(*) >= %(min)s
ORDER BY weight DESC, 1, 2
LIMIT %(max_edges)s
"""


def network_nodes(types: set[str], min_articles: int, limit: int, year=None) -> list[NetworkNode]:
    """The `limit` entities named in the most published articles of the scope (one
    grouped query). One in fewer than `min_articles` cannot share that many with anyone."""
    rows = _fetch(
        NODES_SQL.format(scope=_scope(year)),
        {
            "actors": ACTOR in types,
            "organizations": ORGANIZATION in types,
            "min": min_articles,
            "limit": limit,
            "year": year,
        },
    )
    return [
        NetworkNode(key=key, slug=slug, name=name, acronym=acronym, article_count=count)
        for key, slug, name, acronym, count in rows
    ]


def network_edges(
    nodes: list[NetworkNode], min_shared: int, year=None
) -> list[tuple[int, int, int]]:
    """(source key, target key, shared articles) for every pair of `nodes` named
    together in at least `min_shared` published articles of the scope, the MAX_EDGES
    strongest at most (one grouped query)."""
    keys = [node.key for node in nodes]
    if len(keys) < 2:
        return []
    return _fetch(
        EDGES_SQL.format(scope=_scope(year)),
        {
            "keys": keys,
            "actors": [key for key in keys if key > 0],
            "organizations": [-key for key in keys if key < 0],
            "min": min_shared,
            "max_edges": MAX_EDGES,
            "year": year,
        },
    )


def network(
    types: set[str], min_shared: int | None, limit: int, year: int | None = None
) -> Network:
    """The co-mention network of the published articles (of one `year`, or all), laid
    out: two queries, then pure geometry. With no `min_shared`, the data chooses it
    (readable_min)."""
    nodes = network_nodes(types, min_shared or 1, limit, year)
    edge_rows = network_edges(nodes, min_shared or 1, year)
    if min_shared is None:
        # Every pair at 1 holds every stronger one: keep those the readable threshold keeps.
        min_shared = readable_min([weight for _, _, weight in edge_rows], limit)
        nodes = [node for node in nodes if node.article_count >= min_shared]
        edge_rows = [row for row in edge_rows if row[2] >= min_shared]
    linked = {key for source, target, _ in edge_rows for key in (source, target)}
    shown = [node for node in nodes if node.key in linked]
    unlinked = [node for node in nodes if node.key not in linked]
    by_key = {node.key: node for node in shown}
    edges = [NetworkEdge(by_key[s], by_key[t], weight, year=year) for s, t, weight in edge_rows]
    _place(shown, edges)
    break_lines(shown, edges, NETWORK_WIDTH)
    return Network(nodes=shown, edges=edges, unlinked=unlinked, year=year, min_shared=min_shared)


def readable_min(weights: list[int], names: int) -> int:
    """The smallest number of shared articles whose links number at most
    READABLE_LINKS_PER_NAME per name asked for, so that the picture is not a hairball;
    if every threshold draws more, the strongest links alone. `weights`: every
    link's shared articles (at a threshold of 1)."""
    readable = READABLE_LINKS_PER_NAME * names
    for threshold in sorted({1, *weights}):
        if sum(weight >= threshold for weight in weights) <= readable:
            return threshold
    return max(weights, default=1)


def _scale(value: float, top: float, low: float, high: float) -> float:
    """Map 1..top onto low..high by square root (areas, not radii, grow with the value)."""
    if top <= 1:
        return low
    return low + (high - low) * math.sqrt((value - 1) / (top - 1))


def _place(nodes: list[NetworkNode], edges: list[NetworkEdge]) -> None:
    if not nodes:
        return
    top_count = max(node.article_count for node in nodes)
    for node in nodes:
        node.r = round(_scale(node.article_count, top_count, NODE_RADIUS_MIN, NODE_RADIUS_MAX), 1)
    top_weight = max((edge.weight for edge in edges), default=1)
    for edge in edges:
        edge.width = round(_scale(edge.weight, top_weight, EDGE_WIDTH_MIN, EDGE_WIDTH_MAX), 1)
    index = {node.key: i for i, node in enumerate(nodes)}
    positions = kept_layout(
        tuple((index[e.source.key], index[e.target.key], e.weight) for e in edges),
        tuple((node.r, len(node.label) * LABEL_CHAR_WIDTH) for node in nodes),
    )
    for node, (x, y) in zip(nodes, positions, strict=True):
        node.x, node.y = x, y


def kept_layout(edges: tuple, sizes: tuple) -> tuple:
    """force_layout(edges, sizes), from the cache when any process has laid out this
    graph before (a cache that fails costs the layout, never the page)."""
    key = "network-layout:" + hashlib.sha256(repr((edges, sizes)).encode()).hexdigest()
    try:
        positions = cache.get(key)
    except Exception as error:  # any backend's own errors
        logger.warning("network: could not read a kept layout: %s", error)
        positions = None
    if positions is None:
        positions = force_layout(edges, sizes)
        try:
            cache.set(key, positions, LAYOUT_SECONDS)
        except Exception as error:  # any backend's own errors
            logger.warning("network: could not keep a layout: %s", error)
    return positions


@lru_cache(maxsize=64)
def force_layout(
    edges: tuple[tuple[int, int, int], ...],
    sizes: tuple[tuple[float, float], ...],
    width: int = NETWORK_WIDTH,
    height: int = NETWORK_HEIGHT,
    iterations: int = LAYOUT_ITERATIONS,
) -> tuple[tuple[float, float], ...]:
    """Positions in the box for nodes of the given (radius, label width) sizes,
    joined by (i, j, weight) edges.

    Fruchterman–Reingold: nodes repel, edges pull (harder when heavier), a weak
    pull to the centre keeps components together, and the step cools linearly.
    Then nodes are nudged apart until no mark or label overlaps another.
    Deterministic: it starts from a circle in the given node order and uses no
    randomness, so the same graph always gets the same picture (and is cached).
    """
    count = len(sizes)
    if count == 0:
        return ()
    if count == 1:
        return ((width / 2, height / 2),)
    # Fewer rounds for big graphs: each round visits every pair of nodes and every edge.
    steps = count * (count - 1) // 2 + len(edges)
    iterations = max(1, min(iterations, LAYOUT_PAIR_BUDGET // steps))
    ideal = math.sqrt(1.0 / count)  # the ideal edge length in a unit square
    xs = [0.5 + 0.4 * math.cos(2 * math.pi * i / count) for i in range(count)]
    ys = [0.5 + 0.4 * math.sin(2 * math.pi * i / count) for i in range(count)]
    for iteration in range(iterations):
        dx = [0.0] * count
        dy = [0.0] * count
        for i in range(count):
            xi, yi = xs[i], ys[i]
            for j in range(i + 1, count):
                ex, ey = xi - xs[j], yi - ys[j]
                push = ideal * ideal / max(ex * ex + ey * ey, 1e-6)
                dx[i] += ex * push
                dy[i] += ey * push
                dx[j] -= ex * push
                dy[j] -= ey * push
        for i, j, weight in edges:
            ex, ey = xs[i] - xs[j], ys[i] - ys[j]
            pull = math.hypot(ex, ey) / ideal * (1 + math.log(weight))
            dx[i] -= ex * pull
            dy[i] -= ey * pull
            dx[j] += ex * pull
            dy[j] += ey * pull
        temperature = 0.1 * (1 - iteration / iterations)
        for i in range(count):
            dx[i] -= (xs[i] - 0.5) * 2.0
            dy[i] -= (ys[i] - 0.5) * 2.0
            length = math.hypot(dx[i], dy[i])
            if length > 0:
                move = min(length, temperature) / length
                xs[i] += dx[i] * move
                ys[i] += dy[i] * move
    xs, ys = fit(xs, width, NETWORK_MARGIN_X), fit(ys, height, NETWORK_MARGIN_Y)
    separate(xs, ys, sizes, width, height)
    return tuple((round(x, 1), round(y, 1)) for x, y in zip(xs, ys, strict=True))
