//! The page's table: which columns, how each cell reads and sorts. Sorting happens on the
//! server (links), so the table needs no JavaScript.

use tickets::stats::{Cell, StatsRow};

/// One column: its key in `?sort=`, its catalog label, and its cell.
pub struct Column {
    pub key: &'static str,
    pub label: &'static str,
    cell: fn(&StatsRow) -> Shown,
}

/// A cell as shown and as sorted: suppressed and empty cells have no sort value.
pub struct Shown {
    pub text: String,
    pub sort: Option<f64>,
}

fn count(cell: Cell<i64>) -> Shown {
    Shown { text: cell.to_string(), sort: cell.value().map(|v| *v as f64) }
}

fn days(cell: Cell<f64>) -> Shown {
    Shown { text: cell.map(|v| format!("{v:.1}")).to_string(), sort: cell.value().copied() }
}

fn percent(cell: Cell<f64>) -> Shown {
    Shown { text: cell.map(|v| format!("{:.1} %", v * 100.0)).to_string(), sort: cell.value().copied() }
}

fn mean(cell: Cell<f64>) -> Shown {
    Shown { text: cell.map(|v| format!("{v:.2}")).to_string(), sort: cell.value().copied() }
}

pub const COLUMNS: [Column; 12] = [
    Column { key: "received", label: "col-received", cell: |r| count(r.received) },
    Column { key: "answered", label: "col-answered", cell: |r| count(r.answered) },
    Column { key: "open", label: "col-open", cell: |r| count(r.open) },
    Column { key: "overdue", label: "col-overdue", cell: |r| count(r.overdue_now) },
    Column { key: "on_time", label: "col-on-time", cell: |r| percent(r.on_time_share) },
    Column { key: "first_median", label: "col-first-median", cell: |r| days(r.first_response.median_working_days) },
    Column { key: "first_p90", label: "col-first-p90", cell: |r| days(r.first_response.p90_working_days) },
    Column {
        key: "resolution_median",
        label: "col-resolution-median",
        cell: |r| days(r.resolution.median_working_days),
    },
    Column { key: "rating", label: "col-rating", cell: |r| mean(r.mean_rating) },
    Column { key: "reopen", label: "col-reopen", cell: |r| percent(r.reopen_rate) },
    Column { key: "runarounds", label: "col-runaround", cell: |r| count(r.runarounds) },
    Column { key: "brushoffs", label: "col-brushoffs", cell: |r| count(r.brushoffs) },
];

impl Column {
    pub fn show(&self, row: &StatsRow) -> Shown {
        (self.cell)(row)
    }

    pub fn find(key: &str) -> Option<&'static Column> {
        COLUMNS.iter().find(|c| c.key == key)
    }
}

/// Sorts `rows` by `column` (`None`: by the row's label, as given); hidden figures go last
/// whichever the direction, so "<5" never ranks as best or worst.
pub fn sort(rows: &mut [(String, &StatsRow)], column: Option<&Column>, descending: bool) {
    match column {
        None => {
            if descending {
                rows.reverse();
            }
        }
        Some(column) => rows.sort_by(|a, b| {
            let (x, y) = (column.show(a.1).sort, column.show(b.1).sort);
            match (x, y) {
                (Some(x), Some(y)) if descending => y.total_cmp(&x),
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.0.cmp(&b.0),
            }
        }),
    }
}
