"""The debrief's text charts, headless: a known series gives known rows, marks land on the columns
of their times, a late wait is marked, and every row fits the width it was drawn for."""

from __future__ import annotations

import pytest

from tui.debrief_data import Gap, Mark
from tui.widgets.charts import AXIS, column_of, column_values, gap_chart, impact_chart, scale_top

# 20 columns from T+00:00 to T+03:20: ten seconds a column.
WIDTH = AXIS + 1 + 20
END = 200
SERIES = ((0, 0.0), (50, 0.5), (100, 0.25), (150, 0.0))


def rows(text) -> list[str]:
    return text.plain.split("\n")


def test_a_known_series_draws_known_rows():
    chart = impact_chart(SERIES, END, [], WIDTH, height=4)
    assert rows(chart)[:4] == [
        " 50%┤" + " " * 5 + "█" * 5 + " " * 10,
        "    │" + " " * 5 + "█" * 5 + " " * 10,
        " 25%┤" + " " * 5 + "█" * 10 + " " * 5,
        "    │" + " " * 5 + "█" * 10 + " " * 5,
    ]
    assert rows(chart)[4] == "  0%└┬" + "─" * 18 + "┬"
    assert rows(chart)[5] == " " * AXIS + "T+00:00" + " " * 6 + "T+03:20"


def test_a_share_between_rows_is_drawn_in_eighths():
    # 30% of a 50% scale, four rows high: 19.2 eighths, so two full rows and three eighths.
    chart = impact_chart(((0, 0.3), (50, 0.5)), 100, [], AXIS + 1 + 10, height=4)
    assert [row[AXIS] for row in rows(chart)[:4]] == [" ", "▃", "█", "█"]


def test_a_spike_shorter_than_a_column_still_shows():
    assert column_values(((0, 0.0), (12, 0.4), (13, 0.0)), 100, 10) == [0.0, 0.4] + [0.0] * 8


def test_the_scale_rounds_the_peak_up_to_a_tenth():
    assert [scale_top(x) for x in (0.0, 0.02, 0.3, 0.31, 0.5, 1.0)] == [0.1, 0.1, 0.3, 0.4, 0.5, 1.0]


def test_marks_sit_under_the_columns_of_their_times_with_guides_where_the_chart_is_empty():
    marks = [
        Mark(55, "P", "you were paged", "page"),
        Mark(52, "1", "declared Sev2", "severity"),  # the same column as P: the row below
        Mark(170, "2", "Sev2 → Sev1", "severity"),
    ]
    lines = rows(impact_chart(SERIES, END, marks, WIDTH, height=4))
    assert column_of(55, END, 20) == 5 and column_of(170, END, 20) == 17
    first, second = lines[5], lines[6]
    assert first == " " * (AXIS + 5) + "P" + " " * 11 + "2" + " " * 2
    assert second == " " * (AXIS + 5) + "1" + " " * 14
    # A guide runs up the empty column of a call; the bar at T+00:55 is not drawn over.
    assert all(line[AXIS + 17] == "┊" and line[AXIS + 5] == "█" for line in lines[2:4])
    assert all(line[AXIS + 17] == "┊" and line[AXIS + 5] == "█" for line in lines[:2])
    legend = " ".join(lines[8:])
    assert "P T+00:55 you were paged" in legend and "1 T+00:52 declared Sev2" in legend
    assert "2 T+02:50 Sev2 → Sev1" in legend


def test_no_impact_says_so():
    assert "No customer was affected in this run." in impact_chart(((0, 0.0),), 600, [], 76).plain


GAPS = [
    Gap(0, 300, 600, late=False, posted=True, first=True),  # on time
    Gap(300, 1200, 600, late=True, posted=True, first=False),  # 5 minutes over: counted late
    Gap(1200, 1290, 60, late=False, posted=True, first=False),  # 30 s over, within the grace
    Gap(1290, 1500, 600, late=False, posted=False, first=False),  # no update came before the end
]


def test_each_wait_is_a_bar_against_the_interval_allowed_and_the_late_one_is_marked():
    width = 24 + 30 + 1 + 6  # the labels, 30 bar columns and the marker's, the tail
    lines = rows(gap_chart(GAPS, width, grace=120))
    on_time, late, grace, open_end = lines[1:5]
    # One scale: the longest wait (900 s) fills 30 columns, so 600 s allowed is column 20.
    assert on_time == "T+05:00    5:00 10:00   " + "█" * 10 + " " * 10 + "│" + " " * 10
    assert late == "T+20:00   15:00 10:00   " + "█" * 20 + "┃" + "█" * 9 + " " + " LATE"
    assert grace.startswith("T+21:30    1:30 1:00    ") and grace.endswith(" grace")
    assert open_end.startswith("(end)      3:30 10:00") and "LATE" not in open_end
    assert "LATE" not in on_time and "grace" not in on_time
    assert "overdue past the 2:00 grace" in " ".join(lines[5:])


def test_the_part_of_a_late_bar_past_the_interval_is_red_and_the_rest_green():
    text = gap_chart(GAPS[1:2], 24 + 30 + 1 + 6)
    bar = text.plain.split("\n")[1]
    at = text.plain.index(bar)
    marker = bar.index("┃")

    def styles(column: int) -> set[str]:
        return {str(s.style) for s in text.spans if s.start <= at + column < s.end}

    assert all("red" in styles(c) for c in range(marker + 1, marker + 10))
    assert all("green" in styles(c) for c in range(bar.index("█"), marker))


def test_no_page_no_waits():
    assert "never paged" in gap_chart([], 76).plain


@pytest.mark.parametrize("width", [76, 116])
def test_the_charts_fit_the_width_they_are_drawn_for(width):
    marks = [Mark(t, s, f"label {s}", "severity") for t, s in ((60, "1"), (300, "2"), (1190, "3"))]
    for line in rows(impact_chart(SERIES, 1200, marks, width)):
        assert len(line) <= width, line
    for line in rows(gap_chart(GAPS, width))[:-2]:  # the key under the bars wraps where it is shown
        assert len(line) <= width, line
