//! Telegram's command menu in each language (`setMyCommands`).

use crate::effect::MenuCommand;
use crate::event::Command;
use crate::i18n::{keys, render};
use crate::lang::UiLang;

/// The command menu in a language, for `setMyCommands` (with `language_code` at start-up, and
/// per chat after [`crate::Effect::SetChatCommands`]).
pub fn command_menu(lang: UiLang) -> Vec<MenuCommand> {
    Command::MENU
        .iter()
        .map(|c| MenuCommand { command: c.name().to_owned(), description: render(lang, keys::command(*c), &[]) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_menus_list_every_command_with_a_short_description() {
        for lang in UiLang::ALL {
            let menu = command_menu(lang);
            assert_eq!(menu.len(), Command::MENU.len());
            for entry in menu {
                // Telegram: 1–32 chars of [a-z0-9_] for the command, 1–256 for the description.
                assert!(
                    entry.command.len() <= 32 && entry.command.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                );
                assert!((1..=256).contains(&entry.description.chars().count()), "{entry:?}");
            }
        }
    }
}
