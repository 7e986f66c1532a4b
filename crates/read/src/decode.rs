//! Bytes to text: binary detection, byte-order marks, UTF-8 and the
//! Windows-1252 fallback for legacy Western text.

use crate::error::ReadErrorKind;

/// Magic numbers of common non-text files, with what to call them.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"%PDF-", "PDF document"),
    (b"%!PS", "PostScript document"),
    (b"PK\x03\x04", "ZIP archive or office document"),
    (b"PK\x05\x06", "ZIP archive"),
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "legacy office document",
    ),
    (b"{\\rtf", "RTF document"),
    (b"7z\xBC\xAF\x27\x1C", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xFD7zXZ\x00", "xz archive"),
    (b"\x28\xB5\x2F\xFD", "zstd archive"),
    (b"BZh", "bzip2 archive"),
    (b"\x7fELF", "executable"),
    (b"\xCA\xFE\xBA\xBE", "executable"),
    (b"\xCF\xFA\xED\xFE", "executable"),
    (b"MZ", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"fLaC", "FLAC audio"),
    (b"\x1A\x45\xDF\xA3", "Matroska/WebM video"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
    (b"\x00asm", "WebAssembly module"),
];

/// Names the kind of binary file `bytes` is, or `None` for what may be text.
/// Gzip is not binary here: callers decompress it first.
pub(crate) fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"RIFF") && bytes.len() >= 12 {
        return Some(match &bytes[8..12] {
            b"WEBP" => "WebP image",
            b"WAVE" => "WAV audio",
            b"AVI " => "AVI video",
            _ => "RIFF media",
        });
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Some("MP4/QuickTime media");
    }
    if bytes.starts_with(b"BM") && bytes.len() >= 14 && bytes[6..10] == [0, 0, 0, 0] {
        return Some("BMP image");
    }
    let head = &bytes[..bytes.len().min(8192)];
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            // "MZ" and "BZh" are also how some words begin: demand binary bytes too.
            let weak = magic.len() <= 3 && magic.is_ascii();
            if !weak || head.iter().any(|&b| b == 0 || b >= 0x80) {
                return Some(what);
            }
        }
    }
    if utf16_bom(bytes).is_some() {
        return None;
    }
    if head.contains(&0) {
        return Some("contains NUL bytes");
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    if head.len() >= 64 && controls * 20 > head.len() {
        return Some("control characters");
    }
    None
}

fn utf16_bom(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(false),
        [0xFE, 0xFF, ..] => Some(true),
        _ => None,
    }
}

/// Decodes bytes that are not binary: UTF-8 (with or without BOM), UTF-16
/// with BOM, or Windows-1252 when the bytes look like Western legacy text.
pub(crate) fn decode_text(bytes: &[u8]) -> Result<String, ReadErrorKind> {
    if let Some(big_endian) = utf16_bom(bytes) {
        let units = bytes[2..].chunks_exact(2).map(|c| {
            if big_endian {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from_le_bytes([c[0], c[1]])
            }
        });
        return Ok(char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let offset = e.valid_up_to();
            let byte = bytes.get(offset).copied().unwrap_or(0);
            if mostly_utf8(bytes) {
                // A UTF-8 file with a few broken bytes: keep its text.
                Ok(String::from_utf8_lossy(bytes).into_owned())
            } else if looks_like_1252(bytes) {
                Ok(decode_1252(bytes))
            } else {
                Err(ReadErrorKind::Encoding { byte, offset })
            }
        }
    }
}

/// Decodes with a declared charset label (from HTML or HTTP), falling back to
/// [`decode_text`] for UTF-8 and unknown-but-harmless labels.
pub(crate) fn decode_with_charset(bytes: &[u8], charset: &str) -> Result<String, ReadErrorKind> {
    let label = charset
        .trim()
        .trim_matches(['"', '\''])
        .to_ascii_lowercase();
    match label.as_str() {
        "" | "utf-8" | "utf8" | "us-ascii" | "ascii" | "unicode-1-1-utf-8" => decode_text(bytes),
        "windows-1252" | "cp1252" | "iso-8859-1" | "iso8859-1" | "latin1" | "latin-1" | "l1"
        | "iso-8859-15" | "x-cp1252" => {
            // Pages often declare Latin-1 and are UTF-8 anyway: trust valid UTF-8.
            match std::str::from_utf8(bytes) {
                Ok(s) => Ok(s.to_string()),
                Err(_) => Ok(decode_1252(bytes)),
            }
        }
        _ => match std::str::from_utf8(bytes) {
            Ok(s) => Ok(s.to_string()),
            Err(_) => Err(ReadErrorKind::Charset(crate::error::one_line(&label))),
        },
    }
}

/// Valid multi-byte UTF-8 characters outnumber invalid sequences by far.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid >= 3 && invalid * 2 <= valid
}

/// Undefined in Windows-1252: a text with these bytes is something else.
const UNDEFINED_1252: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// Mostly ASCII text with scattered high bytes, none of them undefined in
/// Windows-1252: the shape of a Latin-1 / 1252 article.
fn looks_like_1252(bytes: &[u8]) -> bool {
    if bytes.iter().any(|b| UNDEFINED_1252.contains(b)) {
        return false;
    }
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    let letters = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
    letters >= 8 && high * 4 <= letters
}

const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{8D}', '\u{017D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{9D}', '\u{017E}', '\u{0178}',
];

/// The Windows-1252 character for a byte.
pub(crate) fn cp1252_char(b: u8) -> char {
    if (0x80..0xA0).contains(&b) {
        CP1252_HIGH[usize::from(b - 0x80)]
    } else {
        char::from(b)
    }
}

/// Decodes Windows-1252 (a superset of the printable Latin-1 range).
pub(crate) fn decode_1252(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| cp1252_char(b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizes_images_and_text() {
        assert_eq!(
            binary_kind(b"\xFF\xD8\xFF\xE0\x00\x10JFIF"),
            Some("JPEG image")
        );
        assert_eq!(binary_kind(b"MZ is how this sentence starts."), None);
        assert_eq!(binary_kind("Plain words — and a dash.".as_bytes()), None);
        assert_eq!(binary_kind(b"a\x00b"), Some("contains NUL bytes"));
    }

    #[test]
    fn decodes_latin1_and_refuses_garbage() {
        let latin = b"Caf\xe9 talks in Bras\xedlia on trade \x96 officials said";
        let text = decode_text(latin).unwrap();
        assert!(text.contains("Café") && text.contains("Brasília") && text.contains('–'));
        let garbage: Vec<u8> = (0..64).map(|i| 0xC0 + (i % 32) as u8).collect();
        assert!(matches!(
            decode_text(&garbage),
            Err(ReadErrorKind::Encoding { .. })
        ));
        assert_eq!(decode_text(b"\xEF\xBB\xBFhi").unwrap(), "hi");
        let mixed = "Łódź, Kraków — Gdańsk and Poznań signed a charter; "
            .as_bytes()
            .iter()
            .chain(b"caf\xe9")
            .copied()
            .collect::<Vec<u8>>();
        assert!(decode_text(&mixed).unwrap().ends_with("caf\u{FFFD}"));
        assert_eq!(decode_text(b"\xFF\xFEh\x00i\x00").unwrap(), "hi");
    }
}
