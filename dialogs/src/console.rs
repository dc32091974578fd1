//! What `/web` and `/stats` answer, rendered from the catalogs (`i18n/{ky,ru}/console.ftl`).
//!
//! ```text
//! Ссылка для входа в веб-консоль (одноразовая, действует 15 мин.): https://…/console/login/…
//! 📊 Обращения с начала года · Поступило: 1 204 · Отвечено: 980 · Отвечено в срок: 87 % · Просрочено сейчас: <5
//! ```

use crate::i18n::{Arg, console_keys as ck, render};
use crate::lang::UiLang;
use crate::reply::{Keyboard, Reply};

/// The figures of a `/stats` summary, already published (suppressed cells as "<5").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsSummary {
    pub received: String,
    pub answered: String,
    /// The share answered on time, as shown (e.g. "87 %").
    pub on_time: String,
    pub overdue: String,
    /// The public statistics page.
    pub url: String,
}

fn plain(text: String) -> Reply {
    Reply { text, keyboard: Keyboard::None }
}

/// The one-time login link for the web console.
pub fn web_link(lang: UiLang, link: &str, minutes: u32) -> Reply {
    plain(render(lang, ck::WEB_LINK, &[("link", Arg::from(link)), ("minutes", Arg::from(i64::from(minutes)))]))
}

/// `/web` from someone who is not an active officer.
pub fn web_refused(lang: UiLang) -> Reply {
    plain(render(lang, ck::WEB_REFUSED, &[]))
}

/// The `/stats` summary.
pub fn stats(lang: UiLang, summary: &StatsSummary) -> Reply {
    plain(render(
        lang,
        ck::STATS_SUMMARY,
        &[
            ("received", Arg::from(summary.received.as_str())),
            ("answered", Arg::from(summary.answered.as_str())),
            ("ontime", Arg::from(summary.on_time.as_str())),
            ("overdue", Arg::from(summary.overdue.as_str())),
            ("url", Arg::from(summary.url.as_str())),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> StatsSummary {
        StatsSummary {
            received: "120".into(),
            answered: "98".into(),
            on_time: "87 %".into(),
            overdue: "<5".into(),
            url: "https://kairyluu.kg/".into(),
        }
    }

    #[test]
    fn the_link_and_the_figures_reach_the_text_in_both_languages() {
        for lang in [UiLang::Ky, UiLang::Ru] {
            let link = web_link(lang, "https://kairyluu.kg/console/login/abc", 15).text;
            assert!(link.contains("https://kairyluu.kg/console/login/abc") && link.contains("15"), "{link}");
            let stats = stats(lang, &summary()).text;
            for figure in ["120", "98", "87 %", "<5", "https://kairyluu.kg/"] {
                assert!(stats.contains(figure), "{lang:?}: {figure} missing in {stats}");
            }
            assert!(!web_refused(lang).text.is_empty());
        }
        assert_ne!(web_refused(UiLang::Ky).text, web_refused(UiLang::Ru).text);
    }
}
