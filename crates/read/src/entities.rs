//! HTML/XML character references: `&amp;`, `&#8212;`, `&#x2014;` and the
//! named entities news pages use (Latin-1 letters, quotes, dashes, symbols).

use crate::decode::cp1252_char;

/// Names of U+00A0..=U+00FF, in order.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// Other named entities, by name.
const OTHERS: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("zwnj", '\u{200C}'),
    ("zwj", '\u{200D}'),
    ("lrm", '\u{200E}'),
    ("rlm", '\u{200F}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("horbar", '―'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("hellip", '…'),
    ("bull", '•'),
    ("prime", '′'),
    ("Prime", '″'),
    ("dagger", '†'),
    ("Dagger", '‡'),
    ("permil", '‰'),
    ("trade", '™'),
    ("euro", '€'),
    ("minus", '−'),
    ("larr", '←'),
    ("rarr", '→'),
    ("uarr", '↑'),
    ("darr", '↓'),
    ("OElig", 'Œ'),
    ("oelig", 'œ'),
    ("Scaron", 'Š'),
    ("scaron", 'š'),
    ("Zcaron", 'Ž'),
    ("zcaron", 'ž'),
    ("Yuml", 'Ÿ'),
    ("fnof", 'ƒ'),
    ("circ", 'ˆ'),
    ("tilde", '˜'),
    ("Ccaron", 'Č'),
    ("ccaron", 'č'),
    ("Cacute", 'Ć'),
    ("cacute", 'ć'),
    ("Scedil", 'Ş'),
    ("scedil", 'ş'),
    ("Gbreve", 'Ğ'),
    ("gbreve", 'ğ'),
    ("Idot", 'İ'),
    ("imath", 'ı'),
    ("inodot", 'ı'),
    ("Lstrok", 'Ł'),
    ("lstrok", 'ł'),
    ("Nacute", 'Ń'),
    ("nacute", 'ń'),
    ("Sacute", 'Ś'),
    ("sacute", 'ś'),
    ("Zacute", 'Ź'),
    ("zacute", 'ź'),
    ("Zdot", 'Ż'),
    ("zdot", 'ż'),
    ("Rcaron", 'Ř'),
    ("rcaron", 'ř'),
    ("Ecaron", 'Ě'),
    ("ecaron", 'ě'),
    ("Abreve", 'Ă'),
    ("abreve", 'ă'),
    ("Tcedil", 'Ţ'),
    ("tcedil", 'ţ'),
    ("Amacr", 'Ā'),
    ("amacr", 'ā'),
    ("Omacr", 'Ō'),
    ("omacr", 'ō'),
    ("Umacr", 'Ū'),
    ("umacr", 'ū'),
    ("Odblac", 'Ő'),
    ("odblac", 'ő'),
    ("Udblac", 'Ű'),
    ("udblac", 'ű'),
    ("nbhy", '\u{2011}'),
    ("NoBreak", '\u{2060}'),
];

fn named(name: &str) -> Option<char> {
    if let Some(i) = LATIN1.iter().position(|n| *n == name) {
        return u32::try_from(0xA0 + i).ok().and_then(char::from_u32);
    }
    OTHERS.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
}

fn numeric(digits: &str, hex: bool) -> char {
    let value = if hex {
        u32::from_str_radix(digits, 16)
    } else {
        digits.parse::<u32>()
    };
    match value {
        // The C1 range is how Windows-1252 pages spell quotes and dashes.
        Ok(v @ 0x80..=0x9F) => cp1252_char(u8::try_from(v).unwrap_or(0x81)),
        Ok(0) | Err(_) => char::REPLACEMENT_CHARACTER,
        Ok(v) => char::from_u32(v).unwrap_or(char::REPLACEMENT_CHARACTER),
    }
}

/// Decodes character references in `s`; unknown ones are kept as written.
pub(crate) fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference at the start of `s` (which begins with `&`)
/// stands for, and its length in bytes.
fn reference(s: &str) -> Option<(char, usize)> {
    let body = &s[1..];
    if let Some(num) = body.strip_prefix('#') {
        let (hex, digits_start) = match num.as_bytes().first() {
            Some(b'x' | b'X') => (true, 1),
            _ => (false, 0),
        };
        let digits = &num[digits_start..];
        let n = digits
            .bytes()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if n == 0 || n > 8 {
            return None;
        }
        let mut len = 1 + 1 + digits_start + n;
        if s[len..].starts_with(';') {
            len += 1;
        }
        return Some((numeric(&digits[..n], hex), len));
    }
    let n = body
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .take(10)
        .count();
    let name = &body[..n];
    if body[n..].starts_with(';') {
        return named(name).map(|c| (c, 1 + n + 1));
    }
    // Legacy references without ';' (only the common ones, and not inside words).
    match name {
        "amp" | "lt" | "gt" | "quot" | "nbsp" | "copy" => named(name).map(|c| (c, 1 + n)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn references() {
        assert_eq!(
            decode("Tom &amp; Jerry &mdash; &#8220;hi&#x201D; caf&eacute;"),
            "Tom & Jerry — “hi” café"
        );
        assert_eq!(decode("&#150; &bogus; & a &amp"), "– &bogus; & a &");
        assert_eq!(decode("&#0; &#xFFFFFFFFF;"), "\u{FFFD} &#xFFFFFFFFF;");
    }
}
