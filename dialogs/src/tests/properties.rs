//! Property: `step` never panics and always keeps its invariants, whatever arrives in whatever
//! state.

use classifier::{Agency, Kind, Lang};
use proptest::prelude::*;

use super::driver::check_invariants;
use super::serde_roundtrip::every_reachable_state;
use crate::answers::{Failure, TicketOpened, TicketRef, TicketStatus, TicketSummary};
use crate::{Attachment, CallbackData, Classification, Command, Event, GeoPoint, MediaKind, UiLang, Unsupported, step};

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,40}",
        "(/[a-z_]{1,12})( [A-Za-z0-9_-]{0,20})?",
        "(помогите|пожар|өрт|ала качып|Нет света|Жарык жок| ){1,6}",
        (0usize..5000).prop_map(|n| "ж".repeat(n)),
    ]
}

fn any_callback() -> impl Strategy<Value = CallbackData> {
    let known = prop_oneof![
        Just("ok".to_owned()),
        Just("done".to_owned()),
        Just("skip".to_owned()),
        Just("x".to_owned()),
        Just("edit".to_owned()),
        Just("tl".to_owned()),
        (0u8..4).prop_map(|p| format!("p:{p}")),
        (0u8..8).prop_map(|s| format!("sc:{s}")),
        proptest::sample::select(Agency::ALL.to_vec()).prop_map(|a| format!("a:{}", a.code())),
        proptest::sample::select(vec!["r:chuy", "r:bishkek", "d:sokuluk", "d:alay", "c:1", "c:0", "an:1", "an:0"])
            .prop_map(str::to_owned),
        proptest::sample::select(vec!["m:complaint", "m:corruption", "m:rating", "m:my", "m:help", "l:ky", "l:ru"])
            .prop_map(str::to_owned),
        proptest::sample::select(vec!["to:KR-1", "ta:KR-1", "tw:KR-1", "ty:KR-1", "tr:KR-1", "e:1", "e:0", "rc:1"])
            .prop_map(str::to_owned),
        any::<u32>().prop_map(|n| format!("s:{n:08x}")),
        "[a-z:0-9]{1,64}",
    ];
    known.prop_filter_map("valid callback", |raw| CallbackData::parse(&raw).ok())
}

fn any_event() -> impl Strategy<Value = Event> {
    let classification = (
        proptest::sample::select(Kind::ALL.to_vec()),
        proptest::sample::select(Agency::ALL.to_vec()),
        proptest::sample::select(Lang::ALL.to_vec()),
        any::<f32>(),
        proptest::collection::vec((proptest::sample::select(Agency::ALL.to_vec()), any::<f32>()), 0..6),
    )
        .prop_map(|(kind, agency, lang, confidence, alternatives)| {
            Event::Classified(Classification { lang, kind, agency, implicated: Some(agency), confidence, alternatives })
        });
    prop_oneof![
        any_text().prop_map(Event::Text),
        any_text().prop_map(|t| Event::from_text(&t, Some("ru"))),
        any_callback().prop_map(Event::Button),
        (any_text(), proptest::option::of("[a-z]{2}"))
            .prop_map(|(p, code)| Event::Start { payload: Some(p), language_code: code }),
        proptest::sample::select(vec![
            Command::Language,
            Command::Help,
            Command::Privacy,
            Command::DeleteMe,
            Command::Menu,
            Command::Cancel,
            Command::Profile,
            Command::My,
            Command::Unknown,
        ])
        .prop_map(Event::Command),
        (proptest::option::of(any_text()), "[A-Za-z0-9]{1,20}").prop_map(|(caption, id)| Event::Media {
            attachment: Attachment { kind: MediaKind::Photo, file_id: id },
            caption,
        }),
        (any::<f64>(), any::<f64>())
            .prop_map(|(latitude, longitude)| Event::Location(GeoPoint { latitude, longitude })),
        (".{0,20}", any::<bool>()).prop_map(|(phone, own)| Event::Contact { phone, own }),
        Just(Event::Unsupported(Unsupported::Sticker)),
        Just(Event::Edited),
        Just(Event::GroupChat),
        classification,
        Just(Event::TicketOpened(TicketOpened {
            number: TicketRef::parse("KR-1").unwrap(),
            due_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            working_days: 14,
            receipt: Some("R".into()),
        })),
        Just(Event::TicketsListed(vec![TicketSummary {
            number: TicketRef::parse("KR-1").unwrap(),
            kind: Kind::Complaint,
            agency: Agency::Health,
            status: TicketStatus::New,
            due_date: None,
            days_left: Some(-3),
        }])),
        proptest::sample::select(vec![
            Failure::NotFound,
            Failure::Conflict,
            Failure::TooManyAppeals,
            Failure::Unavailable
        ])
        .prop_map(Event::Failed),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn step_never_panics_and_keeps_its_invariants(
        lang in proptest::option::of(proptest::sample::select(UiLang::ALL.to_vec())),
        events in proptest::collection::vec(any_event(), 1..25),
        start in 0usize..40,
    ) {
        let states = every_reachable_state();
        let mut state = states[start % states.len()].clone();
        let mut lang = lang;
        for event in events {
            let out = step(&state, lang, event);
            check_invariants(&out);
            for effect in &out.effects {
                if let crate::Effect::SetLanguage(l) = effect { lang = Some(*l); }
                if let crate::Effect::OpenTicket(t) = effect {
                    prop_assert!(t.kind != Kind::Corruption || t.agency == Agency::Anticorruption);
                    prop_assert!(!t.anonymous || t.contact == crate::ContactConsent::None);
                }
            }
            let json = serde_json::to_string(&out.state).unwrap();
            prop_assert_eq!(serde_json::from_str::<crate::DialogState>(&json).unwrap(), out.state.clone());
            state = out.state;
        }
    }
}
