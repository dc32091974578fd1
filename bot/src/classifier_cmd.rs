//! The I/O side of `kairyluu classify` and `kairyluu classifier train|eval`. Everything that is
//! not reading or writing lives in the `classifier` crate (`classifier::jsonl`), where it is
//! tested without files.
//!
//! ```text
//! $ echo 'свет жок 3 күн' | kairyluu classify
//! {"text":"свет жок 3 күн","lang":"ky","kind":"complaint","agency":"energy","implicated":null,...}
//! ```

use std::io::{BufRead, Write};
use std::path::Path;

use anyhow::Context;

/// `kairyluu classify`: stdin lines (plain text, or JSONL objects with a "text" field) -> one
/// JSONL object per line {"text","lang","kind","agency","implicated","confidence","alternatives"}.
/// A bad line gives a JSON error object for that line and processing continues.
pub fn classify(mut input: impl BufRead, mut output: impl Write) -> anyhow::Result<()> {
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    loop {
        buf.clear();
        let n = input.read_until(b'\n', &mut buf).context("cannot read standard input")?;
        if n == 0 {
            break;
        }
        line_no += 1;
        // Invalid UTF-8 is a bad line, not the end of the run.
        let json = match std::str::from_utf8(&buf) {
            Ok(line) => classifier::jsonl::classify_line(line, line_no),
            Err(_) => classifier::jsonl::error(line_no, "the line is not valid UTF-8"),
        };
        writeln!(output, "{json}").context("cannot write the result")?;
    }
    output.flush().context("cannot write the result")?;
    Ok(())
}

/// `kairyluu classifier train [--corpus DIR] [--out FILE]`: rebuild the model deterministically
/// from every `*.jsonl` file of the corpus directory, read in file-name order.
pub fn train(corpus_dir: &Path, model_out: &Path) -> anyhow::Result<()> {
    let mut files: Vec<_> = std::fs::read_dir(corpus_dir)
        .with_context(|| format!("cannot list the corpus directory {}", corpus_dir.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .with_context(|| format!("cannot list the corpus directory {}", corpus_dir.display()))?;
    files.retain(|p| p.extension().is_some_and(|x| x == "jsonl"));
    files.sort();
    let sources = files
        .iter()
        .map(|p| {
            let content = std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?;
            Ok((p.display().to_string(), content))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let bytes = classifier::jsonl::train_sources(&sources).context("the corpus has a bad line")?;
    std::fs::write(model_out, &bytes).with_context(|| format!("cannot write {}", model_out.display()))?;
    eprintln!("trained on {} files: {} bytes -> {}", files.len(), bytes.len(), model_out.display());
    Ok(())
}

/// `kairyluu classifier eval FILE.jsonl`: the report of issue 4 (per-axis accuracy, macro-F1,
/// per-class P/R, agency confusion, corruption recall, top-3 agency, worst errors, and whatlang
/// and lingua language-ID accuracy measured in the same run).
pub fn eval(file: &Path, mut output: impl Write) -> anyhow::Result<()> {
    let content = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let report = classifier::jsonl::eval_source(&file.display().to_string(), &content)
        .context("the evaluation file has a bad line")?;
    output.write_all(report.as_bytes()).context("cannot write the report")?;
    output.flush().context("cannot write the report")?;
    Ok(())
}
