//! A forgiving tokenizer for HTML and XML (feeds): tags with attributes,
//! text, comments and CDATA. It never fails; [`Tokens::truncated`] says
//! whether the input stopped inside a tag, comment or raw-text element.

/// One piece of markup. Text is raw (character references not decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    Start {
        /// Lowercased tag name, prefix kept (`content:encoded`).
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    End {
        name: String,
    },
    Text(&'a str),
    /// CDATA content: literal text, no references.
    CData(&'a str),
}

/// Tokenizer over a string. In HTML mode the content of `script`, `style`
/// and similar elements is one raw text token.
#[derive(Debug)]
pub(crate) struct Tokens<'a> {
    src: &'a str,
    pos: usize,
    html: bool,
    raw_until: Option<&'static str>,
    /// The input ended inside a tag, comment, CDATA section or raw element.
    pub truncated: bool,
}

const RAW_ELEMENTS: &[&str] = &[
    "script", "style", "textarea", "title", "noscript", "xmp", "iframe", "noembed", "noframes",
];

impl<'a> Tokens<'a> {
    pub(crate) fn html(src: &'a str) -> Self {
        Tokens {
            src,
            pos: 0,
            html: true,
            raw_until: None,
            truncated: false,
        }
    }

    pub(crate) fn xml(src: &'a str) -> Self {
        Tokens {
            src,
            pos: 0,
            html: false,
            raw_until: None,
            truncated: false,
        }
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    /// Content of a raw-text element up to its end tag (not consumed).
    fn raw_text(&mut self, name: &'static str) -> Option<Token<'a>> {
        let rest = self.rest();
        let bytes = rest.as_bytes();
        let mut i = 0;
        while let Some(off) = rest[i..].find("</") {
            let at = i + off;
            let tag = &bytes[at + 2..];
            if tag.len() >= name.len() && tag[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
                let text = &rest[..at];
                self.pos += at;
                return (!text.is_empty()).then_some(Token::Text(text));
            }
            i = at + 2;
        }
        self.truncated = true;
        self.pos = self.src.len();
        (!rest.is_empty()).then_some(Token::Text(rest))
    }

    fn skip_past(&mut self, pattern: &str) {
        match self.rest().find(pattern) {
            Some(i) => self.pos += i + pattern.len(),
            None => {
                self.truncated = true;
                self.pos = self.src.len();
            }
        }
    }

    fn tag(&mut self) -> Option<Token<'a>> {
        let rest = self.rest();
        let bytes = rest.as_bytes();
        let closing = bytes.get(1) == Some(&b'/');
        let name_start = if closing { 2 } else { 1 };
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|&&b| {
                b.is_ascii_alphanumeric() || matches!(b, b':' | b'-' | b'_' | b'.') || b >= 0x80
            })
            .count();
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        let mut i = name_start + name_len;
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            while i < bytes.len()
                && (bytes[i].is_ascii_whitespace()
                    || (bytes[i] == b'/' && bytes.get(i + 1) != Some(&b'>')))
            {
                i += 1;
            }
            match bytes.get(i) {
                None => {
                    self.truncated = true;
                    self.pos = self.src.len();
                    return None;
                }
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(b'/') => {
                    self_closing = true;
                    i += 2;
                    break;
                }
                Some(_) => {}
            }
            let key_len = bytes[i..]
                .iter()
                .take_while(|&&b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/'))
                .count()
                .max(1);
            let key_end = (i + key_len).min(bytes.len());
            let key = rest.get(i..key_end).unwrap_or("").to_ascii_lowercase();
            i = key_end;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = String::new();
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => match rest[i + 1..].find(char::from(q)) {
                        Some(end) => {
                            value = rest[i + 1..i + 1 + end].to_string();
                            i += end + 2;
                        }
                        None => {
                            self.truncated = true;
                            self.pos = self.src.len();
                            return None;
                        }
                    },
                    _ => {
                        let n = bytes[i..]
                            .iter()
                            .take_while(|&&b| !b.is_ascii_whitespace() && b != b'>')
                            .count();
                        value = rest[i..i + n].to_string();
                        i += n;
                    }
                }
            }
            if !key.is_empty() && attrs.len() < 64 {
                attrs.push((key, crate::entities::decode(&value)));
            }
        }
        self.pos += i;
        if closing {
            return Some(Token::End { name });
        }
        if self.html && !self_closing {
            self.raw_until = RAW_ELEMENTS.iter().copied().find(|r| *r == name);
        }
        Some(Token::Start {
            name,
            attrs,
            self_closing,
        })
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            if let Some(raw) = self.raw_until.take() {
                if let Some(t) = self.raw_text(raw) {
                    return Some(t);
                }
            }
            let rest = self.rest();
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.pos += end;
                return Some(Token::Text(&rest[..end]));
            }
            let b = rest.as_bytes();
            if rest.starts_with("<!--") {
                self.pos += 4;
                self.skip_past("-->");
            } else if let Some(body) = rest.strip_prefix("<![CDATA[") {
                match body.find("]]>") {
                    Some(end) => {
                        self.pos += 9 + end + 3;
                        return Some(Token::CData(&body[..end]));
                    }
                    None => {
                        self.truncated = true;
                        self.pos = self.src.len();
                        return Some(Token::CData(body));
                    }
                }
            } else if rest.starts_with("<!") || rest.starts_with("<?") {
                self.pos += 2;
                self.skip_past(">");
            } else if b.get(1).is_some_and(u8::is_ascii_alphabetic)
                || (b.get(1) == Some(&b'/') && b.get(2).is_some_and(u8::is_ascii_alphabetic))
            {
                match self.tag() {
                    Some(t) => return Some(t),
                    None => return None,
                }
            } else if b.len() == 1 || (b.len() == 2 && b[1] == b'/') {
                // "<" or "</" at the very end: cut off inside a tag.
                self.truncated = true;
                self.pos = self.src.len();
                return None;
            } else {
                // A lone "<" is text.
                self.pos += 1;
                return Some(Token::Text(&rest[..1]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_text_and_raw() {
        let toks: Vec<Token> = Tokens::html(
            "<p class=lead id='a'>Hi &amp; <b>x</b><script>if (a<b) {}</script><!-- c --></p>",
        )
        .collect();
        assert_eq!(toks.len(), 9, "{toks:?}");
        assert!(
            matches!(&toks[0], Token::Start { name, attrs, .. } if name == "p" && attrs.len() == 2)
        );
        assert_eq!(toks[6], Token::Text("if (a<b) {}"));
    }

    #[test]
    fn truncation_is_noticed() {
        let mut t = Tokens::html("<p>cut <a href=\"x");
        while t.next().is_some() {}
        assert!(t.truncated);
        let mut t = Tokens::xml("<a><![CDATA[x]]></a>");
        assert_eq!(t.nth(1), Some(Token::CData("x")));
    }
}
