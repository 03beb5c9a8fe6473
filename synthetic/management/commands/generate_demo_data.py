"""manage.py generate_demo_data — synthetic resolutions for demos and benchmarks.

    manage.py generate_demo_data --scale un --seed 1 --replace
    manage.py generate_demo_data --resolutions 20 --actions-per-resolution 30 \\
        --updates-per-action 4 --seed 7
    manage.py generate_demo_data --delete

Re-runs: the command refuses to add a second set while synthetic resolutions exist; --replace
deletes every synthetic resolution (and only those) first, in the same transaction as nothing
else — see synthetic.generator.delete_synthetic for why the deletion is done table by table.
Generated resolutions stay off public pages unless SHOW_SYNTHETIC_RESOLUTIONS=true.
"""

from django.core.management.base import BaseCommand, CommandError

from resolutions.rollup import invalidate_cache
from synthetic.generator import (
    SCALES,
    GeneratorError,
    Params,
    delete_synthetic,
    fingerprint,
    generate,
)


class Command(BaseCommand):
    help = (
        "Generate synthetic (clearly marked) resolutions, actions, occurrences and status "
        "updates with evidence, deterministically from --seed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=sorted(SCALES),
            default="small",
            help="Preset sizes: small=3×8×3, medium=50×40×5, un=500×80×10 "
            "(resolutions × actions per resolution × updates per action).",
        )
        parser.add_argument("--resolutions", type=int)
        parser.add_argument(
            "--actions-per-resolution",
            type=int,
            help="Mean; individual resolutions vary, the total is exact.",
        )
        parser.add_argument(
            "--updates-per-action", type=int, help="Mean; skewed per action, the total is exact."
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete previously generated synthetic data first.",
        )
        parser.add_argument(
            "--delete", action="store_true", help="Only delete previously generated synthetic data."
        )
        parser.add_argument(
            "--link-member-states",
            action="store_true",
            help="Give generated bodies Member State roles and occurrences "
            "named participants, reusing the loaded Member States. Note: the "
            "Member State pages then list synthetic mandates.",
        )
        parser.add_argument(
            "--fingerprint",
            action="store_true",
            help="Print a hash of the generated content (for determinism).",
        )

    def handle(self, *args, **o):
        if o["delete"] or o["replace"]:
            n = delete_synthetic()
            invalidate_cache()
            self.stdout.write(f"Deleted {n} synthetic rows.")
            if o["delete"]:
                return
        r, a, u = SCALES[o["scale"]]
        params = Params(
            resolutions=o["resolutions"] or r,
            actions_per_resolution=o["actions_per_resolution"] or a,
            updates_per_action=u if o["updates_per_action"] is None else o["updates_per_action"],
            seed=o["seed"],
            link_member_states=o["link_member_states"],
        )

        def progress(done, total, seconds):
            if o["verbosity"] >= 2:
                self.stdout.write(f"  {done}/{total} resolutions, {seconds:.1f} s")

        try:
            stats = generate(params, progress=progress)
        except GeneratorError as exc:
            raise CommandError(str(exc)) from None
        invalidate_cache()
        counts = ", ".join(f"{n} {name}" for name, n in stats.counts.items())
        self.stdout.write(
            f"Generated {params.resolutions} synthetic resolutions (seed {params.seed}) in "
            f"{stats.seconds:.1f} s: {counts}."
        )
        if o["fingerprint"]:
            self.stdout.write(f"Fingerprint: {fingerprint()}")
