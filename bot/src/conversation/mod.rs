//! One turn of a citizen's conversation, whatever the channel: the saved dialogue state, the
//! dialogue engine (`dialogs`), the classifier and the desk, all inside the caller's transaction,
//! so the ticket, the new state and the replies commit together or not at all.

mod answers;
mod effects;

pub(crate) use effects::media_kind;

use std::collections::VecDeque;
use std::num::NonZeroU32;

use dialogs::{DialogState, Event, MenuCommand, Reply, UiLang};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use tickets::desk::Desk;
use tickets::domain::ChatLang;
use tickets::store::Tx;

/// How many engine steps one incoming event may cause (an event, then the answers to its
/// effects); a bound, so a bug in a flow cannot loop forever.
const MAX_STEPS: usize = 8;

/// What a turn produced for the channel to deliver.
#[derive(Debug, Default, PartialEq)]
pub struct Turn {
    pub replies: Vec<Reply>,
    /// A new command menu for this chat, in its language.
    pub menu: Option<Vec<MenuCommand>>,
}

/// Runs conversations against the desk.
pub struct Conversation {
    desk: Desk,
    appeals: DefaultKeyedRateLimiter<i64>,
}

impl Conversation {
    /// Conversations over `desk`, allowing each chat `appeals_per_hour` new appeals.
    pub fn new(desk: Desk, appeals_per_hour: u32) -> Self {
        let quota = Quota::per_hour(NonZeroU32::new(appeals_per_hour).unwrap_or(NonZeroU32::MIN));
        Self { desk, appeals: RateLimiter::keyed(quota) }
    }

    /// The desk the conversations open and change tickets through.
    pub fn desk(&self) -> &Desk {
        &self.desk
    }

    /// Forgets rate-limit cells of chats that have been quiet (call now and then).
    pub fn tidy(&self) {
        self.appeals.retain_recent();
    }

    /// Handles `event` from `chat_id` inside `tx`.
    pub async fn handle(&self, tx: &mut dyn Tx, chat_id: i64, event: Event) -> anyhow::Result<Turn> {
        let mut state = match tx.dialogue(chat_id).await? {
            Some(saved) => serde_json::from_str(&saved).unwrap_or_else(|error| {
                // A state saved by an older version that no longer reads: start over rather
                // than leave the citizen stuck.
                tracing::warn!(%error, "unreadable dialogue state; starting over");
                DialogState::default()
            }),
            None => DialogState::default(),
        };
        let mut lang = tx.citizen_by_chat(chat_id).await?.map(|c| ui_lang(c.lang));
        let mut turn = Turn::default();
        let mut events = VecDeque::from([event]);
        let mut steps = 0;
        let mut erased = false;
        while let Some(event) = events.pop_front() {
            steps += 1;
            if steps > MAX_STEPS {
                tracing::error!("a dialogue turn did not settle; stopping it");
                break;
            }
            let step = dialogs::step(&state, lang, event);
            state = step.state;
            for effect in step.effects {
                erased |= matches!(effect, dialogs::Effect::EraseMyData);
                let context = effects::Context { desk: &self.desk, chat_id, appeals: &self.appeals };
                match effects::run(&context, tx, &mut lang, effect).await? {
                    effects::Outcome::Answer(answer) => events.push_back(answer),
                    effects::Outcome::Menu(menu) => turn.menu = Some(menu),
                    effects::Outcome::Done => {}
                }
            }
            turn.replies.extend(step.replies);
        }
        if erased && state == DialogState::Idle {
            // The erasure deleted the chat's dialogue row; saving "Idle" would keep the chat id.
            tx.delete_dialogue(chat_id).await?;
        } else {
            tx.save_dialogue(chat_id, &serde_json::to_string(&state)?, self.desk.now()).await?;
        }
        Ok(turn)
    }
}

/// The stored language as the engine's.
pub fn ui_lang(lang: ChatLang) -> UiLang {
    match lang {
        ChatLang::Ky => UiLang::Ky,
        ChatLang::Ru => UiLang::Ru,
    }
}

/// The engine's language as the stored one.
pub fn chat_lang(lang: UiLang) -> ChatLang {
    match lang {
        UiLang::Ky => ChatLang::Ky,
        UiLang::Ru => ChatLang::Ru,
    }
}
