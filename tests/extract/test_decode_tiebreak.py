"""Charset detection ties between Latin code pages break towards windows-1252."""

from wirearchive.htmltext import decode_html


def test_mislabelled_cp1252_page_reads_as_cp1252() -> None:
    text = "<html><head><meta charset='utf-8'></head><body><p>Reporters in Zürich, São Paulo and Kraków – said.</p></body></html>"
    assert "São Paulo" in decode_html(text.encode("cp1252"), "text/html; charset=utf-8")


def test_declared_charset_still_wins_when_it_decodes() -> None:
    text = "<html><head><meta charset='windows-1250'></head><body><p>Łódź and Kraków</p></body></html>"
    assert "Łódź" in decode_html(text.encode("cp1250"), "text/html")
