//! Throughput of each reader on generated inputs (`cargo bench -p dyad-read`).
//! Each case asserts how many documents it read, so a fast wrong answer fails.
//! Plain `std::time`, no benchmark framework: the readers are the stage
//! being measured, and one number per format is what we track.

use std::hint::black_box;
use std::time::Instant;

use dyad_read::{read_bytes, ReadOptions};

/// Named inputs, as `read_bytes` takes them.
type Inputs = Vec<(String, Vec<u8>)>;

const PARAGRAPH: &str = "The foreign ministers of Ruritania and Freedonia discussed cooperation in energy, \
    transport and agriculture, and agreed to convene the intergovernmental commission in the autumn.";

fn article(i: usize) -> String {
    format!(
        "ASTANA — Meeting number {i} took place on Monday. {}\n\n{}\n\n{}",
        PARAGRAPH, PARAGRAPH, PARAGRAPH
    )
}

fn html(n: usize) -> Inputs {
    (0..n)
        .map(|i| {
            let body: String = article(i).split("\n\n").map(|p| format!("<p>{p}</p>\n")).collect();
            let page = format!(
                "<!DOCTYPE html><html><head><title>Talks {i} | Ministry</title>\
                 <meta property=\"article:published_time\" content=\"2025-06-09T10:00:00Z\">\
                 <script>var x = {i};</script></head><body><nav><a href=\"/\">Home</a></nav>\
                 <main><article><h1>Talks {i}</h1>{body}</article></main><footer>(c)</footer></body></html>"
            );
            (format!("p{i}.html"), page.into_bytes())
        })
        .collect()
}

fn jsonl(n: usize) -> Inputs {
    let lines: String = (0..n)
        .map(|i| {
            format!(
                "{}\n",
                serde_json::json!({"id": i, "date": "2025-06-09", "text": article(i)})
            )
        })
        .collect();
    vec![("corpus.jsonl".into(), lines.into_bytes())]
}

fn feed(n: usize) -> Inputs {
    let items: String = (0..n)
        .map(|i| format!("<item><guid>{i}</guid><title>T{i}</title><description><![CDATA[<p>{}</p>]]></description></item>", article(i)))
        .collect();
    vec![(
        "feed.xml".into(),
        format!("<rss><channel>{items}</channel></rss>").into_bytes(),
    )]
}

fn text(n: usize) -> Inputs {
    (0..n)
        .map(|i| {
            (
                format!("a{i}.txt"),
                format!("date 2025-06-09\n{}", article(i)).into_bytes(),
            )
        })
        .collect()
}

fn warc(n: usize) -> Inputs {
    let mut out = Vec::new();
    for (i, (_, page)) in html(n).into_iter().enumerate() {
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
        http.extend(page);
        out.extend(format!("WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/{i}\r\nContent-Length: {}\r\n\r\n", http.len()).into_bytes());
        out.extend(http);
        out.extend(b"\r\n\r\n");
    }
    vec![("crawl.warc".into(), out)]
}

fn main() {
    let opts = ReadOptions::default();
    let n = 2000;
    let cases: [(&str, Inputs); 5] = [
        ("text", text(n)),
        ("html", html(n)),
        ("feed", feed(n)),
        ("jsonl", jsonl(n)),
        ("warc", warc(n)),
    ];
    for (name, inputs) in cases {
        let bytes: usize = inputs.iter().map(|(_, b)| b.len()).sum();
        let mut best = f64::MAX;
        for _ in 0..5 {
            let start = Instant::now();
            let mut docs = 0;
            for (source, input) in &inputs {
                docs += black_box(read_bytes(source, input, &opts))
                    .iter()
                    .filter(|r| r.is_ok())
                    .count();
            }
            assert_eq!(docs, n, "{name}: every generated article must be read");
            best = best.min(start.elapsed().as_secs_f64());
        }
        println!(
            "read/{name:5}  {n} documents, {:.1} MB: {:.0} documents/s, {:.1} MB/s",
            bytes as f64 / 1e6,
            n as f64 / best,
            bytes as f64 / 1e6 / best
        );
    }
}
