//! The public page over HTTP (tower's `oneshot`, no network): three languages, server-drawn SVG
//! charts with data, filters, server-side sorting, "<5" for small cells, nothing of corruption
//! reports but their counts, and 400 for bad parameters.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "public_support/mod.rs"]
mod support;

use axum::http::StatusCode;
use support::fixture;

/// The rows of the table body, as their header cell's text, in order.
fn row_names(html: &str) -> Vec<String> {
    let body = html.split("<tbody>").nth(1).unwrap().split("</tbody>").next().unwrap();
    // The total row is not a row of the dimension.
    body.split("<tr>")
        .skip(1)
        .map(|s| s.split("<th scope=\"row\">").nth(1).unwrap().split("</th>").next().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_page_speaks_three_languages_and_draws_its_charts_with_data() {
    let f = fixture().await;
    for (lang, health, title) in [
        ("ky", "Саламаттыкты сактоо министрлиги", "мамлекет убагында жооп береби"),
        ("ru", "Министерство здравоохранения", "отвечает ли государство вовремя"),
        ("en", "Ministry of Health", "does the state answer on time"),
    ] {
        let page = f.get(&format!("/?lang={lang}")).await;
        assert_eq!(page.status, StatusCode::OK, "{lang}: {}", page.body);
        assert!(page.content_type.starts_with("text/html"), "{lang}");
        assert!(page.body.contains(&format!("<html lang=\"{lang}\"")), "{lang}");
        assert!(page.body.contains(title), "{lang}: the title");
        // Three inline SVG charts, no script.
        assert_eq!(page.body.matches("<svg").count(), 3, "{lang}");
        assert!(!page.body.contains("<script"), "{lang}");
        // Chart 1: health answered 6 of 12 on time (the March six a month late); chart 3: two months with lines.
        let on_time = page.body.split("id=\"on-time\"").nth(1).unwrap().split("</section>").next().unwrap();
        assert!(on_time.contains(&format!("{health} — 50.0 %")), "{lang}: {on_time}");
        assert!(on_time.contains("<rect"), "{lang}");
        let response = page.body.split("id=\"response\"").nth(1).unwrap().split("</section>").next().unwrap();
        assert!(response.contains(health), "{lang}: median time to first response per agency");
        let trend = page.body.split("id=\"trend\"").nth(1).unwrap().split("</section>").next().unwrap();
        assert_eq!(trend.matches("<circle").count(), 4, "{lang}: two lines of two months, a dot each");
        assert!(trend.contains("2026-03") && trend.contains("2026-04"), "{lang}");
    }
    let css = f.get("/assets/style.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.content_type.starts_with("text/css") && css.body.contains("table"));
}

#[tokio::test]
async fn accept_language_chooses_when_no_lang_is_given() {
    let f = fixture().await;
    let page = f.get_with("/", Some("ru-RU,ru;q=0.9,en;q=0.8")).await;
    assert!(page.body.contains("<html lang=\"ru\""));
    let page = f.get_with("/", Some("fr")).await;
    assert!(page.body.contains("<html lang=\"ky\""), "Kyrgyz by default");
}

#[tokio::test]
async fn small_cells_show_as_under_five_and_corruption_reports_leave_no_trace() {
    let f = fixture().await;
    let page = f.get("/?lang=en").await.body;
    let rows = row_names(&page);
    assert!(rows.iter().any(|r| r.contains("Labour")), "{rows:?}");
    // Social has 2 tickets: its row is hidden whole.
    let social_row = page.split("<th scope=\"row\">").find(|r| r.starts_with("Ministry of Labour")).unwrap();
    let social_row = social_row.split("</tr>").next().unwrap();
    assert!(social_row.contains("<td>&lt;5</td>"), "{social_row}");
    assert!(!social_row.contains("<td>2</td>"), "the exact count never shows: {social_row}");
    // Neither corruption report's number appears anywhere, nor does the region's breakdown show them.
    for number in &f.corruption {
        assert!(!page.contains(&number.to_string()), "{number} is on the page");
    }
    let by_region = f.get("/?lang=en&by=region").await.body;
    let talas = row_names(&by_region);
    assert!(!talas.iter().any(|r| r.contains("Talas")), "a corruption report's region is withheld: {talas:?}");
}

#[tokio::test]
async fn filters_narrow_the_figures() {
    let f = fixture().await;
    let all = f.get("/?lang=en&by=region").await.body;
    assert!(row_names(&all).iter().any(|r| r == "Osh region") && row_names(&all).iter().any(|r| r == "Chuy region"));
    let osh = f.get("/?lang=en&by=region&region=osh").await.body;
    assert_eq!(row_names(&osh), vec!["Osh region".to_owned()], "region filter");
    assert!(osh.contains("<option value=\"osh\" selected>"), "the form keeps the choice");
    let questions = f.get("/?lang=en&by=kind&kind=question").await.body;
    assert_eq!(row_names(&questions), vec!["question".to_owned()]);
    let march = f.get("/?lang=en&by=month&from=2026-03&to=2026-03").await.body;
    assert_eq!(row_names(&march), vec!["2026-03".to_owned()], "period filter");
    let empty = f.get("/?lang=en&from=2025-01&to=2025-02").await.body;
    assert!(empty.contains("Not enough tickets for this chart."), "an empty period says so");
}

#[tokio::test]
async fn sort_links_order_the_table_on_the_server() {
    let f = fixture().await;
    let desc = row_names(&f.get("/?lang=en&sort=received&order=desc").await.body);
    assert_eq!(desc.first().map(String::as_str), Some("Ministry of Health"), "{desc:?}");
    let asc = row_names(&f.get("/?lang=en&sort=received&order=asc").await.body);
    // Ascending: the police (6) before health (12); the hidden rows (2 tickets each) last either way.
    let pos = |rows: &[String], needle: &str| rows.iter().position(|r| r.contains(needle)).unwrap();
    assert!(pos(&asc, "Internal Affairs") < pos(&asc, "Health"), "{asc:?}");
    for rows in [&asc, &desc] {
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert!(pos(rows, "Labour") >= 2 && pos(rows, "Anti-corruption") >= 2, "hidden figures sort last: {rows:?}");
    }
    let page = f.get("/?lang=en&sort=received&order=desc").await.body;
    assert!(page.contains("sort=received&amp;order=asc"), "clicking the sorted column flips it");
    assert!(page.contains("aria-sort=\"descending\""));
}

#[tokio::test]
async fn bad_parameters_are_400_not_a_crash() {
    let f = fixture().await;
    for uri in [
        "/?lang=de",
        "/?from=March",
        "/?from=2026-05&to=2026-01",
        "/?kind=bribe",
        "/?region=%3Cscript%3E",
        "/?sort=salary",
        "/?order=sideways",
        "/?by=gender",
        "/?colour=red",
    ] {
        let answer = f.get(uri).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(!answer.body.contains("<script"), "{uri}: the error is escaped");
    }
}

#[tokio::test]
async fn the_page_is_gzipped_for_clients_that_ask() {
    use std::io::Read;

    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    let f = fixture().await;
    let plain = f.get("/?lang=ru").await;
    let request = Request::get("/?lang=ru").header("accept-encoding", "gzip").body(Body::empty()).unwrap();
    let response = f.app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers().get("content-encoding").unwrap(), "gzip");
    let gzipped = response.into_body().collect().await.unwrap().to_bytes();
    assert!(gzipped.len() * 2 < plain.body.len(), "{} bytes gzipped of {}", gzipped.len(), plain.body.len());
    let mut unpacked = String::new();
    flate2::read::GzDecoder::new(&gzipped[..]).read_to_string(&mut unpacked).unwrap();
    assert_eq!(unpacked, plain.body, "the same page");
}
