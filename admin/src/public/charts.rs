//! The page's three charts, drawn on the server as inline SVG with plotters (no JavaScript, no
//! fonts: text is left to the browser). Each takes only published values: a suppressed figure
//! never reaches a chart, it is left out (and shown as "<5" in the table).

use plotters::prelude::*;

const WIDTH: u32 = 760;
const BAR: RGBColor = RGBColor(0x9e, 0xc5, 0xe8);
const MARK: RGBColor = RGBColor(0x1f, 0x4e, 0x79);
const GREEN: RGBColor = RGBColor(0x2e, 0x7d, 0x32);
const TEXT: RGBColor = RGBColor(0x22, 0x22, 0x22);

/// One horizontal bar: its label and value(s).
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// A second mark on the same row (the 90th percentile).
    pub mark: Option<f64>,
    /// The value as printed after the label.
    pub text: String,
}

/// One month of the trend.
pub struct Point {
    pub month: String,
    pub received: i64,
    pub answered: i64,
}

/// Drawing failed (plotters' errors carry no data we would show).
#[derive(Debug, thiserror::Error)]
#[error("the chart could not be drawn: {0}")]
pub struct ChartError(String);

fn fail<E: std::fmt::Debug>(e: E) -> ChartError {
    ChartError(format!("{e:?}"))
}

/// Horizontal bars from 0 to `max` (at least the largest value), one row per bar, the label and
/// value written on the bar.
pub fn bars(bars: &[Bar], max: Option<f64>) -> Result<String, ChartError> {
    let top = bars.iter().flat_map(|b| [b.value, b.mark.unwrap_or(0.0)]).fold(max.unwrap_or(0.0), f64::max);
    let top = if top > 0.0 { top * 1.05 } else { 1.0 };
    let rows = bars.len().max(1) as f64;
    let height = 30 + 24 * bars.len().max(1) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(fail)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(6)
            .x_label_area_size(22)
            .build_cartesian_2d(0f64..top, 0f64..rows)
            .map_err(fail)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .disable_y_axis()
            .x_labels(6)
            .x_label_style(("sans-serif", 15).into_font().color(&TEXT))
            .draw()
            .map_err(fail)?;
        // Row i from the top: y from rows - i - 1 to rows - i, the bar in its middle 70 %.
        let y = |i: usize, at: f64| rows - i as f64 - 1.0 + at;
        chart
            .draw_series(
                bars.iter()
                    .enumerate()
                    .map(|(i, b)| Rectangle::new([(0.0, y(i, 0.15)), (b.value, y(i, 0.85))], BAR.filled())),
            )
            .map_err(fail)?;
        chart
            .draw_series(bars.iter().enumerate().filter_map(|(i, b)| {
                let at = b.mark?;
                Some(Rectangle::new([(at - top * 0.004, y(i, 0.05)), (at + top * 0.004, y(i, 0.95))], MARK.filled()))
            }))
            .map_err(fail)?;
        chart
            .draw_series(bars.iter().enumerate().map(|(i, b)| {
                Text::new(
                    format!("{} — {}", b.label, b.text),
                    (top * 0.01, y(i, 0.8)),
                    ("sans-serif", 17).into_font().color(&TEXT),
                )
            }))
            .map_err(fail)?;
        root.present().map_err(fail)?;
    }
    Ok(svg)
}

/// Received and answered per month, two lines with dots.
pub fn trend(points: &[Point], received: &str, answered: &str) -> Result<String, ChartError> {
    // Headroom above the highest point for the legend, which otherwise hid the lines' tops.
    let top = points.iter().map(|p| p.received.max(p.answered)).max().unwrap_or(0).max(1) as f64 * 1.4;
    let last = points.len().saturating_sub(1).max(1) as f64;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, 300)).into_drawing_area();
        root.fill(&WHITE).map_err(fail)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .x_label_area_size(26)
            .y_label_area_size(48)
            .build_cartesian_2d(-0.3f64..last + 0.3, 0f64..top)
            .map_err(fail)?;
        let label = |x: &f64| {
            let i = x.round();
            if (x - i).abs() < 0.01 && i >= 0.0 {
                points.get(i as usize).map(|p| p.month.clone()).unwrap_or_default()
            } else {
                String::new()
            }
        };
        chart
            .configure_mesh()
            .x_labels(points.len().clamp(2, 12))
            .x_label_formatter(&label)
            .y_label_formatter(&|y| format!("{y:.0}"))
            .label_style(("sans-serif", 15).into_font().color(&TEXT))
            .draw()
            .map_err(fail)?;
        for (name, color, value) in
            [(received, MARK, (|p: &Point| p.received) as fn(&Point) -> i64), (answered, GREEN, |p: &Point| p.answered)]
        {
            let series: Vec<(f64, f64)> = points.iter().enumerate().map(|(i, p)| (i as f64, value(p) as f64)).collect();
            chart
                .draw_series(LineSeries::new(series.clone(), color.stroke_width(2)))
                .map_err(fail)?
                .label(name)
                .legend(move |(x, y)| Rectangle::new([(x, y - 4), (x + 14, y + 4)], color.filled()));
            chart.draw_series(series.into_iter().map(|at| Circle::new(at, 3, color.filled()))).map_err(fail)?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.8))
            .label_font(("sans-serif", 17).into_font().color(&TEXT))
            .draw()
            .map_err(fail)?;
        root.present().map_err(fail)?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn bars_draw_one_rectangle_per_value_and_write_the_labels() {
        let data = vec![
            Bar { label: "Health".into(), value: 0.9, mark: None, text: "90 %".into() },
            Bar { label: "Police".into(), value: 0.5, mark: Some(0.7), text: "50 %".into() },
        ];
        let svg = bars(&data, Some(1.0)).unwrap();
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("Health — 90 %") && svg.contains("Police — 50 %"));
        assert!(svg.matches("<rect").count() >= 3, "two bars and a mark");
    }

    #[test]
    fn the_trend_has_both_lines_and_month_labels() {
        let data = vec![
            Point { month: "2026-01".into(), received: 40, answered: 30 },
            Point { month: "2026-02".into(), received: 50, answered: 45 },
        ];
        let svg = trend(&data, "received", "answered").unwrap();
        assert_eq!(svg.matches("<circle").count(), 4, "two lines of two dots: {svg}");
        assert!(svg.contains("2026-01") && svg.contains("2026-02") && svg.contains("answered"));
    }
}
