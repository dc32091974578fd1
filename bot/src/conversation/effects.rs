//! Carrying out what the dialogue engine asks, inside the turn's transaction, and answering it.

use chrono::Utc;
use dialogs::{
    Attachment, ContactConsent, Effect, Event, Failure, MenuCommand, Place, ProfileField, RatingDraft, RatingTarget,
    TicketDraft, TicketOpened, TicketRef, UiLang,
};
use governor::DefaultKeyedRateLimiter;
use rand::Rng;
use tickets::desk::Desk;
use tickets::domain::{
    Actor, AgencyCode, AuthorKind, Media, MediaKind, NewMessage, NewRating, NewTicket, Profile,
    RatingTarget as StoredTarget, Routing, RoutingChoice, Score, Suggestion, Ticket, TicketNumber,
};
use tickets::lifecycle::{Change, StatusChange};
use tickets::store::{StoreError, Tx};

use super::answers;
use super::chat_lang;

/// What the turn needs to carry out effects.
pub struct Context<'a> {
    pub desk: &'a Desk,
    pub chat_id: i64,
    pub appeals: &'a DefaultKeyedRateLimiter<i64>,
}

/// What an effect gave back.
pub enum Outcome {
    /// An event to feed the engine next.
    Answer(Event),
    /// A command menu for the chat.
    Menu(Vec<MenuCommand>),
    Done,
}

/// Carries out `effect`. Refusals (a ticket that is not the chat's, a withdrawal of a closed
/// ticket) answer `Failed`; database failures abort the whole turn.
pub async fn run(
    cx: &Context<'_>,
    tx: &mut dyn Tx,
    lang: &mut Option<UiLang>,
    effect: Effect,
) -> anyhow::Result<Outcome> {
    let answer = match effect {
        Effect::Classify { text } => Event::Classified(classify(&text)),
        Effect::OpenTicket(draft) => {
            if cx.appeals.check_key(&cx.chat_id).is_err() {
                Event::Failed(Failure::TooManyAppeals)
            } else {
                let event = refused_as_failure(open_ticket(cx, tx, *lang, &draft).await)?;
                if let Event::TicketOpened(opened) = &event {
                    crate::officer::deliver_opened(cx.desk, tx, opened.number.as_str()).await?;
                }
                event
            }
        }
        Effect::ListTickets => {
            let now = cx.desk.now();
            let tickets = tx.tickets_of_chat(cx.chat_id, 20).await?;
            Event::TicketsListed(tickets.iter().filter_map(|t| summary(cx, t, now)).collect())
        }
        Effect::ShowTicket(number) => match own_ticket(cx, tx, &number).await? {
            Some(ticket) => {
                let thread = tx.thread(&ticket.number).await?;
                match summary(cx, &ticket, cx.desk.now()) {
                    Some(summary) => Event::TicketShown(answers::view(cx.desk.calendar(), summary, &thread)),
                    None => Event::Failed(Failure::NotFound),
                }
            }
            None => Event::Failed(Failure::NotFound),
        },
        Effect::AddInfo { number, text, attachment } => match own_ticket(cx, tx, &number).await? {
            Some(ticket) => {
                let message = citizen_message(text.clone(), attachment.as_ref());
                tx.add_message(&ticket.number, &message).await?;
                let media = attachment.map(|a| crate::officer::FileRef { kind: a.kind, file_id: a.file_id });
                crate::officer::follow_up(tx, &ticket, text.as_deref(), media.as_ref()).await?;
                return Ok(Outcome::Done);
            }
            None => Event::Failed(Failure::NotFound),
        },
        Effect::Withdraw(number) => match own_ticket(cx, tx, &number).await? {
            Some(ticket) => {
                let change = Change::Status(StatusChange::Withdraw);
                match cx.desk.change_in(tx, &ticket.number, change, Actor::CITIZEN).await {
                    Ok(_) => return Ok(Outcome::Done),
                    Err(StoreError::Refused(_)) => Event::Failed(Failure::Conflict),
                    Err(error) => return Err(error.into()),
                }
            }
            None => Event::Failed(Failure::NotFound),
        },
        Effect::RecordRating(rating) => match record_rating(cx, tx, *lang, rating).await? {
            true => return Ok(Outcome::Done),
            false => Event::Failed(Failure::NotFound),
        },
        Effect::SetLanguage(chosen) => {
            *lang = Some(chosen);
            tx.upsert_citizen(cx.chat_id, chat_lang(chosen), Utc::now()).await?;
            tx.set_citizen_lang(cx.chat_id, chat_lang(chosen)).await?;
            return Ok(Outcome::Done);
        }
        Effect::SetProfile(field) => {
            let current = tx.upsert_citizen(cx.chat_id, chat_lang(lang.unwrap_or(UiLang::Ru)), Utc::now()).await?;
            tx.set_profile(current.id, with_field(current.profile, field)).await?;
            return Ok(Outcome::Done);
        }
        Effect::EraseMyData => {
            tx.erase_citizen(cx.chat_id).await?;
            *lang = None;
            return Ok(Outcome::Done);
        }
        Effect::SetChatCommands(menu) => return Ok(Outcome::Menu(menu)),
    };
    Ok(Outcome::Answer(answer))
}

/// A lifecycle or routing refusal becomes a `Failed` answer; anything else stays an error.
fn refused_as_failure(result: Result<Event, StoreError>) -> anyhow::Result<Event> {
    match result {
        Ok(event) => Ok(event),
        Err(StoreError::Refused(error)) => {
            tracing::warn!(%error, "the desk refused an appeal");
            Ok(Event::Failed(Failure::Conflict))
        }
        Err(error) => Err(error.into()),
    }
}

/// The shipped classifier's answer, in the engine's terms.
pub fn classify(text: &str) -> dialogs::Classification {
    let result = classifier::classify(text);
    dialogs::Classification {
        lang: result.lang,
        kind: result.kind,
        agency: result.agency,
        implicated: result.implicated,
        confidence: result.confidence,
        alternatives: result.alternatives.iter().map(|a| (a.agency, a.score)).collect(),
    }
    .normalized()
}

async fn open_ticket(
    cx: &Context<'_>,
    tx: &mut dyn Tx,
    lang: Option<UiLang>,
    draft: &TicketDraft,
) -> Result<Event, StoreError> {
    let now = cx.desk.now();
    let ui = lang.unwrap_or(draft.lang);
    let citizen =
        if draft.anonymous { None } else { Some(tx.upsert_citizen(cx.chat_id, chat_lang(ui), now).await?.id) };
    let message_lang = draft.routing.suggested.as_ref().map(|c| c.lang).unwrap_or_else(|| ui.to_classifier());
    let routing = Routing {
        kind: draft.kind,
        agency: draft.agency.into(),
        implicated: draft.implicated.map(AgencyCode::from),
        lang: message_lang,
    };
    let (region, district, place_text) = place(draft.place.as_ref());
    let mut ticket = NewTicket::new(routing, citizen, draft.anonymous)
        .map_err(|e| StoreError::Conflict(e.to_string()))?
        .with_place(region, district);
    if let Some(text) = first_text(draft, place_text) {
        ticket = ticket.with_first_message(citizen_message(Some(text), None));
    }
    let opened = cx.desk.open_in(tx, &ticket).await?;
    for attachment in &draft.attachments {
        tx.add_message(&opened.number, &citizen_message(None, Some(attachment))).await?;
    }
    if let ContactConsent::Phone(phone) = &draft.contact {
        tx.add_message(&opened.number, &citizen_message(Some(format!("☎ {phone}")), None)).await?;
    }
    tx.record_routing_choice(opened.id, &routing_choice(draft)).await?;
    let receipt = if draft.anonymous {
        let code = receipt_code();
        tx.seal_channel(opened.id, cx.chat_id, &receipt_hash(&code), now).await?;
        Some(code)
    } else {
        None
    };
    let sla = cx.desk.agencies().sla(&opened.agency, opened.kind);
    let Ok(number) = TicketRef::parse(&opened.number.to_string()) else {
        return Err(StoreError::Corrupt(format!("ticket number {}", opened.number)));
    };
    Ok(Event::TicketOpened(TicketOpened {
        number,
        due_date: answers::local_date(cx.desk.calendar(), opened.deadlines.resolution),
        working_days: sla.resolution.days,
        receipt,
    }))
}

/// The citizen's words, then the corruption facts, then a place written in words.
fn first_text(draft: &TicketDraft, place_text: Option<String>) -> Option<String> {
    let mut parts: Vec<String> = draft.messages.iter().filter(|m| !m.trim().is_empty()).cloned().collect();
    if let Some(facts) = &draft.corruption {
        let lines = [
            ("Орган / мекеме", &facts.body),
            ("Должность / кызмат орду", &facts.position),
            ("Когда / качан", &facts.when),
            ("Сумма / сумма", &facts.amount),
        ];
        parts.extend(lines.iter().filter_map(|(label, value)| value.as_ref().map(|v| format!("{label}: {v}"))));
    }
    parts.extend(place_text);
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

fn place(place: Option<&Place>) -> (Option<String>, Option<String>, Option<String>) {
    match place {
        Some(Place::Region { region, district }) => {
            (Some(region.code().to_owned()), district.map(|d| d.code().to_owned()), None)
        }
        Some(Place::Point(point)) => {
            (None, None, Some(format!("📍 {:.6}, {:.6}", point.latitude(), point.longitude())))
        }
        Some(Place::Text(text)) => (None, None, Some(format!("📍 {text}"))),
        None => (None, None, None),
    }
}

fn citizen_message(text: Option<String>, attachment: Option<&Attachment>) -> NewMessage {
    NewMessage {
        author: AuthorKind::Citizen,
        officer_id: None,
        text,
        media: attachment.map(|a| Media { kind: media_kind(a.kind), file_id: a.file_id.clone() }),
        at: Utc::now(),
    }
}

/// The dialogue's attachment kind as the store's.
pub(crate) fn media_kind(kind: dialogs::MediaKind) -> MediaKind {
    match kind {
        dialogs::MediaKind::Photo => MediaKind::Photo,
        dialogs::MediaKind::Document => MediaKind::Document,
        dialogs::MediaKind::Voice => MediaKind::Voice,
        dialogs::MediaKind::Video => MediaKind::Video,
        dialogs::MediaKind::Audio => MediaKind::Audio,
        dialogs::MediaKind::VideoNote => MediaKind::VideoNote,
    }
}

fn routing_choice(draft: &TicketDraft) -> RoutingChoice {
    RoutingChoice {
        suggested: draft.routing.suggested.as_ref().map(|c| Suggestion {
            kind: c.kind,
            agency: c.agency.into(),
            implicated: c.implicated.map(AgencyCode::from),
            confidence: f64::from(c.confidence),
        }),
        chosen_kind: draft.routing.kind,
        chosen_agency: draft.routing.agency.into(),
        source: serde_json::to_value(draft.routing.source)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_else(|| "unknown".into()),
    }
}

/// A receipt code an anonymous reporter can read out or type: 10 characters without look-alikes.
fn receipt_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..10).map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())])).collect()
}

fn receipt_hash(code: &str) -> String {
    crate::digest::sha256_hex(code.as_bytes())
}

/// The chat's ticket with this number, or `None` when it is not the chat's to see.
async fn own_ticket(cx: &Context<'_>, tx: &mut dyn Tx, number: &TicketRef) -> anyhow::Result<Option<Ticket>> {
    let Ok(number) = number.as_str().parse::<TicketNumber>() else { return Ok(None) };
    let tickets = tx.tickets_of_chat(cx.chat_id, 1000).await?;
    Ok(tickets.into_iter().find(|t| t.number == number))
}

fn summary(cx: &Context<'_>, ticket: &Ticket, now: chrono::DateTime<Utc>) -> Option<dialogs::TicketSummary> {
    let parent = cx.desk.agencies().get(&ticket.agency).and_then(|a| a.parent.as_ref());
    let agency = answers::agency_label(&ticket.agency, parent);
    answers::summary(cx.desk.calendar(), ticket, agency, now)
}

async fn record_rating(
    cx: &Context<'_>,
    tx: &mut dyn Tx,
    lang: Option<UiLang>,
    rating: RatingDraft,
) -> anyhow::Result<bool> {
    let target = match rating.target {
        RatingTarget::Service { agency, service } => StoredTarget::Service { agency: agency.into(), service },
        RatingTarget::Ticket(number) => match own_ticket(cx, tx, &number).await? {
            Some(ticket) => StoredTarget::Ticket(ticket.number),
            None => return Ok(false),
        },
    };
    let citizen = tx.upsert_citizen(cx.chat_id, chat_lang(lang.unwrap_or(UiLang::Ru)), Utc::now()).await?;
    let score = Score::try_from(i64::from(rating.score.get()))?;
    tx.add_rating(&NewRating { target, score, comment: rating.comment, citizen_id: Some(citizen.id), at: Utc::now() })
        .await?;
    Ok(true)
}

fn with_field(mut profile: Profile, field: ProfileField) -> Profile {
    match field {
        ProfileField::Gender(g) => profile.gender = g.code().parse().ok(),
        ProfileField::AgeBand(a) => profile.age_band = a.code().parse().ok(),
        ProfileField::Disability(d) => profile.disability = d.code().parse().ok(),
    }
    profile
}

#[cfg(test)]
mod tests {
    use classifier::{Agency, Kind};

    use super::*;

    #[test]
    fn receipt_codes_are_readable_and_hashed() {
        let code = receipt_code();
        assert_eq!(code.len(), 10);
        assert!(code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()));
        assert!(!code.contains(['0', 'O', '1', 'I']));
        assert_eq!(receipt_hash(&code).len(), 64);
        assert_ne!(receipt_hash(&code), code);
    }

    #[test]
    fn a_classified_corruption_report_names_anticorruption() {
        let c = classify("Гаишник 2000 сом сурады, бербесем права алам деди");
        assert_eq!(c.kind, Kind::Corruption);
        assert_eq!(c.agency, Agency::Anticorruption);
    }
}
