//! Event dates carried from an earlier sentence: only a date of the news'
//! time dates the sentences after it. The article is the team's.

use dyad_extract::Pipeline;
use dyad_model::Document;

fn events(text: &str, date: &str) -> Vec<(String, Option<String>)> {
    let mut doc = Document::new("t.txt", text.to_string());
    doc.date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    Pipeline::new()
        .run(&doc)
        .events
        .into_iter()
        .map(|e| (e.code.to_string(), e.date.map(|d| d.to_string())))
        .collect()
}

#[test]
fn a_birth_date_does_not_date_the_statements_after_it() {
    let text = "Senator Kamala Harris was born October 20, 1964 in Oakland, California.\n\n\
                Irish Prime Minister Micheál Martin says the United States should keep its \
                constitution as it is.";
    // One event (the appeal, 020, "should keep"), dated as the article.
    let got = events(text, "2020-09-30");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("2020-09-30"), "{got:?}");
}

#[test]
fn a_recent_date_still_dates_the_statements_after_it() {
    let text = "Senator Kamala Harris spoke in Oakland, California on September 28.\n\n\
                Irish Prime Minister Micheál Martin said the United States would keep its \
                constitution as it is.";
    let got = events(text, "2020-09-30");
    assert!(
        got.iter().any(|(_, d)| d.as_deref() == Some("2020-09-28")),
        "{got:?}"
    );
}
