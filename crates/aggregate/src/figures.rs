//! Figure series: every reported figure per measure, unit and period.
//!
//! Every report is kept (an analyst wants to see who said what). Two
//! reports of the same measure, unit, countries and period **conflict** when
//! the ranges their qualifiers allow do not meet ("$375 million" and "about
//! $380 million" agree; "$375 million" and "$410 million" do not; "more than
//! $83 million" and "$90 million" agree). A stated change adds a **derived**
//! point: "$375 million in 2024, a fourfold increase over 2023" gives 2023
//! at about $94 million.

use chrono::NaiveDate;
use dyad_model::{Approx, Extraction, Measure, Period, QuantityKind};
use serde::Serialize;

use crate::{Evidence, Pair, Window};

/// Relative rounding an "exact" figure allows ("$375 million" stands for
/// anything that rounds to it).
const EXACT_TOLERANCE: f64 = 0.005;
/// Relative range an "about" figure allows.
const ABOUT_TOLERANCE: f64 = 0.10;

/// Whether a point was reported or computed from a stated change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Reported,
    /// Computed from another point's change (value / factor, or value /
    /// (1 + percent / 100)) for the period compared with.
    Derived,
}

/// One value of a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigurePoint {
    pub period: Option<Period>,
    pub value: f64,
    pub approx: Approx,
    pub origin: Origin,
    /// Another report of the same measure and period disagrees.
    pub conflict: bool,
    /// For a derived point: the factor applied (new / old).
    pub factor: Option<f64>,
    /// For a derived point: the reported value and period it comes from.
    pub base_value: Option<f64>,
    pub base_period: Option<Period>,
    /// The reporting document's date.
    pub as_of: Option<NaiveDate>,
    /// The sentence stating the figure (for a derived point, the sentence
    /// stating the change).
    pub evidence: Evidence,
}

/// Every value reported for one measure in one unit between the pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureSeries {
    pub measure: Option<Measure>,
    pub kind: QuantityKind,
    pub unit: Option<String>,
    /// The thing counted, as the first report words it.
    pub subject: Option<String>,
    /// Points by period (undated last), reported before derived.
    pub points: Vec<FigurePoint>,
}

pub(crate) fn series(docs: &[Extraction], pair: Pair, window: Window) -> Vec<FigureSeries> {
    let mut out: Vec<FigureSeries> = Vec::new();
    for ex in docs {
        for q in &ex.quantities {
            if !pair.both_in(&q.countries) || !q.value.is_finite() {
                continue;
            }
            let date = q.period.map(|p| p.end).or(ex.doc.date);
            if !window.admits(date) {
                continue;
            }
            let idx = match out
                .iter()
                .position(|s| s.measure == q.measure && s.kind == q.kind && s.unit == q.unit)
            {
                Some(i) => i,
                None => {
                    out.push(FigureSeries {
                        measure: q.measure,
                        kind: q.kind,
                        unit: q.unit.clone(),
                        subject: q.subject.clone(),
                        points: Vec::new(),
                    });
                    out.len() - 1
                }
            };
            let evidence = Evidence::of(ex, q.evidence);
            out[idx].points.push(FigurePoint {
                period: q.period,
                value: q.value,
                approx: q.approx,
                origin: Origin::Reported,
                conflict: false,
                factor: None,
                base_value: None,
                base_period: None,
                as_of: ex.doc.date,
                evidence: evidence.clone(),
            });
            if let Some((from, factor)) = q.change.as_ref().and_then(derivation) {
                if window.admits(Some(from.end)) {
                    out[idx].points.push(FigurePoint {
                        period: Some(from),
                        value: q.value / factor,
                        approx: Approx::About,
                        origin: Origin::Derived,
                        conflict: false,
                        factor: Some(factor),
                        base_value: Some(q.value),
                        base_period: q.period,
                        as_of: ex.doc.date,
                        evidence,
                    });
                }
            }
        }
    }
    for s in &mut out {
        mark_conflicts(&mut s.points);
        s.points.sort_by(|x, y| {
            let kx = (x.period.is_none(), x.period, x.origin == Origin::Derived);
            let ky = (y.period.is_none(), y.period, y.origin == Origin::Derived);
            kx.cmp(&ky)
        });
    }
    out.sort_by_key(|s| (s.measure.is_none(), s.measure, s.unit.clone()));
    out
}

/// The earlier period and the factor new / old a change states, when it
/// states both and the factor is usable.
fn derivation(c: &dyad_model::Change) -> Option<(Period, f64)> {
    let from = c.from?;
    let factor = match (c.factor, c.percent) {
        (Some(f), _) => f,
        (None, Some(p)) => 1.0 + p / 100.0,
        (None, None) => return None,
    };
    (factor.is_finite() && factor > 0.0).then_some((from, factor))
}

/// The range of true values a reported figure allows.
fn range(value: f64, approx: Approx) -> (f64, f64) {
    let v = value.abs();
    let (lo, hi) = match approx {
        Approx::Exact => (v * (1.0 - EXACT_TOLERANCE), v * (1.0 + EXACT_TOLERANCE)),
        Approx::About => (v * (1.0 - ABOUT_TOLERANCE), v * (1.0 + ABOUT_TOLERANCE)),
        Approx::MoreThan => (v, f64::INFINITY),
        Approx::LessThan | Approx::UpTo => (f64::NEG_INFINITY, v),
    };
    if value < 0.0 && !matches!(approx, Approx::MoreThan | Approx::LessThan | Approx::UpTo) {
        (-hi, -lo)
    } else {
        (lo, hi)
    }
}

/// Marks reported points whose ranges do not meet another reported point's
/// range for the same period. Undated and derived points are never marked.
fn mark_conflicts(points: &mut [FigurePoint]) {
    let n = points.len();
    let mut flag = vec![false; n];
    for i in 0..n {
        for j in i + 1..n {
            let (p, q) = (&points[i], &points[j]);
            if p.origin != Origin::Reported || q.origin != Origin::Reported {
                continue;
            }
            if p.period.is_none() || p.period != q.period {
                continue;
            }
            let (a0, a1) = range(p.value, p.approx);
            let (b0, b1) = range(q.value, q.approx);
            if a1 < b0 || b1 < a0 {
                flag[i] = true;
                flag[j] = true;
            }
        }
    }
    for (p, f) in points.iter_mut().zip(flag) {
        p.conflict = f;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::*;
    use dyad_model::Span;

    fn pair() -> Pair {
        Pair::new(cc("UZB"), cc("HUN"))
    }

    fn jan_apr_2025() -> Period {
        Period {
            start: d("2025-01-01"),
            end: d("2025-04-30"),
        }
    }

    #[test]
    fn series_keeps_every_report_and_derives_the_base_year() {
        let text = "Trade reached $240 million in 2024, tripling from 2023. \
                    In January-April 2025 it exceeded $70 million.";
        let mut a = doc("a", "2025-05-20", text);
        let s1 = span_of(
            &a,
            "Trade reached $240 million in 2024, tripling from 2023.",
        );
        let s2 = span_of(&a, "In January-April 2025 it exceeded $70 million.");
        a.quantities.push(with_factor(
            money(240e6, Approx::Exact, Some(year(2024)), s1),
            3.0,
            year(2023),
        ));
        a.quantities
            .push(money(70e6, Approx::MoreThan, Some(jan_apr_2025()), s2));
        // A second article agrees on 2024 ("about $245 million").
        let mut b = doc("b", "2025-06-01", "Trade was about $245 million last year.");
        let sb = span_of(&b, "Trade was about $245 million last year.");
        b.quantities
            .push(money(245e6, Approx::About, Some(year(2024)), sb));
        let s = series(&[a, b], pair(), Window::default());
        assert_eq!(s.len(), 1);
        let pts = &s[0].points;
        assert_eq!(pts.len(), 4, "{pts:#?}");
        assert_eq!(pts[0].period, Some(year(2023)));
        assert_eq!(pts[0].origin, Origin::Derived);
        assert!((pts[0].value - 80e6).abs() < 1.0);
        assert_eq!(pts[0].approx, Approx::About);
        assert_eq!(pts[1].period, Some(year(2024)));
        assert_eq!(pts[2].period, Some(year(2024)));
        assert!(pts.iter().all(|p| !p.conflict));
        assert_eq!(pts[3].approx, Approx::MoreThan);
    }

    #[test]
    fn disagreeing_reports_are_marked_conflict() {
        let mut a = doc("a", "2025-05-20", "Trade was $240 million in 2024.");
        let s = span_of(&a, "Trade was $240 million in 2024.");
        a.quantities
            .push(money(240e6, Approx::Exact, Some(year(2024)), s));
        let mut b = doc("b", "2025-05-21", "Trade was $310 million in 2024.");
        b.quantities
            .push(money(310e6, Approx::Exact, Some(year(2024)), s));
        // "More than $200 million" agrees with both; another year is apart.
        b.quantities
            .push(money(200e6, Approx::MoreThan, Some(year(2024)), s));
        b.quantities
            .push(money(90e6, Approx::Exact, Some(year(2022)), s));
        let s = series(&[a, b], pair(), Window::default());
        let flags: Vec<(f64, bool)> = s[0].points.iter().map(|p| (p.value, p.conflict)).collect();
        assert_eq!(
            flags,
            vec![(90e6, false), (240e6, true), (310e6, true), (200e6, false)]
        );
    }

    #[test]
    fn one_sided_or_other_units_are_kept_apart() {
        let mut a = doc("a", "2025-05-20", "x");
        let mut q = money(5e6, Approx::Exact, None, Span::new(0, 1));
        q.countries = vec![cc("UZB")];
        a.quantities.push(q);
        let mut eur = money(5e6, Approx::Exact, None, Span::new(0, 1));
        eur.unit = Some("EUR".into());
        a.quantities.push(eur);
        a.quantities
            .push(money(5e6, Approx::Exact, None, Span::new(0, 1)));
        let s = series(&[a], pair(), Window::default());
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn ranges() {
        assert!(range(100.0, Approx::MoreThan).1.is_infinite());
        let (lo, hi) = range(-100.0, Approx::Exact);
        assert!(lo < -100.0 && hi > -100.0);
    }
}
