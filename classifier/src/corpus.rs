//! Labelled messages in JSON Lines, as written in `classifier/corpus/` and `shared/eval/`.
//!
//! ```text
//! {"text": "свет жок 3 күн", "lang": "ky", "kind": "complaint", "agency": "energy", "implicated": null}
//! {"text": "Бүгүн күн ачык болот.", "lang": "ky"}          <- language-only sentence
//! ```
//! Routing fields are optional so that plain sentences can teach language identification
//! without pretending to be appeals.

use serde::{Deserialize, Serialize};

use crate::labels::{Agency, Kind, Lang};

/// One labelled message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The message.
    pub text: String,
    /// Its language.
    pub lang: Lang,
    /// Its kind, for routing examples.
    #[serde(default)]
    pub kind: Option<Kind>,
    /// Its agency, for routing examples.
    #[serde(default)]
    pub agency: Option<Agency>,
    /// The accused body of a corruption report.
    #[serde(default)]
    pub implicated: Option<Agency>,
    /// A sub-population tag of evaluation sets (e.g. `latin`), for per-variant figures.
    #[serde(default)]
    pub variant: Option<String>,
}

impl Record {
    /// The agency *function* a routing example is about: the accused body for corruption,
    /// the labelled agency otherwise. This is what the router's agency head learns.
    pub fn function(&self) -> Option<Agency> {
        match (self.kind, self.agency, self.implicated) {
            (Some(Kind::Corruption), _, Some(accused)) => Some(accused),
            (_, agency, _) => agency,
        }
    }
}

/// A line that is not a valid record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{source_name}:{line}: {message}")]
pub struct CorpusError {
    /// Name of the file or stream.
    pub source_name: String,
    /// 1-based line number.
    pub line: usize,
    /// What was wrong.
    pub message: String,
}

/// Parses JSON Lines; blank lines are skipped, any bad line is an error.
pub fn parse_jsonl(source_name: &str, content: &str) -> Result<Vec<Record>, CorpusError> {
    let mut out = Vec::new();
    for (i, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: Record = serde_json::from_str(line).map_err(|e| CorpusError {
            source_name: source_name.to_owned(),
            line: i + 1,
            message: e.to_string(),
        })?;
        out.push(record);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corruption_record_teaches_the_accused_function() {
        let r = parse_jsonl(
            "t",
            r#"{"text":"x","lang":"ru","kind":"corruption","agency":"anticorruption","implicated":"police"}"#,
        )
        .unwrap();
        assert_eq!(r[0].function(), Some(Agency::Police));
    }

    #[test]
    fn a_bad_line_names_its_place() {
        let err = parse_jsonl("f.jsonl", "\n{\"text\":1}").unwrap_err();
        assert_eq!(err.line, 2);
    }
}
