"""distributed.py: extraction on a Dask cluster started on loopback gives the plain run's output, byte for byte."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS

pytestmark = pytest.mark.models
distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as c:
        yield c


def test_the_cli_on_a_cluster_writes_what_a_plain_run_writes(tmp_path, cluster):
    """Through `--scheduler`: the same batches, the same bytes, one record per document in input order, a
    document that cannot be read an error record there as here."""
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 \xff")
    inputs = [*sorted(str(p) for p in CORPUS.glob("*.txt")), str(tmp_path / "bad.txt")]
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    run = [sys.executable, "-m", "quotes.cli", "extract", *inputs, "--no-timing", "--batch-size", "4"]
    plain = subprocess.run([*run, "--workers", "1"], env=env, capture_output=True, timeout=600)
    clustered = subprocess.run([*run, "--scheduler", cluster.scheduler_address], env=env, capture_output=True,
                               timeout=600)
    assert plain.returncode == 0 and clustered.returncode == 0, clustered.stderr.decode()[-2000:]
    assert clustered.stdout == plain.stdout and plain.stdout.count(b"\n") == len(inputs)


def test_the_library_entry_point_reads_lists_and_bags(cluster):
    import dask.bag as db

    from quotes import Extractor
    from quotes.distributed import extract

    texts = [(p.stem, p.read_text("utf-8")) for p in sorted(CORPUS.glob("*.txt"))[:5]]
    here = [d.to_dict() for d in Extractor(timing=False).extract_many(texts)]
    with distributed.Client(cluster) as client:
        listed = [d.to_dict() for d in extract(texts, client=client, batch_size=2, timing=False)]
        bagged = [d.to_dict() for d in extract(db.from_sequence(texts, npartitions=3), client=client, timing=False)]
    assert listed == here == bagged


def test_a_scheduler_out_of_reach_is_a_usage_error_that_leaves_the_output(tmp_path):
    """The cluster was reached only once writing had begun, so -o was emptied before the run failed."""
    from typer.testing import CliRunner

    from quotes.cli import app

    out = tmp_path / "out.jsonl"
    out.write_text("earlier\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["extract", str(CORPUS / "vance-bail-hearing.txt"), "-o", str(out),
                                   "--scheduler", "tcp://127.0.0.1:9"])
    assert res.exit_code == 2 and "cannot reach the scheduler" in res.stderr
    assert out.read_text(encoding="utf-8") == "earlier\n"
