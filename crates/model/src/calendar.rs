//! Month and weekday names, shared by the readers (publication dates) and extract
//! (event dates, periods).

/// English month names, lowercase, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// English weekday names, lowercase, Monday first (ISO 8601).
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The month (1-12) a word names: full, three-letter or "Sept", any case,
/// with an optional trailing dot. Does not allocate.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    let b = w.as_bytes();
    if b.len() < 3 || b.len() > 9 {
        return None;
    }
    // The first three letters pick the only month it can be; most words
    // fail here, before any comparison of the whole word.
    let key = [
        b[0].to_ascii_lowercase(),
        b[1].to_ascii_lowercase(),
        b[2].to_ascii_lowercase(),
    ];
    let i = MONTHS.iter().position(|m| m.as_bytes()[..3] == key)?;
    let fits = b.len() == 3
        || MONTHS[i].eq_ignore_ascii_case(w)
        || (i == 8 && w.eq_ignore_ascii_case("sept"));
    fits.then(|| u32::try_from(i + 1).ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_abbreviations() {
        assert_eq!(month_number("June"), Some(6));
        assert_eq!(month_number("SEPT."), Some(9));
        assert_eq!(month_number("dec"), Some(12));
        assert_eq!(month_number("Ju"), None);
        assert_eq!(month_number("Mayor"), None);
        assert_eq!(month_number("é"), None);
    }

    /// The plain definition: a full name, its first three letters, or
    /// "Sept", compared without case.
    fn reference(word: &str) -> Option<u32> {
        let w = word.trim_end_matches('.');
        if w.len() < 3 || w.len() > 9 {
            return None;
        }
        if w.eq_ignore_ascii_case("sept") {
            return Some(9);
        }
        MONTHS
            .iter()
            .position(|m| {
                m.eq_ignore_ascii_case(w) || (w.len() == 3 && m[..3].eq_ignore_ascii_case(w))
            })
            .and_then(|i| u32::try_from(i + 1).ok())
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_plain_definition(w in "(?i)(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|sept|mayo|[a-zé]{0,3})[a-zé]{0,7}\\.?") {
            proptest::prop_assert_eq!(month_number(&w), reference(&w), "{}", w);
        }
    }

    #[test]
    fn every_name_and_abbreviation() {
        for (i, m) in MONTHS.iter().enumerate() {
            let n = u32::try_from(i + 1).ok();
            assert_eq!(month_number(m), n);
            assert_eq!(month_number(&m.to_uppercase()), n);
            assert_eq!(month_number(&format!("{}.", &m[..3])), n);
        }
    }
}
