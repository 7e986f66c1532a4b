//! Numbers and amounts of money as news writes them.
//!
//! [`lex`] cuts a text into words, numbers and symbols; [`scan`] finds every
//! amount in it: a number with its scale word, currency and percent sign,
//! wherever they stand:
//!
//! | written                         | value         | unit  |
//! | ------------------------------- | ------------- | ----- |
//! | `$83 million`, `US$83m`         | 83 000 000    | USD   |
//! | `375 million dollars`           | 375 000 000   | USD   |
//! | `€40 mln`, `EUR 40 million`     | 40 000 000    | EUR   |
//! | `KZT 5 trillion`, `5tn tenge`   | 5e12          | KZT   |
//! | `£522,000`, `20 mln stg`        | 522 000       | GBP   |
//! | `Rs 300 crore`                  | 3 000 000 000 | INR   |
//! | `1.5 billion U.S. dlrs`         | 1 500 000 000 | USD   |
//! | `12%`, `12 per cent`, `12 pct`  | 12            | %     |
//! | `two dozen`, `twenty-five`      | 24, 25        |       |
//!
//! Values are computed from the decimal digits and a power of ten, so
//! `1.2bn` is exactly 1 200 000 000. [`render`] writes an amount back in
//! one of the same forms (the property tests parse what it renders).

/// The kind of a [`Tok`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters (with inner apostrophes and hyphens: "Bulgarian-affiliated").
    Word,
    /// Digits with inner `,` and `.` ("1,234.5").
    Num,
    /// Any other non-space character.
    Sym,
}

/// One lexical token: a byte span of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
}

impl Tok {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// `w` in ASCII lower case, borrowed when it has no upper-case letter (the
/// usual case), so comparing words to keywords seldom allocates.
pub(crate) fn lower(w: &str) -> std::borrow::Cow<'_, str> {
    if w.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(w.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(w)
    }
}

/// Cuts `text` into tokens. Total; spans lie on char boundaries.
pub(crate) fn lex(text: &str) -> Vec<Tok> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_ascii_digit() {
            let mut end = i + 1;
            while end < b.len() {
                let d = b[end];
                if d.is_ascii_digit() {
                    end += 1;
                } else if (d == b',' || d == b'.')
                    && end + 1 < b.len()
                    && b[end + 1].is_ascii_digit()
                {
                    end += 2;
                } else {
                    break;
                }
            }
            while chars.peek().is_some_and(|&(j, _)| j < end) {
                chars.next();
            }
            out.push(Tok {
                start: i,
                end,
                kind: TokKind::Num,
            });
        } else if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphabetic() {
                    chars.next();
                    end = j + d.len_utf8();
                } else if matches!(d, '\'' | '’' | '-') {
                    // Inner apostrophe or hyphen: only when a letter follows.
                    let next = text[j + d.len_utf8()..].chars().next();
                    if next.is_some_and(char::is_alphabetic) {
                        chars.next();
                        end = j + d.len_utf8();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            out.push(Tok {
                start: i,
                end,
                kind: TokKind::Word,
            });
        } else {
            out.push(Tok {
                start: i,
                end: i + c.len_utf8(),
                kind: TokKind::Sym,
            });
        }
    }
    out
}

/// What an amount measures in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    /// A plain number (a count, or a figure whose unit the context gives).
    None,
    /// ISO 4217 currency code.
    Money(&'static str),
    Percent,
}

/// One amount found in a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Amount {
    /// Byte span from the first to the last token of the amount
    /// (currency sign and scale word included).
    pub start: usize,
    pub end: usize,
    /// Byte span of the number itself.
    pub num_start: usize,
    pub num_end: usize,
    pub value: f64,
    pub unit: Unit,
    /// Written with a scale word ("million", "bn").
    pub scaled: bool,
    /// Written in words ("two dozen").
    pub spelled: bool,
    /// Has a decimal part or digit grouping ("1,000", "1.5").
    pub formatted: bool,
    /// One end of a range ("6-7%", "between 1.70 and 1.90 marks").
    pub range: bool,
    /// Index in the token list of the amount's last token.
    pub last_tok: usize,
    /// Index of its first token.
    pub first_tok: usize,
    /// The currency is an unqualified word that several countries use
    /// ("dlrs", "riyals", "crowns", "pesos"): the table's default unless
    /// the story is about another country of that name.
    pub bare_dollar: bool,
}

/// A currency written before the number: symbols and codes.
fn prefix_currency(toks: &[Tok], text: &str, i: usize) -> Option<(&'static str, usize)> {
    // Returns the currency and the index of the first token of the prefix.
    let t = |k: usize| toks.get(k).map(|t| t.text(text));
    let adjacent = |a: usize, b: usize| toks[a].end == toks[b].start;
    if i == 0 {
        return None;
    }
    let prev = t(i - 1)?;
    match prev {
        "$" => {
            if i >= 2 && adjacent(i - 2, i - 1) && toks[i - 2].kind == TokKind::Word {
                let code = match t(i - 2)? {
                    "US" | "U.S" => Some("USD"),
                    "A" | "AU" => Some("AUD"),
                    "C" | "CA" | "Can" => Some("CAD"),
                    "HK" => Some("HKD"),
                    "S" => Some("SGD"),
                    "NZ" => Some("NZD"),
                    "NT" => Some("TWD"),
                    "R" => Some("BRL"),
                    "Mex" => Some("MXN"),
                    _ => None,
                };
                if let Some(c) = code {
                    return Some((c, i - 2));
                }
            }
            // "U.S.$": U . S . $
            if i >= 5 && t(i - 2) == Some(".") && t(i - 3) == Some("S") && t(i - 5) == Some("U") {
                return Some(("USD", i - 5));
            }
            Some(("USD", i - 1))
        }
        "€" => Some(("EUR", i - 1)),
        "£" => Some(("GBP", i - 1)),
        "¥" => Some(("JPY", i - 1)),
        "₸" => Some(("KZT", i - 1)),
        "₽" => Some(("RUB", i - 1)),
        "₹" => Some(("INR", i - 1)),
        "₺" => Some(("TRY", i - 1)),
        "₩" => Some(("KRW", i - 1)),
        "₴" => Some(("UAH", i - 1)),
        "₦" => Some(("NGN", i - 1)),
        "₪" => Some(("ILS", i - 1)),
        "₫" => Some(("VND", i - 1)),
        "." if i >= 2 && t(i - 2) == Some("Rs") => Some(("INR", i - 2)),
        "Rs" => Some(("INR", i - 1)),
        w if toks[i - 1].kind == TokKind::Word && w.len() == 3 => {
            code_currency(w).map(|c| (c, i - 1))
        }
        _ => None,
    }
}

/// ISO 4217 codes accepted as written ("KZT 5 trillion", "5 trillion KZT").
const CODES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "KZT", "RUB", "INR", "TRY", "CHF", "CAD", "AUD",
    "BGN", "UZS", "KGS", "TJS", "TMT", "AZN", "GEL", "AMD", "UAH", "BYN", "PLN", "HUF", "CZK",
    "RON", "SEK", "NOK", "DKK", "KRW", "VND", "IDR", "MYR", "SGD", "THB", "PHP", "PKR", "BDT",
    "AED", "SAR", "QAR", "KWD", "EGP", "ZAR", "NGN", "BRL", "MXN", "ARS", "HKD", "NZD", "ILS",
    "IRR", "MNT", "RSD",
];

fn code_currency(w: &str) -> Option<&'static str> {
    if w == "RMB" {
        return Some("CNY");
    }
    CODES.iter().find(|&&c| c == w).copied()
}

/// A currency word written after the number ("dollars", "tenge", "dlrs").
fn word_currency(w: &str) -> Option<&'static str> {
    let l = lower(w);
    Some(match l.as_ref() {
        "dollar" | "dollars" | "dlr" | "dlrs" => "USD",
        "euro" | "euros" => "EUR",
        "pound" | "pounds" | "stg" | "sterling" => "GBP",
        "yen" => "JPY",
        "yuan" | "renminbi" => "CNY",
        "tenge" => "KZT",
        "ruble" | "rubles" | "rouble" | "roubles" => "RUB",
        "rupee" | "rupees" => "INR",
        "lira" | "liras" | "lire" => "TRY",
        "won" => "KRW",
        "lev" | "leva" => "BGN",
        "som" | "soms" => "KGS",
        "sum" | "soum" | "soums" => "UZS",
        "somoni" => "TJS",
        "manat" | "manats" => "AZN",
        "lari" => "GEL",
        "dram" | "drams" => "AMD",
        "hryvnia" | "hryvnias" | "hryvnas" => "UAH",
        "zloty" | "zlotys" | "zlotych" => "PLN",
        "forint" | "forints" => "HUF",
        "koruna" | "korunas" | "crowns" => "CZK",
        "krona" | "kronor" => "SEK",
        "krone" | "kroner" => "NOK",
        "baht" => "THB",
        "rand" => "ZAR",
        "peso" | "pesos" => "MXN",
        "ringgit" => "MYR",
        "rupiah" => "IDR",
        "dong" => "VND",
        "dinar" | "dinars" => "KWD",
        "riyal" | "riyals" => "SAR",
        "dirham" | "dirhams" => "AED",
        "shekel" | "shekels" => "ILS",
        "naira" => "NGN",
        "real" | "reais" => "BRL",
        "mark" | "marks" | "deutschmarks" | "deutschemarks" => "DEM",
        "franc" | "francs" => "FRF",
        "guilder" | "guilders" => "NLG",
        "schilling" | "schillings" => "ATS",
        "peseta" | "pesetas" => "ESP",
        "escudo" | "escudos" => "PTE",
        "drachma" | "drachmas" | "drachmae" => "GRD",
        "ecu" | "ecus" => "XEU",
        "tugrik" | "tugriks" => "MNT",
        _ => return None,
    })
}

/// A nationality word that changes the currency after it
/// ("Australian dollars", "Swiss francs", "Turkish lira").
fn qualified_currency(adj: &str, base: &'static str) -> Option<&'static str> {
    let a = lower(adj);
    Some(match (a.as_ref(), base) {
        ("u.s" | "us" | "american", "USD") => "USD",
        ("australian", "USD") => "AUD",
        ("canadian", "USD") => "CAD",
        ("hong", "USD") | ("kong", "USD") => "HKD",
        ("singapore", "USD") => "SGD",
        ("taiwan", "USD") | ("taiwanese", "USD") => "TWD",
        ("zealand", "USD") => "NZD",
        ("swiss", "FRF") => "CHF",
        ("french", "FRF") => "FRF",
        ("belgian", "FRF") => "BEF",
        ("luxembourg", "FRF") => "LUF",
        ("cfa", "FRF") => "XOF",
        ("turkish", "TRY") => "TRY",
        ("italian", "TRY") => "ITL",
        ("pakistani", "INR") => "PKR",
        ("indian", "INR") => "INR",
        ("sri", "INR") | ("lankan", "INR") => "LKR",
        ("nepalese", "INR") => "NPR",
        ("mexican", "MXN") => "MXN",
        ("philippine", "MXN") => "PHP",
        ("argentine", "MXN") => "ARS",
        ("chilean", "MXN") => "CLP",
        ("colombian", "MXN") => "COP",
        ("egyptian", "GBP") => "EGP",
        ("irish", "GBP") => "IEP",
        ("west", "DEM") | ("german", "DEM") => "DEM",
        ("finnish", "DEM") => "FIM",
        ("danish", "NOK") => "DKK",
        ("norwegian", "NOK") => "NOK",
        ("swedish", "SEK") => "SEK",
        ("czech", "CZK") => "CZK",
        ("slovak", "CZK") => "SKK",
        ("iraqi", "KWD") => "IQD",
        ("jordanian", "KWD") => "JOD",
        ("kuwaiti", "KWD") => "KWD",
        ("saudi", "SAR") => "SAR",
        ("qatari", "SAR") => "QAR",
        ("iranian", "SAR") => "IRR",
        ("south", "KRW") | ("korean", "KRW") => "KRW",
        ("uzbek", "UZS") => "UZS",
        ("kyrgyz", "KGS") => "KGS",
        ("brazilian", "BRL") => "BRL",
        ("azerbaijani", "AZN") => "AZN",
        ("turkmen", "AZN") => "TMT",
        _ => return None,
    })
}

/// The power of ten of a scale word, and whether it may be glued to the
/// digits ("3.7m", "10bn").
fn scale_word(w: &str) -> Option<(i32, bool)> {
    Some(match lower(w).as_ref() {
        "thousand" | "thousands" => (3, false),
        "k" => (3, true),
        "million" | "millions" | "mln" | "mlns" | "mn" => (6, true),
        "m" => (6, true),
        "billion" | "billions" | "bln" | "bn" | "b" => (9, true),
        "trillion" | "trillions" | "trn" | "tn" => (12, true),
        "lakh" | "lakhs" => (5, false),
        "crore" | "crores" => (7, false),
        _ => return None,
    })
}

fn small_word(w: &str) -> Option<u64> {
    Some(match w {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// A number written in words: "five", "twenty-five", "a dozen", "two dozen",
/// "three hundred". Returns the value and the index after the last token.
fn word_number(toks: &[Tok], text: &str, i: usize) -> Option<(u64, usize)> {
    let w0 = lower(toks[i].text(text));
    let mut j = i + 1;
    let mut value = if w0 == "a" {
        // "a dozen", "a hundred"
        1
    } else if let Some(v) = small_word(&w0) {
        v
    } else if let Some((tens, unit)) = w0.split_once('-') {
        let (t, u) = (small_word(tens)?, small_word(unit)?);
        if !(20..=90).contains(&t) || t % 10 != 0 || u >= 10 {
            return None;
        }
        t + u
    } else {
        return None;
    };
    let next = toks
        .get(j)
        .filter(|t| t.kind == TokKind::Word)
        .map(|t| lower(t.text(text)));
    match next.as_deref() {
        Some("dozen") => {
            value *= 12;
            j += 1;
        }
        Some("hundred") => {
            value *= 100;
            j += 1;
        }
        _ if w0 == "a" => return None,
        _ => {}
    }
    Some((value, j))
}

/// Parses the digits of a numeric token: "1,234.5" -> (12345, 1).
/// Returns the mantissa and the number of decimals.
fn digits(s: &str) -> Option<(u128, i32)> {
    let (int, frac) = match s.rsplit_once('.') {
        // "1.234.567" (European grouping) has more than one dot.
        Some((a, b)) if !a.contains('.') && !b.contains(',') => (a, b),
        Some(_) => return None,
        None => (s, ""),
    };
    if int.contains(',') {
        // Thousands groups of three.
        let mut parts = int.split(',');
        let first = parts.next()?;
        if first.is_empty() || first.len() > 3 || parts.clone().any(|p| p.len() != 3) {
            return None;
        }
    }
    let mut m: u128 = 0;
    for c in int.chars().chain(frac.chars()) {
        if let Some(d) = c.to_digit(10) {
            m = m.checked_mul(10)?.checked_add(u128::from(d))?;
        }
    }
    if frac.len() > 20 {
        return None;
    }
    Some((m, frac.len() as i32))
}

/// mantissa * 10^exp as the nearest f64.
fn decimal(m: u128, exp: i32) -> f64 {
    if exp >= 0 {
        let p = 10u128.checked_pow(exp as u32);
        match p.and_then(|p| m.checked_mul(p)) {
            Some(v) => v as f64,
            None => m as f64 * 10f64.powi(exp),
        }
    } else {
        let p = 10u128.pow((-exp).min(38) as u32);
        m as f64 / p as f64
    }
}

fn is_word(toks: &[Tok], text: &str, k: usize, words: &[&str]) -> bool {
    toks.get(k).is_some_and(|t| {
        t.kind == TokKind::Word && words.iter().any(|w| t.text(text).eq_ignore_ascii_case(w))
    })
}

fn is_sym(toks: &[Tok], text: &str, k: usize, syms: &[&str]) -> bool {
    toks.get(k)
        .is_some_and(|t| t.kind == TokKind::Sym && syms.contains(&t.text(text)))
}

/// Reads the tokens after a number: scale word, currency word or code,
/// percent. Returns (power of ten, unit, index after the last token used).
fn suffix(
    toks: &[Tok],
    text: &str,
    num: usize,
    mut unit: Unit,
    has_currency: bool,
) -> (i32, Unit, usize, bool) {
    let mut j = num + 1;
    let mut exp = 0;
    let mut scaled = false;
    if let Some(t) = toks.get(j).filter(|t| t.kind == TokKind::Word) {
        if let Some((e, glue_ok)) = scale_word(t.text(text)) {
            let glued = t.start == toks[num].end;
            // "3.7m" after a currency sign; "5 m" or "5m" alone may be metres.
            let ok = if t.text(text).len() == 1 {
                glued && glue_ok && has_currency
            } else {
                true
            };
            if ok {
                exp = e;
                scaled = true;
                j += 1;
            }
        }
    }
    // "1.2 million euros", "20 mln stg", "5 billion U.S. dlrs",
    // "200 million Australian dollars".
    if unit == Unit::None {
        if let Some(t) = toks.get(j) {
            let w = t.text(text);
            if t.kind == TokKind::Sym && w == "%" {
                return (exp, Unit::Percent, j + 1, scaled);
            }
            if t.kind == TokKind::Word {
                let l = lower(w);
                if l == "percent" || l == "pct" {
                    return (exp, Unit::Percent, j + 1, scaled);
                }
                if l == "per" && is_word(toks, text, j + 1, &["cent"]) {
                    return (exp, Unit::Percent, j + 2, scaled);
                }
                if let Some(c) = word_currency(w) {
                    unit = Unit::Money(c);
                    j += 1;
                } else if let Some(c) = code_currency(w) {
                    unit = Unit::Money(c);
                    j += 1;
                } else if w == "U"
                    && is_sym(toks, text, j + 1, &["."])
                    && is_word(toks, text, j + 2, &["S"])
                {
                    // "U.S. dlrs" / "U.S. dollars"
                    let k = if is_sym(toks, text, j + 3, &["."]) {
                        j + 4
                    } else {
                        j + 3
                    };
                    if let Some(c) = toks.get(k).and_then(|t| word_currency(t.text(text))) {
                        if c == "USD" {
                            unit = Unit::Money(c);
                            j = k + 1;
                        }
                    }
                } else if w.chars().next().is_some_and(char::is_uppercase) {
                    // "Australian dollars", "Hong Kong dollars", "Swiss francs".
                    for k in [j + 1, j + 2] {
                        let Some(t2) = toks.get(k) else { break };
                        if let Some(base) = word_currency(t2.text(text)) {
                            let adj = if k == j + 2 {
                                toks[j + 1].text(text)
                            } else {
                                w
                            };
                            if let Some(c) = qualified_currency(adj, base)
                                .or_else(|| qualified_currency(w, base))
                            {
                                unit = Unit::Money(c);
                                j = k + 1;
                            }
                            break;
                        }
                    }
                }
            }
        }
    }
    (exp, unit, j, scaled)
}

/// Finds every amount in `text`, in text order. `toks` is `lex(text)`.
pub(crate) fn scan(text: &str, toks: &[Tok]) -> Vec<Amount> {
    let mut out: Vec<Amount> = Vec::new();
    let mut i = 0;
    // The first token the next amount may start at.
    let mut floor = 0;
    while i < toks.len() {
        let t = toks[i];
        let parsed = match t.kind {
            TokKind::Num => {
                let s = t.text(text);
                digits(s).map(|(m, dec)| (m, dec, i + 1, false, s.contains([',', '.'])))
            }
            TokKind::Word => {
                word_number(toks, text, i).map(|(v, j)| (u128::from(v), 0, j, true, false))
            }
            TokKind::Sym => None,
        };
        let Some((mantissa, decimals, after, spelled, formatted)) = parsed else {
            i += 1;
            continue;
        };
        let last_num = after - 1;
        // A currency sign already read as the end of the amount before is
        // not this one's prefix: amounts never overlap.
        let (unit0, first) = match prefix_currency(toks, text, i) {
            Some((c, k)) if !spelled && k >= floor => (Unit::Money(c), k),
            _ => (Unit::None, i),
        };
        let (exp, unit, end_idx, scaled) = suffix(toks, text, last_num, unit0, unit0 != Unit::None);
        let value = decimal(mantissa, exp - decimals);
        let amount = Amount {
            start: toks[first].start,
            end: toks[end_idx - 1].end,
            num_start: t.start,
            num_end: toks[last_num].end,
            value,
            unit,
            scaled,
            spelled,
            formatted,
            range: false,
            last_tok: end_idx - 1,
            first_tok: first,
            bare_dollar: unit0 == Unit::None
                && matches!(unit, Unit::Money(_))
                && toks[end_idx - 1].kind == TokKind::Word
                && word_currency(toks[end_idx - 1].text(text))
                    .is_some_and(|c| Unit::Money(c) == unit)
                && !(end_idx >= 3 && toks[end_idx - 3].text(text) == "S"),
        };
        out.push(amount);
        i = end_idx.max(i + 1);
        floor = i;
    }
    link_ranges(text, toks, out)
}

/// "6-7%", "140-150 yen", "$1-2 billion", "between 1.70 and 1.90 marks":
/// the first number of a range takes the unit and scale of the second.
/// "1.7730/35" (a currency quote with its last digits) is one amount.
fn link_ranges(text: &str, toks: &[Tok], amounts: Vec<Amount>) -> Vec<Amount> {
    let mut out: Vec<Amount> = Vec::with_capacity(amounts.len());
    for b in amounts {
        let Some(a) = out.last().copied() else {
            out.push(b);
            continue;
        };
        // Empty when the two overlap (a currency sign read as the end of
        // one amount and the start of the next).
        let gap = toks.get(a.last_tok + 1..b.first_tok).unwrap_or(&[]);
        let [sep] = gap else {
            out.push(b);
            continue;
        };
        let w = sep.text(text);
        if w == "/" && a.unit == Unit::None && !b.spelled && !a.spelled && a.formatted {
            let n = out.len() - 1;
            out[n].unit = b.unit;
            out[n].end = b.end;
            out[n].last_tok = b.last_tok;
            continue;
        }
        let joined = matches!(w, "-" | "–" | "—")
            || w.eq_ignore_ascii_case("to")
            || (w.eq_ignore_ascii_case("and")
                && a.first_tok > 0
                && is_word(toks, text, a.first_tok - 1, &["between"]));
        let units_fit = match (a.unit, b.unit) {
            (Unit::None, _) => true,
            (Unit::Money(_), Unit::None) => b.scaled,
            _ => false,
        };
        if !joined || !units_fit || a.scaled || a.spelled != b.spelled {
            out.push(b);
            continue;
        }
        let n = out.len() - 1;
        if b.scaled && !b.spelled {
            // "$1-2 billion": the first end is 1 billion.
            let bare = digits(&text[b.num_start..b.num_end]).map(|(m, d)| decimal(m, -d));
            if let Some(scale) = bare
                .map(|v| b.value / v)
                .filter(|s| s.is_finite() && *s > 1.0)
            {
                out[n].value *= scale;
                out[n].scaled = true;
            }
        }
        let unit = if b.unit == Unit::None { a.unit } else { b.unit };
        out[n].unit = unit;
        out[n].range = true;
        let mut b = b;
        b.unit = unit;
        b.range = true;
        out.push(b);
    }
    out
}

/// The forms [`render`] can write.
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// "$83 million", "€1.2 billion", "£522,000".
    Symbol,
    /// "US$83m", "US$1.2bn".
    Glued,
    /// "375 million dollars", "5 billion tenge".
    Word,
    /// "KZT 5 trillion".
    Code,
}

#[cfg(test)]
/// Writes `value` of `currency` in `style`, choosing a scale word when the
/// value is a round multiple of a million, billion or trillion.
pub(crate) fn render(value: f64, currency: &str, style: Style) -> String {
    let (num, scale, short) = if value >= 1e12 && (value / 1e12 * 1000.0).fract() == 0.0 {
        (value / 1e12, "trillion", "tn")
    } else if value >= 1e9 && (value / 1e9 * 1000.0).fract() == 0.0 {
        (value / 1e9, "billion", "bn")
    } else if value >= 1e6 && (value / 1e6 * 1000.0).fract() == 0.0 {
        (value / 1e6, "million", "m")
    } else {
        (value, "", "")
    };
    let n = if scale.is_empty() {
        group(num)
    } else {
        trim(format!("{num:.3}"))
    };
    let sym = match currency {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "KZT" => "₸",
        _ => "",
    };
    let word = match currency {
        "USD" => "dollars",
        "EUR" => "euros",
        "GBP" => "pounds",
        "JPY" => "yen",
        "KZT" => "tenge",
        "RUB" => "rubles",
        "CNY" => "yuan",
        _ => "",
    };
    let sp = |s: &str| {
        if s.is_empty() {
            String::new()
        } else {
            format!(" {s}")
        }
    };
    match style {
        Style::Symbol if !sym.is_empty() => format!("{sym}{n}{}", sp(scale)),
        Style::Glued if currency == "USD" && !short.is_empty() => format!("US${n}{short}"),
        Style::Word if !word.is_empty() => format!("{n}{} {word}", sp(scale)),
        _ => format!("{currency} {n}{}", sp(scale)),
    }
}

#[cfg(test)]
fn trim(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
/// "522000" -> "522,000"; decimals kept up to three places.
fn group(v: f64) -> String {
    let s = trim(format!("{v:.3}"));
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
    let mut g = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            g.push(',');
        }
        g.push(c);
    }
    match frac {
        Some(f) => format!("{g}.{f}"),
        None => g,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn one(text: &str) -> (f64, Unit) {
        let toks = lex(text);
        let a = scan(text, &toks);
        assert!(!a.is_empty(), "no amount in {text:?}");
        (a[0].value, a[0].unit)
    }

    fn money(text: &str) -> (f64, &'static str) {
        match one(text) {
            (v, Unit::Money(c)) => (v, c),
            other => panic!("{text:?}: not money: {other:?}"),
        }
    }

    #[test]
    fn currency_forms() {
        let cases: &[(&str, f64, &str)] = &[
            ("$83 million", 83e6, "USD"),
            ("US$1.2bn", 1.2e9, "USD"),
            ("375 million dollars", 375e6, "USD"),
            ("€40 mln", 40e6, "EUR"),
            ("KZT 5 trillion", 5e12, "KZT"),
            ("1.2 million euros", 1.2e6, "EUR"),
            ("£522,000", 522_000.0, "GBP"),
            ("5 billion tenge", 5e9, "KZT"),
            ("Rs 300 crore", 3e9, "INR"),
            ("Rs. 5 lakh", 5e5, "INR"),
            ("$10bn", 1e10, "USD"),
            ("$3.7m", 3.7e6, "USD"),
            ("£5.19bn", 5.19e9, "GBP"),
            ("1.5 billion dlrs", 1.5e9, "USD"),
            ("15 mln dlrs", 15e6, "USD"),
            ("20 mln stg", 20e6, "GBP"),
            ("5 billion U.S. dlrs", 5e9, "USD"),
            ("141.35 yen", 141.35, "JPY"),
            ("300 billion yen", 3e11, "JPY"),
            ("2.5 billion marks", 2.5e9, "DEM"),
            ("3 billion Swiss francs", 3e9, "CHF"),
            ("200 mln Australian dlrs", 2e8, "AUD"),
            ("40 million Hong Kong dollars", 4e7, "HKD"),
            ("10 billion rubles", 1e10, "RUB"),
            ("¥2 trillion", 2e12, "JPY"),
            ("₸500 billion", 5e11, "KZT"),
            ("C$12 million", 12e6, "CAD"),
            ("A$3bn", 3e9, "AUD"),
            ("EUR 40 million", 40e6, "EUR"),
            ("40 million EUR", 40e6, "EUR"),
            ("1 trillion won", 1e12, "KRW"),
            ("700 million leva", 7e8, "BGN"),
            ("2 billion yuan", 2e9, "CNY"),
            ("50 million Turkish lira", 5e7, "TRY"),
            ("$500", 500.0, "USD"),
            ("$1.5 trillion", 1.5e12, "USD"),
            ("₹1,000 crore", 1e10, "INR"),
            ("$2.5 thousand", 2500.0, "USD"),
        ];
        for &(text, v, c) in cases {
            let (gv, gc) = money(text);
            assert_eq!(gc, c, "{text}");
            assert!((gv - v).abs() <= v * 1e-12, "{text}: {gv} != {v}");
        }
    }

    #[test]
    fn scale_words() {
        for (w, e) in [
            ("thousand", 1e3),
            ("million", 1e6),
            ("mln", 1e6),
            ("mn", 1e6),
            ("billion", 1e9),
            ("bln", 1e9),
            ("bn", 1e9),
            ("trillion", 1e12),
            ("trn", 1e12),
            ("tn", 1e12),
            ("crore", 1e7),
            ("lakh", 1e5),
        ] {
            let text = format!("$4 {w}");
            assert_eq!(money(&text).0, 4.0 * e, "{text}");
        }
    }

    #[test]
    fn percents() {
        for t in ["12%", "12 percent", "12 per cent", "12 pct"] {
            assert_eq!(one(t), (12.0, Unit::Percent), "{t}");
        }
        let toks = lex("growth of 6-7% a year");
        let a = scan("growth of 6-7% a year", &toks);
        assert_eq!(a.len(), 2);
        assert!(a.iter().all(|x| x.unit == Unit::Percent && x.range));
    }

    #[test]
    fn words_and_ranges() {
        assert_eq!(one("two dozen agreements").0, 24.0);
        assert_eq!(one("a dozen firms").0, 12.0);
        assert_eq!(one("twenty-five students").0, 25.0);
        assert_eq!(one("three hundred jobs").0, 300.0);
        let text = "between 1.70 and 1.90 marks";
        let a = scan(text, &lex(text));
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].unit, Unit::Money("DEM"));
        let text = "$1-2 billion";
        let a = scan(text, &lex(text));
        assert_eq!((a[0].value, a[1].value), (1e9, 2e9));
        // A currency quote's last digits are not a second figure.
        let text = "at 1.7730/35 marks";
        let a = scan(text, &lex(text));
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].value, 1.773);
        assert_eq!(a[0].unit, Unit::Money("DEM"));
    }

    #[test]
    fn metres_are_not_millions() {
        let text = "a 5 m wall";
        let a = scan(text, &lex(text));
        assert_eq!(a[0].value, 5.0);
        assert!(!a[0].scaled);
    }

    #[test]
    fn european_grouping_is_not_a_decimal() {
        assert!(digits("1.234.567").is_none());
        assert_eq!(digits("1,234,567"), Some((1_234_567, 0)));
        assert!(digits("12,34").is_none());
    }

    proptest! {
        #[test]
        fn render_then_parse_round_trips(
            int in 1u64..999_999,
            dec in 0u32..3,
            scale in 0usize..4,
            cur in prop::sample::select(vec!["USD", "EUR", "GBP", "JPY", "KZT", "RUB", "CNY", "BGN"]),
            style in prop::sample::select(vec![Style::Symbol, Style::Glued, Style::Word, Style::Code]),
        ) {
            let base = int as f64 / 10f64.powi(dec as i32);
            let value = (base * [1.0, 1e6, 1e9, 1e12][scale] * 1000.0).round() / 1000.0;
            let text = render(value, cur, style);
            let toks = lex(&text);
            let a = scan(&text, &toks);
            prop_assert_eq!(a.len(), 1, "{}", text);
            prop_assert_eq!(a[0].unit, Unit::Money(cur), "{}", text);
            prop_assert!((a[0].value - value).abs() <= value * 1e-12, "{} -> {} != {}", text, a[0].value, value);
        }

        #[test]
        fn scanning_never_panics(text in "\\PC{0,60}") {
            let toks = lex(&text);
            for t in &toks {
                prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            }
            let _ = scan(&text, &toks);
        }
    }
}
