"""The `iameval` command line, run as a subprocess: output formats and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import iameval
from conftest import run_cli
from iameval.commands import COMMANDS, RESERVED

GOOD = (
    '{"Version": "2012-10-17", '
    '"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}'
)
WARN = '{\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]\n}'
BAD = '{"Statement": {"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*"}}'


@pytest.fixture
def policy_dir(tmp_path: Path) -> Path:
    (tmp_path / "nested").mkdir()
    (tmp_path / "good.json").write_text(GOOD)
    (tmp_path / "nested" / "warn.json").write_text(WARN)
    (tmp_path / "notes.txt").write_text("not a policy")  # ignored: not *.json
    return tmp_path


def test_version_and_help() -> None:
    r = run_cli("--version")
    assert (r.returncode, r.stdout.strip()) == (0, f"iameval {iameval.__version__}")
    r = run_cli("--help")
    assert r.returncode == 0
    for name in [c.name for c in COMMANDS] + RESERVED:
        assert name in r.stdout
    assert {"expand", "validate", "catalog"} <= {c.name for c in COMMANDS}


@pytest.mark.parametrize("name", [c.name for c in COMMANDS])
def test_every_command_help_shows_examples_line_by_line(name: str) -> None:
    """`iameval CMD --help` ends its description with runnable examples, one per line (the
    help formatter must not join them into a paragraph)."""
    r = run_cli(name, "--help")
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    assert "examples:" in lines, r.stdout
    examples = lines[lines.index("examples:") + 1:]
    examples = examples[:examples.index("")] if "" in examples else examples
    assert examples and all(e.startswith("  ") and "iameval " + name in e for e in examples), examples


def test_usage_errors_exit_2() -> None:
    assert run_cli().returncode == 2
    assert run_cli("nosuchcommand").returncode == 2
    assert run_cli("validate").returncode == 2
    assert run_cli("validate", "--kind", "bogus", "x.json").returncode == 2
    assert run_cli("expand", "s3:*", "--format", "xml").returncode == 2


@pytest.mark.parametrize("name", RESERVED)
def test_reserved_commands_say_not_implemented(name: str) -> None:
    r = run_cli(name, "anything")
    assert r.returncode == 2 and "not implemented" in r.stderr


def test_expand_text_is_sorted_union() -> None:
    r = run_cli("expand", "s3:GetObjectT*", "iam:?etUser", "s3:GetObjectTagging")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["iam:GetUser", "s3:GetObjectTagging", "s3:GetObjectTorrent"]


def test_expand_json() -> None:
    r = run_cli("expand", "--format", "json", "S3:GETOBJECT")
    assert r.returncode == 0 and json.loads(r.stdout) == ["s3:GetObject"]


def test_expand_pattern_matching_nothing_exits_1() -> None:
    r = run_cli("expand", "s3:GetObject", "s3:NoSuch*")
    assert r.returncode == 1
    assert r.stdout.splitlines() == ["s3:GetObject"]
    assert "s3:NoSuch*" in r.stderr


def test_validate_clean_and_warning_files_exit_0(policy_dir: Path) -> None:
    r = run_cli("validate", str(policy_dir))
    assert r.returncode == 0, r.stdout + r.stderr
    warn = policy_dir / "nested" / "warn.json"
    assert r.stdout.splitlines() == [
        f"{warn}:2:47: warning: `s3:GetObjekt` matches no action in the catalog "
        "[unknown_action] at /Statement/0/Action"
    ]
    assert "2 documents, 0 errors, 1 warning" in r.stderr


def test_validate_error_exits_1_with_location(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(BAD)
    r = run_cli("validate", str(bad))
    assert r.returncode == 1
    assert r.stdout.startswith(f"{bad}:1:26: error: ")
    assert r.stdout.rstrip().endswith("[invalid_value] at /Statement/Effect")


def test_validate_json_format(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(BAD)
    r = run_cli("validate", "--format", "json", str(bad))
    assert r.returncode == 1
    [record] = json.loads(r.stdout)
    assert record == {
        "file": str(bad), "severity": "error", "kind": "invalid_value",
        "message": record["message"], "path": "/Statement/Effect", "line": 1, "column": 26,
    }


def test_validate_stdin() -> None:
    assert run_cli("validate", "-", stdin=GOOD).returncode == 0
    r = run_cli("validate", "-", stdin=BAD)
    assert r.returncode == 1 and r.stdout.startswith("<stdin>:1:26: error:")


def test_validate_kind_changes_the_rules(tmp_path: Path) -> None:
    scp = tmp_path / "scp.json"
    scp.write_text(
        '{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}]}'
    )
    assert run_cli("validate", str(scp), "--kind", "scp").returncode == 1
    assert run_cli("validate", str(scp), "--kind", "resource").returncode == 0


def test_validate_empty_directory_succeeds_with_a_message(tmp_path: Path) -> None:
    r = run_cli("validate", str(tmp_path))
    assert r.returncode == 0
    assert "no *.json files" in r.stderr and r.stdout == ""


def test_validate_missing_file_exits_1(tmp_path: Path) -> None:
    r = run_cli("validate", str(tmp_path / "missing.json"))
    assert r.returncode == 1 and "[unreadable_file]" in r.stdout


def test_validate_jsonl_maps_positions_into_the_file(tmp_path: Path) -> None:
    lines = [
        "# comment lines and blank lines are skipped",
        json.dumps({"name": "ok", "document": json.loads(GOOD)}),
        "",
        '{"name": "bad", "source": "x", "document": ' + BAD + "}",
        json.dumps({"name": "as-string", "document": BAD}),
        '{"name": "no-document"}',
        "not json",
    ]
    f = tmp_path / "policies.jsonl"
    f.write_text("\n".join(lines) + "\n")
    r = run_cli("validate", "--jsonl", "--format", "json", str(f))
    assert r.returncode == 1
    records = json.loads(r.stdout)
    got = [(d.get("name"), d["kind"], d["line"], d["column"]) for d in records]
    bad_column = lines[3].index('"Alow"') + 1
    string_column = lines[4].index('"{') + 1  # inside a string document: its opening quote
    assert got == [
        ("bad", "invalid_value", 4, bad_column),
        ("as-string", "invalid_value", 5, string_column),
        (None, "invalid_jsonl", 6, 1),
        (None, "invalid_jsonl", 7, 1),
    ]
    assert "3 documents, 4 errors" in r.stderr  # records without a document are not documents


def test_validate_shared_corpus_jsonl(shared_data: Path) -> None:
    r = run_cli("validate", "--jsonl", str(shared_data / "aws-managed-policies.jsonl"))
    assert r.returncode == 0, r.stdout[:2000]
    assert "documents, 0 errors" in r.stderr


def test_catalog_summary() -> None:
    r = run_cli("catalog")
    assert r.returncode == 0
    info = iameval.catalog_info()
    assert f"{info.package} {info.version}" in r.stdout
    assert str(info.action_count) in r.stdout
    for level in info.access_levels:
        assert f"  {level}:" in r.stdout
    assert "wildcard-only actions:" in r.stdout
    r = run_cli("catalog", "--format", "json")
    summary = json.loads(r.stdout)
    assert summary["action_count"] == info.action_count
    assert summary["managed_policies"]["count"] == len(iameval.managed_policy_names())


def test_console_script_is_installed() -> None:
    import shutil
    import subprocess

    exe = shutil.which("iameval")
    if exe is None:
        pytest.skip("the iameval console script is not on PATH")
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False)
    assert out.returncode == 0 and out.stdout.startswith("iameval ")
