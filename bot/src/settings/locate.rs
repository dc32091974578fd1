//! Finding the line of a setting in a configuration file, so an error can point at it.

use toml_edit::{ImDocument, Item};

/// The 1-based line of byte `offset` in `text`.
pub(super) fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).unwrap_or(text).matches('\n').count() + 1
}

/// The line where the setting at `path` (e.g. `["agencies", "helth", "name_ru"]`) is written in
/// `text`, or the line of its nearest written ancestor; `None` if the file does not mention it.
pub(super) fn line_of_path(text: &str, path: &[&str]) -> Option<usize> {
    let document = ImDocument::parse(text.to_owned()).ok()?;
    let mut item: &Item = document.as_item();
    let mut best = None;
    for segment in path {
        let index = segment.trim_start_matches('[').trim_end_matches(']');
        let next = if let Ok(position) = index.parse::<usize>() {
            item.get(position).map(|next| (None, next))
        } else {
            item.as_table_like().and_then(|table| table.get_key_value(segment)).map(|(key, next)| (key.span(), next))
        };
        let Some((key_span, next)) = next else { break };
        if let Some(span) = key_span.or_else(|| next.span()) {
            best = Some(line_of(text, span.start));
        }
        item = next;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_line_of_a_nested_key() {
        let text = "[database]\nurl = 'x'\n\n[agencies.helth]\nname_ru = 'a'\n";
        assert_eq!(line_of_path(text, &["database", "url"]), Some(2));
        assert_eq!(line_of_path(text, &["agencies", "helth"]), Some(4));
        assert_eq!(line_of_path(text, &["agencies", "helth", "name_ru"]), Some(5));
        assert_eq!(line_of_path(text, &["telegram", "token"]), None);
    }
}
