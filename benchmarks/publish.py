"""Write through the application's own services on the benchmark database: a draft status update
for 53/45-POL's Network (completed, as of today, or back to in progress if an earlier run
completed it), then its submission (by its author) and publication (by a second user: four eyes).

    python -m benchmarks.publish draft          → prints the draft's id
    python -m benchmarks.publish publish ID     → submits and publishes it

Used to check that no worker shows a draft and that both show the new roll-up once published.
"""

import os
import sys


def main(argv):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from resolutions.models import Action, SourceDocument, StatusUpdate
    from workflow import services

    User = get_user_model()
    # Four eyes: one person writes and submits the draft, a second one publishes it (the
    # services refuse to let an author publish their own update).
    author, _ = User.objects.get_or_create(
        username="bench-author", defaults={"is_staff": True, "is_superuser": True}
    )
    reviewer, _ = User.objects.get_or_create(
        username="bench-reviewer", defaults={"is_staff": True, "is_superuser": True}
    )
    if argv[0] == "draft":
        action = Action.objects.get(resolution__symbol="53/45-POL", key="network")
        # Each run must move the headline, also on a database an earlier run published to
        # (--reuse): completed, or back to in progress (no figure: no credit) when it already is.
        latest = StatusUpdate.objects.public().filter(action=action).newest_first().first()
        status = "in_progress" if latest and latest.status == "completed" else "completed"
        update = services.status_update_create(
            action=action,
            status=status,
            as_of=timezone.localdate(),
            note="Benchmark: checks that every worker serves the new roll-up once published.",
            author=author,
            author_name="Benchmark",
            evidence=[{"source": SourceDocument.objects.get(key="un-19-01473")}],
            state="draft",
        )
        print(update.pk)
        return
    update = StatusUpdate.objects.get(pk=int(argv[1]))
    update = services.status_update_submit(user=author, update=update) or update
    update.refresh_from_db()
    services.status_update_publish(user=reviewer, update=update, verification="verified")
    update.refresh_from_db()
    print(update.pk, update.state)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    main(sys.argv[1:])
