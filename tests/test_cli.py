"""The command line: formats, outputs, options, and bad input that never shows a traceback."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from reflow.cli import main

from .conftest import SEED

PAGE = "本报讯（记者 张伟）7月 28日晚，北京智谱发布新模型GLM-\n4.5，这是一款基础模型。\n"


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def reflow_proc(*args, input=None, timeout=120):
    """The real program, for exit codes and stderr as a user sees them."""
    return subprocess.run([sys.executable, "-m", "reflow.cli", *args], input=input,
                          capture_output=True, timeout=timeout)


@pytest.mark.parametrize("fmt", ["md", "tei", "json", "jsonl", "text"])
def test_every_format_from_stdin(fmt):
    r = run("clean", "--to", fmt, "-", input=PAGE.encode())
    assert r.exit_code == 0
    assert "GLM-4.5" in r.output


def test_python_dash_m_reflow_is_the_same_program():
    r = subprocess.run([sys.executable, "-m", "reflow", "clean", "--to", "text", "-"],
                       input=PAGE.encode(), capture_output=True, timeout=120)
    assert r.returncode == 0 and "GLM-4.5" in r.stdout.decode()


def test_default_is_markdown_of_seed():
    r = run("clean", str(SEED))
    assert r.exit_code == 0
    assert "# “北京造”大模型综合性能全球领先" in r.output
    assert "\n---\n" in r.output


def test_json_contract_fields():
    r = run("clean", "--to", "json", str(SEED))
    data = json.loads(r.output)
    art = data["articles"][1]
    for key in ("id", "text", "paragraphs", "kicker", "headline", "subheadline", "dateline",
                "bylines", "captions", "credits", "closing", "source", "continued_from",
                "continued_to", "lang", "warnings"):
        assert key in art
    assert art["bylines"] == [{"role": "记者", "names": ["张伟"]}]
    assert art["source"]["file"] == SEED.name and art["source"]["first_line"] > 1
    assert data["id"] and art["id"].startswith(data["id"])


def test_jsonl_records_carry_doc_id_and_page():
    r = run("clean", "--to", "jsonl", str(SEED))
    recs = [json.loads(line) for line in r.output.splitlines()]
    assert len(recs) == 3
    assert {rec["doc_id"] for rec in recs} == {recs[0]["id"].rsplit("-", 1)[0]}
    assert all(rec["page"] == 1 for rec in recs)


def test_several_inputs(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(PAGE, encoding="utf-8")
    b.write_text("第二篇文章的正文到此结束。\n", encoding="utf-8")
    r = run("clean", "--to", "jsonl", str(a), str(b))
    assert len(r.output.splitlines()) == 2
    r = run("clean", "--to", "tei", str(a), str(b))
    assert "<teiCorpus" in r.output and r.output.count("<TEI") == 2
    r = run("clean", "--to", "json", str(a), str(b))
    assert isinstance(json.loads(r.output), list)
    out = tmp_path / "out"
    r = run("clean", "--to", "md", "-o", str(out) + "/", str(a), str(b))
    assert sorted(p.name for p in out.iterdir()) == ["a.md", "b.md"]


def test_output_file(tmp_path):
    out = tmp_path / "page.xml"
    r = run("clean", "--to", "tei", "-o", str(out), str(SEED))
    assert r.exit_code == 0 and r.output == ""
    assert out.read_text(encoding="utf-8").startswith("<?xml")


def test_explain_prints_trace_to_stderr():
    p = reflow_proc("clean", "--to", "text", "--explain", "-", input=PAGE.encode())
    err = p.stderr.decode()
    assert p.returncode == 0
    assert "S202" in err and "J301" in err and "J302" not in p.stdout.decode()
    assert "7月 28日" in err  # the before window of the spacing change


def test_disable_and_rules(tmp_path):
    r = run("clean", "--to", "text", "--disable", "S202", "-", input="在近日举行的 2025 年世界大会上。".encode())
    assert "的 2025 年" in r.output
    rule = tmp_path / "mine.toml"
    rule.write_text('code = "U001"\nname = "star"\nstage = "normalize"\nkind = "map"\n'
                    'summary = "s"\nwhy = "why why why why why why why why why why why"\n'
                    '[map]\n"★" = "☆"\n[[case]]\nbefore = "★"\nafter = "☆"\n', encoding="utf-8")
    r = run("clean", "--to", "text", "--rules", str(rule), "-", input="★星海市。".encode())
    assert "☆星海市。" in r.output


def test_spacing_pangu_and_convert():
    r = run("clean", "--to", "text", "--spacing", "pangu", "-", input="在2025年世界大会上。".encode())
    assert "在 2025 年世界大会上。" in r.output
    r = run("clean", "--to", "text", "--convert", "t2s", "-", input="颱風持續朝東北方向移動。".encode())
    assert "台风持续朝东北方向移动。" in r.output


def test_rules_and_explain_commands():
    r = run("rules")
    assert "J302" in r.output and "line-break-hyphen" in r.output
    r = run("explain", "j302")
    assert "why:" in r.output and "GLM-4.5" in r.output
    r = CliRunner().invoke(main, ["explain", "Q999"])
    assert r.exit_code == 1


# ---------------------------------------------------------------- bad input
def _one_line_error(p, code=1):
    err = p.stderr.decode()
    assert p.returncode == code, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    return err


def test_missing_file(tmp_path):
    err = _one_line_error(reflow_proc("clean", str(tmp_path / "absent.txt")))
    assert "no such file" in err


def test_directory(tmp_path):
    err = _one_line_error(reflow_proc("clean", str(tmp_path)))
    assert "directory" in err


def test_binary_file(tmp_path):
    f = tmp_path / "x.png"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    err = _one_line_error(reflow_proc("clean", str(f)))
    assert "binary" in err


def test_invalid_utf8_names_offset_and_replace_goes_on(tmp_path):
    f = tmp_path / "bad.txt"
    f.write_bytes("正文第一句。".encode() + b"\xff\xfe\xfd\xfc" + "正文。".encode())
    err = _one_line_error(reflow_proc("clean", str(f)))
    assert "offset 18" in err
    p = reflow_proc("clean", "--errors", "replace", "--to", "text", str(f))
    assert p.returncode == 0 and "U+FFFD" in p.stderr.decode()


def test_empty_file_is_an_empty_valid_document(tmp_path, tei_schema):
    from .conftest import assert_valid_tei
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    p = reflow_proc("clean", "--to", "tei", str(f))
    assert p.returncode == 0 and p.stderr == b""
    assert_valid_tei(tei_schema, p.stdout.decode())
    assert reflow_proc("clean", "--to", "jsonl", str(f)).stdout == b""


def test_single_long_line_finishes(tmp_path):
    f = tmp_path / "long.txt"
    f.write_bytes(("星海市首条自动驾驶公交线路开通运营，GLM-4.5发布。" * 1000).encode() * 760)
    assert f.stat().st_size > 50 * 1024 * 1024
    p = reflow_proc("clean", "--to", "jsonl", str(f), timeout=170)
    assert p.returncode == 0
    assert json.loads(p.stdout.decode().splitlines()[0])["text"].startswith("星海市首条")


def test_usage_errors_exit_2():
    p = reflow_proc("clean", "--to", "pdf", "-", input=b"x")
    assert p.returncode == 2
    p = reflow_proc("clean", "--spacing", "wide", "-", input=b"x")
    assert p.returncode == 2


def test_broken_user_rule_file_is_input_error(tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text('code = "X1"\n', encoding="utf-8")
    err = _one_line_error(reflow_proc("clean", "--rules", str(f), "-", input=b"x"))
    assert "bad.toml" in err


def test_issue_joins_files_as_pages(tmp_path):
    a = tmp_path / "p1.txt"
    b = tmp_path / "p2.txt"
    a.write_text("海湾观察\n第一页的文章写到这里就结束了，全文完。\n（下转第2版）\n", encoding="utf-8")
    b.write_text("海湾观察\n（上接第1版）\n第二页接着写完这篇文章的其余部分。\n", encoding="utf-8")
    r = run("clean", "--issue", "--to", "json", str(a), str(b))
    data = json.loads(r.output)
    assert data["pages"] == 2
    assert [f["text"] for f in data["furniture"] if f["kind"] != "continuation"] == ["海湾观察", "海湾观察"]
    assert len(data["articles"]) == 1 and len(data["articles"][0]["paragraphs"]) == 2
