//! `kairyluu ticket show|open`.

use anyhow::{Context, anyhow};
use chrono::{DateTime, Utc};
use classifier::{Kind, Lang};
use tickets::domain::{AgencyCode, AuthorKind, NewMessage, NewTicket, Routing, Ticket, TicketNumber};

use crate::app::App;
use crate::cli::TicketCommand;
use crate::settings::Loaded;

pub async fn run(loaded: Loaded, command: TicketCommand) -> anyhow::Result<()> {
    let app = App::build(loaded).await?;
    match command {
        TicketCommand::Show { number } => show(&app, &number).await,
        TicketCommand::Open { agency, kind, lang, implicated, region, text } => {
            let routing = Routing {
                kind: kind.parse::<Kind>()?,
                agency: agency.parse::<AgencyCode>()?,
                implicated: implicated.as_deref().map(str::parse::<AgencyCode>).transpose()?,
                lang: lang.parse::<Lang>()?,
            };
            let mut ticket = NewTicket::new(routing, None, true)?.with_place(region, None);
            if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
                ticket = ticket.with_first_message(NewMessage {
                    author: AuthorKind::Citizen,
                    officer_id: None,
                    text: Some(text),
                    media: None,
                    at: Utc::now(),
                });
            }
            let opened = app.desk.open(&ticket).await.context("cannot open the ticket")?;
            println!("{}", opened.number);
            Ok(())
        }
    }
}

async fn show(app: &App, number: &str) -> anyhow::Result<()> {
    let number: TicketNumber = number.parse()?;
    let ticket = app.store.ticket(&number).await?.ok_or_else(|| anyhow!("no ticket {number}"))?;
    let audit = app.store.audit_log(&number).await?;
    let thread = app.store.thread(&number).await?;
    let calendar = &app.loaded.calendar;
    let local = |at: DateTime<Utc>| at.with_timezone(&calendar.timezone()).format("%Y-%m-%d %H:%M").to_string();
    let agency_name =
        |code: &AgencyCode| app.loaded.agencies.get(code).map(|a| a.name_ru.clone()).unwrap_or_else(|| "?".into());
    print_ticket(&ticket, &local, &agency_name);
    let now = Utc::now();
    if ticket.status.is_open() {
        let left = if now < ticket.deadlines.resolution {
            format!("{:.1} working days left", calendar.working_days_between(now, ticket.deadlines.resolution))
        } else {
            format!("overdue by {:.1} working days", calendar.working_days_between(ticket.deadlines.resolution, now))
        };
        println!("{:<20}{left}", "time left");
    }
    let messages = if thread.len() == 1 { "message" } else { "messages" };
    println!("{:<20}{} {messages}", "thread", thread.len());
    println!("audit trail (Asia/Bishkek):");
    for entry in audit {
        let actor = match entry.actor.officer_id {
            Some(id) => format!("{} #{id}", entry.actor.kind),
            None => entry.actor.kind.to_string(),
        };
        println!("  {}  {:<10} {:<10} {}", local(entry.at), entry.action, actor, entry.detail.unwrap_or_default());
    }
    Ok(())
}

fn print_ticket(ticket: &Ticket, local: &dyn Fn(DateTime<Utc>) -> String, agency_name: &dyn Fn(&AgencyCode) -> String) {
    let row = |label: &str, value: String| println!("{label:<20}{value}");
    row("number", ticket.number.to_string());
    row("status", ticket.status.to_string());
    row("kind", ticket.kind.to_string());
    row("agency", format!("{} ({})", ticket.agency, agency_name(&ticket.agency)));
    if let Some(implicated) = &ticket.implicated {
        row("implicated", format!("{implicated} ({})", agency_name(implicated)));
    }
    row("language", ticket.lang.to_string());
    row("region", ticket.region.clone().unwrap_or_else(|| "-".into()));
    row("anonymous", if ticket.anonymous { "yes".into() } else { "no".into() });
    row("created", local(ticket.created_at));
    row("registration due", local(ticket.deadlines.registration));
    row("first response due", local(ticket.deadlines.first_response));
    row("resolution due", local(ticket.deadlines.resolution));
    if let Some(extension) = &ticket.extension {
        row("extended", format!("by {} on {}: {}", extension.span, local(extension.at), extension.reason));
    }
    if let Some(at) = ticket.answered_at {
        row("answered", local(at));
    }
    if let Some(at) = ticket.closed_at {
        row("closed", local(at));
    }
    row("redirects", ticket.redirect_count.to_string());
}
