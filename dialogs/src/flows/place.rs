//! Where it happened: an oblast or city, then a district; or a shared location; or a place in
//! words. Skippable.
//!
//! ```text
//! bot: Где это произошло? Выберите область или город.  [Бишкек] [Ош] [Чуйская область] …
//! bot: Или отправьте геолокацию кнопкой ниже.          (reply keyboard: [📍 Отправить геолокацию])
//! citizen: [Чуйская область]
//! bot: Выберите район.  [Аламудунский район] … [Не знаю / вся область]
//! ```

use crate::action::Action;
use crate::draft::AppealDraft;
use crate::engine::Input;
use crate::engine::ctx::{Ctx, preview};
use crate::flows::{contact, review};
use crate::i18n::keys;
use crate::keyboards::{districts, regions};
use crate::places::{Coordinates, Place, Region};
use crate::reply::Keyboard;
use crate::state::{AppealStage, DialogState};

/// A place written in words is kept to this length.
pub(crate) const MAX_PLACE_CHARS: usize = 300;

/// Asks where it happened.
pub(crate) fn ask_region(cx: &mut Ctx, draft: AppealDraft) -> DialogState {
    prompt_region(cx);
    DialogState::Appeal { draft: Box::new(draft), stage: AppealStage::Region }
}

/// The region buttons, then the location keyboard (a message carries one keyboard only).
pub(crate) fn prompt_region(cx: &mut Ctx) {
    let keyboard = regions(cx);
    cx.say(keys::REGION_ASK, keyboard);
    let label = cx.t(keys::BTN_SHARE_LOCATION);
    cx.say(keys::REGION_OR_LOCATION, Keyboard::RequestLocation { label });
}

/// The district buttons of an oblast.
pub(crate) fn prompt_district(cx: &mut Ctx, region: Region) {
    let name = cx.t(keys::region(region));
    let keyboard = districts(cx, region);
    cx.say_with(keys::DISTRICT_ASK, &[("region", name.into())], keyboard);
}

/// An answer to the region question.
pub(crate) fn on_region(cx: &mut Ctx, draft: &AppealDraft, input: &Input) -> Option<DialogState> {
    let mut draft = draft.clone();
    match input {
        Input::Action(Action::Region(region)) if region.districts().is_empty() => {
            draft.place = Some(Place::Region { region: *region, district: None });
        }
        Input::Action(Action::Region(region)) => {
            prompt_district(cx, *region);
            return Some(DialogState::Appeal { draft: Box::new(draft), stage: AppealStage::District(*region) });
        }
        Input::Action(Action::Skip) => {}
        _ => return common(cx, draft, input),
    }
    Some(after_place(cx, draft))
}

/// An answer to the district question; another oblast's button (from the earlier message) is
/// still welcome.
pub(crate) fn on_district(cx: &mut Ctx, draft: &AppealDraft, region: Region, input: &Input) -> Option<DialogState> {
    let mut draft = draft.clone();
    match input {
        Input::Action(Action::District(district)) if district.region() == region => {
            draft.place = Some(Place::Region { region, district: Some(*district) });
        }
        Input::Action(Action::Skip) => draft.place = Some(Place::Region { region, district: None }),
        Input::Action(Action::Region(_)) => return on_region(cx, &draft, input),
        _ => return common(cx, draft, input),
    }
    Some(after_place(cx, draft))
}

/// A location or a place in words, at either question.
fn common(cx: &mut Ctx, mut draft: AppealDraft, input: &Input) -> Option<DialogState> {
    match input {
        Input::Location(point) => draft.place = Some(Place::Point(Coordinates::from_point(*point)?)),
        Input::Text(text) => draft.place = Some(Place::Text(preview(text.trim(), MAX_PLACE_CHARS))),
        _ => return None,
    }
    Some(after_place(cx, draft))
}

fn after_place(cx: &mut Ctx, draft: AppealDraft) -> DialogState {
    let key = if draft.place.is_some() { keys::PLACE_NOTED } else { keys::PLACE_SKIPPED };
    // Removes the location keyboard shown with the question.
    cx.say(key, Keyboard::Remove);
    if draft.reviewed { review::show(cx, draft) } else { contact::ask(cx, draft) }
}
