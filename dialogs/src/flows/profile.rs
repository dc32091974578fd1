//! The voluntary profile for statistics: gender, age band, disability. Every question can be
//! skipped or answered "prefer not to say"; each answer is saved as it is given.
//!
//! ```text
//! citizen: /profile
//! bot: Эти вопросы необязательны … Ваш пол?   [Женский] [Мужской] [Не хочу указывать] [Пропустить]
//! ```

use crate::action::Action;
use crate::effect::Effect;
use crate::engine::Input;
use crate::engine::ctx::Ctx;
use crate::flows::menu;
use crate::i18n::keys;
use crate::keyboards::in_pairs;
use crate::profile::{AgeBand, Disability, Gender, ProfileField, ProfileQuestion as Q};
use crate::reply::{Button, Keyboard};
use crate::state::DialogState;

/// `/profile`.
pub(crate) fn start(cx: &mut Ctx) -> DialogState {
    cx.say(keys::PROFILE_INTRO, Keyboard::None);
    ask(cx, Q::Gender)
}

fn ask(cx: &mut Ctx, question: Q) -> DialogState {
    prompt(cx, question);
    DialogState::Profile { question }
}

/// The question with its answers, "skip" and "cancel".
pub(crate) fn prompt(cx: &mut Ctx, question: Q) {
    let (key, answers): (_, Vec<Button>) = match question {
        Q::Gender => (
            keys::PROFILE_GENDER,
            Gender::ALL.iter().map(|g| cx.button(keys::gender(*g), Action::Gender(*g))).collect(),
        ),
        Q::AgeBand => (
            keys::PROFILE_AGE,
            AgeBand::ALL.iter().map(|a| cx.button(keys::age_band(*a), Action::AgeBand(*a))).collect(),
        ),
        Q::Disability => (
            keys::PROFILE_DISABILITY,
            Disability::ALL.iter().map(|d| cx.button(keys::disability(*d), Action::Disability(*d))).collect(),
        ),
    };
    let mut rows = in_pairs(answers);
    rows.push(vec![cx.button(keys::BTN_SKIP, Action::Skip), cx.button(keys::BTN_CANCEL, Action::Cancel)]);
    cx.say(key, Keyboard::Inline(rows));
}

/// An answer, "skip" or "cancel".
pub(crate) fn on(cx: &mut Ctx, question: Q, input: &Input) -> Option<DialogState> {
    let field = match (question, input) {
        (Q::Gender, Input::Action(Action::Gender(g))) => Some(ProfileField::Gender(*g)),
        (Q::AgeBand, Input::Action(Action::AgeBand(a))) => Some(ProfileField::AgeBand(*a)),
        (Q::Disability, Input::Action(Action::Disability(d))) => Some(ProfileField::Disability(*d)),
        (_, Input::Action(Action::Skip)) => None,
        (_, Input::Action(Action::Cancel)) => return Some(menu::cancel(cx, &DialogState::Profile { question })),
        _ => return None,
    };
    if let Some(field) = field {
        cx.effect(Effect::SetProfile(field));
    }
    Some(match question.next() {
        Some(next) => ask(cx, next),
        None => {
            cx.say(keys::PROFILE_DONE, Keyboard::None);
            menu::show(cx)
        }
    })
}
