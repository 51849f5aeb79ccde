"""The documentation in docs/*.md, served by the app."""

from django.test import Client

from inclusief.documentation import document


def test_the_documentation_index_lists_every_document(client: Client):
    html = client.get("/documentatie/").content.decode()
    assert '<a href="/documentatie/results-export-schema/" lang="en">Results export schema' in html
    assert '<a href="/documentatie/export-schema/" lang="en">' in html


def test_a_document_is_rendered_with_its_tables_in_scroll_regions(client: Client):
    response = client.get("/documentatie/results-export-schema/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Results export schema (version 1.1) · Documentatie · Inclusief</title>" in html
    assert '<article class="documentation" lang="en">' in html
    assert "<h1>Results export schema (version 1.1)</h1>" in html
    assert (
        '<div class="scroll-region" role="region" tabindex="0" aria-label="Table 1">'
        '<table class="table table-sm">' in html
    )
    assert "<td><code>decided_by</code></td>" in html
    assert '<pre class="scroll-code" tabindex="0"><code class="language-json">' in html


def test_the_overview_links_its_schema_to_the_documentation_page(client: Client, db):
    html = client.get("/beoordelingen/overzicht/").content.decode()
    assert 'staat in de <a href="/documentatie/results-export-schema/">documentatie</a>' in html
    assert 'href="/beoordelingen/overzicht/export.csv?scheiding=komma"' in html


def test_raw_html_in_a_document_is_shown_as_text(tmp_path, settings, monkeypatch):
    from inclusief import documentation

    (tmp_path / "evil.md").write_text("# Evil\n\n<script>alert(1)</script>\n", encoding="utf-8")
    monkeypatch.setattr(documentation, "DOCS_DIR", tmp_path)
    found = document("evil")
    assert found is not None
    assert "<script>" not in found.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in found.html


def test_only_documents_in_docs_are_served(client: Client):
    assert client.get("/documentatie/bestaat-niet/").status_code == 404
    assert document("../README") is None
    assert document("README") is None
