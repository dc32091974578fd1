//! Optional contact consent: may the agency write back in Telegram, or call?
//!
//! ```text
//! bot: Может ли ведомство связаться с вами? …   [Да, через Telegram] [Нет]
//! bot: Если удобнее звонок — поделитесь номером.   (reply keyboard: [📞 Поделиться номером])
//! ```

use crate::action::Action;
use crate::draft::AppealDraft;
use crate::effect::ContactConsent;
use crate::engine::Input;
use crate::engine::ctx::Ctx;
use crate::flows::review;
use crate::i18n::keys;
use crate::reply::Keyboard;
use crate::state::{AppealStage, DialogState};

/// Asks for consent, unless the report is anonymous (then there is nothing to ask).
pub(crate) fn ask(cx: &mut Ctx, draft: AppealDraft) -> DialogState {
    if draft.anonymous {
        return review::show(cx, draft);
    }
    prompt(cx);
    DialogState::Appeal { draft: Box::new(draft), stage: AppealStage::Contact }
}

/// The consent buttons, then the phone keyboard.
pub(crate) fn prompt(cx: &mut Ctx) {
    let keyboard = Keyboard::Inline(vec![
        vec![cx.button(keys::BTN_CONTACT_TELEGRAM, Action::Consent(true))],
        vec![cx.button(keys::BTN_CONTACT_NO, Action::Consent(false))],
    ]);
    cx.say(keys::CONTACT_ASK, keyboard);
    let label = cx.t(keys::BTN_SHARE_PHONE);
    cx.say(keys::CONTACT_OR_PHONE, Keyboard::RequestContact { label });
}

/// The answer: a button, or the citizen's own phone number.
pub(crate) fn on(cx: &mut Ctx, draft: &AppealDraft, input: &Input) -> Option<DialogState> {
    let mut draft = draft.clone();
    draft.contact = match input {
        Input::Action(Action::Consent(true)) => ContactConsent::Telegram,
        Input::Action(Action::Consent(false)) => ContactConsent::None,
        Input::Contact { phone, own: true } => ContactConsent::Phone(phone.chars().take(32).collect()),
        // Someone else's card: we only take the citizen's own number.
        Input::Contact { own: false, .. } => {
            cx.say(keys::CONTACT_NOT_OWN, Keyboard::None);
            return Some(DialogState::Appeal { draft: Box::new(draft), stage: AppealStage::Contact });
        }
        _ => return None,
    };
    cx.say(keys::CONTACT_NOTED, Keyboard::Remove);
    Some(review::show(cx, draft))
}
