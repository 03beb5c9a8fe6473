"""The import layers (issue #16): domain ← workflow ← surfaces, and no cycle between parts.

- **domain**: the models, the status vocabulary, the roll-up, dates and the as-of rule. It
  imports nothing else of the project.
- **workflow**: the `workflow` app: roles, the editorial state machine's services (status
  updates, review records, facts), notifications, assignments. It imports only the domain.
- **utilities**: helpers that import nothing of the project (`exports.safety`): any layer.
- **surfaces**: everything else (the public views, feeds and badge, the admin, exports, the
  API, the loader, management commands, settings and URLs). They may import both layers below.

Read statically with grimp (every `import`, including those inside functions), so a lazy import
cannot hide a wrong-way dependency.
"""

import grimp
import pytest

PACKAGES = ("resolutions", "workflow", "exports", "api", "tracker", "synthetic")

# Modules (and their submodules) that make up the domain layer. `resolutions.rollup*` covers
# the roll-up's helper modules too.
DOMAIN = (
    "resolutions.models",
    "resolutions.status",
    "resolutions.rollup",
    "resolutions.selectors",  # the read paths pages, exports and the API share
    "resolutions.dates",
    "resolutions.languages",
    # Content in the reader's language (TextTranslation rows): pages, exports and the workflow's
    # emails read it; it imports only the models, dates and languages.
    "resolutions.translations",
    "resolutions.asof",
    "resolutions.evidence_files",  # the model's evidence-file check
)
WORKFLOW = ("workflow",)
# Helpers that import nothing of the project (the test below holds them to it), so any layer
# may use them.
UTILITIES = (
    "exports.safety",
    "resolutions.bidi",  # direction isolation of mixed-direction runs (pages, PDFs, translations)
)


def _within(module, prefixes):
    return any(
        module == prefix or module.startswith((f"{prefix}.", f"{prefix}_")) for prefix in prefixes
    )


def part(module):
    """The part of the code a module belongs to: domain, workflow, or its top-level package."""
    if module in UTILITIES:
        return "utilities"
    if _within(module, DOMAIN):
        return "domain"
    if _within(module, WORKFLOW):
        return "workflow"
    return module.split(".")[0]


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*PACKAGES, include_external_packages=False)


def _imports(graph, importers, allowed):
    """Every import by a module in `importers` of a project module outside `allowed`."""
    wrong = []
    for module in sorted(graph.modules):
        if part(module) not in importers:
            continue
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if part(imported) not in allowed:
                lines = graph.get_import_details(importer=module, imported=imported)
                where = ", ".join(str(line["line_number"]) for line in lines)
                wrong.append(f"{module} (line {where}) imports {imported}")
    return wrong


def test_utilities_import_nothing_of_the_project(graph):
    assert _imports(graph, {"utilities"}, set()) == []


def test_the_domain_imports_nothing_above_it(graph):
    assert _imports(graph, {"domain"}, {"domain", "utilities"}) == []


def test_the_workflow_imports_only_the_domain(graph):
    assert _imports(graph, {"workflow"}, {"domain", "workflow", "utilities"}) == []


def test_no_cycle_between_parts(graph):
    edges = {}
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if part(module) != part(imported):
                edges.setdefault(part(module), set()).add(part(imported))

    def cycle_from(start, node, path):
        for following in sorted(edges.get(node, ())):
            if following == start:
                return [*path, following]
            if following not in path:
                found = cycle_from(start, following, [*path, following])
                if found:
                    return found
        return None

    cycles = [cycle for start in sorted(edges) if (cycle := cycle_from(start, start, [start]))]
    assert cycles == []


def test_the_check_sees_the_layers(graph):
    """The classification and the graph: a wrong prefix or an empty graph would make the tests
    above pass vacuously."""
    admin = graph.find_modules_directly_imported_by("resolutions.admin.status_updates")
    assert "workflow.services" in admin
    assert "resolutions.models" in graph.find_modules_directly_imported_by("workflow.services")
    assert part("resolutions.models.status_updates") == "domain"
    assert part("resolutions.rollup") == "domain"
    assert part("workflow.services") == "workflow"
    assert part("resolutions.admin") == "resolutions"
    assert part("resolutions.views") == "resolutions"
    assert part("exports.report") == "exports"
