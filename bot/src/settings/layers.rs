//! Merging the configuration layers, and errors that name where a bad value came from: the file
//! and line, the environment variable, or the built-in defaults.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use toml::{Table, Value};

use super::locate;

const DEFAULTS: &str = include_str!("../../../config/default.toml");
const CALENDAR: &str = include_str!("../../../config/calendar.toml");

/// Environment variables with conventional names, and where they go.
const CONVENTIONAL_ENV: [(&str, &[&str]); 4] = [
    ("DATABASE_URL", &["database", "url"]),
    ("TELOXIDE_TOKEN", &["telegram", "token"]),
    ("TELEGRAM_API_URL", &["telegram", "api_url"]),
    ("KAIRYLUU_HTTP_ADDR", &["http", "addr"]),
];
const ENV_PREFIX: &str = "KAIRYLUU__";

/// A configuration that cannot be used, with where the problem is.
#[derive(Debug)]
pub struct ConfigError {
    /// Where: `FILE:LINE`, an environment variable, or the built-in defaults.
    pub origin: String,
    /// The dotted path of the setting, if known.
    pub path: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "configuration error in {}", self.origin)?;
        if let Some(path) = &self.path {
            write!(f, ", setting `{path}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// The merged layers, remembering what each layer said so errors can point at it.
pub(super) struct Layered {
    merged: Table,
    file: Option<(PathBuf, String)>,
    env_paths: Vec<(String, Vec<String>)>,
}

impl Layered {
    pub(super) fn build(file: Option<&Path>, env: &[(String, String)]) -> Result<Self, ConfigError> {
        let builtin = |message: String| ConfigError { origin: "the built-in defaults".into(), path: None, message };
        let mut merged: Table = DEFAULTS.parse().map_err(|e: toml::de::Error| builtin(e.to_string()))?;
        let calendar: Table = CALENDAR.parse().map_err(|e: toml::de::Error| builtin(e.to_string()))?;
        merged.insert("calendar".into(), Value::Table(calendar));

        let file = match file {
            Some(path) => {
                let origin = path.display().to_string();
                let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
                    origin: origin.clone(),
                    path: None,
                    message: format!("cannot read the file ({e})"),
                })?;
                let layer: Table = text.parse().map_err(|e: toml::de::Error| {
                    let line = e.span().map(|span| locate::line_of(&text, span.start));
                    ConfigError {
                        origin: match line {
                            Some(line) => format!("{origin}:{line}"),
                            None => origin.clone(),
                        },
                        path: None,
                        message: e.message().trim().replace('\n', "; "),
                    }
                })?;
                merge(&mut merged, layer);
                Some((path.to_path_buf(), text))
            }
            None => None,
        };

        let mut env_paths = Vec::new();
        for (name, value) in env {
            let path: Vec<String> = if let Some(rest) = name.strip_prefix(ENV_PREFIX) {
                rest.split("__").map(str::to_lowercase).collect()
            } else if let Some((_, path)) = CONVENTIONAL_ENV.iter().find(|(known, _)| known == name) {
                path.iter().map(|s| (*s).to_owned()).collect()
            } else {
                continue;
            };
            if path.iter().any(String::is_empty) {
                return Err(ConfigError {
                    origin: format!("environment variable {name}"),
                    path: None,
                    message: "empty path segment (use KAIRYLUU__SECTION__KEY)".into(),
                });
            }
            set_path(&mut merged, &path, env_value(value));
            env_paths.push((name.clone(), path));
        }
        Ok(Self { merged, file, env_paths })
    }

    pub(super) fn deserialize<T: DeserializeOwned>(&self) -> Result<T, ConfigError> {
        serde_path_to_error::deserialize(Value::Table(self.merged.clone())).map_err(|e| {
            let path = e.path().to_string();
            let message = e.into_inner().message().trim().to_owned();
            self.error_at(&path, message)
        })
    }

    /// An error about the setting at `path`, attributed to the layer that set it.
    pub(super) fn error_at(&self, path: &str, message: String) -> ConfigError {
        let segments: Vec<&str> = path.split('.').filter(|s| !s.is_empty() && *s != "?").collect();
        let from_env = self.env_paths.iter().rev().find(|(_, env_path)| {
            env_path.len() <= segments.len() && env_path.iter().zip(&segments).all(|(a, b)| a == b)
        });
        let origin = if let Some((name, _)) = from_env {
            format!("environment variable {name}")
        } else if let Some((file, text)) = &self.file {
            match locate::line_of_path(text, &segments) {
                Some(line) => format!("{}:{line}", file.display()),
                None => "the built-in defaults".into(),
            }
        } else {
            "the built-in defaults".into()
        };
        ConfigError { origin, path: (!path.is_empty()).then(|| path.to_owned()), message }
    }
}

/// Merges `layer` into `base`: tables key by key, anything else replaced.
fn merge(base: &mut Table, layer: Table) {
    for (key, value) in layer {
        match (base.get_mut(&key), value) {
            (Some(Value::Table(base_table)), Value::Table(layer_table)) => merge(base_table, layer_table),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

fn set_path(table: &mut Table, path: &[String], value: Value) {
    let Some((last, parents)) = path.split_last() else { return };
    let mut current = table;
    for key in parents {
        let entry = current.entry(key.clone()).or_insert_with(|| Value::Table(Table::new()));
        if !entry.is_table() {
            *entry = Value::Table(Table::new());
        }
        let Value::Table(next) = entry else { return };
        current = next;
    }
    current.insert(last.clone(), value);
}

/// An environment value as TOML when it parses as a TOML value (numbers, booleans, arrays),
/// else as a plain string (URLs, tokens).
fn env_value(raw: &str) -> Value {
    let parsed = format!("v = {raw}").parse::<Table>().ok().and_then(|mut t| t.remove("v"));
    match parsed {
        Some(value @ (Value::Integer(_) | Value::Float(_) | Value::Boolean(_) | Value::Array(_))) => value,
        _ => Value::String(raw.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_values_keep_urls_as_strings_and_read_numbers() {
        assert_eq!(env_value("postgres://a@b/c"), Value::String("postgres://a@b/c".into()));
        assert_eq!(env_value("12"), Value::Integer(12));
        assert_eq!(env_value("123456:ABC"), Value::String("123456:ABC".into()));
    }

    #[test]
    fn tables_merge_and_values_replace() {
        let mut base: Table = "[a]\nx = 1\ny = [1, 2]\n".parse().unwrap();
        let layer: Table = "[a]\ny = [3]\nz = 'new'\n".parse().unwrap();
        merge(&mut base, layer);
        assert_eq!(base.to_string(), "[a]\nx = 1\ny = [3]\nz = \"new\"\n");
    }
}
