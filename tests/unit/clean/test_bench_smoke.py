"""The clean-stage speed benchmark runs end to end on a few documents and reports both systems."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from conftest import ROOT, SHARED, need_shared


def _load_bench() -> ModuleType:
    path = ROOT / "benchmarks" / "bench_clean.py"
    spec = importlib.util.spec_from_file_location("bench_clean", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_bench_reports_hadath_and_trafilatura(tmp_path: Path) -> None:
    need_shared(SHARED / "data" / "saudinewsnet" / "dataset")
    need_shared(SHARED / "data" / "web_extraction_arabic")
    out = tmp_path / "clean.json"
    result = _load_bench().main(["--shared", str(SHARED), "--n", "20", "--out", str(out)])
    assert set(result["workloads"]) == {"text", "html_wrapped", "html_extract", "html_pages"}
    for workload in result["workloads"].values():
        assert workload["docs"] == 20
        assert workload["hadath_docs_per_s"] > 0
        assert workload["trafilatura_docs_per_s"] > 0
        assert workload["ratio"] > 0
    assert json.loads(out.read_text(encoding="utf-8")) == result


def test_wrapped_article_keeps_its_paragraphs() -> None:
    bench = _load_bench()
    page = bench.wrap({"title": "عنوان", "content": "فقرة أولى.\n\nفقرة <ثانية>.", "date_extracted": ""})
    assert "<p>فقرة أولى.</p>" in page
    assert "<p>فقرة &lt;ثانية&gt;.</p>" in page
