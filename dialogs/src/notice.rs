//! Messages the adapter sends on its own, outside any flow: when a citizen writes too fast, or
//! when handling a message failed. Texts come from the catalogs like every other reply.

use crate::i18n::{Key, keys, render};
use crate::lang::UiLang;
use crate::reply::{Keyboard, Reply};

/// A message outside the flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The citizen hit the per-minute message limit; later messages are dropped for a while.
    SlowDown,
    /// Handling the message failed; nothing was lost and the citizen may try again.
    Unavailable,
}

/// The notice in the citizen's language, or in both when it is not known yet.
pub fn notice(lang: Option<UiLang>, notice: Notice) -> Reply {
    let key: Key = match notice {
        Notice::SlowDown => keys::NOTICE_SLOW_DOWN,
        Notice::Unavailable => keys::FAILED_UNAVAILABLE,
    };
    let text = match lang {
        Some(lang) => render(lang, key, &[]),
        None => format!("{}\n\n{}", render(UiLang::Ky, key, &[]), render(UiLang::Ru, key, &[])),
    };
    Reply { text, keyboard: Keyboard::None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_render_in_each_language_and_in_both() {
        let ru = notice(Some(UiLang::Ru), Notice::SlowDown).text;
        let ky = notice(Some(UiLang::Ky), Notice::SlowDown).text;
        assert!(ru.contains("минуту"), "{ru}");
        assert!(ky.contains("мүнөт"), "{ky}");
        let both = notice(None, Notice::Unavailable).text;
        assert!(both.contains("Кечиресиз") && both.contains("Извините"), "{both}");
    }
}
