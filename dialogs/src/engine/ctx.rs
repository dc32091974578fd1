//! The output being built by one step: replies in the citizen's language, and effects.

use crate::action::Action;
use crate::effect::Effect;
use crate::i18n::{self, Arg, Key, keys};
use crate::lang::UiLang;
use crate::reply::{Button, Keyboard, MAX_MESSAGE_CHARS, Reply};

/// Replies are cut here, leaving room for what Telegram counts differently (UTF-16 units).
const REPLY_BUDGET: usize = MAX_MESSAGE_CHARS - 200;

/// One step's language and output.
pub(crate) struct Ctx {
    /// The language replies are written in.
    pub(crate) lang: UiLang,
    /// Whether the citizen's language is known (chosen, or from Telegram); when not, the engine
    /// asks before going on.
    pub(crate) known: bool,
    pub(crate) replies: Vec<Reply>,
    pub(crate) effects: Vec<Effect>,
}

impl Ctx {
    /// A context for a citizen whose language is `lang` (`None`: not known yet; Russian is only a
    /// placeholder then, every reply that can be sent before the choice is bilingual or follows
    /// the detected language).
    pub(crate) fn new(lang: Option<UiLang>) -> Self {
        Self { lang: lang.unwrap_or(UiLang::Ru), known: lang.is_some(), replies: Vec::new(), effects: Vec::new() }
    }

    /// Renders a message without arguments.
    pub(crate) fn t(&self, key: Key) -> String {
        i18n::render(self.lang, key, &[])
    }

    /// Renders a message with arguments.
    pub(crate) fn tr(&self, key: Key, args: &[(&str, Arg<'_>)]) -> String {
        i18n::render(self.lang, key, args)
    }

    /// Sends a message.
    pub(crate) fn say(&mut self, key: Key, keyboard: Keyboard) {
        let text = self.t(key);
        self.say_text(text, keyboard);
    }

    /// Sends a message with arguments.
    pub(crate) fn say_with(&mut self, key: Key, args: &[(&str, Arg<'_>)], keyboard: Keyboard) {
        let text = self.tr(key, args);
        self.say_text(text, keyboard);
    }

    /// Sends an already rendered text, cut to fit one Telegram message.
    pub(crate) fn say_text(&mut self, text: String, keyboard: Keyboard) {
        self.replies.push(Reply { text: fit(text), keyboard });
    }

    /// Asks the adapter to do something.
    pub(crate) fn effect(&mut self, effect: Effect) {
        self.effects.push(effect);
    }

    /// A button with a label from the catalogs.
    pub(crate) fn button(&self, key: Key, action: Action) -> Button {
        Button { label: self.t(key), data: action.encode() }
    }

    /// A button whose label is already rendered.
    pub(crate) fn button_text(&self, label: String, action: Action) -> Button {
        Button { label, data: action.encode() }
    }

    /// Switches the conversation to `lang` and tells the adapter to remember it, with the
    /// chat's command menu in that language.
    pub(crate) fn set_lang(&mut self, lang: UiLang) {
        self.lang = lang;
        self.known = true;
        self.effect(Effect::SetLanguage(lang));
        self.effect(Effect::SetChatCommands(crate::commands::command_menu(lang)));
    }

    /// A row with only "Cancel".
    pub(crate) fn cancel_row(&self) -> Vec<Button> {
        vec![self.button(keys::BTN_CANCEL, Action::Cancel)]
    }
}

/// Cuts a text to the reply budget at a character boundary, marking the cut.
pub(crate) fn fit(text: String) -> String {
    if text.chars().count() <= REPLY_BUDGET {
        return text;
    }
    let mut cut: String = text.chars().take(REPLY_BUDGET - 1).collect();
    cut.push('…');
    cut
}

/// Cuts a citizen's text for a preview inside a reply.
pub(crate) fn preview(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    cut.push('…');
    cut
}
