//! The language of a text, detected with `whatlang` (trigram and script
//! statistics, no model files), as an ISO 639-1 code.
//!
//! dyad's parser, gazetteers and rules are English; the pipeline reads
//! other languages for entities only and says so.

/// How many bytes from the start of a text are looked at: enough for a
/// confident guess on news text, and the cost stays constant per document.
const SAMPLE_BYTES: usize = 4096;

/// Texts with fewer letters than this are not classified: a headline or a
/// one-line note is too short to tell (and English names read like any
/// language).
const MIN_LETTERS: usize = 40;

/// The ISO 639-1 code of the language `text` is written in, when the
/// detector is confident; `None` for short, mixed or unclear text.
///
/// ```
/// use dyad_analyze::language::detect;
/// assert_eq!(detect("The foreign ministers of the two countries met in Astana on Monday \
///     and signed a memorandum on cooperation in energy and transport."), Some("en"));
/// assert_eq!(detect("Talks held."), None);
/// ```
pub fn detect(text: &str) -> Option<&'static str> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return None;
    }
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() {
        return None;
    }
    iso639_1(info.lang().code())
}

/// ISO 639-3 (whatlang's codes) to ISO 639-1, for every language whatlang
/// knows. (`cmn` Mandarin is `zh`; `pes` Iranian Persian `fa`; `nob`
/// Bokmål `nb`.)
fn iso639_1(code: &str) -> Option<&'static str> {
    Some(match code {
        "afr" => "af",
        "aka" => "ak",
        "amh" => "am",
        "ara" => "ar",
        "aze" => "az",
        "bel" => "be",
        "ben" => "bn",
        "bul" => "bg",
        "cat" => "ca",
        "ces" => "cs",
        "cmn" => "zh",
        "cym" => "cy",
        "dan" => "da",
        "deu" => "de",
        "ell" => "el",
        "eng" => "en",
        "epo" => "eo",
        "est" => "et",
        "fin" => "fi",
        "fra" => "fr",
        "guj" => "gu",
        "heb" => "he",
        "hin" => "hi",
        "hrv" => "hr",
        "hun" => "hu",
        "hye" => "hy",
        "ind" => "id",
        "ita" => "it",
        "jav" => "jv",
        "jpn" => "ja",
        "kan" => "kn",
        "kat" => "ka",
        "khm" => "km",
        "kor" => "ko",
        "lat" => "la",
        "lav" => "lv",
        "lit" => "lt",
        "mal" => "ml",
        "mar" => "mr",
        "mkd" => "mk",
        "mya" => "my",
        "nep" => "ne",
        "nld" => "nl",
        "nob" => "nb",
        "ori" => "or",
        "pan" => "pa",
        "pes" => "fa",
        "pol" => "pl",
        "por" => "pt",
        "ron" => "ro",
        "rus" => "ru",
        "sin" => "si",
        "slk" => "sk",
        "slv" => "sl",
        "sna" => "sn",
        "spa" => "es",
        "srp" => "sr",
        "swe" => "sv",
        "tam" => "ta",
        "tel" => "te",
        "tgl" => "tl",
        "tha" => "th",
        "tuk" => "tk",
        "tur" => "tr",
        "ukr" => "uk",
        "urd" => "ur",
        "uzb" => "uz",
        "vie" => "vi",
        "yid" => "yi",
        "zul" => "zu",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_in_four_languages() {
        // Written by the team for this test.
        let en = "The President of Kazakhstan received the Bulgarian delegation in Astana \
                  on Monday; the two sides discussed trade, transport and energy.";
        let ru = "Президент Казахстана принял болгарскую делегацию в Астане в понедельник; \
                  стороны обсудили торговлю, транспорт и энергетику.";
        let es = "El presidente de Kazajistán recibió a la delegación búlgara en Astaná el lunes; \
                  las dos partes hablaron de comercio, transporte y energía.";
        let de = "Der Präsident Kasachstans empfing am Montag die bulgarische Delegation in \
                  Astana; beide Seiten sprachen über Handel, Verkehr und Energie.";
        assert_eq!(detect(en), Some("en"));
        assert_eq!(detect(ru), Some("ru"));
        assert_eq!(detect(es), Some("es"));
        assert_eq!(detect(de), Some("de"));
    }

    #[test]
    fn short_or_empty_text_is_unknown() {
        assert_eq!(detect(""), None);
        assert_eq!(detect("Radev met Tokayev."), None);
        assert_eq!(detect("12345 67890 ... ---"), None);
    }

    #[test]
    fn every_whatlang_language_has_a_code() {
        for lang in whatlang::Lang::all() {
            assert!(iso639_1(lang.code()).is_some(), "{}", lang.code());
        }
    }

    #[test]
    fn a_long_text_is_sampled_on_a_char_boundary() {
        let text = "é".repeat(SAMPLE_BYTES);
        let _ = detect(&text);
        let text = format!(
            "a{}",
            "Министры иностранных дел обсудили торговлю и транспорт. ".repeat(200)
        );
        assert_eq!(detect(&text), Some("ru"));
    }
}
