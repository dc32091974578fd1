//! Routing a free text: the classifier's suggestion, confirmed by the citizen.
//!
//! ```text
//! citizen: В поликлинике №3 второй месяц нет инсулина
//! bot: Похоже, это жалоба. Адресат: Министерство здравоохранения. Верно?
//!      [Да, верно] [Мэрия / айыл окмоту] [Соцзащита] [Другое ведомство] [Отменить]
//! ```
//! The choice is stored next to the suggestion ([`crate::Routing`]): it is the training signal.

use classifier::{Agency, Kind};

use crate::action::Action;
use crate::classification::Classification;
use crate::draft::AppealDraft;
use crate::effect::{Effect, RouteSource};
use crate::engine::Input;
use crate::engine::ctx::Ctx;
use crate::flows::{corruption, describe, language, rating};
use crate::i18n::keys;
use crate::keyboards::{agency_page, routable_agencies};
use crate::lang::UiLang;
use crate::reply::Keyboard;
use crate::state::{AppealStage, DialogState, Pending};

/// Below this confidence the citizen picks from the list instead of confirming a guess.
const MIN_CONFIDENCE: f32 = 0.35;

/// Sends the draft's text to the classifier.
pub(crate) fn classify(cx: &mut Ctx, draft: AppealDraft) -> DialogState {
    cx.effect(Effect::Classify { text: draft.joined_text() });
    DialogState::Appeal { draft: Box::new(draft), stage: AppealStage::Classifying }
}

/// The classifier's answer. Only the step that asked takes it; a late answer is dropped.
pub(crate) fn on_classified(cx: &mut Ctx, state: &DialogState, classification: Classification) -> DialogState {
    let DialogState::Appeal { draft, stage: AppealStage::Classifying } = state else {
        return state.clone();
    };
    let c = classification.normalized();
    let mut draft = (**draft).clone();
    draft.kind = Some(c.kind);
    draft.implicated = c.implicated;
    draft.suggested = Some(c.clone());
    if !cx.known {
        match UiLang::from_classifier(c.lang) {
            Some(lang) => cx.set_lang(lang),
            None => return language::ask(cx, Pending::Draft(Box::new(draft))),
        }
    }
    ask(cx, draft)
}

/// The agency the suggestion stands for: every corruption report goes to the anti-corruption
/// body, whatever the classifier's agency says.
fn suggested_agency(c: &Classification) -> Agency {
    if c.kind == Kind::Corruption { Agency::Anticorruption } else { c.agency }
}

fn confident(draft: &AppealDraft) -> bool {
    draft.suggested.as_ref().is_some_and(|c| suggested_agency(c) != Agency::Triage && c.confidence >= MIN_CONFIDENCE)
}

/// Asks the citizen to confirm (or, with no usable suggestion, to choose) the agency.
pub(crate) fn ask(cx: &mut Ctx, draft: AppealDraft) -> DialogState {
    let page = if confident(&draft) { None } else { Some(0) };
    prompt(cx, &draft, page);
    DialogState::Appeal { draft: Box::new(draft), stage: AppealStage::ConfirmingRoute { page } }
}

/// The suggestion with its alternatives, or a page of the full list.
pub(crate) fn prompt(cx: &mut Ctx, draft: &AppealDraft, page: Option<u8>) {
    match (page, &draft.suggested) {
        (None, Some(c)) => suggest(cx, c),
        (page, suggested) => {
            let key = if suggested.is_some() && page == Some(0) && !confident(draft) {
                keys::ROUTE_UNSURE
            } else {
                keys::ROUTE_CHOOSE
            };
            let extra =
                vec![vec![cx.button(keys::BTN_AGENCY_UNKNOWN, Action::Agency(Agency::Triage))], cx.cancel_row()];
            let keyboard = agency_page(cx, &routable_agencies(), page.unwrap_or(0), extra);
            cx.say(key, keyboard);
        }
    }
}

fn suggest(cx: &mut Ctx, c: &Classification) {
    let agency = suggested_agency(c);
    let mut rows = vec![vec![cx.button(keys::BTN_ROUTE_OK, Action::RouteOk)]];
    for (alt, _) in c.alternatives.iter().filter(|(a, _)| *a != Agency::Triage && *a != agency) {
        rows.push(vec![cx.button(keys::agency_short(*alt), Action::Agency(*alt))]);
    }
    rows.push(vec![cx.button(keys::BTN_OTHER_AGENCY, Action::AgencyPage(0))]);
    rows.push(cx.cancel_row());
    let text = if agency == Agency::Anticorruption {
        cx.t(keys::ROUTE_SUGGEST_CORRUPTION)
    } else {
        let kind = cx.t(keys::kind(c.kind));
        let name = cx.t(keys::agency_name(agency));
        cx.tr(keys::ROUTE_SUGGEST, &[("kind", kind.into()), ("agency", name.into())])
    };
    cx.say_text(text, Keyboard::Inline(rows));
}

/// The citizen's answer to the routing question.
pub(crate) fn on(cx: &mut Ctx, draft: &AppealDraft, page: Option<u8>, input: &Input) -> Option<DialogState> {
    match input {
        Input::Action(Action::RouteOk) if page.is_none() => {
            let agency = draft.suggested.as_ref().map(suggested_agency)?;
            Some(confirm(cx, draft.clone(), agency, RouteSource::Accepted))
        }
        Input::Action(Action::Agency(agency)) => {
            let offered = draft.suggested.as_ref().is_some_and(|c| c.alternatives.iter().any(|(a, _)| a == agency));
            let source = if offered && page.is_none() { RouteSource::Alternative } else { RouteSource::FromList };
            Some(confirm(cx, draft.clone(), *agency, source))
        }
        Input::Action(Action::AgencyPage(p)) => {
            prompt(cx, draft, Some(*p));
            Some(DialogState::Appeal {
                draft: Box::new(draft.clone()),
                stage: AppealStage::ConfirmingRoute { page: Some(*p) },
            })
        }
        // More words make a better guess: classify again with everything said so far.
        Input::Text(text) => {
            let mut draft = draft.clone();
            if draft.push_text(text).is_err() {
                cx.say(keys::DRAFT_FULL, Keyboard::None);
                prompt(cx, &draft, page);
                return Some(DialogState::Appeal {
                    draft: Box::new(draft),
                    stage: AppealStage::ConfirmingRoute { page },
                });
            }
            Some(classify(cx, draft))
        }
        _ => None,
    }
}

/// Applies the citizen's choice and moves to the flow it implies: the anti-corruption body means a
/// corruption report, a rating goes to the rating flow, everything else is described further.
fn confirm(cx: &mut Ctx, mut draft: AppealDraft, agency: Agency, source: RouteSource) -> DialogState {
    if agency == Agency::Anticorruption {
        draft.kind = Some(Kind::Corruption);
        draft.route = Some((agency, source));
        return corruption::intro(cx, draft);
    }
    match draft.kind {
        // The citizen says it is not about corruption after all: an ordinary complaint.
        Some(Kind::Corruption) => {
            draft.kind = Some(Kind::Complaint);
            draft.implicated = None;
        }
        Some(Kind::Rating) if agency != Agency::Triage => {
            return rating::from_text(cx, agency, draft.joined_text());
        }
        _ => {}
    }
    draft.route = Some((agency, source));
    describe::after_route(cx, draft)
}
