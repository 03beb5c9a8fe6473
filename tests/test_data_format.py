"""The data format is documented from its one schema: the README's table of record types and
docs/data-format.md are what `manage.py data_format_docs` writes from the JSON Schema."""

from resolutions.loader import docs


def test_the_readme_table_is_the_schemas():
    text = docs.README.read_text(encoding="utf-8")
    assert docs.START in text and docs.END in text
    assert text == docs.readme_with_table(text), "run: python manage.py data_format_docs"
    # The table lists every record type, the new correction link included.
    assert "| status_update | **key**, **status**," in text and "corrects" in text


def test_the_field_reference_is_the_schemas():
    assert docs.REFERENCE.read_text(encoding="utf-8") == docs.reference(), (
        "run: python manage.py data_format_docs"
    )
