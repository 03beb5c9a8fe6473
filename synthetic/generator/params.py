"""The generator's parameters, its statistics and errors, and how a total is split into parts."""

from dataclasses import dataclass, field


@dataclass
class Params:
    resolutions: int
    actions_per_resolution: int
    updates_per_action: int
    seed: int = 1
    link_member_states: bool = False


@dataclass
class Stats:
    counts: dict = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, model, n):
        name = model._meta.object_name
        self.counts[name] = self.counts.get(name, 0) + n


class GeneratorError(Exception):
    pass


# --------------------------------------------------------------------------------------------
# Splitting totals


def split_total(total, parts, weights):
    """Integers proportional to `weights` that add up exactly to `total` (largest remainder)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    counts = [int(x) for x in raw]
    short = total - sum(counts)
    by_remainder = sorted(range(parts), key=lambda i: (-(raw[i] - counts[i]), i))
    for i in by_remainder[:short]:
        counts[i] += 1
    return counts
