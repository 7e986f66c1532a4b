//! SPEC "Bad input": a folder mixing good articles with an image, an empty
//! file, a truncated page, undecodable text and an oversized file gives the
//! good ones and one named, one-line error per bad one.

use std::fs;
use std::io::Write;

use dyad_read::{read_bytes, read_paths, ReadOptions};

#[test]
fn mixed_folder() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    fs::write(
        dir.join("a_visit.txt"),
        "date 2025-04-02\nDOHA — The Emir of Qatar received the President of Rwanda in Doha on Wednesday.\n",
    )
    .expect("write");
    fs::write(
        dir.join("b_talks.html"),
        "<html><head><title>Talks</title></head><body><nav>Home</nav><article><p>OTTAWA — Canada and Mexico held talks on trade.</p></article></body></html>",
    )
    .expect("write");
    // Windows-1252 text: decoded, not refused.
    fs::write(
        dir.join("c_latin1.txt"),
        b"MADRID \x96 Spain and Per\xfa signed an agreement on \x93cultural heritage\x94.\n",
    )
    .expect("write");
    fs::create_dir(dir.join("d_sub")).expect("mkdir");
    fs::write(dir.join("d_sub/feed.xml"), "<rss><channel><item><guid>1</guid><description>VIENNA — Austria and Chile met.</description></item></channel></rss>").expect("write");
    fs::write(dir.join(".hidden.txt"), "ignored hidden file").expect("write");
    // Bad inputs.
    let mut jpeg = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00,
    ];
    jpeg.extend((0..2000u32).map(|i| (i * 7 % 251) as u8));
    fs::write(dir.join("photo.jpg"), &jpeg).expect("write");
    fs::write(dir.join("empty.txt"), " \n\t\n").expect("write");
    fs::write(
        dir.join("cut.html"),
        "<!DOCTYPE html><html><body><article><p>BERN — Switzerland and Japan agreed to",
    )
    .expect("write");
    // Windows-1251 Cyrillic: not UTF-8 and not Western text.
    let cyrillic: Vec<u8> = "Москва и Астана подписали соглашение о сотрудничестве"
        .chars()
        .map(|c| {
            if c == ' ' {
                b' '
            } else {
                (c as u32 - 0x410 + 0xC0) as u8
            }
        })
        .collect();
    fs::write(dir.join("russian_1251.txt"), &cyrillic).expect("write");
    let big = fs::File::create(dir.join("huge.txt")).expect("create");
    big.set_len(50 * 1024 * 1024).expect("50 MB file");
    let mut f = fs::OpenOptions::new()
        .write(true)
        .open(dir.join("huge.txt"))
        .expect("open");
    f.write_all(b"date 2025-01-01\nA huge file.")
        .expect("write");

    let results: Vec<_> = read_paths(&[dir.to_path_buf()], &ReadOptions::default()).collect();
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e.to_string()),
        }
    }
    let name = |f: &str| dir.join(f).display().to_string();
    let sources: Vec<&str> = docs.iter().map(|d| d.source.as_str()).collect();
    assert_eq!(
        sources,
        [
            name("a_visit.txt"),
            name("b_talks.html"),
            name("c_latin1.txt"),
            format!("{}#1", name("d_sub/feed.xml")),
        ]
    );
    assert_eq!(
        docs[2].text,
        "Spain and Perú signed an agreement on “cultural heritage”."
    );
    assert_eq!(docs[2].dateline.as_deref(), Some("MADRID"));
    for e in &errors {
        assert!(!e.contains('\n'), "one line: {e}");
    }
    assert_eq!(
        errors,
        [
            format!("{}: truncated HTML page (no closing </body> or </html>)", name("cut.html")),
            format!("{}: empty file", name("empty.txt")),
            format!("{}: file too large (50 MB, limit 20 MB; raise --max-mb to read it)", name("huge.txt")),
            format!("{}: binary file (JPEG image), not an article", name("photo.jpg")),
            format!(
                "{}: not valid UTF-8 text (invalid byte 0xcc at offset 0) and not Windows-1252 text either",
                name("russian_1251.txt")
            ),
        ]
    );
}

#[test]
fn limits_and_missing_files() {
    let opts = ReadOptions { max_bytes: 10 };
    let out = read_bytes("x.txt", b"ATHENS - Greece and Egypt met.", &opts);
    assert_eq!(
        out[0].as_ref().unwrap_err().to_string(),
        "x.txt: file too large (30 bytes, limit 10 bytes; raise --max-mb to read it)"
    );
    let missing: Vec<_> = read_paths(
        &["/nonexistent/dyad/file.txt".into()],
        &ReadOptions::default(),
    )
    .collect();
    assert_eq!(missing.len(), 1);
    assert!(missing[0]
        .as_ref()
        .unwrap_err()
        .to_string()
        .starts_with("/nonexistent/dyad/file.txt: cannot read: "));
    let empty = tempfile::tempdir().expect("temp dir");
    let out: Vec<_> = read_paths(&[empty.path().to_path_buf()], &ReadOptions::default()).collect();
    assert_eq!(
        out.len(),
        1,
        "an empty folder named by the user is reported"
    );
}

#[test]
fn gzip_text_and_sniffing() {
    use flate2::write::GzEncoder;
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"{\"id\": \"z1\", \"text\": \"Chad and Niger signed a security pact.\"}\n")
        .expect("gzip");
    let bytes = gz.finish().expect("gzip");
    let out = read_bytes("-", &bytes, &ReadOptions::default());
    let doc = out[0].as_ref().expect("jsonl inside gzip, sniffed");
    assert_eq!(doc.source, "-#z1");
    let out = read_bytes(
        "-",
        b"<html><body><p>SEOUL \xe2\x80\x94 Korea and Peru met.</p></body></html>",
        &ReadOptions::default(),
    );
    assert_eq!(
        out[0].as_ref().expect("html sniffed").dateline.as_deref(),
        Some("SEOUL")
    );
    let out = read_bytes("-", &bytes[..bytes.len() / 2], &ReadOptions::default());
    assert!(out[0]
        .as_ref()
        .unwrap_err()
        .to_string()
        .starts_with("-: corrupt gzip data"));
}
