"""Keeping a network picture legible: spreading the layout over the box, the box a
node's mark and label cover, nudging nodes until no two of those overlap, and
breaking lines where they would cross another name."""

import math

# Room kept free at the sides for labels, and at top and bottom for the largest node.
NETWORK_MARGIN_X, NETWORK_MARGIN_Y = 130, 40
# Label metrics in SVG units (13px sans), for keeping labels apart.
LABEL_CHAR_WIDTH, LABEL_HEIGHT, LABEL_GAP = 7.0, 15.0, 4.0
# The separation's work, capped: pairs of nodes visited over all its rounds (one visit
# costs about half a microsecond of Python).
SEPARATION_PAIR_BUDGET = 60_000


def fit(values: list[float], size: float, margin: float) -> list[float]:
    low, high = min(values), max(values)
    span = high - low
    if span < 1e-9:
        return [size / 2] * len(values)
    return [margin + (v - low) / span * (size - 2 * margin) for v in values]


def label_box(x, y, radius, label_width, width):
    """The box a node and its label cover; labels sit left of nodes in the right half."""
    half = max(radius, LABEL_HEIGHT / 2) + LABEL_GAP / 2
    if x > width / 2:
        return (x - radius - 4 - label_width, x + radius, y - half, y + half)
    return (x - radius, x + radius + 4 + label_width, y - half, y + half)


def separate(xs, ys, sizes, width, height, rounds: int = 80) -> None:
    """Nudge nodes apart, along the axis of least overlap, until no two marks or labels
    overlap (or `rounds` passes are done, fewer for many nodes: SEPARATION_PAIR_BUDGET),
    keeping every node inside the box."""
    count = len(xs)
    rounds = max(1, min(rounds, SEPARATION_PAIR_BUDGET * 2 // max(count * (count - 1), 1)))
    for _ in range(rounds):
        moved = False
        boxes = [label_box(xs[i], ys[i], *sizes[i], width) for i in range(count)]
        for i in range(count):
            for j in range(i + 1, count):
                (l1, r1, t1, b1), (l2, r2, t2, b2) = boxes[i], boxes[j]
                overlap_x, overlap_y = min(r1, r2) - max(l1, l2), min(b1, b2) - max(t1, t2)
                if overlap_x <= 0 or overlap_y <= 0:
                    continue
                moved = True
                if overlap_y <= overlap_x:
                    shift = overlap_y / 2 + 0.5
                    direction = 1 if ys[i] >= ys[j] else -1
                    ys[i] += direction * shift
                    ys[j] -= direction * shift
                else:
                    shift = overlap_x / 2 + 0.5
                    direction = 1 if xs[i] >= xs[j] else -1
                    xs[i] += direction * shift
                    xs[j] -= direction * shift
        for i in range(count):
            radius = sizes[i][0]
            xs[i] = min(max(xs[i], radius + 2), width - radius - 2)
            ys[i] = min(max(ys[i], NETWORK_MARGIN_Y / 2), height - NETWORK_MARGIN_Y / 2)
        if not moved:
            return


# Room kept between a line and a label it passes, in SVG units.
LINE_CLEARANCE = 2.0


def visible_pieces(x1, y1, x2, y2, boxes) -> list[tuple[float, float, float, float]]:
    """The pieces of the line from (x1, y1) to (x2, y2) that run through none of
    `boxes` (left, right, top, bottom), each widened by LINE_CLEARANCE: the line is
    broken where it would cross another name's mark or label, as a map breaks a road
    under a place name."""
    dx, dy = x2 - x1, y2 - y1
    hidden = []
    for left, right, top, bottom in boxes:
        left, right = left - LINE_CLEARANCE, right + LINE_CLEARANCE
        top, bottom = top - LINE_CLEARANCE, bottom + LINE_CLEARANCE
        if max(x1, x2) < left or min(x1, x2) > right or max(y1, y2) < top or min(y1, y2) > bottom:
            continue
        span = _inside(dx, dy, (x1 - left, right - x1, y1 - top, bottom - y1))
        if span:
            hidden.append(span)
    pieces, start = [], 0.0
    for enter, leave in sorted(hidden):
        if enter > start:
            pieces.append((start, enter))
        start = max(start, leave)
    if start < 1.0:
        pieces.append((start, 1.0))
    return [
        (round(x1 + a * dx, 1), round(y1 + a * dy, 1), round(x1 + b * dx, 1), round(y1 + b * dy, 1))
        for a, b in pieces
        if (b - a) * math.hypot(dx, dy) >= 1.0  # a sliver between two labels is not drawn
    ]


def _inside(dx, dy, distances) -> tuple[float, float] | None:
    """Where (0 to 1) a line enters and leaves a box, by Liang–Barsky; None: it misses.
    `distances`: from the line's start to the box's left, right, top and bottom sides."""
    enter, leave = 0.0, 1.0
    for p, q in zip((-dx, dx, -dy, dy), distances, strict=True):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            enter = max(enter, t)
        else:
            leave = min(leave, t)
        if enter > leave:
            return None
    return enter, leave


def break_lines(nodes, edges, width: float) -> None:
    """Give each edge its `pieces`: its line between its nodes, broken where it would
    cross the mark or label of any node but its own two."""
    boxes = {n.key: label_box(n.x, n.y, n.r, len(n.label) * LABEL_CHAR_WIDTH, width) for n in nodes}
    for edge in edges:
        ends = (edge.source.key, edge.target.key)
        others = [box for key, box in boxes.items() if key not in ends]
        edge.pieces = visible_pieces(
            edge.source.x, edge.source.y, edge.target.x, edge.target.y, others
        )
