//! Keyboards that several flows share: the main menu, the language choice, the paged agency list,
//! regions and districts.

use classifier::Agency;

use crate::action::{Action, MenuItem};
use crate::engine::ctx::Ctx;
use crate::i18n::keys;
use crate::places::Region;
use crate::reply::{Button, Keyboard};

/// Agencies per page of the list: 18 agencies make three pages, and the buttons fit a phone.
pub(crate) const AGENCIES_PER_PAGE: usize = 6;

/// The main menu.
pub(crate) fn main_menu(cx: &Ctx) -> Keyboard {
    Keyboard::Inline(vec![
        vec![cx.button(keys::MENU_COMPLAINT, Action::Menu(MenuItem::Complaint))],
        vec![cx.button(keys::MENU_CORRUPTION, Action::Menu(MenuItem::Corruption))],
        vec![
            cx.button(keys::MENU_RATING, Action::Menu(MenuItem::Rating)),
            cx.button(keys::MENU_MY, Action::Menu(MenuItem::MyAppeals)),
        ],
        vec![cx.button(keys::MENU_HELP, Action::Menu(MenuItem::Help))],
    ])
}

/// The two languages, each named in itself.
pub(crate) fn language_choice(cx: &Ctx) -> Keyboard {
    Keyboard::Inline(vec![vec![
        cx.button(keys::LANG_KY_BUTTON, Action::Lang(crate::UiLang::Ky)),
        cx.button(keys::LANG_RU_BUTTON, Action::Lang(crate::UiLang::Ru)),
    ]])
}

/// Every agency a citizen may pick as an addressee (the dispatcher is offered as "don't know").
pub(crate) fn routable_agencies() -> Vec<Agency> {
    Agency::ALL.iter().copied().filter(|a| *a != Agency::Triage).collect()
}

/// The number of pages a list of agencies takes.
pub(crate) fn page_count(len: usize) -> u8 {
    u8::try_from(len.div_ceil(AGENCIES_PER_PAGE).max(1)).unwrap_or(u8::MAX)
}

/// One page of an agency list with "back"/"more" buttons, then the given extra rows.
pub(crate) fn agency_page(cx: &Ctx, agencies: &[Agency], page: u8, extra: Vec<Vec<Button>>) -> Keyboard {
    let pages = page_count(agencies.len());
    let page = page.min(pages - 1);
    let mut rows: Vec<Vec<Button>> = agencies
        .iter()
        .skip(usize::from(page) * AGENCIES_PER_PAGE)
        .take(AGENCIES_PER_PAGE)
        .map(|a| vec![cx.button(keys::agency_short(*a), Action::Agency(*a))])
        .collect();
    let mut nav = Vec::new();
    if page > 0 {
        nav.push(cx.button(keys::BTN_PREV_PAGE, Action::AgencyPage(page - 1)));
    }
    if page + 1 < pages {
        nav.push(cx.button(keys::BTN_NEXT_PAGE, Action::AgencyPage(page + 1)));
    }
    if !nav.is_empty() {
        rows.push(nav);
    }
    rows.extend(extra);
    Keyboard::Inline(rows)
}

/// Buttons in rows of two.
pub(crate) fn in_pairs(buttons: Vec<Button>) -> Vec<Vec<Button>> {
    buttons.chunks(2).map(<[Button]>::to_vec).collect()
}

/// The oblasts and cities, then "skip" and "cancel".
pub(crate) fn regions(cx: &Ctx) -> Keyboard {
    let mut rows = in_pairs(Region::ALL.iter().map(|r| cx.button(keys::region(*r), Action::Region(*r))).collect());
    rows.push(vec![cx.button(keys::BTN_SKIP, Action::Skip), cx.button(keys::BTN_CANCEL, Action::Cancel)]);
    Keyboard::Inline(rows)
}

/// The districts of an oblast, then "the whole oblast / don't know".
pub(crate) fn districts(cx: &Ctx, region: Region) -> Keyboard {
    let mut rows =
        in_pairs(region.districts().iter().map(|d| cx.button(keys::district(*d), Action::District(*d))).collect());
    rows.push(vec![cx.button(keys::BTN_DISTRICT_UNKNOWN, Action::Skip)]);
    Keyboard::Inline(rows)
}

/// "Skip" and "Cancel" in one row.
pub(crate) fn skip_cancel(cx: &Ctx) -> Keyboard {
    Keyboard::Inline(vec![vec![cx.button(keys::BTN_SKIP, Action::Skip), cx.button(keys::BTN_CANCEL, Action::Cancel)]])
}

/// "Done" and "Cancel" in one row.
pub(crate) fn done_cancel(cx: &Ctx) -> Keyboard {
    Keyboard::Inline(vec![vec![cx.button(keys::BTN_DONE, Action::Done), cx.button(keys::BTN_CANCEL, Action::Cancel)]])
}
