"""Hostile or broken edXML is refused safely and specifically: no DTD, entity, XInclude
or network; bounded sizes, counts, depth and zips; each error names the element and
the problem. Validation on build refuses what QCVN 102:2016 cannot carry."""

import base64
import re
import sys
import time
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "samples"))

import edxml_factory as factory  # noqa: E402

from egov_interchange.edxml import (  # noqa: E402
    Attachment,
    EdxmlError,
    Limits,
    Organization,
    build,
    parse,
)
from egov_interchange.edxml.values import safe_name  # noqa: E402

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def small_document(**overrides):
    overrides.setdefault(
        "attachments",
        [
            Attachment("a.pdf", "application/pdf", PDF, content_id="cid-a"),
            Attachment("b.pdf", "application/pdf", PDF + b"b", content_id="cid-b"),
        ],
    )
    return factory.full_document(**overrides)


def small_xml(**overrides):
    return build(small_document(**overrides)).decode("utf-8")


def refused(data, limits=None):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with pytest.raises(EdxmlError) as caught:
        parse(data, limits)
    return caught.value


def with_payload(payload, name="ghi-chu.txt", content_type="application/zip"):
    """A valid document whose one attachment carries ``payload`` as given."""
    text = small_xml(attachments=[Attachment(name, content_type, b"x", content_id="cid-z")])
    encoded = base64.b64encode(payload).decode("ascii")
    return text.replace(">eA==</ContentTransferEncoded>", f">{encoded}</ContentTransferEncoded>")


# -- DTD, entities, XInclude, network -------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE edXML [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><Subject>&lol9;</Subject></edXML>
"""


def test_billion_laughs_doctype_with_internal_entities_refused_fast():
    start = time.perf_counter()
    error = refused(BILLION_LAUGHS)
    assert time.perf_counter() - start < 1
    assert error.element == "DOCTYPE"
    assert "document type and entity declarations are not allowed" in str(error)


@pytest.mark.parametrize(
    "system_id", ["file:///etc/passwd", "http://127.0.0.1:9/evil.dtd", "/etc/hostname"]
)
def test_external_entity_to_a_file_or_to_http_refused(system_id):
    text = small_xml()
    text = text.replace(
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE edXML [<!ENTITY xxe SYSTEM "{system_id}">]>\n',
    ).replace("<edXML:Subject>", "<edXML:Subject>&xxe;")
    error = refused(text)
    assert error.element == "DOCTYPE"
    assert "not allowed" in error.problem


def test_doctype_after_a_comment_and_external_dtd_refused():
    text = "<!-- x -->\n" + '<!DOCTYPE edXML SYSTEM "http://127.0.0.1:9/x.dtd">' + small_xml()
    text = text.replace('<?xml version="1.0" encoding="UTF-8"?>\n', "")
    assert refused(text).element == "DOCTYPE"


def test_doctype_in_utf16_refused():
    text = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE edXML [<!ENTITY a "b">]><edXML/>'
    assert refused(text.encode("utf-16")).element == "DOCTYPE"


def test_undefined_entity_reference_without_dtd_refused():
    text = small_xml().replace("<edXML:Subject>", "<edXML:Subject>&xxe;")
    assert "not well-formed XML (Entity 'xxe' not defined" in str(refused(text))


def test_xinclude_refused():
    text = small_xml().replace(
        "<edXML:Content>",
        '<edXML:Content><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
        'href="file:///etc/passwd" parse="text"/>',
    )
    error = refused(text)
    assert error.element == "xi:include"
    assert "XInclude is not allowed" in str(error)


# -- sizes and counts ------------------------------------------------------------------


def test_oversize_package_refused_before_parsing():
    data = small_xml().encode()
    error = refused(data, Limits(max_package_bytes=1000))
    assert error.element is None
    assert f"the package is {len(data)} bytes, over the limit of 1000" in str(error)


def test_oversize_attachment_refused_with_its_name():
    data = build(factory.full_document())
    error = refused(data, Limits(max_attachment_bytes=50_000))
    assert error.element == "Attachment[1]/ContentTransferEncoded"
    assert "attachment '15-QD-UBND.pdf' is about" in str(error)
    assert "over the limit of 50000" in str(error)


def test_too_many_attachments_refused():
    error = refused(small_xml(), Limits(max_attachments=1))
    assert error.element == "AttachmentEncoded"
    assert "holds 2 attachments, over the limit of 1" in str(error)


def test_deep_nesting_refused():
    text = small_xml().replace("<edXML:Content>", "<edXML:Content>" + "<x>" * 100 + "</x>" * 100)
    error = refused(text)
    assert "nested deeper than the limit of 64 levels" in str(error)


def test_element_flood_refused_before_it_fills_memory():
    flood = "<edXML:Place>x</edXML:Place>" * 200_000
    text = small_xml().replace("<edXML:ToPlaces>", "<edXML:ToPlaces>" + flood)
    assert len(text) < Limits().max_package_bytes
    error = refused(text)
    assert error.element == "Place"
    assert "one element too many (limit 100000 elements)" in str(error)


def test_deeper_than_libxml2_limit_refused_specifically():
    text = small_xml().replace("<edXML:Content>", "<edXML:Content>" + "<x>" * 300 + "</x>" * 300)
    assert "nested deeper than the limit" in str(refused(text))


# -- zips ------------------------------------------------------------------------------


def test_zip_bomb_high_ratio_refused():
    bomb = factory.zip_bytes({"ghi-chu.txt": b"\0" * (20 * 2**20)})
    assert len(bomb) < 100_000
    error = refused(with_payload(bomb))
    assert error.element == "Attachment[1]/ContentTransferEncoded"
    assert "over the ratio limit of 200 (zip bomb)" in str(error)


def test_zip_unpacking_over_the_total_limit_refused():
    payload = factory.zip_bytes({"a.txt": bytes(range(256)) * 8000}, compression=0)
    error = refused(with_payload(payload), Limits(max_unzipped_bytes=100_000))
    assert "unpacks to more than 100000 bytes" in str(error)


def test_zip_with_parent_directory_member_refused():
    payload = factory.zip_bytes({"../../etc/cron.d/evil": b"* * * * * root sh"})
    error = refused(with_payload(payload))
    assert "has a member that leaves the archive ('../../etc/cron.d/evil')" in str(error)


@pytest.mark.parametrize("member", ["/etc/passwd", "C:\\Windows\\evil.dll"])
def test_zip_with_absolute_path_member_refused(member):
    payload = factory.zip_bytes({member: b"x"})
    error = refused(with_payload(payload))
    assert "has a member with an absolute path" in str(error)


def test_zip_with_too_many_entries_refused():
    payload = factory.zip_bytes({f"f{i}.txt": b"x" for i in range(20)})
    error = refused(with_payload(payload), Limits(max_zip_entries=10))
    assert "has 20 entries, over the limit of 10" in str(error)


def test_broken_zip_refused():
    payload = factory.zip_bytes({"ghi-chu.txt": b"text " * 100})[:-30]
    error = refused(with_payload(payload))
    assert "is marked as zipped but is not a zip archive" in str(error)


def test_payload_labelled_zip_but_not_zipped_is_kept_as_the_file():
    pkg = parse(with_payload(PDF, name="cong-van.pdf").encode())
    [att] = pkg.attachments
    assert (att.name, att.content_type, att.data) == ("cong-van.pdf", "application/pdf", PDF)


def test_unzipped_size_limit_is_per_package():
    members = {"a.txt": bytes(range(256)) * 200}  # 51,200 bytes each, stored
    text = small_xml(
        attachments=[
            Attachment(f"{n}.txt", "application/zip", factory.zip_bytes(members, compression=0))
            for n in ("a", "b", "c")
        ]
    )
    assert len(parse(text.encode()).attachments) == 3
    error = refused(text, Limits(max_unzipped_bytes=120_000))
    assert error.element == "Attachment[3]/ContentTransferEncoded"
    assert "unpacks to more than" in str(error)


def test_zip_with_several_members_keeps_each_with_a_safe_name():
    payload = factory.zip_bytes(
        {"to-trinh.pdf": PDF, "phu luc/bang\x07ke.xlsx": b"xlsx", "ghi..chu.txt": b"t"}
    )
    pkg = parse(with_payload(payload, name="ho-so.pdf").encode())
    names = [att.name for att in pkg.attachments]
    assert names == ["to-trinh.pdf", "bangke.xlsx", "ghi.chu.txt"]
    assert pkg.attachments[0].data == PDF


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\a\\bao-cao.pdf", "bao-cao.pdf"),
        ("..\\..\\x.pdf", "x.pdf"),
        ("bad\x00\x1fname.pdf", "badname.pdf"),
        ("a..b.pdf", "a.b.pdf"),
        ("..", "attachment-1"),
    ],
)
def test_attachment_names_sanitized_no_separators_dotdot_or_control_chars(raw, safe):
    assert safe_name(raw, "attachment-1") == safe


def test_attachment_name_with_path_in_a_package_is_sanitized():
    text = small_xml(attachments=[Attachment("x.pdf", "application/pdf", PDF)])
    text = text.replace(
        "<AttachmentName>x.pdf</AttachmentName>",
        "<AttachmentName>../../etc/passwd</AttachmentName>",
    )
    assert parse(text.encode()).attachments[0].name == "passwd"


# -- encodings and formats -------------------------------------------------------------


def test_non_base64_content_refused():
    text = small_xml().replace(base64.b64encode(PDF).decode(), "this is *not* base64!!")
    error = refused(text)
    assert error.element == "Attachment[1]/ContentTransferEncoded"
    assert "attachment 'a.pdf' is not valid base64" in str(error)


def test_wrong_namespace_refused():
    text = small_xml().replace("http://www.mic.gov.vn/TBT/QCVN_102_2016", "urn:example:other")
    error = refused(text)
    assert error.element == "edXML"
    assert "has the wrong namespace urn:example:other" in str(error)


def test_old_edxmlenvelope_format_refused():
    text = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<EdXMLEnvelope xmlns="http://www.go.vn/eDoc"><EdXMLHeader><MessageHeader>'
        "<From><OrganId>000.00.00.H53</OrganId></From></MessageHeader></EdXMLHeader>"
        "</EdXMLEnvelope>"
    )
    error = refused(text)
    assert error.element == "EdXMLEnvelope"
    assert "old pre-QCVN 102 format (namespace http://www.go.vn/eDoc)" in str(error)


def test_not_xml_refused():
    error = refused(b"%PDF-1.4 this is a pdf, not an edXML package")
    assert error.element is None
    assert "not well-formed XML" in str(error)


@pytest.mark.parametrize("data", [b"", b"  \n\t "])
def test_empty_file_refused(data):
    assert str(refused(data)) == "edXML package: the file is empty."


def test_unknown_root_refused():
    error = refused(b'<html xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"/>')
    assert error.element == "html" and "not an edXML root element" in str(error)


# -- required elements and values ------------------------------------------------------


def drop(text, element):
    pattern = re.compile(rf"\s*<edXML:{element}>.*?</edXML:{element}>", re.S)
    out, count = pattern.subn("", text, count=1)
    assert count == 1
    return out


@pytest.mark.parametrize(
    ("element", "expected"),
    [
        ("DocumentId", "edXML element <DocumentId>: is missing."),
        ("From", "edXML element <From>: is missing."),
        ("Code", "edXML element <Code>: is missing."),
        ("PromulgationInfo", "edXML element <PromulgationInfo/PromulgationDate>: is missing."),
    ],
)
def test_missing_required_element_refused_by_name(element, expected):
    assert str(refused(drop(small_xml(), element))) == expected


def test_missing_to_refused():
    text = drop(drop(small_xml(), "To"), "To")
    assert str(refused(text)) == (
        "edXML element <To>: is missing (a document needs at least one recipient)."
    )


def test_bad_status_code_refused():
    text = (
        build(factory.status_for("03"))
        .decode()
        .replace(">03</edXML:StatusCode>", ">07</edXML:StatusCode>")
    )
    error = refused(text)
    assert error.element == "StatusCode"
    assert "'07' is not a status code" in str(error)


@pytest.mark.parametrize("organ_id", ["UBND-TN", "000.00.00.h53", "H53.1.2.3.4", "h53"])
def test_bad_organ_id_refused_with_the_value(organ_id):
    text = small_xml().replace(
        "<edXML:OrganId>000.00.12.H53</edXML:OrganId>",
        f"<edXML:OrganId>{organ_id}</edXML:OrganId>",
        1,
    )
    error = refused(text)
    assert error.element == "To/OrganId"
    assert f"'{organ_id}' is not an agency code" in str(error)


def test_organ_id_qd20_longer_than_35_refused():
    long_id = "H53.12345.12345.12345"  # 21 chars, valid
    assert parse(small_xml(recipients=[Organization(long_id)]).encode())
    with pytest.raises(EdxmlError, match="is not an agency code"):
        build(small_document(recipients=[Organization("H53.12345.12345.12345.1")]))


@pytest.mark.parametrize("bad", ["31/02/2026", "2026/13/01", "2026/02/30", "hôm qua"])
def test_bad_promulgation_date_refused(bad):
    text = small_xml().replace(
        ">2026/03/02</edXML:PromulgationDate>", f">{bad}</edXML:PromulgationDate>", 1
    )
    error = refused(text)
    assert error.element == "PromulgationInfo/PromulgationDate"
    assert f"'{bad}'" in str(error)


def test_subject_longer_than_500_refused():
    text = small_xml().replace("<edXML:Subject>", "<edXML:Subject>" + "x" * 500)
    error = refused(text)
    assert error.element == "Subject"
    assert "over the limit of 500" in str(error)


def test_non_integer_priority_refused():
    text = small_xml().replace("<edXML:Priority>1<", "<edXML:Priority>cao<")
    assert str(refused(text)) == "edXML element <OtherInfo/Priority>: 'cao' is not a whole number."


# -- validation on build ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "element", "fragment"),
    [
        ({"priority": 5}, "OtherInfo/Priority", "5 is not a value from 0 to 4"),
        ({"subject": "s" * 501}, "Subject", "501 characters long, over the limit of 500"),
        ({"content": "c" * 501}, "Content", "over the limit of 500"),
        ({"promulgation_place": "p" * 151}, "PromulgationInfo/Place", "over the limit of 150"),
        ({"to_places": ["p" * 151]}, "ToPlaces/Place", "over the limit of 150"),
        ({"document_id": ""}, "DocumentId", "is missing"),
        ({"number": ""}, "Code/CodeNumber", "is missing"),
        ({"recipients": []}, "To", "is missing"),
        ({"promulgation_date": None}, "PromulgationInfo/PromulgationDate", "is missing"),
        ({"sender": Organization("000.00.00.H5")}, "From/OrganId", "'000.00.00.H5'"),
        ({"subject": "bell \x07"}, "MessageHeader", "character XML cannot carry"),
        (
            {"attachments": [Attachment("a" * 197 + ".pdf", "application/pdf", PDF)]},
            "Attachment[1]/AttachmentName",
            "201 characters long, over the limit of 200",
        ),
    ],
)
def test_build_validates_before_emitting(overrides, element, fragment):
    with pytest.raises(EdxmlError) as caught:
        build(small_document(**overrides))
    assert caught.value.element == element
    assert fragment in str(caught.value)


def test_build_refuses_status_code_outside_the_list():
    with pytest.raises(EdxmlError, match="'99' is not a status code"):
        build(factory.status_for("99"))


def test_build_refuses_naive_status_timestamp():
    from datetime import datetime

    with pytest.raises(EdxmlError, match="not a timezone-aware"):
        build(factory.status_for("01", timestamp=datetime(2026, 3, 3, 8, 0)))


def test_a_refused_package_leaves_the_caller_data_untouched():
    package = small_document(priority=9)
    snapshot = repr(package)
    with pytest.raises(EdxmlError):
        build(package)
    assert repr(package) == snapshot
    assert package.promulgation_date == date(2026, 3, 2)
