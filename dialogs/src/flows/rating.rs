//! Rating a service (or the handling of a ticket): choose the service, 1–5, an optional comment.
//! A rating of 1 or 2 offers to turn it into a complaint.
//!
//! ```text
//! citizen: /start rate_digital_services
//! bot: Оцените услугу: Министерство цифрового развития.   [1] [2] [3] [4] [5]
//! citizen: [2]
//! bot: Хотите добавить комментарий?                       [Пропустить]
//! citizen: Очередь три часа
//! bot: Спасибо за оценку!  Превратить её в жалобу?          [Да, подать жалобу] [Нет]
//! ```

use classifier::Agency;

use crate::action::Action;
use crate::effect::{Effect, RatingDraft, RatingTarget, Score};
use crate::engine::Input;
use crate::engine::ctx::{Ctx, preview};
use crate::flows::{describe, menu};
use crate::i18n::keys;
use crate::keyboards::{agency_page, skip_cancel};
use crate::reply::Keyboard;
use crate::state::{DialogState, RatingStage};

/// A comment is kept to this length.
const MAX_COMMENT_CHARS: usize = 2000;

/// Agencies whose services citizens rate (not the dispatcher, not the anti-corruption body).
fn rated_agencies() -> Vec<Agency> {
    Agency::ALL.iter().copied().filter(|a| !matches!(a, Agency::Triage | Agency::Anticorruption)).collect()
}

fn enter(cx: &mut Ctx, stage: RatingStage) -> DialogState {
    prompt(cx, &stage);
    DialogState::Rating(stage)
}

/// "Rate a service" from the menu.
pub(crate) fn start(cx: &mut Ctx) -> DialogState {
    enter(cx, RatingStage::ChoosingService { page: 0 })
}

/// A rating of a known target (a deep link, a ticket), with a comment when one is known.
pub(crate) fn start_for(cx: &mut Ctx, target: RatingTarget, comment: Option<String>) -> DialogState {
    enter(cx, RatingStage::Scoring { target, comment })
}

/// A classified message that is a rating: the message becomes the comment.
pub(crate) fn from_text(cx: &mut Ctx, agency: Agency, text: String) -> DialogState {
    let comment = Some(preview(&text, MAX_COMMENT_CHARS)).filter(|c| !c.is_empty());
    start_for(cx, RatingTarget::Service { agency, service: None }, comment)
}

/// The step's question.
pub(crate) fn prompt(cx: &mut Ctx, stage: &RatingStage) {
    match stage {
        RatingStage::ChoosingService { page } => {
            let extra = vec![cx.cancel_row()];
            let keyboard = agency_page(cx, &rated_agencies(), *page, extra);
            cx.say(keys::RATING_CHOOSE_SERVICE, keyboard);
        }
        RatingStage::Scoring { target, .. } => {
            let name = target_name(cx, target);
            let stars = (1u8..=5)
                .map(|n| cx.button_text(cx.tr(keys::RATING_STAR, &[("n", i64::from(n).into())]), Action::Score(n)));
            let keyboard = Keyboard::Inline(vec![stars.collect(), cx.cancel_row()]);
            cx.say_with(keys::RATING_SCORE, &[("target", name.into())], keyboard);
        }
        RatingStage::Commenting { .. } => {
            let keyboard = skip_cancel(cx);
            cx.say(keys::RATING_COMMENT, keyboard);
        }
        RatingStage::OfferingComplaint { .. } => {
            let keyboard = Keyboard::Inline(vec![
                vec![cx.button(keys::BTN_RATING_TO_COMPLAINT, Action::RatingToComplaint(true))],
                vec![cx.button(keys::BTN_NO_THANKS, Action::RatingToComplaint(false))],
            ]);
            cx.say(keys::RATING_OFFER_COMPLAINT, keyboard);
        }
    }
}

fn target_name(cx: &Ctx, target: &RatingTarget) -> String {
    match target {
        RatingTarget::Service { agency, service: None } => cx.t(keys::agency_name(*agency)),
        RatingTarget::Service { agency, service: Some(service) } => cx.tr(
            keys::RATING_NAMED_SERVICE,
            &[("agency", cx.t(keys::agency_name(*agency)).into()), ("service", service.as_str().into())],
        ),
        RatingTarget::Ticket(number) => cx.tr(keys::RATING_TICKET, &[("number", number.as_str().into())]),
    }
}

/// The citizen's answer at the current step.
pub(crate) fn on(cx: &mut Ctx, stage: &RatingStage, input: &Input) -> Option<DialogState> {
    match (stage, input) {
        (_, Input::Action(Action::Cancel)) => Some(menu::cancel(cx, &DialogState::Rating(stage.clone()))),
        (RatingStage::ChoosingService { .. }, Input::Action(Action::Agency(agency)))
            if rated_agencies().contains(agency) =>
        {
            Some(start_for(cx, RatingTarget::Service { agency: *agency, service: None }, None))
        }
        (RatingStage::ChoosingService { .. }, Input::Action(Action::AgencyPage(page))) => {
            Some(enter(cx, RatingStage::ChoosingService { page: *page }))
        }
        (RatingStage::Scoring { target, comment: Some(comment) }, Input::Action(Action::Score(score))) => {
            Some(record(cx, target.clone(), *score, Some(comment.clone())))
        }
        (RatingStage::Scoring { target, comment: None }, Input::Action(Action::Score(score))) => {
            Some(enter(cx, RatingStage::Commenting { target: target.clone(), score: *score }))
        }
        (RatingStage::Commenting { target, score }, Input::Text(text)) => {
            Some(record(cx, target.clone(), *score, Some(preview(text.trim(), MAX_COMMENT_CHARS))))
        }
        (RatingStage::Commenting { target, score }, Input::Action(Action::Skip)) => {
            Some(record(cx, target.clone(), *score, None))
        }
        (RatingStage::OfferingComplaint { agency, comment }, Input::Action(Action::RatingToComplaint(yes))) => {
            Some(if *yes { describe::from_rating(cx, *agency, comment.as_deref()) } else { menu::show(cx) })
        }
        _ => None,
    }
}

fn record(cx: &mut Ctx, target: RatingTarget, score: u8, comment: Option<String>) -> DialogState {
    let Ok(score) = Score::try_from(score) else {
        return menu::show(cx);
    };
    cx.effect(Effect::RecordRating(RatingDraft { target: target.clone(), score, comment: comment.clone() }));
    cx.say(keys::RATING_THANKS, Keyboard::None);
    match target {
        RatingTarget::Service { agency, .. } if score.get() <= 2 => {
            enter(cx, RatingStage::OfferingComplaint { agency, comment })
        }
        _ => menu::show(cx),
    }
}
