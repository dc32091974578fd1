//! The figures of one bot in one run, and the table that puts both bots side by side (one per
//! run, then the medians).

use std::time::Duration;

use crate::Phase;
use crate::conversation::BotKind;
use crate::database::Check;

/// One bot, one run.
pub struct BotFigures {
    pub kind: BotKind,
    pub saturated_rate: f64,
    pub saturated_latencies: Vec<Duration>,
    pub paced_rate: f64,
    pub paced_latencies: Vec<Duration>,
    pub failures: usize,
    pub first_failure: Option<String>,
    pub peak_mib: f64,
    pub rss_mib: f64,
    pub cpu_seconds: f64,
    pub check: Option<Check>,
    pub commit_latencies: Option<Vec<Duration>>,
}

impl BotFigures {
    pub fn new(kind: BotKind, saturated: &Phase, paced: &Phase, peak_mib: f64, rss_mib: f64, cpu_seconds: f64) -> Self {
        let failures: Vec<&String> = saturated.failures.iter().chain(&paced.failures).collect();
        Self {
            kind,
            saturated_rate: saturated.updates as f64 / saturated.elapsed.as_secs_f64(),
            saturated_latencies: saturated.latencies.clone(),
            paced_rate: paced.updates as f64 / paced.sending_span.as_secs_f64().max(f64::MIN_POSITIVE),
            paced_latencies: paced.latencies.clone(),
            failures: failures.len(),
            first_failure: failures.first().map(|why| (*why).clone()),
            peak_mib,
            rss_mib,
            cpu_seconds,
            check: None,
            commit_latencies: None,
        }
    }
}

/// The `p`-th percentile (nearest rank) in milliseconds.
fn percentile_ms(latencies: &[Duration], p: f64) -> Option<f64> {
    if latencies.is_empty() {
        return None;
    }
    let mut sorted = latencies.to_vec();
    sorted.sort_unstable();
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1].as_secs_f64() * 1000.0)
}

/// One line of the table: a value per bot, and Kairyluu's share of the echo bot's when it
/// means something.
struct Row {
    label: String,
    echo: Option<f64>,
    kairyluu: Option<f64>,
    ratio: Option<f64>,
    decimals: usize,
}

/// The rows of one run.
fn rows(pair: &[BotFigures], users: usize, rate: f64) -> Vec<Row> {
    let of = |kind: BotKind| pair.iter().find(|f| f.kind == kind);
    let (echo, bot) = (of(BotKind::Echo), of(BotKind::Kairyluu));
    let row = |label: String, value: &dyn Fn(&BotFigures) -> Option<f64>, decimals: usize| Row {
        label,
        echo: echo.and_then(value),
        kairyluu: bot.and_then(value),
        ratio: None,
        decimals,
    };
    let mut throughput = row(format!("updates answered/s, {users} citizens at once"), &|f| Some(f.saturated_rate), 0);
    throughput.ratio = throughput.kairyluu.zip(throughput.echo).map(|(k, e)| k / e);
    vec![
        throughput,
        row("  reply latency p50 at saturation, ms".into(), &|f| percentile_ms(&f.saturated_latencies, 50.0), 1),
        row("  reply latency p99 at saturation, ms".into(), &|f| percentile_ms(&f.saturated_latencies, 99.0), 1),
        row(format!("updates/s achieved, paced at {rate:.0}/s"), &|f| Some(f.paced_rate), 0),
        row("  update → reply delivered p50, ms".into(), &|f| percentile_ms(&f.paced_latencies, 50.0), 1),
        row("  update → reply delivered p99, ms".into(), &|f| percentile_ms(&f.paced_latencies, 99.0), 1),
        row(
            "  update → turn committed p50, ms".into(),
            &|f| f.commit_latencies.as_deref().and_then(|l| percentile_ms(l, 50.0)),
            1,
        ),
        row(
            "  update → turn committed p99, ms".into(),
            &|f| f.commit_latencies.as_deref().and_then(|l| percentile_ms(l, 99.0)),
            1,
        ),
        row("peak resident memory (VmHWM), MiB".into(), &|f| Some(f.peak_mib), 1),
        row("resident memory at the end (VmRSS), MiB".into(), &|f| Some(f.rss_mib), 1),
        row("CPU time of the bot, s".into(), &|f| Some(f.cpu_seconds), 1),
        row("conversations that failed".into(), &|f| Some(f.failures as f64), 0),
    ]
}

/// Collects runs and prints them.
pub struct Table {
    users: usize,
    rate: f64,
    seconds: f64,
    runs: Vec<Vec<Row>>,
}

impl Table {
    pub fn new(users: usize, rate: f64, seconds: f64) -> Self {
        Self { users, rate, seconds, runs: Vec::new() }
    }

    pub fn print_run(&self, pair: &[BotFigures]) {
        print_rows(&rows(pair, self.users, self.rate));
        for figures in pair {
            if let Some(why) = &figures.first_failure {
                println!("{}: {} conversations failed, the first: {why}", figures.kind.name(), figures.failures);
            }
            if let Some(check) = figures.check {
                println!(
                    "{}: tickets told {} / expected {} / in the database {}, told but missing {}, inbox rows left {} → {}",
                    figures.kind.name(),
                    check.told,
                    check.expected,
                    check.in_database,
                    check.missing,
                    check.unhandled,
                    if check.all_committed() { "every ticket committed" } else { "NOT every ticket committed" },
                );
            }
        }
        println!("(paced phase: {:.0} s of new citizens)\n", self.seconds);
    }

    pub fn add(&mut self, pair: Vec<BotFigures>) {
        self.runs.push(rows(&pair, self.users, self.rate));
    }

    pub fn print_medians(&self) {
        let Some(first) = self.runs.first() else { return };
        let medians: Vec<Row> = (0..first.len())
            .map(|i| {
                let column = |pick: &dyn Fn(&Row) -> Option<f64>| median(self.runs.iter().filter_map(|r| pick(&r[i])));
                Row {
                    label: first[i].label.clone(),
                    echo: column(&|r| r.echo),
                    kairyluu: column(&|r| r.kairyluu),
                    ratio: column(&|r| r.ratio),
                    decimals: first[i].decimals,
                }
            })
            .collect();
        print_rows(&medians);
    }
}

fn median(values: impl Iterator<Item = f64>) -> Option<f64> {
    let mut values: Vec<f64> = values.collect();
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) { (values[mid - 1] + values[mid]) / 2.0 } else { values[mid] })
}

fn print_rows(rows: &[Row]) {
    let cell = |value: Option<f64>, decimals: usize| value.map_or("–".to_owned(), |v| format!("{v:.decimals$}"));
    println!("| | {} | {} | Kairyluu / echo |", BotKind::Echo.name(), BotKind::Kairyluu.name());
    println!("|---|---|---|---|");
    for row in rows {
        let ratio = row.ratio.map_or(String::new(), |r| format!("{:.0} %", r * 100.0));
        println!(
            "| {} | {} | {} | {ratio} |",
            row.label,
            cell(row.echo, row.decimals),
            cell(row.kairyluu, row.decimals)
        );
    }
}
