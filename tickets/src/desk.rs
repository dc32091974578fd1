//! The desk: where tickets are opened and acted on. It joins the store, the agencies with their
//! SLAs, the business calendar and the clock, so that every adapter (Telegram, console, command
//! line) opens and changes tickets through the same rules.

use std::sync::Arc;

use chrono::{DateTime, Datelike, Duration, Utc};
use classifier::Kind;

use crate::agencies::AgencyDirectory;
use crate::calendar::BusinessCalendar;
use crate::clock::Clock;
use crate::domain::{Actor, AgencyCode, Deadlines, NewTicket, Ticket, TicketNumber};
use crate::lifecycle::{self, Change, LifecycleError, Rules, StatusChange};
use crate::store::{Store, StoreError, Tx};

/// Opens tickets and applies changes to them.
#[derive(Clone)]
pub struct Desk {
    store: Arc<dyn Store>,
    agencies: Arc<AgencyDirectory>,
    calendar: Arc<BusinessCalendar>,
    clock: Arc<dyn Clock>,
    reopen_window: Duration,
}

impl Desk {
    /// A desk over `store`; `reopen_window` is how long after an answer a citizen may reopen.
    pub fn new(
        store: Arc<dyn Store>,
        agencies: Arc<AgencyDirectory>,
        calendar: Arc<BusinessCalendar>,
        clock: Arc<dyn Clock>,
        reopen_window: Duration,
    ) -> Self {
        Self { store, agencies, calendar, clock, reopen_window }
    }

    /// The store underneath.
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// The agencies and their SLAs.
    pub fn agencies(&self) -> &AgencyDirectory {
        &self.agencies
    }

    /// The business calendar.
    pub fn calendar(&self) -> &BusinessCalendar {
        &self.calendar
    }

    /// The deadlines of a ticket of `kind` to `agency` received at `at`.
    pub fn deadlines(&self, agency: &AgencyCode, kind: Kind, at: DateTime<Utc>) -> Deadlines {
        let sla = self.agencies.sla(agency, kind);
        Deadlines {
            registration: self.calendar.due(at, sla.registration),
            first_response: self.calendar.due(at, sla.first_response),
            resolution: self.calendar.due(at, sla.resolution),
        }
    }

    /// Opens `ticket` now: numbers it, computes its deadlines and stores it.
    pub async fn open(&self, ticket: &NewTicket) -> Result<Ticket, StoreError> {
        let mut tx = self.store.begin().await?;
        let opened = self.open_in(tx.as_mut(), ticket).await?;
        tx.commit().await?;
        Ok(opened)
    }

    /// [`Desk::open`] inside the caller's transaction.
    pub async fn open_in(&self, tx: &mut dyn Tx, ticket: &NewTicket) -> Result<Ticket, StoreError> {
        for code in std::iter::once(ticket.agency()).chain(ticket.implicated()) {
            if self.agencies.get(code).is_none() {
                return Err(LifecycleError::UnknownAgency(code.clone()).into());
            }
        }
        let now = self.clock.now();
        let year = now.with_timezone(&self.calendar.timezone()).year();
        let deadlines = self.deadlines(ticket.agency(), ticket.kind(), now);
        let opened = tx.open_ticket(ticket, year, now, deadlines).await?;
        // Reminders and escalations are durable jobs, committed with the ticket.
        for job in crate::reminders::plan(&opened, &self.calendar) {
            tx.enqueue(&job, now).await?;
        }
        Ok(opened)
    }

    /// Applies `change` by `actor` to the ticket `number`, now.
    pub async fn change(&self, number: &TicketNumber, change: Change, actor: Actor) -> Result<Ticket, StoreError> {
        let mut tx = self.store.begin().await?;
        let changed = self.change_in(tx.as_mut(), number, change, actor).await?;
        tx.commit().await?;
        Ok(changed)
    }

    /// [`Desk::change`] inside the caller's transaction.
    pub async fn change_in(
        &self,
        tx: &mut dyn Tx,
        number: &TicketNumber,
        change: Change,
        actor: Actor,
    ) -> Result<Ticket, StoreError> {
        let now = self.clock.now();
        let rules = Rules { calendar: &self.calendar, agencies: &self.agencies, reopen_window: self.reopen_window };
        let reopen = matches!(change, Change::Status(StatusChange::Reopen));
        let changed = tx
            .update_ticket(number, Box::new(move |ticket| lifecycle::apply(ticket, &change, actor, now, rules)))
            .await?;
        if reopen {
            // The first plan's reminders were skipped while the ticket stood answered: plan
            // again, with the reopen, so the deadlines it still owes are reminded of.
            tx.retire_reminders(&changed.number).await?;
            for job in crate::reminders::replan_reopened(&changed, &self.calendar, now) {
                tx.enqueue(&job, now).await?;
            }
        }
        Ok(changed)
    }

    /// The current instant of the desk's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}
