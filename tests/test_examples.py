"""kgraph.examples: the example graph's temporary folder does not outlive its handle."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

from kgraph.examples import example_graph


def test_the_temporary_folder_goes_with_the_handle():
    kg = example_graph()
    folder = os.path.dirname(str(kg.location))
    assert os.path.basename(folder).startswith("kgraph-example-") and os.path.exists(folder)
    kg.close()
    del kg
    gc.collect()
    assert not os.path.exists(folder)


def test_the_temporary_folder_goes_when_the_process_ends():
    code = "import os\nfrom kgraph.examples import example_graph\nkg = example_graph()\nprint(os.path.dirname(str(kg.location)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120).stdout
    assert out.strip() and not os.path.exists(out.strip())


def test_a_folder_given_is_kept(tmp_path):
    kg = example_graph(str(tmp_path))
    kg.close()
    del kg
    gc.collect()
    assert (tmp_path / "kg.db").exists() and (tmp_path / "data").is_dir()
