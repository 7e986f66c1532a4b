//! Quantities: typed figures with period, qualifier and change.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{CountryCode, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QuantityKind {
    Money,
    Count,
    Percent,
    Other,
}

crate::string_enum!("quantity kind", QuantityKind {
    Money => "money",
    Count => "count",
    Percent => "percent",
    Other => "other",
});

/// How exact the figure is said to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Approx {
    #[default]
    Exact,
    About,
    MoreThan,
    LessThan,
    UpTo,
}

crate::string_enum!("qualifier", Approx {
    Exact => "exact",
    About => "about",
    MoreThan => "more_than",
    LessThan => "less_than",
    UpTo => "up_to",
});

/// What a figure counts, normalized to a small vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Measure {
    Trade,
    Exports,
    Imports,
    Investment,
    Fdi,
    Companies,
    Projects,
    Agreements,
    Tourists,
    Students,
    Jobs,
    Gdp,
    Aid,
    Loans,
    Debt,
    Budget,
    Revenue,
    Profit,
    Price,
    Production,
    Population,
    Casualties,
    Growth,
    Inflation,
    Deficit,
    Surplus,
    Reserves,
    Members,
    Ownership,
    ExchangeRate,
    InterestRate,
    Tariffs,
    Unemployment,
    Spending,
    Sales,
    Other,
}

crate::string_enum!("measure", Measure {
    Trade => "trade",
    Exports => "exports",
    Imports => "imports",
    Investment => "investment",
    Fdi => "fdi",
    Companies => "companies",
    Projects => "projects",
    Agreements => "agreements",
    Tourists => "tourists",
    Students => "students",
    Jobs => "jobs",
    Gdp => "gdp",
    Aid => "aid",
    Loans => "loans",
    Debt => "debt",
    Budget => "budget",
    Revenue => "revenue",
    Profit => "profit",
    Price => "price",
    Production => "production",
    Population => "population",
    Casualties => "casualties",
    Growth => "growth",
    Inflation => "inflation",
    Deficit => "deficit",
    Surplus => "surplus",
    Reserves => "reserves",
    Members => "members",
    Ownership => "ownership",
    ExchangeRate => "exchange_rate",
    InterestRate => "interest_rate",
    Tariffs => "tariffs",
    Unemployment => "unemployment",
    Spending => "spending",
    Sales => "sales",
    Other => "other",
});

/// A closed range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// A change stated with the figure: "quadrupled from the previous year".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// New value / old value ("quadrupled" = 4).
    pub factor: Option<f64>,
    /// Percentage change ("up 12%" = 12, "down 3%" = -3).
    pub percent: Option<f64>,
    /// The period compared with.
    pub from: Option<Period>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub kind: QuantityKind,
    /// The plain number: "$83 million" is 83000000.
    pub value: f64,
    /// ISO 4217 for money ("USD"); "%" for percentages; null for counts.
    pub unit: Option<String>,
    pub approx: Approx,
    pub measure: Option<Measure>,
    /// The noun phrase counted ("Bulgarian-affiliated companies").
    pub subject: Option<String>,
    pub countries: Vec<CountryCode>,
    pub period: Option<Period>,
    pub change: Option<Change>,
    pub evidence: Span,
}
