"""The command line contract IT staff scripts rely on:
``python -m egov_interchange.edxml show|validate|build`` (stdout JSON keys, exit codes,
one line on stderr without a traceback)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "samples"))

import edxml_factory as factory  # noqa: E402

from egov_interchange.edxml import build, parse  # noqa: E402
from egov_interchange.edxml.jsonshape import DOCUMENT_KEYS, STATUS_KEYS  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = factory.SAMPLES


def run(*args, cwd=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="ascii")
    return subprocess.run(
        [sys.executable, "-m", "egov_interchange.edxml", *map(str, args)],
        capture_output=True,
        env=env,
        cwd=cwd or ROOT,
        timeout=60,
        check=False,
    )


def one_line_error(result):
    stderr = result.stderr.decode("utf-8")
    assert "Traceback" not in stderr
    assert stderr.endswith("\n") and stderr.count("\n") == 1
    assert stderr.startswith("error: ")
    assert result.stdout == b""
    return stderr.strip()


def test_show_document_prints_one_json_object_with_exact_keys():
    result = run("show", SAMPLES / "bkav_document.edxml")
    assert result.returncode == 0, result.stderr
    obj = json.loads(result.stdout.decode("utf-8"))
    assert tuple(obj) == DOCUMENT_KEYS
    assert obj["kind"] == "document"
    assert set(obj["from"]) == {"organ_id", "organ_name"}
    assert all(set(org) == {"organ_id", "organ_name"} for org in obj["to"])
    assert set(obj["signer"]) == {"competence", "position", "full_name"}
    assert obj["number"] == "31" and isinstance(obj["number"], str)
    assert obj["promulgation_date"] == "2026-03-05"
    assert obj["due_date"] == "2026-03-15"
    assert obj["priority"] == 2 and obj["business_doc_type"] == 0
    assert obj["subject"].startswith("Tờ trình")  # UTF-8 whatever the terminal encoding
    assert [set(att) for att in obj["attachments"]] == [
        {"name", "content_type", "size", "sha256"}
    ] * 2
    assert obj["attachments"][1]["name"] == "ghi-chu.txt"  # unzipped
    assert obj["attachments"][1]["size"] == len("Ghi chú: văn bản gửi kèm bản giấy.\n".encode())


def test_show_status_prints_status_keys_and_iso_timestamp():
    result = run("show", SAMPLES / "status_change-acceptance_15.edxml")
    assert result.returncode == 0, result.stderr
    obj = json.loads(result.stdout)
    assert tuple(obj) == STATUS_KEYS
    assert obj["status_code"] == "15"
    assert obj["timestamp"] == "2026-03-03T08:05:09+07:00"
    assert obj["response_for"] == {
        "organ_id": "000.00.00.H53",
        "code": "245/UBND-VP",
        "promulgation_date": "2026-03-02",
        "document_id": "000.00.00.H53,2026/03/02,245/UBND-VP",
    }


def test_show_invalid_package_exits_1_with_one_specific_line(tmp_path):
    bad = tmp_path / "bad.edxml"
    bad.write_bytes(
        build(factory.full_document(attachments=[])).replace(b">2026/03/02<", b">31/02/2026<", 1)
    )
    result = run("show", bad)
    assert result.returncode == 1
    assert one_line_error(result) == (
        "error: edXML element <PromulgationInfo/PromulgationDate>: "
        "'31/02/2026' is not a valid calendar date."
    )


def test_show_hostile_doctype_exits_1_without_traceback(tmp_path):
    bad = tmp_path / "xxe.edxml"
    bad.write_text('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><edXML>&e;</edXML>')
    result = run("show", bad)
    assert result.returncode == 1
    assert "<DOCTYPE>" in one_line_error(result)
    assert b"root:" not in result.stdout + result.stderr


def test_show_missing_file_exits_1(tmp_path):
    result = run("show", tmp_path / "nowhere.edxml")
    assert result.returncode == 1
    assert "cannot read" in one_line_error(result)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("vpcp_sdk_edoc_new.edxml", "valid: document 000.00.00.H53,2026/03/02,245/UBND-VP\n"),
        ("gw_document.edxml", "valid: document G09,2026/03/10,1024/BNV-CCVC\n"),
        (
            "status_change-acceptance_15.edxml",
            "valid: status 000.00.00.H53,2026/03/02,245/UBND-VP\n",
        ),
    ],
)
def test_validate_prints_valid_kind_and_document_id(name, expected):
    result = run("validate", SAMPLES / name)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == expected
    assert result.stderr == b""


def test_validate_invalid_exits_1_with_the_error(tmp_path):
    bad = tmp_path / "old.edxml"
    bad.write_text('<EdXMLEnvelope xmlns="http://www.go.vn/eDoc"/>')
    result = run("validate", bad)
    assert result.returncode == 1
    assert "old pre-QCVN 102 format" in one_line_error(result)


def test_build_from_json_with_attachment_paths_round_trips(tmp_path):
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "qd.pdf").write_bytes(factory.decision_pdf())
    (tmp_path / "files" / "pl.pdf").write_bytes(factory.appendix_pdf())
    shown = json.loads(run("show", SAMPLES / "vpcp_sdk_edoc_new.edxml").stdout)
    shown["attachments"] = [
        {"name": "15-QD-UBND.pdf", "content_type": "application/pdf", "path": "files/qd.pdf"},
        {"name": "phu-luc.pdf", "path": "files/pl.pdf"},
    ]
    shown["business_reason"] = ""
    source = tmp_path / "package.json"
    source.write_text(json.dumps(shown, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.edxml"
    result = run("build", "package.json", "-o", out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    package = parse(out.read_bytes())
    assert [att.data for att in package.attachments] == [
        factory.decision_pdf(),
        factory.appendix_pdf(),
    ]
    assert package.attachments[1].content_type == "application/pdf"
    again = json.loads(run("show", out).stdout)
    for key in DOCUMENT_KEYS:
        if key != "attachments":
            assert again[key] == shown[key], key


def test_build_status_from_json(tmp_path):
    shown = json.loads(run("show", SAMPLES / "status_change-acceptance_15.edxml").stdout)
    source = tmp_path / "status.json"
    source.write_text(json.dumps(shown), encoding="utf-8")
    result = run("build", source, "-o", tmp_path / "s.edxml")
    assert result.returncode == 0, result.stderr
    assert json.loads(run("show", tmp_path / "s.edxml").stdout) == shown


def test_build_invalid_json_content_exits_1_and_writes_nothing(tmp_path):
    shown = json.loads(run("show", SAMPLES / "lson_document.edxml").stdout)
    shown["priority"] = 7
    shown["attachments"] = []
    source = tmp_path / "p.json"
    source.write_text(json.dumps(shown), encoding="utf-8")
    out = tmp_path / "out.edxml"
    result = run("build", source, "-o", out)
    assert result.returncode == 1
    assert one_line_error(result) == (
        "error: edXML element <OtherInfo/Priority>: 7 is not a value from 0 to 4."
    )
    assert not out.exists()


def test_build_malformed_json_exits_1(tmp_path):
    source = tmp_path / "p.json"
    source.write_text("{not json", encoding="utf-8")
    result = run("build", source, "-o", tmp_path / "o.edxml")
    assert result.returncode == 1
    assert "is not valid JSON" in one_line_error(result)


@pytest.mark.parametrize(
    "args", [(), ("build", "p.json"), ("frobnicate", "x"), ("show",), ("show", "a", "b")]
)
def test_usage_errors_exit_2(args):
    result = run(*args)
    assert result.returncode == 2
    assert b"usage:" in result.stderr
    assert b"Traceback" not in result.stderr


def test_help_in_english_with_vietnamese_terms():
    result = run("--help")
    assert result.returncode == 0
    text = result.stdout.decode("utf-8")
    for words in ("show", "validate", "build", "(xem gói tin)", "(kiểm tra gói tin)"):
        assert words in text
