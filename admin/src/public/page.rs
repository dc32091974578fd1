//! The page's HTML: header, language links, the filter form, three charts, the sortable table,
//! downloads. Every text comes from the catalogs; every figure from a published table.

use std::fmt::Write;

use classifier::Kind;
use fluent_bundle::FluentValue;
use tickets::stats::{Bucket, Dimension, StatsFilter, StatsRow, StatsTable};

use super::charts::{self, Bar, Point};
use super::i18n::{Lang, t, t_args};
use super::table::{COLUMNS, Column, sort};
use super::{TABLE_DIMENSIONS, check_known};
use crate::AppState;
use crate::params::{self, BadRequest, Raw};

/// The regions of the filter, as stored.
const REGIONS: [&str; 9] =
    ["bishkek", "osh_city", "chuy", "issyk_kul", "naryn", "talas", "jalal_abad", "osh", "batken"];

/// What the visitor asked for.
pub struct Request {
    pub lang: Lang,
    pub filter: StatsFilter,
    pub by: Dimension,
    pub sort: Option<&'static Column>,
    pub descending: bool,
    /// The filter parameters as given, to carry into links.
    kept: Vec<(String, String)>,
}

impl Request {
    pub fn parse(raw: &Raw, lang: Lang, state: &AppState) -> Result<Request, BadRequest> {
        check_known(raw)?;
        let filter = params::filter(raw, state.statistics.timezone(), state.include_synthetic)?;
        if filter.agency.is_some() {
            return Err(BadRequest::new("agency: the page shows every agency"));
        }
        let by = params::dimension(raw, "by")?;
        if !TABLE_DIMENSIONS.contains(&by) {
            return Err(BadRequest::new(format!(
                "by: the page's table is by agency, region, kind or month, not `{}`",
                by.code()
            )));
        }
        let sort = match params::value(raw, "sort") {
            None => None,
            Some(key) => {
                Some(Column::find(key).ok_or_else(|| BadRequest::new(format!("sort: unknown column `{key}`")))?)
            }
        };
        let descending = match params::value(raw, "order") {
            None => sort.is_some(),
            Some("desc") => true,
            Some("asc") => false,
            Some(other) => return Err(BadRequest::new(format!("order: `{other}` is neither asc nor desc"))),
        };
        // Only validated values are kept: dates, codes.
        let kept = ["from", "to", "region", "kind"]
            .iter()
            .filter_map(|k| params::value(raw, k).map(|v| ((*k).to_owned(), v.to_owned())))
            .collect();
        Ok(Request { lang, filter, by, sort, descending, kept })
    }

    fn value(&self, key: &str) -> &str {
        self.kept.iter().find(|(k, _)| k == key).map_or("", |(_, v)| v.as_str())
    }

    /// A link to the page with `changes` applied to the current parameters.
    fn link(&self, changes: &[(&str, &str)]) -> String {
        let mut pairs: Vec<(String, String)> = vec![("lang".into(), self.lang.code().into())];
        pairs.extend(self.kept.iter().cloned());
        pairs.push(("by".into(), self.by.code().into()));
        if let Some(column) = self.sort {
            pairs.push(("sort".into(), column.key.into()));
            pairs.push(("order".into(), if self.descending { "desc" } else { "asc" }.into()));
        }
        for (key, value) in changes {
            pairs.retain(|(k, _)| k != key);
            if !value.is_empty() {
                pairs.push(((*key).to_owned(), (*value).to_owned()));
            }
        }
        format!("/?{}", query(&pairs))
    }

    /// The API query of the current filter and `dimension`.
    fn api_query(&self, dimension: Dimension) -> String {
        let mut pairs = vec![("dimension".to_owned(), dimension.code().to_owned())];
        pairs.extend(self.kept.iter().cloned());
        query(&pairs)
    }
}

fn query(pairs: &[(String, String)]) -> String {
    pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&amp;")
}

/// Percent-encodes all but unreserved characters.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub use crate::escape::html as escape;

/// A row's label in `lang`.
fn label(state: &AppState, lang: Lang, dimension: Dimension, bucket: &Bucket) -> String {
    match bucket {
        Bucket::Unknown => t(lang, "bucket-unknown"),
        Bucket::Withheld => t(lang, "bucket-withheld"),
        Bucket::Total => t(lang, "bucket-total"),
        Bucket::Value(code) => match dimension {
            Dimension::Agency | Dimension::Implicated => code
                .parse()
                .ok()
                .and_then(|c| state.agencies.get(&c))
                .map_or_else(|| code.clone(), |a| lang.agency_name(a)),
            Dimension::Region => {
                let name = t(lang, &format!("region-{code}"));
                if name.starts_with("region-") { code.clone() } else { name }
            }
            Dimension::Kind => t(lang, &format!("kind-{code}")),
            _ => code.clone(),
        },
    }
}

fn chart_or_note(lang: Lang, svg: Result<String, charts::ChartError>, has_data: bool) -> String {
    match svg {
        Ok(svg) if has_data => svg,
        Ok(_) => format!("<p class=\"empty\">{}</p>", escape(&t(lang, "chart-empty"))),
        Err(error) => {
            tracing::warn!(%error, "public page: a chart failed");
            format!("<p class=\"empty\">{}</p>", escape(&t(lang, "chart-empty")))
        }
    }
}

/// The whole page.
pub fn render(
    state: &AppState,
    r: &Request,
    by_agency: &StatsTable,
    by_month: &StatsTable,
    listed: &StatsTable,
) -> String {
    let lang = r.lang;
    let tr = |id: &str| escape(&t(lang, id));
    let mut h = String::with_capacity(64 * 1024);
    let _ = write!(
        h,
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><link rel=\"stylesheet\" href=\"/assets/style.css\"></head><body><main>",
        lang.code(),
        tr("page-title")
    );
    let _ = write!(h, "<nav class=\"langs\" aria-label=\"{}\">", tr("lang-label"));
    for other in Lang::ALL {
        let current = if other == lang { " aria-current=\"true\"" } else { "" };
        let _ = write!(h, "<a href=\"{}\"{current}>{}</a> ", r.link(&[("lang", other.code())]), other.code());
    }
    let _ = write!(h, "</nav><h1>{}</h1><p>{}</p>", tr("page-title"), tr("page-intro"));
    if state.include_synthetic {
        let _ = write!(h, "<p class=\"note\">{}</p>", tr("synthetic-note"));
    }
    form(&mut h, r);

    // Chart 1: on-time share per agency, best first; hidden figures are left out.
    let mut on_time: Vec<Bar> = by_agency
        .rows
        .iter()
        .filter_map(|row| {
            let share = *row.on_time_share.value()?;
            Some(Bar {
                label: label(state, lang, Dimension::Agency, &row.bucket),
                value: share * 100.0,
                mark: None,
                text: format!("{:.1} %", share * 100.0),
            })
        })
        .collect();
    on_time.sort_by(|a, b| b.value.total_cmp(&a.value));
    let _ = write!(h, "<section class=\"chart\" id=\"on-time\"><h2>{}</h2>", tr("chart-on-time"));
    h.push_str(&chart_or_note(lang, charts::bars(&on_time, Some(100.0)), !on_time.is_empty()));

    // Chart 2: time to first response, median and 90th percentile, per agency.
    let mut response: Vec<Bar> = by_agency
        .rows
        .iter()
        .filter_map(|row| {
            let median = *row.first_response.median_working_days.value()?;
            let p90 = row.first_response.p90_working_days.value().copied();
            Some(Bar {
                label: label(state, lang, Dimension::Agency, &row.bucket),
                value: median,
                mark: p90,
                text: match p90 {
                    Some(p90) => format!("{median:.1} / {p90:.1}"),
                    None => format!("{median:.1}"),
                },
            })
        })
        .collect();
    response.sort_by(|a, b| a.value.total_cmp(&b.value));
    let _ = write!(h, "</section><section class=\"chart\" id=\"response\"><h2>{}</h2>", tr("chart-response"));
    h.push_str(&chart_or_note(lang, charts::bars(&response, None), !response.is_empty()));

    // Chart 3: the trend by month, months with a hidden count left out.
    let points: Vec<Point> = by_month
        .rows
        .iter()
        .filter_map(|row| {
            let Bucket::Value(month) = &row.bucket else { return None };
            Some(Point { month: month.clone(), received: *row.received.value()?, answered: *row.answered.value()? })
        })
        .collect();
    let _ = write!(h, "</section><section class=\"chart\" id=\"trend\"><h2>{}</h2>", tr("chart-trend"));
    let trend = charts::trend(&points, &t(lang, "legend-received"), &t(lang, "legend-answered"));
    h.push_str(&chart_or_note(lang, trend, !points.is_empty()));
    h.push_str("</section>");

    table(&mut h, state, r, listed);
    let min = i64::from(listed.min_cell);
    let _ = write!(
        h,
        "<p class=\"note\">{}</p>",
        escape(&t_args(lang, "suppression-note", &[("min", FluentValue::from(min))]))
    );
    let api = r.api_query(r.by);
    let _ = write!(
        h,
        "<section id=\"data\"><h2>{}</h2><ul><li><a href=\"/api/v1/stats.csv?{api}\">{}</a> · \
         <a href=\"/api/v1/stats?{api}\">{}</a></li><li><a href=\"/api/v1/open-data.csv\">{}</a></li>\
         <li><a href=\"/api/v1/openapi.json\">{}</a> · <a href=\"/open311/v2/services.json?lang={}\">{}</a></li></ul>\
         <p>{}</p></section></main></body></html>",
        tr("downloads"),
        tr("link-csv"),
        tr("link-json"),
        tr("link-open-data"),
        tr("link-openapi"),
        lang.code(),
        tr("link-open311"),
        tr("link-definitions"),
    );
    h
}

/// The GET form: period, region, kind and the table's dimension.
fn form(h: &mut String, r: &Request) {
    let lang = r.lang;
    let tr = |id: &str| escape(&t(lang, id));
    let _ = write!(
        h,
        "<form method=\"get\" action=\"/\" class=\"filters\"><fieldset><legend>{}</legend>\
         <input type=\"hidden\" name=\"lang\" value=\"{}\">\
         <label>{} <input type=\"month\" name=\"from\" value=\"{}\" placeholder=\"2026-01\"></label>\
         <label>{} <input type=\"month\" name=\"to\" value=\"{}\" placeholder=\"2026-12\"></label>",
        tr("filter-title"),
        lang.code(),
        tr("filter-from"),
        escape(r.value("from")),
        tr("filter-to"),
        escape(r.value("to")),
    );
    let select = |h: &mut String, name: &str, title: &str, options: &[(String, String)], current: &str, any: bool| {
        let _ = write!(h, "<label>{} <select name=\"{name}\">", escape(title));
        if any {
            let _ = write!(h, "<option value=\"\">{}</option>", tr("filter-any"));
        }
        for (value, text) in options {
            let selected = if value == current { " selected" } else { "" };
            let _ = write!(h, "<option value=\"{}\"{selected}>{}</option>", escape(value), escape(text));
        }
        h.push_str("</select></label>");
    };
    let regions: Vec<(String, String)> =
        REGIONS.iter().map(|code| ((*code).to_owned(), t(lang, &format!("region-{code}")))).collect();
    select(h, "region", &t(lang, "filter-region"), &regions, r.value("region"), true);
    let kinds: Vec<(String, String)> =
        Kind::ALL.iter().map(|k| (k.code().to_owned(), t(lang, &format!("kind-{}", k.code())))).collect();
    select(h, "kind", &t(lang, "filter-kind"), &kinds, r.value("kind"), true);
    let dims: Vec<(String, String)> =
        TABLE_DIMENSIONS.iter().map(|d| (d.code().to_owned(), t(lang, &format!("dim-{}", d.code())))).collect();
    select(h, "by", &t(lang, "filter-by"), &dims, r.by.code(), false);
    let _ = write!(h, "<button type=\"submit\">{}</button></fieldset></form>", tr("filter-apply"));
}

/// The table with sort links in its header.
fn table(h: &mut String, state: &AppState, r: &Request, listed: &StatsTable) {
    let lang = r.lang;
    let tr = |id: &str| escape(&t(lang, id));
    let _ = write!(
        h,
        "<section id=\"figures\"><h2>{}</h2><p class=\"hint\">{}</p><div class=\"scroll\"><table><thead><tr>",
        tr("table-title"),
        tr("table-sort-hint")
    );
    // The label column sorts by name; a second click reverses.
    let by_label_desc = r.sort.is_none() && !r.descending;
    let _ = write!(
        h,
        "<th scope=\"col\"><a href=\"{}\">{}</a></th>",
        r.link(&[("sort", ""), ("order", if by_label_desc { "desc" } else { "" })]),
        tr("col-bucket")
    );
    for column in &COLUMNS {
        let current = r.sort.is_some_and(|c| c.key == column.key);
        // First click: largest first; clicking the current column flips it.
        let order = if current && r.descending { "asc" } else { "desc" };
        let arrow = match (current, r.descending) {
            (true, true) => " ▼",
            (true, false) => " ▲",
            _ => "",
        };
        let sorted = if current {
            " aria-sort=\"".to_owned() + if r.descending { "descending\"" } else { "ascending\"" }
        } else {
            String::new()
        };
        let _ = write!(
            h,
            "<th scope=\"col\"{sorted}><a href=\"{}\">{}{arrow}</a></th>",
            r.link(&[("sort", column.key), ("order", order)]),
            tr(column.label)
        );
    }
    h.push_str("</tr></thead><tbody>");
    let mut rows: Vec<(String, &StatsRow)> =
        listed.rows.iter().map(|row| (label(state, lang, listed.dimension, &row.bucket), row)).collect();
    sort(&mut rows, r.sort, r.descending);
    let total = t(lang, "bucket-total");
    for (name, row) in
        rows.iter().map(|(n, row)| (n.as_str(), *row)).chain(std::iter::once((total.as_str(), &listed.total)))
    {
        let class = if matches!(row.bucket, Bucket::Total) { " class=\"total\"" } else { "" };
        let _ = write!(h, "<tr{class}><th scope=\"row\">{}</th>", escape(name));
        for column in &COLUMNS {
            let shown = column.show(row);
            let _ = write!(h, "<td>{}</td>", escape(&shown.text));
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table></div></section>");
}
