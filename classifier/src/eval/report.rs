//! Renders a [`Report`] as plain text (what `kairyluu classifier eval` prints).

use std::collections::BTreeMap;
use std::fmt::{self, Write};

use super::Report;
use super::metrics::{Confusion, ratio};
use crate::labels::{Agency, Kind, Lang};

/// How many of the worst errors are listed.
const WORST: usize = 15;

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.outcomes.len() as u32;
        writeln!(f, "lines: {n}")?;
        writeln!(f, "\n== language identification (same lines, same run) ==")?;
        writeln!(f, "{:<22}{:>9}", "detector", "accuracy")?;
        for (name, m) in [
            ("kairyluu", &self.lang),
            ("whatlang (strict)", &self.whatlang_strict),
            ("whatlang (lenient)", &self.whatlang_lenient),
            ("lingua (strict)", &self.lingua_strict),
            ("lingua (lenient)", &self.lingua_lenient),
        ] {
            writeln!(f, "{name:<22}{:>8.1}%", 100.0 * m.accuracy())?;
        }
        writeln!(f, "(strict: Russian→ru, anything else→other; lenient: also any other Cyrillic language→ky)")?;
        self.per_variant(f)?;
        writeln!(f, "\nlanguage confusion (rows gold, columns ours):")?;
        matrix(f, &self.lang, &Lang::ALL.iter().map(|l| l.code()).collect::<Vec<_>>())?;
        self.baseline_answers(f)?;
        if self.kind.total() > 0 {
            self.routing(f)?;
        }
        Ok(())
    }
}

impl Report {
    fn per_variant(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut groups: BTreeMap<String, (u32, u32, u32, u32)> = BTreeMap::new();
        for o in &self.outcomes {
            let key = match &o.gold.variant {
                Some(v) => format!("{} {v}", o.gold.lang),
                None => o.gold.lang.code().to_owned(),
            };
            let e = groups.entry(key).or_default();
            e.0 += 1;
            e.1 += u32::from(o.ours.lang == o.gold.lang);
            e.2 += u32::from(o.whatlang.lenient == o.gold.lang);
            e.3 += u32::from(o.lingua.lenient == o.gold.lang);
        }
        writeln!(f, "\nby gold language / variant: lines, kairyluu, whatlang lenient, lingua lenient")?;
        for (k, (t, ours, wl, li)) in groups {
            writeln!(
                f,
                "  {k:<26}{t:>5}  {:>6.1}%  {:>6.1}%  {:>6.1}%",
                100.0 * ratio(ours, t),
                100.0 * ratio(wl, t),
                100.0 * ratio(li, t)
            )?;
        }
        Ok(())
    }

    fn baseline_answers(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for lang in [Lang::Ky, Lang::Ru] {
            let mut wl: BTreeMap<&str, u32> = BTreeMap::new();
            let mut li: BTreeMap<&str, u32> = BTreeMap::new();
            for o in self.outcomes.iter().filter(|o| o.gold.lang == lang) {
                *wl.entry(o.whatlang.raw.as_str()).or_default() += 1;
                *li.entry(o.lingua.raw.as_str()).or_default() += 1;
            }
            if wl.is_empty() {
                continue;
            }
            writeln!(f, "what the baselines call gold `{lang}`: whatlang {}; lingua {}", top(&wl), top(&li))?;
        }
        Ok(())
    }

    fn routing(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let agencies = self.agency.total();
        writeln!(f, "\n== routing ==")?;
        writeln!(
            f,
            "kind accuracy          {:>6.1}%   macro-F1 {:.3}",
            100.0 * self.kind.accuracy(),
            self.kind.macro_f1()
        )?;
        writeln!(
            f,
            "agency accuracy top-1  {:>6.1}%   macro-F1 {:.3}",
            100.0 * self.agency.accuracy(),
            self.agency.macro_f1()
        )?;
        writeln!(f, "agency accuracy top-3  {:>6.1}%", 100.0 * ratio(self.agency_top3, agencies))?;
        let (found, all) = self.corruption_found;
        writeln!(f, "corruption recall      {:>6.1}%   ({found}/{all})", 100.0 * ratio(found, all))?;
        writeln!(f, "corruption routed to the accused body: {}", self.routed_to_accused)?;
        let (right, of) = self.implicated_right;
        writeln!(
            f,
            "implicated body right  {:>6.1}%   ({right}/{of} corruption reports found)",
            100.0 * ratio(right, of)
        )?;
        writeln!(f, "\nper kind: precision recall F1 support")?;
        for (i, k) in Kind::ALL.iter().enumerate() {
            class_line(f, k.code(), &self.kind, i)?;
        }
        writeln!(f, "\nper agency: precision recall F1 support")?;
        for (i, a) in Agency::ALL.iter().enumerate() {
            class_line(f, a.code(), &self.agency, i)?;
        }
        writeln!(f, "\nagency confusions (gold -> ours: count), most frequent first:")?;
        let mut pairs: Vec<(u32, usize, usize)> = Vec::new();
        for (g, row) in self.agency.cells.iter().enumerate() {
            for (p, &c) in row.iter().enumerate() {
                if g != p && c > 0 {
                    pairs.push((c, g, p));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (c, g, p) in pairs.iter().take(25) {
            writeln!(f, "  {} -> {}: {c}", Agency::ALL[*g], Agency::ALL[*p])?;
        }
        self.worst(f)
    }

    fn worst(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut wrong: Vec<_> =
            self.outcomes.iter().filter(|o| o.gold.agency.is_some_and(|a| a != o.ours.agency)).collect();
        // Worst first: a missed corruption report, then by how confident we were.
        wrong.sort_by(|a, b| {
            let ca = a.gold.kind == Some(Kind::Corruption);
            let cb = b.gold.kind == Some(Kind::Corruption);
            cb.cmp(&ca).then(b.ours.confidence.total_cmp(&a.ours.confidence))
        });
        writeln!(f, "\nworst routing errors ({} wrong in all):", wrong.len())?;
        for o in wrong.iter().take(WORST) {
            let text: String = o.gold.text.chars().take(70).collect();
            let gold = o.gold.agency.map_or("-", |a| a.code());
            let kind = o.gold.kind.map_or("-", |k| k.code());
            writeln!(
                f,
                "  gold {gold}/{kind} ours {}/{} ({:.2})  {text}",
                o.ours.agency, o.ours.kind, o.ours.confidence
            )?;
        }
        Ok(())
    }
}

fn class_line(f: &mut fmt::Formatter<'_>, name: &str, m: &Confusion, i: usize) -> fmt::Result {
    let s = m.class(i);
    if s.support == 0 && s.precision == 0.0 {
        return Ok(());
    }
    writeln!(f, "  {name:<18}{:>6.2} {:>6.2} {:>6.2} {:>5}", s.precision, s.recall, s.f1, s.support)
}

fn matrix(f: &mut fmt::Formatter<'_>, m: &Confusion, names: &[&str]) -> fmt::Result {
    let mut head = String::from("        ");
    for n in names {
        let _ = write!(head, "{n:>7}");
    }
    writeln!(f, "{head}")?;
    for (g, row) in m.cells.iter().enumerate() {
        if row.iter().sum::<u32>() == 0 {
            continue;
        }
        write!(f, "  {:<6}", names.get(g).copied().unwrap_or("?"))?;
        for c in row {
            write!(f, "{c:>7}")?;
        }
        writeln!(f)?;
    }
    Ok(())
}

fn top(counts: &BTreeMap<&str, u32>) -> String {
    let mut v: Vec<_> = counts.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.iter().take(4).map(|(k, c)| format!("{k} {c}")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use crate::corpus::parse_jsonl;
    use crate::eval::evaluate;
    use crate::model::Model;

    #[test]
    fn a_report_renders_every_section() {
        let records = parse_jsonl(
            "t",
            r#"{"text":"свет жок","lang":"ky","kind":"complaint","agency":"energy","implicated":null}"#,
        )
        .unwrap();
        let text = evaluate(&Model::empty(), &records).to_string();
        assert!(text.contains("kind accuracy"));
        assert!(text.contains("whatlang"));
        assert!(text.contains("corruption recall"));
    }
}
