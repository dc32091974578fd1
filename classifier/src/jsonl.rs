//! The line formats of the command-line tools, kept here so that they are tested without I/O:
//! the `kairyluu` binary only reads and writes.
//!
//! ```text
//! in:  свет жок 3 күн
//! in:  {"id": 7, "text": "Взятку требуют в ЦОНе"}
//! out: {"text":"свет жок 3 күн","lang":"ky","kind":"complaint","agency":"energy",...}
//! out: {"id":7,"text":"Взятку требуют в ЦОНе","lang":"ru","kind":"corruption",...}
//! bad: {"text": 5}  ->  {"line":3,"error":"a JSON line needs a string field \"text\""}
//! ```

use serde::Serialize;
use serde_json::{Value, json};

use crate::classify::{Classification, classify};
use crate::corpus::{CorpusError, parse_jsonl};
use crate::eval::evaluate;
use crate::labels::{Agency, Kind, Lang};
use crate::model::Model;
use crate::train::train_model;

/// Classifies one input line (plain text, or a JSON object with a `"text"` field) into one
/// JSON line (without the newline). `line_no` (1-based) is quoted in the error object of a bad
/// line.
pub fn classify_line(line: &str, line_no: usize) -> String {
    let trimmed = line.trim_end_matches(['\r', '\n']);
    if !trimmed.trim_start().starts_with('{') {
        return output(None, trimmed, &classify(trimmed));
    }
    match serde_json::from_str::<Value>(trimmed) {
        Ok(Value::Object(obj)) => match obj.get("text") {
            Some(Value::String(text)) => output(obj.get("id"), text, &classify(text)),
            _ => error(line_no, "a JSON line needs a string field \"text\""),
        },
        Ok(_) => error(line_no, "a JSON line must be an object"),
        Err(e) => error(line_no, &format!("invalid JSON: {e}")),
    }
}

/// A bad line's error object, as a JSON line.
pub fn error(line_no: usize, message: &str) -> String {
    json!({"line": line_no, "error": message}).to_string()
}

/// The output object, fields in the documented order.
#[derive(Serialize)]
struct Output<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a Value>,
    text: &'a str,
    lang: Lang,
    kind: Kind,
    agency: Agency,
    implicated: Option<Agency>,
    confidence: f64,
    alternatives: Vec<Scored>,
}

#[derive(Serialize)]
struct Scored {
    agency: Agency,
    score: f64,
}

fn output(id: Option<&Value>, text: &str, c: &Classification) -> String {
    let out = Output {
        id,
        text,
        lang: c.lang,
        kind: c.kind,
        agency: c.agency,
        implicated: c.implicated,
        confidence: round3(c.confidence),
        alternatives: c.alternatives.iter().map(|a| Scored { agency: a.agency, score: round3(a.score) }).collect(),
    };
    serde_json::to_string(&out).unwrap_or_else(|e| error(0, &e.to_string()))
}

/// Three decimals are plenty for a score and keep the output readable.
fn round3(x: f32) -> f64 {
    if x.is_finite() { (f64::from(x) * 1000.0).round() / 1000.0 } else { 0.0 }
}

/// Trains on corpus files given as `(name, content)`, **sorted by name by the caller**, and
/// returns the model bytes.
pub fn train_sources(sources: &[(String, String)]) -> Result<Vec<u8>, CorpusError> {
    let mut records = Vec::new();
    for (name, content) in sources {
        records.extend(parse_jsonl(name, content)?);
    }
    Ok(train_model(&records).encode())
}

/// The evaluation report of the shipped model on a labelled JSONL file's content.
pub fn eval_source(name: &str, content: &str) -> Result<String, CorpusError> {
    let records = parse_jsonl(name, content)?;
    Ok(evaluate(Model::shipped(), &records).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_json_lines_give_the_same_labels() {
        let parse = |s: String| serde_json::from_str::<Value>(&s).unwrap();
        let plain = parse(classify_line("Свет жок үч күндөн бери\n", 1));
        let json = parse(classify_line(r#"{"id": "a1", "text": "Свет жок үч күндөн бери"}"#, 2));
        assert!(classify_line("свет", 1).starts_with(r#"{"text":"свет","lang":"#));
        assert_eq!(plain["agency"], json["agency"]);
        assert_eq!(json["id"], "a1");
        for key in ["text", "lang", "kind", "agency", "implicated", "confidence", "alternatives"] {
            assert!(plain.get(key).is_some(), "{key}");
        }
    }

    #[test]
    fn a_bad_line_is_an_error_object() {
        let parse = |s: String| serde_json::from_str::<Value>(&s).unwrap();
        assert_eq!(parse(classify_line(r#"{"text": 5}"#, 3))["line"], 3);
        assert!(parse(classify_line("{not json", 4)).get("error").is_some());
        assert!(parse(classify_line("[1,2]", 5)).get("error").is_none(), "not an object: plain text");
    }
}
