//! Statistics through the store, on every backend (SQLite always; PostgreSQL when
//! `KAIRYLUU_TEST_POSTGRES` is set, in a fresh schema per case): tickets are opened and handled
//! through the desk with a manual clock, then read back as published tables and open-data rows.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Asia::Bishkek;
use classifier::{Agency, Kind, Lang};
use tickets::calendar::Span;
use tickets::clock::Clock;
use tickets::domain::{
    Actor, ChatLang, Gender, NewOfficer, NewRating, NewTicket, Profile, RatingTarget, Role, Routing, Score,
    TicketNumber,
};
use tickets::lifecycle::{Change, StatusChange};
use tickets::stats::{Bucket, Cell, Dimension, Statistics, StatsFilter, StatsQuery, StatsRow, StatsTable, Suppression};

use support::{Harness, each_backend};

fn complaint(agency: Agency) -> NewTicket {
    let routing = Routing { kind: Kind::Complaint, agency: agency.into(), implicated: None, lang: Lang::Ky };
    NewTicket::new(routing, None, true).unwrap().with_place(Some("osh".into()), Some("kara_suu".into()))
}

fn corruption(implicated: Agency) -> NewTicket {
    let routing = Routing {
        kind: Kind::Corruption,
        agency: Agency::Anticorruption.into(),
        implicated: Some(implicated.into()),
        lang: Lang::Ru,
    };
    NewTicket::new(routing, None, true).unwrap().with_place(Some("batken".into()), None)
}

fn statistics(h: &Harness, min_cell: u32) -> Statistics {
    Statistics::new(h.store.clone(), h.calendar.clone(), Suppression::new(min_cell))
}

fn per(dimension: Dimension) -> StatsQuery {
    StatsQuery { dimension, filter: StatsFilter::default() }
}

fn now(h: &Harness) -> DateTime<Utc> {
    h.clock.now()
}

fn row<'a>(table: &'a StatsTable, bucket: &str) -> &'a StatsRow {
    table
        .rows
        .iter()
        .find(|r| r.bucket == Bucket::Value(bucket.into()))
        .unwrap_or_else(|| panic!("no row {bucket} in {:?}", table.rows.iter().map(|r| &r.bucket).collect::<Vec<_>>()))
}

async fn officer(h: &Harness, agency: Agency, user: i64) -> i64 {
    let officer = NewOfficer { telegram_user_id: user, agency: agency.into(), role: Role::Officer };
    h.store.add_officer(officer, now(h)).await.unwrap().id
}

async fn act(h: &Harness, number: &TicketNumber, change: StatusChange) {
    h.desk.change(number, Change::Status(change), Actor::SYSTEM).await.unwrap();
}

async fn answer(h: &Harness, number: &TicketNumber, officer_id: i64) {
    act(h, number, StatusChange::Assign { officer_id }).await;
    act(h, number, StatusChange::Answer).await;
}

async fn rate(h: &Harness, number: &TicketNumber, score: i64) {
    let rating = NewRating {
        target: RatingTarget::Ticket(number.clone()),
        score: Score::try_from(score).unwrap(),
        comment: None,
        citizen_id: None,
        at: now(h),
    };
    h.store.add_rating(&rating).await.unwrap();
}

#[tokio::test]
async fn figures_follow_what_happened_to_the_tickets() {
    each_backend(|h| async move {
        let health = officer(&h, Agency::Health, 1).await;
        let mut opened = Vec::new();
        for _ in 0..6 {
            opened.push(h.desk.open(&complaint(Agency::Health)).await.unwrap().number);
        }
        let [fast, late, extended, _overdue, reopened, passed_on] = <[TicketNumber; 6]>::try_from(opened).unwrap();
        // Monday 2 March 10:00 + 6 h: answered, rated 5, closed.
        h.clock.advance(Duration::hours(6));
        answer(&h, &fast, health).await;
        rate(&h, &fast, 5).await;
        act(&h, &fast, StatusChange::Close).await;
        // The next day: answered, reopened by the citizen, answered again.
        h.clock.advance(Duration::hours(18));
        answer(&h, &reopened, health).await;
        act(&h, &reopened, StatusChange::Reopen).await;
        act(&h, &reopened, StatusChange::Answer).await;
        // Passed on twice: a runaround, now with social.
        let reason = "not ours".to_owned();
        act(&h, &passed_on, StatusChange::Redirect { to: Agency::Police.into(), reason: reason.clone() }).await;
        act(&h, &passed_on, StatusChange::Redirect { to: Agency::Social.into(), reason }).await;
        // One lawful extension of 30 calendar days.
        h.desk
            .change(&extended, Change::Extend { span: Span::calendar(30), reason: "inspection".into() }, Actor::SYSTEM)
            .await
            .unwrap();
        // 40 days on (11 April): past the 23 March deadline, within the extended one (22 April).
        h.clock.advance(Duration::days(40));
        answer(&h, &late, health).await;
        rate(&h, &late, 2).await;
        answer(&h, &extended, health).await;
        let at = now(&h);

        let table = statistics(&h, 1).table(&per(Dimension::Agency), at).await.unwrap();
        let r = row(&table, "health");
        assert_eq!(r.received, Cell::Value(5), "{}: the runaround is counted where it is now", h.label);
        assert_eq!(r.answered, Cell::Value(4), "{}", h.label);
        assert_eq!(r.closed, Cell::Value(1), "{}", h.label);
        assert_eq!((r.open, r.overdue_now), (Cell::Value(1), Cell::Value(1)), "{}", h.label);
        // On time: fast, reopened, extended; late: late; overdue: overdue → 3 / 5.
        assert_eq!(r.on_time_share, Cell::Value(0.6), "{}", h.label);
        assert_eq!(r.reopen_rate, Cell::Value(0.25), "{}", h.label);
        assert_eq!((r.mean_rating, r.ratings), (Cell::Value(3.5), Cell::Value(2)), "{}", h.label);
        // First responses: 6 h, 24 h, 984 h, 984 h → median 24 h (the lower middle), p90 984 h.
        assert_eq!(r.first_response.median_hours, Cell::Value(24), "{}", h.label);
        assert_eq!(r.first_response.p90_hours, Cell::Value(984), "{}", h.label);
        // In working days: 0.2 (6 h of a working Monday, rounded down), 1.0, and two long ones.
        assert_eq!(r.first_response.median_working_days, Cell::Value(1.0), "{}", h.label);
        let social = row(&table, "social");
        assert_eq!(
            (social.received, social.runarounds, social.redirects),
            (Cell::Value(1), Cell::Value(1), Cell::Value(2))
        );
        assert_eq!(social.runaround_rate, Cell::Value(1.0));
        assert_eq!(table.total.received, Cell::Value(6), "{}", h.label);

        // The rollups and a scan of the facts give the same tables, in every dimension.
        let early = h.clock.now() - Duration::days(200) + Duration::seconds(1);
        let scan = StatsFilter { from: Some(early), ..StatsFilter::default() };
        for dimension in Dimension::ALL {
            let rolled = statistics(&h, 1).table(&per(dimension), at).await.unwrap();
            let scanned = statistics(&h, 1).table(&StatsQuery { dimension, filter: scan.clone() }, at).await.unwrap();
            assert_eq!(rolled, scanned, "{}: {dimension:?}", h.label);
        }

        // The default rule hides social (1 ticket), and so health too: the total would give
        // social away by subtraction. Health's medians come from 4 responses: hidden as well.
        let hidden = statistics(&h, 5).table(&per(Dimension::Agency), at).await.unwrap();
        assert!(row(&hidden, "health").received.is_suppressed(), "{}", h.label);
        assert!(row(&hidden, "health").first_response.median_hours.is_suppressed(), "{}", h.label);
        assert_eq!(hidden.total.received, Cell::Value(6), "{}", h.label);
        h
    })
    .await;
}

#[tokio::test]
async fn four_tickets_are_suppressed_and_five_are_shown() {
    each_backend(|h| async move {
        for (agency, count) in [(Agency::Police, 4), (Agency::Tax, 3), (Agency::Health, 5)] {
            for _ in 0..count {
                h.desk.open(&complaint(agency)).await.unwrap();
            }
        }
        let table = statistics(&h, 5).table(&per(Dimension::Agency), now(&h)).await.unwrap();
        assert_eq!(row(&table, "police").received.to_string(), "<5", "{}", h.label);
        assert_eq!(row(&table, "tax").received.to_string(), "<5", "{}", h.label);
        assert_eq!(row(&table, "health").received, Cell::Value(5), "{}", h.label);
        assert_eq!(row(&table, "health").overdue_now, Cell::Value(0), "{}: zero is shown", h.label);
        assert_eq!(row(&table, "health").first_response.median_hours, Cell::Empty, "{}", h.label);
        h
    })
    .await;
}

#[tokio::test]
async fn a_corruption_report_shows_only_its_agency_implicated_body_month_and_outcome() {
    each_backend(|h| async move {
        for _ in 0..6 {
            h.desk.open(&corruption(Agency::Police)).await.unwrap();
            h.desk.open(&complaint(Agency::Health)).await.unwrap();
        }
        let stats = statistics(&h, 1);
        let at = now(&h);
        let agencies = stats.table(&per(Dimension::Agency), at).await.unwrap();
        assert_eq!(row(&agencies, "anticorruption").received, Cell::Value(6), "{}", h.label);
        assert_eq!(agencies.total.received, Cell::Value(12), "{}: counted in totals", h.label);
        let implicated = stats.table(&per(Dimension::Implicated), at).await.unwrap();
        assert_eq!(implicated.rows.len(), 1);
        assert_eq!(row(&implicated, "police").received, Cell::Value(6), "{}", h.label);
        assert_eq!(row(&stats.table(&per(Dimension::Month), at).await.unwrap(), "2026-03").received, Cell::Value(12));
        for dimension in [Dimension::Region, Dimension::District, Dimension::Lang, Dimension::Gender] {
            let table = stats.table(&per(dimension), at).await.unwrap();
            let withheld = table.rows.iter().find(|r| r.bucket == Bucket::Withheld).unwrap();
            assert_eq!(withheld.received, Cell::Value(6), "{}: {dimension:?}", h.label);
            assert!(
                !table.rows.iter().any(|r| r.bucket == Bucket::Value("batken".into())),
                "{}: a corruption report's region leaked into {dimension:?}",
                h.label
            );
        }
        // A filter on the region a reporter gave never finds the report.
        let batken = StatsFilter { region: Some("batken".into()), ..StatsFilter::default() };
        let table = stats.table(&StatsQuery { dimension: Dimension::Agency, filter: batken }, at).await.unwrap();
        assert!(table.rows.is_empty(), "{}", h.label);

        let (rows, next) = stats.open_data_page(0, 100, false).await.unwrap();
        assert_eq!((rows.len(), next), (12, None));
        let report = rows.iter().find(|r| r.kind == "corruption").unwrap();
        assert_eq!(
            report.fields(),
            ["", "corruption", "anticorruption", "police", "", "2026-03", "", "", "open", "", ""]
        );
        let ordinary = rows.iter().find(|r| r.kind == "complaint").unwrap();
        assert_eq!((ordinary.region.as_str(), ordinary.created.as_str()), ("osh", "2026-03-02"));
        assert!(ordinary.number.starts_with("KR-2026-"));
        h
    })
    .await;
}

#[tokio::test]
async fn profiles_count_where_volunteered_and_an_erased_citizen_becomes_unknown() {
    each_backend(|h| async move {
        let at = now(&h);
        let citizen = h.store.upsert_citizen(77, ChatLang::Ru, at).await.unwrap();
        h.store.set_profile(citizen.id, Profile { gender: Some(Gender::Female), ..Profile::default() }).await.unwrap();
        let routing =
            Routing { kind: Kind::Question, agency: Agency::Pensions.into(), implicated: None, lang: Lang::Ru };
        for _ in 0..2 {
            h.desk.open(&NewTicket::new(routing.clone(), Some(citizen.id), false).unwrap()).await.unwrap();
        }
        h.desk.open(&complaint(Agency::Health)).await.unwrap();
        let stats = statistics(&h, 1);
        let genders = stats.table(&per(Dimension::Gender), at).await.unwrap();
        assert_eq!(row(&genders, "female").received, Cell::Value(2), "{}", h.label);
        let unknown = genders.rows.iter().find(|r| r.bucket == Bucket::Unknown).unwrap();
        assert_eq!(unknown.received, Cell::Value(1), "{}: the anonymous complaint", h.label);

        // The profile changes after the tickets: the figures follow.
        h.store
            .set_profile(citizen.id, Profile { gender: Some(Gender::PreferNotToSay), ..Profile::default() })
            .await
            .unwrap();
        let genders = stats.table(&per(Dimension::Gender), at).await.unwrap();
        assert_eq!(row(&genders, "prefer_not_to_say").received, Cell::Value(2), "{}", h.label);

        let mut tx = h.store.begin().await.unwrap();
        assert!(tx.erase_citizen(77).await.unwrap());
        tx.commit().await.unwrap();
        let genders = stats.table(&per(Dimension::Gender), at).await.unwrap();
        assert_eq!(genders.rows.len(), 1, "{}", h.label);
        assert_eq!(genders.rows[0].bucket, Bucket::Unknown);
        assert_eq!(genders.rows[0].received, Cell::Value(3), "{}", h.label);
        h
    })
    .await;
}

#[tokio::test]
async fn synthetic_tickets_and_other_periods_are_left_out_unless_asked_for() {
    each_backend(|h| async move {
        h.desk.open(&complaint(Agency::Health)).await.unwrap();
        h.desk.open(&complaint(Agency::Health).synthetic()).await.unwrap();
        h.clock.advance(Duration::days(31));
        h.desk.open(&complaint(Agency::Health)).await.unwrap();
        let stats = statistics(&h, 1);
        let at = now(&h);
        let all = stats.table(&per(Dimension::Month), at).await.unwrap();
        assert_eq!((row(&all, "2026-03").received, row(&all, "2026-04").received), (Cell::Value(1), Cell::Value(1)));
        let with_synthetic = StatsFilter { include_synthetic: true, ..StatsFilter::default() };
        let table = stats.table(&StatsQuery { dimension: Dimension::Month, filter: with_synthetic }, at).await.unwrap();
        assert_eq!(row(&table, "2026-03").received, Cell::Value(2), "{}", h.label);
        let april = StatsFilter { from: Some(at - Duration::days(1)), ..StatsFilter::default() };
        let table = stats.table(&StatsQuery { dimension: Dimension::Agency, filter: april }, at).await.unwrap();
        assert_eq!(table.total.received, Cell::Value(1), "{}", h.label);
        // Whole months are read from the rollups: April only.
        let april_1 = Bishkek.with_ymd_and_hms(2026, 4, 1, 0, 0, 0).unwrap().with_timezone(&Utc);
        let may_1 = Bishkek.with_ymd_and_hms(2026, 5, 1, 0, 0, 0).unwrap().with_timezone(&Utc);
        let april = StatsFilter { from: Some(april_1), to: Some(may_1), ..StatsFilter::default() };
        let table = stats.table(&StatsQuery { dimension: Dimension::Month, filter: april }, at).await.unwrap();
        assert_eq!(table.rows.len(), 1, "{}", h.label);
        assert_eq!(row(&table, "2026-04").received, Cell::Value(1), "{}", h.label);
        let kind = StatsFilter { kind: Some(Kind::Question), ..StatsFilter::default() };
        assert!(
            stats.table(&StatsQuery { dimension: Dimension::Agency, filter: kind }, at).await.unwrap().rows.is_empty()
        );
        h
    })
    .await;
}

#[tokio::test]
async fn a_refresh_recomputes_only_changed_tickets_and_open_data_pages_in_order() {
    each_backend(|h| async move {
        let stats = statistics(&h, 1);
        for _ in 0..5 {
            h.desk.open(&complaint(Agency::Education)).await.unwrap();
        }
        assert_eq!(stats.refresh().await.unwrap(), 5, "{}", h.label);
        assert_eq!(stats.refresh().await.unwrap(), 0, "{}: nothing changed", h.label);
        let (first, next) = stats.open_data_page(0, 2, false).await.unwrap();
        assert_eq!(first.len(), 2);
        let (second, _) = stats.open_data_page(next.unwrap(), 10, false).await.unwrap();
        assert_eq!(second.len(), 3, "{}", h.label);
        assert!(first[1].number < second[0].number);
        let number: TicketNumber = first[0].number.parse().unwrap();
        rate(&h, &number, 4).await;
        assert_eq!(stats.refresh().await.unwrap(), 1, "{}: a rating marks its ticket", h.label);
        let table = stats.table(&per(Dimension::Agency), now(&h)).await.unwrap();
        assert_eq!(row(&table, "education").mean_rating, Cell::Value(4.0), "{}", h.label);
        let plan = h.store.explain_tallies(Dimension::Agency, &StatsFilter::default()).await.unwrap();
        assert!(!plan.is_empty(), "{}", h.label);
        h
    })
    .await;
}
