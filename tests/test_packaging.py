"""What a non-editable `pip install .` holds (#16 §3): every app of the project, and every file
besides Python code that the apps keep in their packages (templates, the data format's schema).
The site-wide templates/, static/ and locale/ are read from the checkout (settings.BASE_DIR);
the README says the app runs from a checkout."""

import tomllib
from fnmatch import fnmatch
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def _packaged(name: str) -> bool:
    return any(fnmatch(name, pattern) for pattern in SETUPTOOLS["packages"]["find"]["include"])


def test_every_app_of_the_project_is_packaged():
    # The apps, and the project package (settings, URLs, WSGI).
    local = {settings.ROOT_URLCONF.split(".")[0]} | {
        app.split(".")[0] for app in settings.INSTALLED_APPS if (ROOT / app.split(".")[0]).is_dir()
    }
    assert {"api", "exports", "resolutions", "synthetic", "tracker", "workflow"} <= local
    for package in local:
        assert _packaged(package), package


def test_every_data_file_inside_a_package_is_package_data():
    data = SETUPTOOLS.get("package-data", {})
    for package in [p.name for p in ROOT.iterdir() if (p / "__init__.py").is_file()]:
        if not _packaged(package):
            continue
        base = ROOT / package
        files = {
            f
            for f in base.rglob("*")
            if f.is_file() and f.suffix not in (".py", ".pyc") and "__pycache__" not in f.parts
        }
        covered = {f for pattern in data.get(package, []) for f in base.glob(pattern)}
        assert files <= covered, sorted(str(f.relative_to(ROOT)) for f in files - covered)
