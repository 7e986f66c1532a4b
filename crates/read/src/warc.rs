//! WARC 1.0 / 1.1 archives (gzip handled by the caller): `response` records
//! holding HTML (HTTP headers skipped, chunked and gzip bodies decoded) and
//! `resource` records of type `text/html`.

use std::io::Read;

/// One WARC record.
#[derive(Debug)]
pub(crate) struct Record<'a> {
    headers: Vec<(String, String)>,
    pub block: &'a [u8],
}

impl Record<'_> {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The records of an archive, and what stopped the reading early, if anything.
pub(crate) fn records(bytes: &[u8]) -> (Vec<Record<'_>>, Option<Problem>) {
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if pos >= bytes.len() {
            return (out, None);
        }
        let rest = &bytes[pos..];
        if !rest.starts_with(b"WARC/") {
            return (
                out,
                Some(Problem::Malformed(format!(
                    "no WARC record header at byte {pos}"
                ))),
            );
        }
        let Some((head_len, body_start)) = header_end(rest) else {
            let n = out.len() + 1;
            return (
                out,
                Some(Problem::Truncated(format!(
                    "cut inside the header of record {n}"
                ))),
            );
        };
        let head = String::from_utf8_lossy(&rest[..head_len]);
        let headers: Vec<(String, String)> = head
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect();
        let Some(len) = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
            .and_then(|(_, v)| v.parse::<usize>().ok())
        else {
            let n = out.len() + 1;
            return (
                out,
                Some(Problem::Malformed(format!(
                    "record {n} has no valid Content-Length"
                ))),
            );
        };
        let Some(block) = rest.get(body_start..).and_then(|b| b.get(..len)) else {
            let n = out.len() + 1;
            return (
                out,
                Some(Problem::Truncated(format!("record {n} is cut short"))),
            );
        };
        out.push(Record { headers, block });
        pos += body_start + len;
    }
}

/// Why an archive could not be read to its end.
#[derive(Debug)]
pub(crate) enum Problem {
    Truncated(String),
    Malformed(String),
}

/// End of the header block: (header length, start of the content).
fn header_end(b: &[u8]) -> Option<(usize, usize)> {
    // One pass to the first blank line, whether CRLF or LF.
    let mut k = b.iter().position(|&c| c == b'\n')?;
    loop {
        match &b[k + 1..] {
            [b'\n', ..] => return Some((k, k + 2)),
            [b'\r', b'\n', ..] => return Some((k.saturating_sub(1), k + 3)),
            _ => {}
        }
        k += 1 + b[k + 1..].iter().position(|&c| c == b'\n')?;
    }
}

/// An HTML payload found in a record.
#[derive(Debug)]
pub(crate) struct Payload {
    pub body: Vec<u8>,
    /// The charset the HTTP header declares.
    pub charset: Option<String>,
}

/// The HTML a record carries, if it carries any. `Err` for a payload that
/// cannot be decoded.
pub(crate) fn html_payload(rec: &Record<'_>, max_bytes: u64) -> Result<Option<Payload>, String> {
    let kind = rec.header("WARC-Type").unwrap_or("").to_ascii_lowercase();
    let (content_type, body, chunked, encoding) = match kind.as_str() {
        "response" => {
            let block = rec.block;
            if !block.starts_with(b"HTTP/") {
                return Ok(None);
            }
            let Some((head_len, start)) = header_end(block) else {
                return Err("HTTP headers are cut short".into());
            };
            let head = String::from_utf8_lossy(&block[..head_len]);
            let mut lines = head.lines();
            let status = lines
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .unwrap_or("");
            if !status.starts_with('2') {
                return Ok(None);
            }
            let mut ct = String::new();
            let mut chunked = false;
            let mut enc = String::new();
            for l in lines {
                if let Some((k, v)) = l.split_once(':') {
                    let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase());
                    match k.as_str() {
                        "content-type" => ct = v,
                        "transfer-encoding" => chunked = v.contains("chunked"),
                        "content-encoding" => enc = v,
                        _ => {}
                    }
                }
            }
            (ct, &block[start..], chunked, enc)
        }
        "resource" => (
            rec.header("Content-Type")
                .unwrap_or("")
                .to_ascii_lowercase(),
            rec.block,
            false,
            String::new(),
        ),
        _ => return Ok(None),
    };
    let sniffed_html = content_type.is_empty() && crate::sniff(body) == crate::Format::Html;
    if !(content_type.contains("html") || sniffed_html) {
        return Ok(None);
    }
    let mut body = if chunked {
        dechunk(body)
    } else {
        body.to_vec()
    };
    if encoding.contains("gzip") || encoding.contains("deflate") {
        let mut out = Vec::new();
        let limit = max_bytes.saturating_add(1);
        let res = if encoding.contains("gzip") {
            flate2::read::MultiGzDecoder::new(&body[..])
                .take(limit)
                .read_to_end(&mut out)
        } else {
            flate2::read::ZlibDecoder::new(&body[..])
                .take(limit)
                .read_to_end(&mut out)
        };
        res.map_err(|e| format!("cannot decompress the {encoding} body: {e}"))?;
        body = out;
    }
    let charset = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches(['"', '\'']).to_string());
    Ok(Some(Payload { body, charset }))
}

/// Undoes HTTP chunked transfer encoding (keeping what is there if cut).
fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(nl) = b.iter().position(|&c| c == b'\n') {
        let size_line = String::from_utf8_lossy(&b[..nl]);
        let size_hex = size_line.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_hex, 16) else {
            break;
        };
        b = &b[nl + 1..];
        if size == 0 {
            break;
        }
        let take = size.min(b.len());
        out.extend_from_slice(&b[..take]);
        b = &b[take..];
        b = b
            .strip_prefix(b"\r\n")
            .or_else(|| b.strip_prefix(b"\n"))
            .unwrap_or(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_records_and_payloads() {
        let html = "<html><body><p>Hi</p></body></html>";
        let http =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
        let warc = format!(
            "WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 2\r\n\r\nhi\r\n\r\n\
             WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        );
        let (recs, problem) = records(warc.as_bytes());
        assert!(problem.is_none());
        assert_eq!(recs.len(), 2);
        let p = html_payload(&recs[1], 1000).unwrap().unwrap();
        assert_eq!(p.body, html.as_bytes());
        assert_eq!(p.charset.as_deref(), Some("utf-8"));
        let (recs, problem) = records(&warc.as_bytes()[..warc.len() - 20]);
        assert_eq!(recs.len(), 1);
        assert!(matches!(problem, Some(Problem::Truncated(_))));
        assert_eq!(dechunk(b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"), b"abcde");
        assert_eq!(header_end(b"A: b\r\nC: d\r\n\r\nbody"), Some((10, 14)));
        assert_eq!(header_end(b"A: b\n\nbody"), Some((4, 6)));
        assert_eq!(header_end(b"A: b\r\n"), None);
    }
}
