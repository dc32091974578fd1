//! Typed keys of the catalogs. Every message the code renders is named here, so the catalog tests
//! can check that each one exists in both languages and that the catalogs hold nothing else.

use classifier::{Agency, Kind};

use crate::answers::TicketStatus;
use crate::event::Command;
use crate::places::{District, Region};
use crate::profile::{AgeBand, Disability, Gender};

/// A Fluent message id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Key(&'static str);

impl Key {
    /// A key named by its id (the keys of the officer and reminder catalogs are declared in
    /// their own modules).
    #[allow(dead_code)] // until the first officer or reminder key is declared
    pub(crate) const fn new(id: &'static str) -> Self {
        Key(id)
    }

    /// The message id, as written in the `.ftl` files.
    pub(crate) const fn id(self) -> &'static str {
        self.0
    }
}

macro_rules! static_keys {
    ($($name:ident => $id:literal,)+) => {
        $(pub(crate) const $name: Key = Key($id);)+
        /// Every fixed key.
        #[cfg(test)]
        pub(crate) const STATIC: &[Key] = &[$($name),+];
    };
}

static_keys! {
    ADD_INFO_ASK => "add-info-ask",
    AUTHOR_AGENCY => "author-agency",
    AUTHOR_CITIZEN => "author-citizen",
    AUTHOR_SYSTEM => "author-system",
    BTN_ADD_INFO => "btn-add-info",
    BTN_AGENCY_UNKNOWN => "btn-agency-unknown",
    BTN_ANONYMOUS => "btn-anonymous",
    BTN_BACK_TO_LIST => "btn-back-to-list",
    BTN_CANCEL => "btn-cancel",
    BTN_CONTACT_NO => "btn-contact-no",
    BTN_CONTACT_TELEGRAM => "btn-contact-telegram",
    BTN_DISTRICT_UNKNOWN => "btn-district-unknown",
    BTN_DONE => "btn-done",
    BTN_EDIT => "btn-edit",
    BTN_ERASE_NO => "btn-erase-no",
    BTN_ERASE_YES => "btn-erase-yes",
    BTN_MENU => "btn-menu",
    BTN_NAMED => "btn-named",
    BTN_NEXT_PAGE => "btn-next-page",
    BTN_NO_THANKS => "btn-no-thanks",
    BTN_OTHER_AGENCY => "btn-other-agency",
    BTN_PREV_PAGE => "btn-prev-page",
    BTN_RATE_ANSWER => "btn-rate-answer",
    BTN_RATING_TO_COMPLAINT => "btn-rating-to-complaint",
    BTN_ROUTE_OK => "btn-route-ok",
    BTN_SHARE_LOCATION => "btn-share-location",
    BTN_SHARE_PHONE => "btn-share-phone",
    BTN_SKIP => "btn-skip",
    BTN_SUBMIT => "btn-submit",
    BTN_WITHDRAW => "btn-withdraw",
    BTN_WITHDRAW_NO => "btn-withdraw-no",
    BTN_WITHDRAW_YES => "btn-withdraw-yes",
    CANCELLED => "cancelled",
    CHOOSE_LANGUAGE => "choose-language",
    COMPLAINT_DESCRIBE => "complaint-describe",
    CONTACT_ASK => "contact-ask",
    CONTACT_NOTED => "contact-noted",
    CONTACT_NOT_ASKED => "contact-not-asked",
    CONTACT_NOT_OWN => "contact-not-own",
    CONTACT_OR_PHONE => "contact-or-phone",
    CORRUPTION_AMOUNT => "corruption-amount",
    CORRUPTION_ANONYMOUS_NOTE => "corruption-anonymous-note",
    CORRUPTION_BODY => "corruption-body",
    CORRUPTION_EVIDENCE => "corruption-evidence",
    CORRUPTION_INTRO => "corruption-intro",
    CORRUPTION_NAMED_NOTE => "corruption-named-note",
    CORRUPTION_POSITION => "corruption-position",
    CORRUPTION_WHAT => "corruption-what",
    CORRUPTION_WHEN => "corruption-when",
    CORRUPTION_WHERE => "corruption-where",
    DATE_IN_WORDS => "date-in-words",
    DEADLINE_DATE => "deadline-date",
    DEADLINE_LEFT => "deadline-left",
    DEADLINE_NONE => "deadline-none",
    DEADLINE_OVERDUE => "deadline-overdue",
    DESCRIBE_CONTINUE => "describe-continue",
    DESCRIBE_EMPTY => "describe-empty",
    DESCRIBE_GOT => "describe-got",
    DESCRIBE_IN_WORDS => "describe-in-words",
    DESCRIBE_MORE => "describe-more",
    DISTRICT_ASK => "district-ask",
    DRAFT_DISCARDED => "draft-discarded",
    DRAFT_FULL => "draft-full",
    EDITED_IGNORED => "edited-ignored",
    EMERGENCY => "emergency",
    ERASE_CONFIRM => "erase-confirm",
    ERASE_DONE => "erase-done",
    ERASE_KEPT => "erase-kept",
    EVIDENCE_ADDED => "evidence-added",
    FAILED_CONFLICT => "failed-conflict",
    FAILED_NOT_FOUND => "failed-not-found",
    FAILED_TOO_MANY => "failed-too-many",
    FAILED_UNAVAILABLE => "failed-unavailable",
    FILE_ADDED => "file-added",
    FILE_ADDED_MORE => "file-added-more",
    FLOW_CONTINUES => "flow-continues",
    GROUP_CHAT => "group-chat",
    GROUP_CHAT_BILINGUAL => "group-chat-bilingual",
    HELP => "help",
    NOTICE_SLOW_DOWN => "notice-slow-down",
    INFO_ADDED => "info-added",
    LANGUAGE_SET => "language-set",
    LANG_KY_BUTTON => "lang-ky-button",
    LANG_RU_BUTTON => "lang-ru-button",
    LOCATION_NOT_ASKED => "location-not-asked",
    MEDIA_NOT_HERE => "media-not-here",
    MENU_COMPLAINT => "menu-complaint",
    MENU_CORRUPTION => "menu-corruption",
    MENU_HELP => "menu-help",
    MENU_MY => "menu-my",
    MENU_PROMPT => "menu-prompt",
    MENU_RATING => "menu-rating",
    MY_EMPTY => "my-empty",
    MY_HEADER => "my-header",
    MY_ITEM => "my-item",
    MY_MORE => "my-more",
    NOTHING_TO_CANCEL => "nothing-to-cancel",
    PLACE_NOTED => "place-noted",
    PLACE_POINT => "place-point",
    PLACE_REGION_DISTRICT => "place-region-district",
    PLACE_SKIPPED => "place-skipped",
    PLEASE_WAIT => "please-wait",
    PRIVACY => "privacy",
    PROFILE_AGE => "profile-age",
    PROFILE_DISABILITY => "profile-disability",
    PROFILE_DONE => "profile-done",
    PROFILE_GENDER => "profile-gender",
    PROFILE_INTRO => "profile-intro",
    RATING_CHOOSE_SERVICE => "rating-choose-service",
    RATING_COMMENT => "rating-comment",
    RATING_NAMED_SERVICE => "rating-named-service",
    RATING_OFFER_COMPLAINT => "rating-offer-complaint",
    RATING_SCORE => "rating-score",
    RATING_STAR => "rating-star",
    RATING_THANKS => "rating-thanks",
    RATING_TICKET => "rating-ticket",
    REGION_ASK => "region-ask",
    REGION_OR_LOCATION => "region-or-location",
    REVIEW_AGENCY => "review-agency",
    REVIEW_AMOUNT => "review-amount",
    REVIEW_ANONYMOUS => "review-anonymous",
    REVIEW_BODY_TEXT => "review-body-text",
    REVIEW_CONFIRM => "review-confirm",
    REVIEW_CONTACT_NONE => "review-contact-none",
    REVIEW_CONTACT_PHONE => "review-contact-phone",
    REVIEW_CONTACT_TELEGRAM => "review-contact-telegram",
    REVIEW_FILES => "review-files",
    REVIEW_HEADER => "review-header",
    REVIEW_IMPLICATED => "review-implicated",
    REVIEW_KIND => "review-kind",
    REVIEW_NO_PLACE => "review-no-place",
    REVIEW_PLACE => "review-place",
    REVIEW_POSITION => "review-position",
    REVIEW_TEXT => "review-text",
    REVIEW_WHEN => "review-when",
    ROUTE_CHOOSE => "route-choose",
    ROUTE_SUGGEST => "route-suggest",
    ROUTE_SUGGEST_CORRUPTION => "route-suggest-corruption",
    ROUTE_UNSURE => "route-unsure",
    STALE_BUTTON => "stale-button",
    TEXT_TOO_LONG => "text-too-long",
    THREAD_EARLIER_OMITTED => "thread-earlier-omitted",
    THREAD_ENTRY => "thread-entry",
    TICKET_OPENED => "ticket-opened",
    TICKET_OPENED_ANONYMOUS => "ticket-opened-anonymous",
    TICKET_RECEIPT => "ticket-receipt",
    TICKET_RECEIPT_MISSING => "ticket-receipt-missing",
    UNKNOWN_COMMAND => "unknown-command",
    UNSUPPORTED => "unsupported",
    USE_BUTTONS => "use-buttons",
    WELCOME => "welcome",
    WITHDRAWN => "withdrawn",
    WITHDRAW_CONFIRM => "withdraw-confirm",
}

/// Families of keys: one message per value of a label or code, `<family>-<code>`. The ids are
/// built from static strings so a `Key` stays `Copy` and cheap.
macro_rules! family {
    ($(#[$meta:meta])* $fn_name:ident, $ty:ty, $prefix:literal, { $($variant:path => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        pub(crate) fn $fn_name(value: $ty) -> Key {
            match value {
                $($variant => Key(concat!($prefix, "-", $code))),+
            }
        }
    };
}

family!(
    /// The full name of an agency, for sentences.
    agency_name, Agency, "agency", {
    Agency::Health => "health",
    Agency::Education => "education",
    Agency::Police => "police",
    Agency::Social => "social",
    Agency::Pensions => "pensions",
    Agency::Transport => "transport",
    Agency::Energy => "energy",
    Agency::WaterAgri => "water-agri",
    Agency::Emergencies => "emergencies",
    Agency::DigitalServices => "digital-services",
    Agency::Land => "land",
    Agency::Tax => "tax",
    Agency::Environment => "environment",
    Agency::Local => "local",
    Agency::Justice => "justice",
    Agency::Anticorruption => "anticorruption",
    Agency::Ombudsman => "ombudsman",
    Agency::Triage => "triage",
});

family!(
    /// A short name of an agency, for buttons.
    agency_short, Agency, "agency-short", {
    Agency::Health => "health",
    Agency::Education => "education",
    Agency::Police => "police",
    Agency::Social => "social",
    Agency::Pensions => "pensions",
    Agency::Transport => "transport",
    Agency::Energy => "energy",
    Agency::WaterAgri => "water-agri",
    Agency::Emergencies => "emergencies",
    Agency::DigitalServices => "digital-services",
    Agency::Land => "land",
    Agency::Tax => "tax",
    Agency::Environment => "environment",
    Agency::Local => "local",
    Agency::Justice => "justice",
    Agency::Anticorruption => "anticorruption",
    Agency::Ombudsman => "ombudsman",
    Agency::Triage => "triage",
});

family!(
    /// The kind of an appeal, in lower case for the middle of a sentence.
    kind, Kind, "kind", {
    Kind::Complaint => "complaint",
    Kind::Corruption => "corruption",
    Kind::Rating => "rating",
    Kind::Suggestion => "suggestion",
    Kind::Question => "question",
    Kind::Gratitude => "gratitude",
});

family!(
    /// An oblast or city.
    region, Region, "region", {
    Region::Bishkek => "bishkek",
    Region::OshCity => "osh-city",
    Region::Chuy => "chuy",
    Region::IssykKul => "issyk-kul",
    Region::Naryn => "naryn",
    Region::Talas => "talas",
    Region::JalalAbad => "jalal-abad",
    Region::Osh => "osh",
    Region::Batken => "batken",
});

family!(
    /// A district.
    district, District, "district", {
    District::Alamudun => "alamudun",
    District::ChuyDistrict => "chuy-d",
    District::Jayil => "jayil",
    District::Kemin => "kemin",
    District::Moskva => "moskva",
    District::Panfilov => "panfilov",
    District::Sokuluk => "sokuluk",
    District::YsykAta => "ysyk-ata",
    District::AkSuu => "ak-suu",
    District::JetiOguz => "jeti-oguz",
    District::IssykKulDistrict => "issyk-kul-d",
    District::Ton => "ton",
    District::Tup => "tup",
    District::AkTalaa => "ak-talaa",
    District::AtBashy => "at-bashy",
    District::Jumgal => "jumgal",
    District::Kochkor => "kochkor",
    District::NarynDistrict => "naryn-d",
    District::BakayAta => "bakay-ata",
    District::KaraBuura => "kara-buura",
    District::Manas => "manas",
    District::TalasDistrict => "talas-d",
    District::Aksy => "aksy",
    District::AlaBuka => "ala-buka",
    District::BazarKorgon => "bazar-korgon",
    District::Chatkal => "chatkal",
    District::Nooken => "nooken",
    District::Suzak => "suzak",
    District::ToguzToro => "toguz-toro",
    District::Toktogul => "toktogul",
    District::Alay => "alay",
    District::Aravan => "aravan",
    District::ChongAlay => "chong-alay",
    District::KaraKulja => "kara-kulja",
    District::KaraSuu => "kara-suu",
    District::Nookat => "nookat",
    District::Ozgon => "ozgon",
    District::BatkenDistrict => "batken-d",
    District::Kadamjay => "kadamjay",
    District::Leylek => "leylek",
});

family!(
    /// A ticket status.
    status, TicketStatus, "status", {
    TicketStatus::New => "new",
    TicketStatus::Assigned => "assigned",
    TicketStatus::Answered => "answered",
    TicketStatus::Closed => "closed",
    TicketStatus::Reopened => "reopened",
    TicketStatus::Redirected => "redirected",
    TicketStatus::Withdrawn => "withdrawn",
});

family!(
    /// A profile answer about gender.
    gender, Gender, "gender", {
    Gender::Female => "female",
    Gender::Male => "male",
    Gender::PreferNotToSay => "prefer-not-to-say",
});

family!(
    /// A profile answer about age.
    age_band, AgeBand, "age", {
    AgeBand::Under18 => "under-18",
    AgeBand::From18To29 => "18-29",
    AgeBand::From30To44 => "30-44",
    AgeBand::From45To59 => "45-59",
    AgeBand::From60 => "60-plus",
    AgeBand::PreferNotToSay => "prefer-not-to-say",
});

family!(
    /// A profile answer about disability.
    disability, Disability, "disability", {
    Disability::Yes => "yes",
    Disability::No => "no",
    Disability::PreferNotToSay => "prefer-not-to-say",
});

family!(
    /// A command's description in Telegram's menu.
    command, Command, "command", {
    Command::Language => "language",
    Command::Help => "help",
    Command::Privacy => "privacy",
    Command::DeleteMe => "delete-me",
    Command::Menu => "menu",
    Command::Cancel => "cancel",
    Command::Profile => "profile",
    Command::My => "my",
    Command::Unknown => "unknown",
});

/// Every key the code can render: the fixed ones and every member of every family.
#[cfg(test)]
pub(crate) fn every() -> Vec<Key> {
    let mut all: Vec<Key> = STATIC.to_vec();
    all.extend(Agency::ALL.iter().flat_map(|a| [agency_name(*a), agency_short(*a)]));
    all.extend(Kind::ALL.iter().map(|k| kind(*k)));
    all.extend(Region::ALL.iter().map(|r| region(*r)));
    all.extend(District::ALL.iter().map(|d| district(*d)));
    all.extend(TicketStatus::ALL.iter().map(|s| status(*s)));
    all.extend(Gender::ALL.iter().map(|g| gender(*g)));
    all.extend(AgeBand::ALL.iter().map(|a| age_band(*a)));
    all.extend(Disability::ALL.iter().map(|d| disability(*d)));
    all.extend(Command::MENU.iter().map(|c| command(*c)));
    all.push(command(Command::Unknown));
    all.extend_from_slice(super::officer_keys::STATIC);
    all.extend_from_slice(super::reminder_keys::STATIC);
    all.extend_from_slice(super::console_keys::STATIC);
    all
}
