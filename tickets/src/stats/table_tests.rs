//! Publishing: suppression at the threshold, the secondary rule, percentiles and shares.

use super::*;

fn tally(received: i64) -> Tally {
    Tally { received, ..Tally::default() }
}

fn value(bucket: &str) -> Bucket {
    Bucket::Value(bucket.into())
}

fn row<'a>(table: &'a StatsTable, bucket: &str) -> &'a StatsRow {
    table.rows.iter().find(|r| r.bucket == value(bucket)).unwrap()
}

#[test]
fn a_row_of_four_tickets_is_suppressed_whole_and_a_row_of_five_is_shown() {
    let mut four = tally(4);
    four.answered = 4;
    four.durations[0].insert(3, 4);
    let mut five = tally(5);
    five.answered = 5;
    five.durations[0].insert(3, 5);
    let mut big = tally(100);
    big.answered = 100;
    let table = publish(
        Dimension::Agency,
        vec![(value("a"), four), (value("b"), five), (value("c"), big)],
        Suppression::default(),
    );
    let a = row(&table, "a");
    assert!(a.received.is_suppressed() && a.answered.is_suppressed());
    assert!(a.first_response.median_hours.is_suppressed());
    assert!(a.on_time_share.is_suppressed(), "a share in a hidden row is hidden too");
    // One hidden row would be given away by the total, so the next smallest (b) is hidden too.
    assert!(row(&table, "b").received.is_suppressed());
    assert!(row(&table, "b").first_response.median_hours == Cell::Value(3), "medians are not additive");
    assert_eq!(row(&table, "c").received, Cell::Value(100));
    assert_eq!(table.total.received, Cell::Value(109));
}

#[test]
fn a_small_count_in_a_large_row_is_suppressed_with_its_partner() {
    let mut a = tally(50);
    a.overdue = 2;
    let mut b = tally(60);
    b.overdue = 7;
    let mut c = tally(70);
    c.overdue = 30;
    let table =
        publish(Dimension::Region, vec![(value("a"), a), (value("b"), b), (value("c"), c)], Suppression::default());
    assert!(row(&table, "a").overdue_now.is_suppressed());
    assert!(row(&table, "b").overdue_now.is_suppressed(), "else total 39 - 30 - 7 = 2");
    assert_eq!(row(&table, "c").overdue_now, Cell::Value(30));
    assert_eq!(row(&table, "a").received, Cell::Value(50));
    assert_eq!(table.total.overdue_now, Cell::Value(39));
}

#[test]
fn zero_is_shown_and_two_hidden_cells_need_no_partner() {
    let mut a = tally(50);
    a.brushed_off = 1;
    a.brushoffs = 1;
    let mut b = tally(60);
    b.brushed_off = 3;
    b.brushoffs = 4;
    let c = tally(70);
    let table =
        publish(Dimension::Agency, vec![(value("a"), a), (value("b"), b), (value("c"), c)], Suppression::default());
    assert!(row(&table, "a").brushoffs.is_suppressed() && row(&table, "b").brushoffs.is_suppressed());
    assert_eq!(row(&table, "c").brushoffs, Cell::Value(0));
    assert!(table.total.brushoffs.is_suppressed(), "5 flags, but from 4 tickets");
}

#[test]
fn medians_and_p90_come_from_the_histograms_in_hours_and_working_days() {
    let mut t = tally(10);
    for hours in 1..=10 {
        *t.durations[Metric::FirstResponseHours.index()].entry(hours * 10).or_default() += 1;
        *t.durations[Metric::FirstResponseWorkingTenths.index()].entry(hours * 4).or_default() += 1;
    }
    let table = publish(Dimension::Agency, vec![(value("a"), t)], Suppression::default());
    let first = row(&table, "a").first_response;
    assert_eq!(first.median_hours, Cell::Value(50));
    assert_eq!(first.p90_hours, Cell::Value(90));
    assert_eq!(first.median_working_days, Cell::Value(2.0));
    assert_eq!(first.p90_working_days, Cell::Value(3.6));
    assert_eq!(row(&table, "a").resolution.median_hours, Cell::Empty, "nothing resolved yet");
}

#[test]
fn the_on_time_share_counts_overdue_open_tickets_as_late() {
    let mut t = tally(20);
    t.answered = 10;
    t.on_time = 9;
    t.open = 10;
    t.overdue = 5;
    t.reopened = 3;
    t.ever_answered = 12;
    t.rated = 8;
    t.rating_sum = 30;
    t.redirected = 6;
    t.redirects = 9;
    t.runarounds = 5;
    let table = publish(Dimension::Kind, vec![(value("complaint"), t)], Suppression::default());
    let r = row(&table, "complaint");
    assert_eq!(r.on_time_share, Cell::Value(9.0 / 15.0));
    assert_eq!(r.reopen_rate, Cell::Value(3.0 / 12.0));
    assert_eq!(r.mean_rating, Cell::Value(30.0 / 8.0));
    assert_eq!(r.ratings, Cell::Value(8));
    assert_eq!(r.redirects, Cell::Value(9));
    assert_eq!(r.runarounds, Cell::Value(5));
    assert_eq!(r.runaround_rate, Cell::Value(0.25));
}

#[test]
fn a_share_of_four_is_hidden_in_a_shown_row() {
    let mut t = tally(30);
    t.rated = 4;
    t.rating_sum = 20;
    let table = publish(Dimension::Agency, vec![(value("a"), t)], Suppression::default());
    assert!(row(&table, "a").mean_rating.is_suppressed());
    assert_eq!(row(&table, "a").on_time_share, Cell::Empty, "nothing judged yet");
}

#[test]
fn buckets_order_values_then_unknown_then_withheld() {
    let tallies = vec![
        (Bucket::Withheld, tally(9)),
        (Bucket::Unknown, tally(9)),
        (value("osh"), tally(9)),
        (value("batken"), tally(9)),
    ];
    let table = publish(Dimension::Region, tallies, Suppression::default());
    let order: Vec<String> = table.rows.iter().map(|r| r.bucket.to_string()).collect();
    assert_eq!(order, ["batken", "osh", "unknown", "withheld"]);
    assert_eq!(Bucket::from_stored(Some(WITHHELD.into())), Bucket::Withheld);
    assert_eq!(Bucket::from_stored(None), Bucket::Unknown);
}

#[test]
fn dimensions_round_trip_their_codes() {
    for d in Dimension::ALL {
        assert_eq!(d.code().parse::<Dimension>(), Ok(d));
    }
    assert!("name".parse::<Dimension>().is_err());
}
