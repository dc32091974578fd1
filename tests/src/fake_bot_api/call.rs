//! One recorded request from the bot, with small readers for what tests usually assert on.

use std::time::Instant;

use serde_json::Value;

/// A request the bot made, in the order the fake answered it.
#[derive(Clone, Debug)]
pub struct Call {
    /// The method in lower camel case (`sendMessage`), whatever case the bot used in the URL.
    pub method: String,
    /// The parameters as JSON, whether they came as JSON, a form or multipart (numbers and
    /// `reply_markup` decoded; uploaded files as `{"file_name": …, "size": …}`).
    pub params: Value,
    /// When the request arrived.
    pub at: Instant,
    /// The `result` the fake answered, or `None` when it answered an error.
    pub result: Option<Value>,
}

impl Call {
    /// The `chat_id` parameter, as a number even when the bot sent it as a string.
    pub fn chat_id(&self) -> Option<i64> {
        chat_id_of(&self.params)
    }

    /// The `text` parameter, or the `caption` of a media message.
    pub fn text(&self) -> Option<&str> {
        self.params.get("text").or_else(|| self.params.get("caption")).and_then(Value::as_str)
    }

    /// The id of the message this call created or edited (from the answer, so `None` on error).
    pub fn message_id(&self) -> Option<i64> {
        self.result.as_ref()?.get("message_id")?.as_i64()
    }

    /// The inline buttons that carry callback data, as `(label, callback_data)`, row by row.
    pub fn buttons(&self) -> Vec<(String, String)> {
        self.keyboard_rows("inline_keyboard")
            .filter_map(|button| {
                let data = button.get("callback_data")?.as_str()?;
                Some((button.get("text")?.as_str()?.to_owned(), data.to_owned()))
            })
            .collect()
    }

    /// The callback data of the first inline button whose label contains `label`.
    pub fn button(&self, label: &str) -> Option<String> {
        self.buttons().into_iter().find(|(text, _)| text.contains(label)).map(|(_, data)| data)
    }

    /// The labels of a reply keyboard (the big buttons under the input field), row by row.
    pub fn keyboard(&self) -> Vec<String> {
        self.keyboard_rows("keyboard")
            .filter_map(|button| button.as_str().or_else(|| button.get("text")?.as_str()).map(str::to_owned))
            .collect()
    }

    fn keyboard_rows(&self, kind: &str) -> impl Iterator<Item = &Value> {
        self.params
            .get("reply_markup")
            .and_then(|markup| markup.get(kind))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_array)
            .flatten()
    }
}

/// Reads a `chat_id`-like value that may be a JSON number or a numeric string.
pub(crate) fn chat_id_of(params: &Value) -> Option<i64> {
    int_of(params.get("chat_id")?)
}

/// A number sent as a JSON number or as a string (forms and multipart only carry strings).
pub(crate) fn int_of(value: &Value) -> Option<i64> {
    value.as_i64().or_else(|| value.as_str()?.trim().parse().ok())
}
