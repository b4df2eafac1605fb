"""The counterexample figure shows the failure it is drawn for: the broken decay step of [FALA26]
Lemma 3.3 as a ratio m_{t+1}/m_t >= 1, and [FERB24] Theorem 2.1's E_{p_t}[e^r] against e^{r*}."""

from fractions import Fraction

import pytest

from pluralnash.report import figures as F
from pluralnash.numeric import Landscape

# Assumption 2.1 holds, yet m_1 = 8/63 > m_0 = 1/8
L33 = Landscape(exp_rewards=[["1", "1/3", "1/6", "1/3", "1/3"], ["1/3", "1", "1", "1/3", "1/3"]],
                weights=["2/3", "1/3"], p0=["1/16", "1/16", "3/4", "1/16", "1/16"], exp_eps="1/2")
# p_0 misses the argmax: E_{p_t}[e^r] stays 1/10 < e^{r*} = 1
FERB = Landscape(exp_rewards=[["1", "1/10"]], weights=["1"], p0=["0", "1"], exp_eps="9/10")


def test_data_has_the_broken_step_and_the_ceiling():
    d = F.counterexample_data(L33, steps=10)
    assert d["outside_ratio"][0] == pytest.approx(float(Fraction(8, 63) / Fraction(1, 8)))  # 64/63 > 1
    assert d["outside_ratio"][0] > 1 and all(r < 1 for r in d["outside_ratio"][1:])
    f = F.counterexample_data(FERB, steps=5)
    assert f["exp_r_star"] == [1.0] and all(z == [pytest.approx(0.1)] for z in f["Z"])
    same = F.counterexample_data(Landscape(rewards=[["2", "0"]], weights=["1"], p0=["1/2", "1/2"]), steps=2)
    assert same["exp_r_star"][0] == pytest.approx(7.38905609893065)


def _drawn(monkeypatch, data, tmp_path):
    pytest.importorskip("matplotlib")
    saved = {}
    real = F._save
    monkeypatch.setattr(F, "_save", lambda fig, path: (saved.setdefault("fig", fig), real(fig, path)))
    path = tmp_path / "ce.png"
    F.plot_counterexample(data, str(path), "demo")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return saved["fig"].axes


def test_lemma_3_3_figure_marks_the_broken_step(monkeypatch, tmp_path):
    axes = _drawn(monkeypatch, F.counterexample_data(L33, steps=10), tmp_path)
    assert len(axes) == 3
    ratio = axes[1]
    assert ratio.get_yscale() == "log"
    assert any(list(line.get_ydata()) == [1.0, 1.0] for line in ratio.lines)  # the line m_{t+1} = m_t
    notes = [t.get_text() for t in ratio.texts]
    assert notes == ["t = 0: $m_{1}/m_{0}$ = 1.016"]
    assert "\\sum" not in axes[2].get_title() and "Sigma_i" in axes[2].get_title()


def test_ferbach_figure_has_its_e_r_star_line(monkeypatch, tmp_path):
    axes = _drawn(monkeypatch, F.counterexample_data(FERB, steps=5), tmp_path)
    assert len(axes) == 2
    z = axes[1]
    assert any(list(line.get_ydata()) == [1.0, 1.0] for line in z.lines)  # e^{r*} = 1
    assert any("r_{1}^*" in line.get_label() for line in z.lines)


def test_a_control_without_a_broken_step_marks_nothing(monkeypatch, tmp_path):  # negative control
    L = Landscape(exp_rewards=[["1", "1/10", "1/100"], ["1/10", "1", "1/100"]], exp_eps="1/2")
    d = F.counterexample_data(L, steps=5)
    assert all(r < 1 for r in d["outside_ratio"])
    axes = _drawn(monkeypatch, d, tmp_path)
    assert len(axes[1].texts) == 0
