"""Charset decoding in the WHATWG order: BOM, HTTP header, <meta>, then UTF-8 and detection."""

from __future__ import annotations

import codecs

from wirearchive.htmltext import declared_charsets, decode_html, decode_tolerant

PAGE = "<html><head>{meta}<title>Zürich</title></head><body><p>Grüße aus Zürich, Genève und Kraków.</p>{filler}</body></html>"


def page(meta: str = "", filler: str = "") -> str:
    return PAGE.format(meta=meta, filler=filler)


def test_utf8_bom_wins_over_an_iso_8859_1_header() -> None:
    data = codecs.BOM_UTF8 + page().encode("utf-8")
    text = decode_html(data, "text/html; charset=iso-8859-1")
    assert "Zürich" in text and not text.startswith("\ufeff") and "Ã" not in text


def test_utf16_bom_wins_over_a_meta_charset() -> None:
    data = codecs.BOM_UTF16_LE + page('<meta charset="windows-1252">').encode("utf-16-le")
    assert "Kraków" in decode_html(data, "text/html")


POLISH = "<html><head>{meta}</head><body><p>Łódź i Kraków</p></body></html>"


def test_http_header_wins_over_meta() -> None:
    data = POLISH.format(meta='<meta charset="windows-1252">').encode("cp1250")
    assert "Łódź" in decode_html(data, "text/html; charset=windows-1250")


def test_meta_is_used_when_the_header_has_no_charset() -> None:
    data = POLISH.format(meta='<meta http-equiv="Content-Type" content="text/html; charset=windows-1250">').encode(
        "cp1250"
    )
    assert "Łódź" in decode_html(data, "text/html")


def test_iso_8859_1_label_reads_as_windows_1252() -> None:
    data = page('<meta charset="iso-8859-1">').replace("Genève", "Genève – “quoted”").encode("cp1252")
    assert "“quoted”" in decode_html(data)


def test_one_bad_byte_in_a_large_utf8_page_keeps_utf8() -> None:
    filler = "<p>Straßenbahn über die Brücke, schöne Grüße aus Köln.</p>" * 2000  # ~120 KB of UTF-8
    data = bytearray(page('<meta charset="utf-8">', filler).encode("utf-8"))
    data[97_000:97_001] = b"\xff"  # one invalid byte far into the page (issue #18, bug 1)
    text = decode_html(bytes(data), "text/html; charset=utf-8")
    assert "Grüße aus Zürich" in text and text.count("\ufffd") == 1 and text.count("Straßenbahn") >= 1999


def test_windows_1252_page_lying_about_utf8_falls_through_to_detection() -> None:
    data = page('<meta charset="utf-8">').encode("cp1252")
    text = decode_html(data, "text/html; charset=utf-8")
    assert "Grüße aus Zürich, Genève und Kraków" in text and "\ufffd" not in text


def test_meta_declaring_utf16_without_bom_reads_as_utf8() -> None:
    data = page('<meta charset="utf-16">').encode("utf-8")
    assert declared_charsets(data, None) == ["utf-8"]
    assert "Zürich" in decode_html(data)


def test_undeclared_utf8_is_read_as_utf8() -> None:
    assert "Kraków" in decode_html(page().encode("utf-8"))


def test_decode_tolerant_rejects_mostly_undecodable_bytes() -> None:
    assert decode_tolerant("Zürich Genève Köln".encode("cp1252"), "utf-8") is None
    assert decode_tolerant(b"abc", "no-such-codec") is None


def test_an_undefined_byte_in_a_windows_1252_page_keeps_windows_1252() -> None:
    data = page('<meta charset="windows-1252">').encode("cp1252").replace(b"</body>", b"\x81</body>")
    text = decode_html(data, "text/html; charset=windows-1252")
    assert "Grüße aus Zürich" in text and text.count("\ufffd") == 1


def test_one_bad_byte_in_a_mostly_ascii_utf8_page_keeps_utf8() -> None:
    """Few non-ASCII letters (ten curly quotes) and one stray byte: still the declared UTF-8."""
    text = "<html><head><meta charset='utf-8'></head><body><p>" + "It’s a long English story. " * 10
    data = text.encode("utf-8") + b"\xff" + "</p><p>It’s over.</p></body></html>".encode()
    decoded = decode_html(data, "text/html; charset=utf-8")
    assert decoded.count("It’s") == 11
    assert "\ufffd" in decoded
