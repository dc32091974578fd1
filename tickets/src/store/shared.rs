//! The body of [`Store`](super::Store) and [`Tx`](super::Tx) that both databases share. The SQL
//! is written once with `$N` placeholders, which SQLite and PostgreSQL both accept; what differs
//! per dialect (how a write transaction begins, row locks, migrations) is supplied by each store
//! as the associated items that this macro calls.

/// A message queued through a transaction and not yet written (see `write_outbox`).
pub(crate) struct UnwrittenPush {
    pub(crate) item: crate::queues::NewOutboxItem,
    pub(crate) at: chrono::DateTime<chrono::Utc>,
    /// The worker and lease end it is born leased to, when it is for delivery right after commit.
    pub(crate) lease: Option<(String, chrono::DateTime<chrono::Utc>)>,
}

/// Implements `Store` for `$store` and `Tx` for its transaction type `$tx` over database `$db`.
/// `$store` must provide `pool`, `begin_write()`, `MIGRATOR`, `BACKEND`, `FOR_UPDATE` and
/// `SKIP_LOCKED`.
macro_rules! impl_store {
    ($store:ty, $tx:ident, $db:ty) => {
        /// A write transaction: everything done through it is committed together, or not at all
        /// (dropping it without `commit` rolls back).
        pub struct $tx {
            tx: sqlx::Transaction<'static, $db>,
            /// This process's turn to write (SQLite), released after `tx` ends: fields drop
            /// in order.
            _gate: Option<tokio::sync::OwnedSemaphorePermit>,
            /// Set by [`Tx::lease_pushes`]: the worker and lease end given to messages queued
            /// from now on, which are then kept in `leased` for delivery right after commit.
            lease: Option<(String, chrono::DateTime<chrono::Utc>)>,
            leased: Vec<$crate::queues::OutboxItem>,
            /// Messages queued and not yet written: all of a transaction's go in one statement
            /// (a turn queues two or three), before it commits or hands out its leased ones.
            unwritten: Vec<$crate::store::shared::UnwrittenPush>,
        }

        /// Ids a statement marks sent: far below both databases' parameter limits.
        const MARKS_PER_STATEMENT: usize = 1000;

        /// Marks the outbox messages `ids` sent, as `outbox_sent` does one: the payload (review
        /// texts, receipt codes) is not kept once delivered.
        fn mark_sent_sql(ids: &[i64], at: chrono::DateTime<chrono::Utc>) -> sqlx::QueryBuilder<'_, $db> {
            let mut update = sqlx::QueryBuilder::<$db>::new("UPDATE outbox SET state = 'sent', sent_at = ");
            update.push_bind(at);
            update.push(", leased_until = NULL, payload = '' WHERE id IN (");
            let mut list = update.separated(", ");
            for id in ids {
                list.push_bind(*id);
            }
            update.push(")");
            update
        }

        impl $tx {
            /// Writes the queued messages, in the order they were queued, in one statement per
            /// hundred. A leased one (born claimed, as `outbox_claim` would leave it, one
            /// attempt counted) is kept for [`Tx::take_leased`]: no other sender takes it while
            /// this process delivers it from memory, and if this process dies first, the lease
            /// runs out and any sender delivers it.
            async fn write_outbox(&mut self) -> Result<(), $crate::store::StoreError> {
                let unwritten = std::mem::take(&mut self.unwritten);
                // 8 parameters a row: far below both databases' limits.
                for chunk in unwritten.chunks(100) {
                    let mut insert = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO outbox (chat_id, method, payload, not_before, created_at, leased_until, leased_by, attempts) ",
                    );
                    insert.push_values(chunk, |mut row, push| {
                        row.push_bind(push.item.chat_id)
                            .push_bind(push.item.method.as_str())
                            .push_bind(push.item.payload.as_str())
                            .push_bind(push.item.not_before)
                            .push_bind(push.at)
                            .push_bind(push.lease.as_ref().map(|(_, until)| *until))
                            .push_bind(push.lease.as_ref().map(|(worker, _)| worker.as_str()))
                            .push_bind(i32::from(push.lease.is_some()));
                    });
                    insert.push(" RETURNING id");
                    let mut ids: Vec<i64> = insert.build_query_scalar().fetch_all(&mut *self.tx).await?;
                    // RETURNING gives no order; the rows of one INSERT take rising ids in the
                    // order of its VALUES (one rowid or sequence value after another).
                    ids.sort_unstable();
                    if ids.len() != chunk.len() {
                        return Err($crate::store::StoreError::Database(sqlx::Error::Protocol(format!(
                            "the outbox insert returned {} ids for {} messages",
                            ids.len(),
                            chunk.len()
                        ))));
                    }
                    for (push, id) in chunk.iter().zip(ids) {
                        if push.lease.is_some() {
                            self.leased.push($crate::queues::OutboxItem {
                                id,
                                chat_id: push.item.chat_id,
                                method: push.item.method.clone(),
                                payload: push.item.payload.clone(),
                                attempts: 1,
                            });
                        }
                    }
                }
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::store::Store for $store {
            async fn begin(&self) -> Result<Box<dyn $crate::store::Tx>, $crate::store::StoreError> {
                let gate = self.write_gate().await;
                let tx = self.begin_write().await?;
                Ok(Box::new($tx { tx, _gate: gate, lease: None, leased: Vec::new(), unwritten: Vec::new() }))
            }

            fn backend(&self) -> $crate::store::Backend {
                Self::BACKEND
            }

            #[tracing::instrument(skip(self))]
            async fn migrate(&self) -> Result<(), $crate::store::StoreError> {
                Self::MIGRATOR.run(&self.pool).await?;
                Ok(())
            }

            async fn ping(&self) -> Result<(), $crate::store::StoreError> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn sync_agencies(
                &self,
                agencies: &$crate::agencies::AgencyDirectory,
            ) -> Result<(), $crate::store::StoreError> {
                let mut tx = self.begin_write().await?;
                // Parents first pass as NULL, so the order of rows does not matter for the
                // foreign key; the second pass sets them.
                for agency in agencies.iter() {
                    sqlx::query(
                        "INSERT INTO agencies (code, name_ky, name_ru, name_en, parent) VALUES ($1, $2, $3, $4, NULL)
                         ON CONFLICT (code) DO UPDATE SET name_ky = excluded.name_ky, name_ru = excluded.name_ru,
                         name_en = excluded.name_en",
                    )
                    .bind(agency.code.as_str())
                    .bind(&agency.name_ky)
                    .bind(&agency.name_ru)
                    .bind(&agency.name_en)
                    .execute(&mut *tx)
                    .await?;
                }
                for agency in agencies.iter() {
                    sqlx::query("UPDATE agencies SET parent = $2 WHERE code = $1")
                        .bind(agency.code.as_str())
                        .bind(agency.parent.as_ref().map(|p| p.as_str()))
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn citizen_by_chat(
                &self,
                chat_id: i64,
            ) -> Result<Option<$crate::domain::Citizen>, $crate::store::StoreError> {
                fetch_citizen_by_chat(&self.pool, chat_id).await
            }

            async fn ticket(
                &self,
                number: &$crate::domain::TicketNumber,
            ) -> Result<Option<$crate::domain::Ticket>, $crate::store::StoreError> {
                fetch_ticket(&self.pool, number).await
            }

            async fn thread(
                &self,
                number: &$crate::domain::TicketNumber,
            ) -> Result<Vec<$crate::domain::ThreadMessage>, $crate::store::StoreError> {
                fetch_thread(&self.pool, number).await
            }

            async fn audit_log(
                &self,
                number: &$crate::domain::TicketNumber,
            ) -> Result<Vec<$crate::domain::AuditEntry>, $crate::store::StoreError> {
                let rows: Vec<$crate::store::rows::AuditRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM audit_log WHERE ticket_id = (SELECT id FROM tickets WHERE number = $1) ORDER BY id",
                    $crate::store::rows::AUDIT_COLUMNS
                ))
                .bind(number.to_string())
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn inbox_pending(
                &self,
                bot_id: i64,
                now: chrono::DateTime<chrono::Utc>,
                limit: i64,
            ) -> Result<Vec<$crate::queues::InboxItem>, $crate::store::StoreError> {
                // A chat's updates are handled in order: one waiting for its retry holds back the
                // later updates of its chat, and no other chat.
                let rows: Vec<(i64, i64, Option<i64>, Option<String>, i32)> = sqlx::query_as(
                    "SELECT id, update_id, chat_id, payload, attempts FROM inbox AS item
                     WHERE bot_id = $1 AND handled_at IS NULL
                       AND (next_attempt_at IS NULL OR next_attempt_at <= $2)
                       AND NOT EXISTS (
                           SELECT 1 FROM inbox AS earlier
                           WHERE earlier.bot_id = $1 AND earlier.handled_at IS NULL
                             AND earlier.chat_id = item.chat_id AND earlier.id < item.id
                             AND earlier.next_attempt_at > $2)
                     ORDER BY id LIMIT $3",
                )
                .bind(bot_id)
                .bind(now)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, update_id, chat_id, payload, attempts)| $crate::queues::InboxItem {
                        id,
                        update_id,
                        chat_id,
                        payload: payload.unwrap_or_default(),
                        attempts,
                    })
                    .collect())
            }

            async fn inbox_failed_attempt(
                &self,
                id: i64,
                error: &str,
                retry_at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::StoreError> {
                sqlx::query(
                    "UPDATE inbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3 WHERE id = $1",
                )
                .bind(id)
                .bind(error)
                .bind(retry_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn outbox_claim(
                &self,
                now: chrono::DateTime<chrono::Utc>,
                lease_until: chrono::DateTime<chrono::Utc>,
                worker: &str,
                limit: i64,
            ) -> Result<Vec<$crate::queues::OutboxItem>, $crate::store::StoreError> {
                let mut rows: Vec<(i64, i64, String, String, i32)> = sqlx::query_as(&format!(
                    "UPDATE outbox SET leased_until = $2, leased_by = $3, attempts = attempts + 1
                     WHERE id IN (SELECT id FROM outbox
                                  WHERE state = 'pending' AND not_before <= $1
                                    AND (leased_until IS NULL OR leased_until < $1)
                                  ORDER BY id LIMIT $4{})
                     RETURNING id, chat_id, method, payload, attempts",
                    Self::SKIP_LOCKED
                ))
                .bind(now)
                .bind(lease_until)
                .bind(worker)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.sort_by_key(|row| row.0);
                Ok(rows
                    .into_iter()
                    .map(|(id, chat_id, method, payload, attempts)| $crate::queues::OutboxItem {
                        id,
                        chat_id,
                        method,
                        payload,
                        attempts,
                    })
                    .collect())
            }

            async fn outbox_sent(
                &self,
                id: i64,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::StoreError> {
                // The payload is the message as sent (review texts, receipt codes): once delivered
                // it is not kept, so the outbox holds no copy of what citizens wrote.
                sqlx::query(
                    "UPDATE outbox SET state = 'sent', sent_at = $2, leased_until = NULL, payload = '' WHERE id = $1",
                )
                    .bind(id)
                    .bind(at)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn outbox_sent_many(
                &self,
                ids: &[i64],
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::StoreError> {
                if ids.is_empty() {
                    return Ok(());
                }
                let _gate = self.write_gate().await;
                // Marking twice is harmless: a failure halfway is simply tried again.
                for chunk in ids.chunks(MARKS_PER_STATEMENT) {
                    mark_sent_sql(chunk, at).build().execute(&self.pool).await?;
                }
                Ok(())
            }

            async fn outbox_retry(
                &self,
                id: i64,
                not_before: chrono::DateTime<chrono::Utc>,
                error: &str,
            ) -> Result<(), $crate::store::StoreError> {
                sqlx::query(
                    "UPDATE outbox SET not_before = $2, last_error = $3, leased_until = NULL, leased_by = NULL
                     WHERE id = $1",
                )
                .bind(id)
                .bind(not_before)
                .bind(error)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn outbox_defer(
                &self,
                id: i64,
                not_before: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::StoreError> {
                sqlx::query(
                    "UPDATE outbox SET not_before = $2, attempts = attempts - 1, leased_until = NULL, leased_by = NULL
                     WHERE id = $1",
                )
                .bind(id)
                .bind(not_before)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn outbox_failed(&self, id: i64, error: &str) -> Result<(), $crate::store::StoreError> {
                // Given up for good (e.g. the citizen blocked the bot): the error stays for
                // operators, the text goes, as for a delivered message.
                sqlx::query(
                    "UPDATE outbox SET state = 'failed', last_error = $2, leased_until = NULL, payload = '' WHERE id = $1",
                )
                    .bind(id)
                    .bind(error)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn outbox_depth(&self) -> Result<i64, $crate::store::StoreError> {
                let depth: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE state = 'pending'")
                    .fetch_one(&self.pool)
                    .await?;
                Ok(depth)
            }
        }

        #[async_trait::async_trait]
        impl $crate::store::Tx for $tx {
            async fn commit(mut self: Box<Self>) -> Result<(), $crate::store::StoreError> {
                self.write_outbox().await?;
                self.tx.commit().await?;
                Ok(())
            }

            async fn upsert_citizen(
                &mut self,
                chat_id: i64,
                lang: $crate::domain::ChatLang,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<$crate::domain::Citizen, $crate::store::StoreError> {
                let row: $crate::store::rows::CitizenRow = sqlx::query_as(&format!(
                    "INSERT INTO citizens (chat_id, lang, created_at) VALUES ($1, $2, $3)
                     ON CONFLICT (chat_id) DO UPDATE SET chat_id = excluded.chat_id
                     RETURNING {}",
                    $crate::store::rows::CITIZEN_COLUMNS
                ))
                .bind(chat_id)
                .bind(lang.code())
                .bind(at)
                .fetch_one(&mut *self.tx)
                .await?;
                row.try_into()
            }

            async fn citizen_by_chat(
                &mut self,
                chat_id: i64,
            ) -> Result<Option<$crate::domain::Citizen>, $crate::store::StoreError> {
                fetch_citizen_by_chat(&mut *self.tx, chat_id).await
            }

            async fn set_profile(
                &mut self,
                citizen_id: i64,
                profile: $crate::domain::Profile,
            ) -> Result<(), $crate::store::StoreError> {
                let done = sqlx::query("UPDATE citizens SET gender = $2, age_band = $3, disability = $4 WHERE id = $1")
                    .bind(citizen_id)
                    .bind(profile.gender.map(|g| g.code()))
                    .bind(profile.age_band.map(|a| a.code()))
                    .bind(profile.disability.map(|d| d.code()))
                    .execute(&mut *self.tx)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err($crate::store::StoreError::NotFound(format!("citizen {citizen_id}")));
                }
                Ok(())
            }

            async fn add_officer(
                &mut self,
                officer: $crate::domain::NewOfficer,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<$crate::domain::Officer, $crate::store::StoreError> {
                let row: $crate::store::rows::OfficerRow = sqlx::query_as(&format!(
                    "INSERT INTO officers (telegram_user_id, agency, role, active, created_at)
                     VALUES ($1, $2, $3, TRUE, $4) RETURNING {}",
                    $crate::store::rows::OFFICER_COLUMNS
                ))
                .bind(officer.telegram_user_id)
                .bind(officer.agency.as_str())
                .bind(officer.role.code())
                .bind(at)
                .fetch_one(&mut *self.tx)
                .await?;
                row.try_into()
            }

            #[tracing::instrument(skip_all, fields(agency = %ticket.agency(), kind = %ticket.kind()))]
            async fn open_ticket(
                &mut self,
                ticket: &$crate::domain::NewTicket,
                year: i32,
                created_at: chrono::DateTime<chrono::Utc>,
                deadlines: $crate::domain::Deadlines,
            ) -> Result<$crate::domain::Ticket, $crate::store::StoreError> {
                let serial: i64 = sqlx::query_scalar(
                    "INSERT INTO ticket_counters (year, last_serial) VALUES ($1, 1)
                     ON CONFLICT (year) DO UPDATE SET last_serial = ticket_counters.last_serial + 1
                     RETURNING last_serial",
                )
                .bind(year)
                .fetch_one(&mut *self.tx)
                .await?;
                let number = $crate::store::rows::ticket_number(year, serial)?;
                let row: $crate::store::rows::TicketRow = sqlx::query_as(&format!(
                    "INSERT INTO tickets (number, kind, agency, implicated, lang, region, district, anonymous,
                        citizen_id, status, created_at, registration_due, first_response_due, resolution_due,
                        status_changed_at, synthetic)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'new', $10, $11, $12, $13, $10, $14)
                     RETURNING {}",
                    $crate::store::rows::TICKET_COLUMNS
                ))
                .bind(number.to_string())
                .bind(ticket.kind.code())
                .bind(ticket.agency.as_str())
                .bind(ticket.implicated.as_ref().map(|a| a.as_str()))
                .bind(ticket.lang.code())
                .bind(ticket.region.as_deref())
                .bind(ticket.district.as_deref())
                .bind(ticket.anonymous)
                .bind(ticket.citizen_id)
                .bind(created_at)
                .bind(deadlines.registration)
                .bind(deadlines.first_response)
                .bind(deadlines.resolution)
                .bind(ticket.synthetic)
                .fetch_one(&mut *self.tx)
                .await?;
                let opened: $crate::domain::Ticket = row.try_into()?;
                if let Some(message) = &ticket.first_message {
                    insert_message(&mut self.tx, opened.id, message).await?;
                }
                insert_audit(
                    &mut self.tx,
                    Some(opened.id),
                    if ticket.anonymous { $crate::domain::Actor::SYSTEM } else { $crate::domain::Actor::CITIZEN },
                    "open",
                    Some(&format!("agency={} kind={}", ticket.agency, ticket.kind)),
                    created_at,
                )
                .await?;
                Ok(opened)
            }

            async fn ticket(
                &mut self,
                number: &$crate::domain::TicketNumber,
            ) -> Result<Option<$crate::domain::Ticket>, $crate::store::StoreError> {
                fetch_ticket(&mut *self.tx, number).await
            }

            #[tracing::instrument(skip(self, decide), fields(ticket = %number))]
            async fn update_ticket(
                &mut self,
                number: &$crate::domain::TicketNumber,
                decide: $crate::store::TicketUpdate<'_>,
            ) -> Result<$crate::domain::Ticket, $crate::store::StoreError> {
                let row: Option<$crate::store::rows::TicketRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM tickets WHERE number = $1{}",
                    $crate::store::rows::TICKET_COLUMNS,
                    <$store>::FOR_UPDATE
                ))
                .bind(number.to_string())
                .fetch_optional(&mut *self.tx)
                .await?;
                let Some(row) = row else {
                    return Err($crate::store::StoreError::NotFound(format!("ticket {number}")));
                };
                let current: $crate::domain::Ticket = row.try_into()?;
                // A refusal returns here; dropping `tx` rolls back, so nothing is written.
                let outcome = decide(&current)?;
                let next = &outcome.ticket;
                let extension = next.extension.as_ref();
                sqlx::query(
                    "UPDATE tickets SET agency = $2, status = $3, assignee_id = $4, resolution_due = $5,
                        extension_days = $6, extension_unit = $7, extension_reason = $8, extended_at = $9,
                        first_response_at = $10, answered_at = $11, closed_at = $12, status_changed_at = $13,
                        redirect_count = $14
                     WHERE id = $1",
                )
                .bind(current.id)
                .bind(next.agency.as_str())
                .bind(next.status.code())
                .bind(next.assignee_id)
                .bind(next.deadlines.resolution)
                .bind(extension.map(|e| i32::try_from(e.span.days).unwrap_or(i32::MAX)))
                .bind(extension.map(|e| $crate::store::rows::unit_code(e.span.unit)))
                .bind(extension.map(|e| e.reason.as_str()))
                .bind(extension.map(|e| e.at))
                .bind(next.first_response_at)
                .bind(next.answered_at)
                .bind(next.closed_at)
                .bind(next.status_changed_at)
                .bind(i32::try_from(next.redirect_count).unwrap_or(i32::MAX))
                .execute(&mut *self.tx)
                .await?;
                let at = next.status_changed_at.max(extension.map(|e| e.at).unwrap_or(next.status_changed_at));
                if let Some((from, to, reason)) = &outcome.redirect {
                    sqlx::query(
                        "INSERT INTO ticket_redirects (ticket_id, from_agency, to_agency, reason, at)
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(current.id)
                    .bind(from.as_str())
                    .bind(to.as_str())
                    .bind(reason)
                    .bind(at)
                    .execute(&mut *self.tx)
                    .await?;
                }
                insert_audit(&mut self.tx, Some(current.id), outcome.actor, outcome.action, outcome.detail.as_deref(), at)
                    .await?;
                Ok(outcome.ticket)
            }

            async fn add_message(
                &mut self,
                number: &$crate::domain::TicketNumber,
                message: &$crate::domain::NewMessage,
            ) -> Result<$crate::domain::ThreadMessage, $crate::store::StoreError> {
                let ticket_id: Option<i64> = sqlx::query_scalar("SELECT id FROM tickets WHERE number = $1")
                    .bind(number.to_string())
                    .fetch_optional(&mut *self.tx)
                    .await?;
                let Some(ticket_id) = ticket_id else {
                    return Err($crate::store::StoreError::NotFound(format!("ticket {number}")));
                };
                let stored = insert_message(&mut self.tx, ticket_id, message).await?;
                Ok(stored)
            }

            async fn add_rating(
                &mut self,
                rating: &$crate::domain::NewRating,
            ) -> Result<i64, $crate::store::StoreError> {
                let (ticket_id, agency, service) = match &rating.target {
                    $crate::domain::RatingTarget::Ticket(number) => {
                        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM tickets WHERE number = $1")
                            .bind(number.to_string())
                            .fetch_optional(&mut *self.tx)
                            .await?;
                        match id {
                            Some(id) => (Some(id), None, None),
                            None => return Err($crate::store::StoreError::NotFound(format!("ticket {number}"))),
                        }
                    }
                    $crate::domain::RatingTarget::Service { agency, service } => {
                        (None, Some(agency.as_str()), service.as_deref())
                    }
                };
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO ratings (ticket_id, agency, service, citizen_id, score, comment, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(ticket_id)
                .bind(agency)
                .bind(service)
                .bind(rating.citizen_id)
                .bind(i32::from(rating.score.get()))
                .bind(rating.comment.as_deref())
                .bind(rating.at)
                .fetch_one(&mut *self.tx)
                .await?;
                if let Some(ticket_id) = ticket_id {
                    insert_audit(
                        &mut self.tx,
                        Some(ticket_id),
                        $crate::domain::Actor::CITIZEN,
                        "rate",
                        Some(&format!("score={}", rating.score.get())),
                        rating.at,
                    )
                    .await?;
                }
                Ok(id)
            }

            async fn mark_update_processed(
                &mut self,
                bot_id: i64,
                update_id: i64,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<bool, $crate::store::StoreError> {
                let done = sqlx::query(
                    "INSERT INTO processed_updates (bot_id, update_id, processed_at) VALUES ($1, $2, $3)
                     ON CONFLICT (bot_id, update_id) DO NOTHING",
                )
                .bind(bot_id)
                .bind(update_id)
                .bind(at)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn enqueue_job(
                &mut self,
                kind: &str,
                payload: &str,
                run_at: chrono::DateTime<chrono::Utc>,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<i64, $crate::store::StoreError> {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO jobs (kind, payload, run_at, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(kind)
                .bind(payload)
                .bind(run_at)
                .bind(at)
                .fetch_one(&mut *self.tx)
                .await?;
                Ok(id)
            }

            async fn inbox_insert(
                &mut self,
                item: &$crate::queues::NewInboxItem,
            ) -> Result<Option<i64>, $crate::store::StoreError> {
                let id: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO inbox (bot_id, update_id, digest, chat_id, payload, received_at)
                     VALUES ($1, $2, $3, $4, $5, $6)
                     ON CONFLICT (bot_id, update_id, digest) DO NOTHING RETURNING id",
                )
                .bind(item.bot_id)
                .bind(item.update_id)
                .bind(&item.digest)
                .bind(item.chat_id)
                .bind(&item.payload)
                .bind(item.received_at)
                .fetch_optional(&mut *self.tx)
                .await?;
                Ok(id)
            }

            async fn inbox_handled(
                &mut self,
                id: i64,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<bool, $crate::store::StoreError> {
                // On PostgreSQL a second transaction marking the same row waits for the first to
                // commit, then finds it handled: only one turn per update commits.
                let done = sqlx::query(
                    "UPDATE inbox SET handled_at = $2, payload = NULL WHERE id = $1 AND handled_at IS NULL",
                )
                .bind(id)
                .bind(at)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn dialogue(&mut self, chat_id: i64) -> Result<Option<String>, $crate::store::StoreError> {
                let state: Option<String> = sqlx::query_scalar("SELECT state FROM dialogues WHERE chat_id = $1")
                    .bind(chat_id)
                    .fetch_optional(&mut *self.tx)
                    .await?;
                Ok(state)
            }

            async fn save_dialogue(
                &mut self,
                chat_id: i64,
                state: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::StoreError> {
                sqlx::query(
                    "INSERT INTO dialogues (chat_id, state, updated_at) VALUES ($1, $2, $3)
                     ON CONFLICT (chat_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
                )
                .bind(chat_id)
                .bind(state)
                .bind(at)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn delete_dialogue(&mut self, chat_id: i64) -> Result<(), $crate::store::StoreError> {
                sqlx::query("DELETE FROM dialogues WHERE chat_id = $1").bind(chat_id).execute(&mut *self.tx).await?;
                Ok(())
            }

            async fn outbox_push(
                &mut self,
                item: &$crate::queues::NewOutboxItem,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::StoreError> {
                // A message for later (quiet hours) is left to the background sender.
                let lease = self.lease.clone().filter(|_| item.not_before <= at);
                self.unwritten.push($crate::store::shared::UnwrittenPush { item: item.clone(), at, lease });
                Ok(())
            }

            fn lease_pushes(&mut self, worker: &str, until: chrono::DateTime<chrono::Utc>) {
                self.lease = Some((worker.to_owned(), until));
            }

            async fn outbox_sent_many(
                &mut self,
                ids: &[i64],
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::StoreError> {
                for chunk in ids.chunks(MARKS_PER_STATEMENT) {
                    mark_sent_sql(chunk, at).build().execute(&mut *self.tx).await?;
                }
                Ok(())
            }

            async fn take_leased(&mut self) -> Result<Vec<$crate::queues::OutboxItem>, $crate::store::StoreError> {
                self.write_outbox().await?;
                Ok(std::mem::take(&mut self.leased))
            }

            async fn inbox_insert_many(
                &mut self,
                items: &[$crate::queues::NewInboxItem],
            ) -> Result<(), $crate::store::StoreError> {
                // One statement per chunk instead of one per update; 6 parameters a row keeps a
                // chunk far below both databases' parameter limits.
                for chunk in items.chunks(100) {
                    let mut insert = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO inbox (bot_id, update_id, digest, chat_id, payload, received_at) ",
                    );
                    insert.push_values(chunk, |mut row, item| {
                        row.push_bind(item.bot_id)
                            .push_bind(item.update_id)
                            .push_bind(item.digest.as_str())
                            .push_bind(item.chat_id)
                            .push_bind(item.payload.as_str())
                            .push_bind(item.received_at);
                    });
                    insert.push(" ON CONFLICT (bot_id, update_id, digest) DO NOTHING");
                    insert.build().execute(&mut *self.tx).await?;
                }
                Ok(())
            }

            async fn tickets_of_chat(
                &mut self,
                chat_id: i64,
                limit: i64,
            ) -> Result<Vec<$crate::domain::Ticket>, $crate::store::StoreError> {
                let rows: Vec<$crate::store::rows::TicketRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM tickets
                     WHERE citizen_id = (SELECT id FROM citizens WHERE chat_id = $1)
                        OR id IN (SELECT ticket_id FROM sealed_channels WHERE chat_id = $1)
                     ORDER BY id DESC LIMIT $2",
                    $crate::store::rows::TICKET_COLUMNS
                ))
                .bind(chat_id)
                .bind(limit)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn thread(
                &mut self,
                number: &$crate::domain::TicketNumber,
            ) -> Result<Vec<$crate::domain::ThreadMessage>, $crate::store::StoreError> {
                fetch_thread(&mut *self.tx, number).await
            }

            async fn seal_channel(
                &mut self,
                ticket_id: i64,
                chat_id: i64,
                receipt_hash: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::StoreError> {
                sqlx::query(
                    "INSERT INTO sealed_channels (ticket_id, chat_id, receipt_hash, created_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(ticket_id)
                .bind(chat_id)
                .bind(receipt_hash)
                .bind(at)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn set_citizen_lang(
                &mut self,
                chat_id: i64,
                lang: $crate::domain::ChatLang,
            ) -> Result<(), $crate::store::StoreError> {
                sqlx::query("UPDATE citizens SET lang = $2 WHERE chat_id = $1")
                    .bind(chat_id)
                    .bind(lang.code())
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn erase_citizen(&mut self, chat_id: i64) -> Result<bool, $crate::store::StoreError> {
                let citizen: Option<i64> = sqlx::query_scalar("SELECT id FROM citizens WHERE chat_id = $1")
                    .bind(chat_id)
                    .fetch_optional(&mut *self.tx)
                    .await?;
                sqlx::query(
                    "UPDATE ticket_messages SET body = '[erased]', media_kind = NULL, file_id = NULL
                     WHERE author = 'citizen'
                       AND ticket_id IN (SELECT id FROM tickets WHERE citizen_id = $1
                                         UNION SELECT ticket_id FROM sealed_channels WHERE chat_id = $2)",
                )
                .bind(citizen)
                .bind(chat_id)
                .execute(&mut *self.tx)
                .await?;
                sqlx::query("DELETE FROM sealed_channels WHERE chat_id = $1").bind(chat_id).execute(&mut *self.tx).await?;
                sqlx::query("DELETE FROM dialogues WHERE chat_id = $1").bind(chat_id).execute(&mut *self.tx).await?;
                sqlx::query(
                    "UPDATE citizens SET chat_id = NULL, gender = NULL, age_band = NULL, disability = NULL WHERE id = $1",
                )
                .bind(citizen)
                .execute(&mut *self.tx)
                .await?;
                Ok(citizen.is_some())
            }

            async fn record_routing_choice(
                &mut self,
                ticket_id: i64,
                choice: &$crate::domain::RoutingChoice,
            ) -> Result<(), $crate::store::StoreError> {
                let suggested = choice.suggested.as_ref();
                sqlx::query(
                    "INSERT INTO routing_choices (ticket_id, suggested_kind, suggested_agency, suggested_implicated,
                        confidence, chosen_kind, chosen_agency, source)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(ticket_id)
                .bind(suggested.map(|s| s.kind.code()))
                .bind(suggested.map(|s| s.agency.as_str()))
                .bind(suggested.and_then(|s| s.implicated.as_ref().map(|a| a.as_str())))
                .bind(suggested.map(|s| s.confidence))
                .bind(choice.chosen_kind.code())
                .bind(choice.chosen_agency.as_str())
                .bind(&choice.source)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }
        }


        async fn fetch_citizen_by_chat<'e, E: sqlx::Executor<'e, Database = $db>>(
            executor: E,
            chat_id: i64,
        ) -> Result<Option<$crate::domain::Citizen>, $crate::store::StoreError> {
            let row: Option<$crate::store::rows::CitizenRow> = sqlx::query_as(&format!(
                "SELECT {} FROM citizens WHERE chat_id = $1",
                $crate::store::rows::CITIZEN_COLUMNS
            ))
            .bind(chat_id)
            .fetch_optional(executor)
            .await?;
            row.map(TryInto::try_into).transpose()
        }

        async fn fetch_ticket<'e, E: sqlx::Executor<'e, Database = $db>>(
            executor: E,
            number: &$crate::domain::TicketNumber,
        ) -> Result<Option<$crate::domain::Ticket>, $crate::store::StoreError> {
            let row: Option<$crate::store::rows::TicketRow> = sqlx::query_as(&format!(
                "SELECT {} FROM tickets WHERE number = $1",
                $crate::store::rows::TICKET_COLUMNS
            ))
            .bind(number.to_string())
            .fetch_optional(executor)
            .await?;
            row.map(TryInto::try_into).transpose()
        }

        async fn fetch_thread<'e, E: sqlx::Executor<'e, Database = $db>>(
            executor: E,
            number: &$crate::domain::TicketNumber,
        ) -> Result<Vec<$crate::domain::ThreadMessage>, $crate::store::StoreError> {
            let rows: Vec<$crate::store::rows::MessageRow> = sqlx::query_as(&format!(
                "SELECT {} FROM ticket_messages WHERE ticket_id = (SELECT id FROM tickets WHERE number = $1) ORDER BY id",
                $crate::store::rows::MESSAGE_COLUMNS
            ))
            .bind(number.to_string())
            .fetch_all(executor)
            .await?;
            rows.into_iter().map(TryInto::try_into).collect()
        }

        async fn insert_message(
            tx: &mut sqlx::Transaction<'_, $db>,
            ticket_id: i64,
            message: &$crate::domain::NewMessage,
        ) -> Result<$crate::domain::ThreadMessage, $crate::store::StoreError> {
            let row: $crate::store::rows::MessageRow = sqlx::query_as(&format!(
                "INSERT INTO ticket_messages (ticket_id, author, officer_id, body, media_kind, file_id, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {}",
                $crate::store::rows::MESSAGE_COLUMNS
            ))
            .bind(ticket_id)
            .bind(message.author.code())
            .bind(message.officer_id)
            .bind(message.text.as_deref())
            .bind(message.media.as_ref().map(|m| m.kind.code()))
            .bind(message.media.as_ref().map(|m| m.file_id.as_str()))
            .bind(message.at)
            .fetch_one(&mut **tx)
            .await?;
            row.try_into()
        }

        async fn insert_audit(
            tx: &mut sqlx::Transaction<'_, $db>,
            ticket_id: Option<i64>,
            actor: $crate::domain::Actor,
            action: &str,
            detail: Option<&str>,
            at: chrono::DateTime<chrono::Utc>,
        ) -> Result<(), $crate::store::StoreError> {
            sqlx::query(
                "INSERT INTO audit_log (ticket_id, actor_kind, officer_id, action, detail, at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(ticket_id)
            .bind(actor.kind.code())
            .bind(actor.officer_id)
            .bind(action)
            .bind(detail)
            .bind(at)
            .execute(&mut **tx)
            .await?;
            Ok(())
        }
    };
}

pub(crate) use impl_store;
