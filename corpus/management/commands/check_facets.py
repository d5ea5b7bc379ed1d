"""Compare every facet row and total with its source tables; --repair rebuilds what drifted."""

from django.core.management.base import BaseCommand, CommandError

from corpus.facets.drift import RepairFailed, find_drift, repair


class Command(BaseCommand):
    help = (
        "Compare the facet rows and running totals (articles, claims, passage tags) with "
        "the source tables. Exits 1 on drift; --repair rebuilds the drifted families in "
        "one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair",
            action="store_true",
            help="rebuild each drifted family, in one transaction that commits only without drift",
        )

    def handle(self, *args, **options):
        if options["repair"]:
            try:
                found = repair()
            except RepairFailed as failed:
                raise CommandError(
                    f"Drift remains after the rebuild, nothing saved: {failed}"
                ) from None
            for drift in found:
                self.stdout.write(f"Repaired {drift}")
            self.stdout.write("Facet tables repaired." if found else "No drift: nothing to repair.")
            return
        found = find_drift()
        for drift in found:
            self.stdout.write(str(drift))
        if found:
            raise CommandError(
                f"{len(found)} facet table(s) drifted from their sources: run check_facets --repair"
            )
        self.stdout.write("No drift: every facet row and total matches its sources.")
