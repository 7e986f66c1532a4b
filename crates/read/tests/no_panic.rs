//! No byte string makes a reader panic, and what comes out is well formed:
//! documents have text and the id of that text, errors are one line.

use dyad_model::{doc_id, Document};
use dyad_read::{read_bytes, read_bytes_as, Format, ReadError, ReadOptions};
use proptest::prelude::*;

const FORMATS: [Format; 5] = [
    Format::Text,
    Format::Html,
    Format::Feed,
    Format::JsonLines,
    Format::Warc,
];

fn check(results: &[Result<Document, ReadError>]) {
    for r in results {
        match r {
            Ok(d) => {
                assert!(!d.text.trim().is_empty());
                assert_eq!(d.id, doc_id(&d.text));
            }
            Err(e) => assert!(!e.to_string().contains('\n'), "{e}"),
        }
    }
}

fn all_readers(bytes: &[u8]) {
    let opts = ReadOptions::default();
    for f in FORMATS {
        check(&read_bytes_as(f, "case", bytes, &opts));
    }
    for name in [
        "-",
        "x.txt",
        "x.html",
        "x.xml",
        "x.jsonl",
        "x.warc",
        "x.warc.gz",
    ] {
        check(&read_bytes(name, bytes, &opts));
    }
}

/// Pieces that reach deep into the parsers when shuffled together.
const PIECES: &[&str] = &[
    "<html>",
    "</html>",
    "<body>",
    "<p>",
    "</p>",
    "<article>",
    "<script>",
    "</script",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<rss>",
    "<item>",
    "</item>",
    "<entry>",
    "<content type=\"xhtml\">",
    "<div class=\"share\">",
    "&amp;",
    "&#x2014;",
    "&#150;",
    "&",
    "<",
    ">",
    "\"",
    "'",
    "=",
    "/",
    "WARC/1.1\r\n",
    "Content-Length: 5\r\n",
    "WARC-Type: response\r\n",
    "\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
    "Transfer-Encoding: chunked\r\n",
    "3\r\nabc\r\n",
    "{\"text\": \"",
    "\"}",
    "{",
    "}",
    "\n",
    " ",
    "date 2025-06-09 ",
    "ASTANA — ",
    "LONDON (Reuters) - ",
    "Feb 26",
    ", ",
    "(",
    ")",
    "/TASS/.",
    "—",
    "Minister met ",
    "é",
    "\u{feff}",
    "\x00",
    "\u{2028}",
    "Monday, June 9, 2025\n",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        all_readers(&bytes);
    }

    #[test]
    fn markup_soup(pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..80)) {
        all_readers(pieces.concat().as_bytes());
    }

    #[test]
    fn text_with_prefix(prefix in "[ -~]{0,40}", rest in "\\PC{0,200}") {
        all_readers(format!("{prefix}{rest}").as_bytes());
    }
}

#[test]
fn deep_nesting_and_long_inputs() {
    all_readers("<div>".repeat(20_000).as_bytes());
    all_readers("<a href=x>".repeat(5_000).as_bytes());
    all_readers(format!("<rss><item><description>{}", "<p>".repeat(10_000)).as_bytes());
    all_readers(&b"WARC/1.0\r\nContent-Length: 99999999999999999999\r\n\r\n"[..]);
}
