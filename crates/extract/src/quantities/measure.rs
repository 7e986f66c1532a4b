//! What a figure measures: keyword tables from the words around it.

use dyad_model::Measure;

/// The measure a word names when it stands near a figure, with the words
/// that may precede it to form the subject ("bilateral trade").
pub(crate) fn keyword(w: &str) -> Option<Measure> {
    let l = crate::numbers::lower(w);
    let l = l.trim_end_matches("'s").trim_end_matches("’s");
    use Measure::*;
    Some(match l {
        "trade" | "turnover" | "commerce" | "trading" => Trade,
        "export" | "exports" | "exported" | "exporting" | "shipments" => Exports,
        "import" | "imports" | "imported" | "importing" => Imports,
        "investment" | "investments" | "invest" | "invested" | "investing" | "investor"
        | "investors" | "capital" => Investment,
        "fdi" => Fdi,
        "companies" | "company" | "firms" | "enterprises" | "businesses" | "ventures"
        | "corporations" => Companies,
        "projects" => Projects,
        "agreements" | "documents" | "memoranda" | "memorandums" | "deals" | "contracts"
        | "accords" | "treaties" | "mous" => Agreements,
        "tourists" | "visitors" | "travellers" | "travelers" | "arrivals" => Tourists,
        "students" => Students,
        "jobs" | "workplaces" => Jobs,
        "gdp" | "economy" => Gdp,
        "growth" | "grew" => Growth,
        "inflation" => Inflation,
        "deficit" | "deficits" | "shortfall" => Deficit,
        "surplus" | "surpluses" => Surplus,
        "aid" | "assistance" | "grant" | "grants" | "donation" | "donations" => Aid,
        "loan" | "loans" | "credit" | "credits" | "borrow" | "borrowing" | "borrowed"
        | "lending" | "lend" | "lent" | "financing" | "bailout" => Loans,
        "debt" | "debts" | "owing" | "owes" | "owed" | "arrears" => Debt,
        "budget" | "budgets" => Budget,
        "revenue" | "revenues" | "income" => Revenue,
        "profit" | "profits" | "earnings" => Profit,
        "price" | "prices" | "cost" | "costs" | "priced" => Price,
        "production" | "output" | "produced" | "harvest" | "crop" => Production,
        "population" | "inhabitants" | "residents" => Population,
        "killed" | "dead" | "deaths" | "casualties" | "wounded" | "injured" | "died" => Casualties,
        "reserves" => Reserves,
        "members" | "member" => Members,
        "stake" | "stakes" | "ownership" | "owned" | "shareholding" => Ownership,
        "tariff" | "tariffs" | "duty" | "duties" | "levy" | "levies" => Tariffs,
        "unemployment" | "jobless" | "unemployed" => Unemployment,
        "spending" | "spend" | "spent" | "expenditure" | "expenditures" | "outlays" => Spending,
        "sales" | "sold" => Sales,
        _ => {
            if l.ends_with("-owned") {
                Ownership
            } else {
                return None;
            }
        }
    })
}

/// Words that may stand before a measure word inside its subject.
pub(crate) fn modifier(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "bilateral"
            | "total"
            | "mutual"
            | "foreign"
            | "direct"
            | "annual"
            | "net"
            | "overall"
            | "two-way"
            | "economic"
            | "current"
            | "account"
            | "trade"
            | "budget"
            | "public"
            | "external"
            | "state"
            | "joint"
            | "new"
            | "military"
            | "humanitarian"
            | "consumer"
            | "oil"
            | "gas"
            | "grain"
            | "wheat"
    )
}

/// Nouns counted that never make a figure on their own: time spans, ages,
/// points, ordinary units of length.
pub(crate) fn excluded_noun(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "seconds"
            | "minutes"
            | "hours"
            | "days"
            | "weeks"
            | "months"
            | "years"
            | "decades"
            | "centuries"
            | "times"
            | "points"
            | "others"
            | "ones"
            | "per"
            | "percent"
            | "pct"
            | "cents"
            | "kilometres"
            | "kilometers"
            | "km"
            | "miles"
            | "metres"
            | "meters"
            | "feet"
            | "light-years"
            | "masses"
            | "degrees"
            | "rounds"
            | "sessions"
            | "stages"
            | "steps"
            | "aspects"
            | "areas"
            | "sides"
            | "parts"
            | "terms"
            | "ways"
            | "things"
    )
}

/// Units of physical quantities that make a figure of kind `other`.
pub(crate) fn physical_unit(w: &str) -> Option<&'static str> {
    Some(match w.to_ascii_lowercase().as_str() {
        "tonnes" | "tons" | "tonne" | "ton" | "t" | "mt" => "t",
        "barrels" | "barrel" | "bbl" => "bbl",
        "bpd" | "b/d" => "bbl/d",
        "bags" => "bags",
        "hectares" | "ha" => "ha",
        "ounces" | "oz" => "oz",
        "bcm" => "bcm",
        "megawatts" | "mw" => "MW",
        "gigawatts" | "gw" => "GW",
        "kwh" => "kWh",
        "bales" => "bales",
        "litres" | "liters" => "l",
        _ => return None,
    })
}

/// The country that issues a currency, for exchange rates.
pub(crate) fn currency_country(code: &str) -> Option<&'static str> {
    Some(match code {
        "USD" => "USA",
        "JPY" => "JPN",
        "DEM" => "DEU",
        "GBP" => "GBR",
        "FRF" => "FRA",
        "CHF" => "CHE",
        "CNY" => "CHN",
        "KZT" => "KAZ",
        "RUB" => "RUS",
        "INR" => "IND",
        "TRY" => "TUR",
        "CAD" => "CAN",
        "AUD" => "AUS",
        "ITL" => "ITA",
        "NLG" => "NLD",
        "BEF" => "BEL",
        "KRW" => "KOR",
        "BGN" => "BGR",
        "UZS" => "UZB",
        "SEK" => "SWE",
        "NOK" => "NOR",
        "DKK" => "DNK",
        "HKD" => "HKG",
        "SGD" => "SGP",
        "TWD" => "TWN",
        "BRL" => "BRA",
        "MXN" => "MEX",
        _ => return None,
    })
}

/// A currency named as a thing ("the dollar", "the yen"), for exchange
/// rates: its ISO code.
pub(crate) fn currency_noun(w: &str) -> Option<&'static str> {
    Some(match w.to_ascii_lowercase().as_str() {
        "dollar" => "USD",
        "yen" => "JPY",
        "mark" | "deutschemark" | "deutschmark" => "DEM",
        "sterling" | "pound" => "GBP",
        "euro" => "EUR",
        "franc" => "FRF",
        "yuan" | "renminbi" => "CNY",
        "ruble" | "rouble" => "RUB",
        "tenge" => "KZT",
        "rupee" => "INR",
        "lira" => "TRY",
        _ => return None,
    })
}
