"""Keeping a network picture legible: spreading the layout over the box, the box a
node's mark and label cover, and nudging nodes until no two of those overlap."""

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
