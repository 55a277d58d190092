"""`argmap plot`: the files are opened and checked (SVG parsed, PNG decoded), and allies sit together."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest

from argmap.outputs.plot import cluster
from tests.clirun import run_cli as argmap

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"


def _svg(path: Path) -> ET.Element:
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    width, height = float(root.get("width", 0)), float(root.get("height", 0))
    assert 200 <= width <= 5000 and 150 <= height <= 5000
    assert not list(root.iter(f"{SVG}script"))
    return root


def _png(path: Path) -> tuple[int, int]:
    """Width and height from the IHDR chunk, after checking the signature and every chunk's CRC, and that
    the image data inflates to the size the header announces."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, chunks = 8, {}
    idat = b""
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert zlib.crc32(kind + body) == crc
        chunks.setdefault(kind, body)
        if kind == b"IDAT":
            idat += body
        at += 12 + length
    assert b"IEND" in chunks
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    channels = {2: 3, 6: 4, 0: 1, 4: 2}[colour]
    assert len(zlib.decompress(idat)) == height * (1 + width * channels * depth // 8)
    return width, height


def _texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_distribution_svg(tmp_path: Path) -> None:
    out = tmp_path / "d.svg"
    result = argmap("plot", "distribution", "maps", "-o", str(out))
    assert result.returncode == 0, result.stderr
    root = _svg(out)
    texts = _texts(root)
    assert "russia-seeks-annexation" in texts and "integration-threatens-sovereignty" in texts
    tips = [t.text or "" for t in root.iter(f"{SVG}title")]
    assert any("russia-seeks-annexation: 3 agent(s) -1 disagree" in tip for tip in tips)


def test_timeline_and_agreement_svg(tmp_path: Path) -> None:
    out = tmp_path / "t.svg"
    assert argmap("plot", "timeline", "dzianis-melyantsou", "-o", str(out)).returncode == 0
    assert "Stances of Dzianis Melyantsou over time" in _texts(_svg(out))
    agree = tmp_path / "a.svg"
    assert argmap("plot", "agreement", "-o", str(agree)).returncode == 0
    root = _svg(agree)
    assert "Dzianis Melyantsou" in _texts(root)


def test_svg_to_standard_output() -> None:
    result = argmap("plot", "distribution")
    assert result.returncode == 0 and ET.fromstring(result.stdout.split("\n", 1)[1]).tag == f"{SVG}svg"


@pytest.mark.parametrize("kind", [["distribution"], ["timeline", "andrei-kazakevich"], ["agreement"]])
def test_png(tmp_path: Path, kind: list[str]) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "p.png"
    result = argmap("plot", *kind, "-o", str(out))
    assert result.returncode == 0, result.stderr
    width, height = _png(out)
    assert 400 <= width <= 6000 and 300 <= height <= 6000


def test_usage_errors(tmp_path: Path) -> None:
    bad = argmap("plot", "pie")
    assert bad.returncode == 2 and "distribution, timeline AGENT or agreement" in bad.stderr
    assert argmap("plot", "timeline").returncode == 2
    unknown = argmap("plot", "timeline", "nobody-at-all")
    assert unknown.returncode == 2
    assert argmap("plot", "distribution", "--format", "pdf").returncode == 2


def test_png_without_matplotlib_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if not installed: its import fails
    result = argmap("plot", "distribution", "-o", str(tmp_path / "x.png"))
    assert result.returncode == 2 and "argmap[plot]" in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_map_text_is_escaped(tmp_path: Path) -> None:
    """A question id cannot carry markup, but an agent's name can: it is text in the SVG, never markup."""
    corpus = tmp_path / "maps"
    import shutil

    shutil.copytree(ROOT / "maps", corpus)
    agents = corpus / "agents.yaml"
    text = agents.read_text(encoding="utf-8")
    agents.write_text(text.replace("name: Dzianis Melyantsou", 'name: "<script>alert(1)</script> & $x$"', 1), encoding="utf-8")
    out = tmp_path / "a.svg"
    assert argmap("plot", "agreement", str(corpus), "-o", str(out)).returncode == 0
    root = _svg(out)
    assert "<script>alert(1)</script> & $x$" in _texts(root)
    pytest.importorskip("matplotlib")
    png = tmp_path / "a.png"
    assert argmap("plot", "agreement", str(corpus), "-o", str(png)).returncode == 0
    _png(png)


def test_cluster_puts_allies_together() -> None:
    # Two blocs, interleaved in the input: 0, 2, 4 agree with each other, and 1, 3, 5; across, they disagree.
    def distance(i: int, j: int) -> float:
        return 0.1 if i % 2 == j % 2 else 0.9

    order = cluster.order(6, distance)
    assert sorted(order) == list(range(6))
    blocs = [i % 2 for i in order]
    assert blocs in ([0, 0, 0, 1, 1, 1], [1, 1, 1, 0, 0, 0])


def test_cluster_agrees_with_naive_average_linkage() -> None:
    """The nearest-neighbour chain builds the tree that merging the closest pair each time builds: the
    last two clusters of a naive average linkage are the two halves of the order."""
    import random

    rng = random.Random(7)
    n = 14
    points = [(rng.random() * 10, rng.random() * 10) for _ in range(n)]

    def distance(i: int, j: int) -> float:
        return float(((points[i][0] - points[j][0]) ** 2 + (points[i][1] - points[j][1]) ** 2) ** 0.5)

    clusters = [[i] for i in range(n)]
    while len(clusters) > 2:
        best = min(((a, b) for a in range(len(clusters)) for b in range(a + 1, len(clusters))),
                   key=lambda ab: sum(distance(i, j) for i in clusters[ab[0]] for j in clusters[ab[1]])
                   / (len(clusters[ab[0]]) * len(clusters[ab[1]])))
        clusters[best[0]] += clusters.pop(best[1])
    order = cluster.order(n, distance)
    halves = {frozenset(order[:len(clusters[0])]), frozenset(order[len(clusters[0]):])}
    other = {frozenset(order[:len(clusters[1])]), frozenset(order[len(clusters[1]):])}
    assert {frozenset(c) for c in clusters} in (halves, other)


def test_report_has_the_distribution_plot(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert argmap("report", "maps", "-o", str(out)).returncode == 0
    page = out.read_text(encoding="utf-8")

    def plot(label: str) -> ET.Element:
        start = page.index('<svg xmlns="http://www.w3.org/2000/svg" class="plot"', page.index(f'aria-label="{label}"'))
        return ET.fromstring(page[start:page.index("</svg>", start) + len("</svg>")])

    assert "russia-seeks-annexation" in _texts(plot("stance distribution by question"))
    # The agreement as a clustered heat map, and the moves of each agent in more than one map.
    assert "andrei-kazakevich" in " ".join(_texts(plot("agreement, clustered"))) or \
        "Andrei Kazakevich" in " ".join(_texts(plot("agreement, clustered")))
    assert 'id="moves"' in page and 'aria-label="stances of dzianis-melyantsou over time"' in page
    assert "<script" not in page and "script-src 'none'" in page
