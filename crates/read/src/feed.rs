//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one document per `<item>` or
//! `<entry>`, with its title, date (`pubDate`, `dc:date`, `published`,
//! `updated`) and body (`content:encoded` / `content`, else `description` /
//! `summary`; HTML is reduced to text by the HTML reader).

use chrono::NaiveDate;

use crate::date::parse_date;
use crate::entities;
use crate::markup::{Token, Tokens};

/// One feed item before the body clean-up.
#[derive(Debug, Default)]
pub(crate) struct Item {
    pub id: Option<String>,
    pub link: Option<String>,
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    /// The item's HTML body.
    pub html: String,
}

#[derive(Debug, Default)]
pub(crate) struct Feed {
    /// Items that were complete.
    pub items: Vec<Item>,
    /// A feed root element (`rss`, `feed`, `rdf:rdf`) was seen.
    pub is_feed: bool,
    /// Why the feed looks cut off, if it does.
    pub truncated: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Link,
    Id,
    Date,
    Content,
    Summary,
    Other,
}

fn field_of(name: &str) -> Field {
    match name {
        "title" => Field::Title,
        "link" => Field::Link,
        "guid" | "id" => Field::Id,
        "pubdate" | "dc:date" | "published" | "updated" | "issued" | "modified" | "a10:updated"
        | "atom:updated" | "atom:published" | "dcterms:created" | "dcterms:issued" => Field::Date,
        "content:encoded" | "content" | "atom:content" => Field::Content,
        "description" | "summary" | "atom:summary" => Field::Summary,
        _ => Field::Other,
    }
}

#[derive(Debug, Default)]
struct Open {
    item: Item,
    /// Depth of the item element.
    depth: usize,
    field: Option<(Field, usize)>,
    buf: String,
    /// Date fields seen, in preference order (published before updated).
    date_rank: u8,
    content: String,
    summary: String,
}

pub(crate) fn parse(src: &str) -> Feed {
    let mut feed = Feed::default();
    let mut depth = 0usize;
    let mut root_closed = false;
    let mut open: Option<Open> = None;
    let mut tokens = Tokens::xml(src);
    for tok in tokens.by_ref() {
        match tok {
            Token::Start {
                name,
                attrs,
                self_closing,
            } => {
                if depth == 0 && matches!(name.as_str(), "rss" | "feed" | "rdf:rdf" | "atom:feed") {
                    feed.is_feed = true;
                }
                if !self_closing {
                    depth += 1;
                }
                match open.as_mut() {
                    None if (name == "item" || name == "entry" || name == "atom:entry")
                        && !self_closing =>
                    {
                        open = Some(Open {
                            depth,
                            ..Open::default()
                        });
                    }
                    None => {}
                    Some(o) => match o.field {
                        None => {
                            let f = field_of(&name);
                            if f == Field::Link {
                                let rel = attrs
                                    .iter()
                                    .find(|(k, _)| k == "rel")
                                    .map(|(_, v)| v.as_str());
                                if let Some((_, href)) = attrs.iter().find(|(k, _)| k == "href") {
                                    if matches!(rel, None | Some("alternate"))
                                        && o.item.link.is_none()
                                    {
                                        o.item.link = Some(href.trim().to_string());
                                    }
                                }
                            }
                            if !self_closing {
                                o.field = Some((f, depth));
                                o.buf.clear();
                            }
                        }
                        Some(_) => {
                            // XHTML inside an Atom content element.
                            o.buf.push('<');
                            o.buf.push_str(&name);
                            o.buf.push_str(if self_closing { "/>" } else { ">" });
                        }
                    },
                }
            }
            Token::End { name } => {
                if let Some(o) = open.as_mut() {
                    if let Some((field, fdepth)) = o.field {
                        if depth == fdepth {
                            finish_field(o, field, &name);
                            o.field = None;
                        } else {
                            o.buf.push_str("</");
                            o.buf.push_str(&name);
                            o.buf.push('>');
                        }
                    } else if depth == o.depth {
                        if let Some(done) = open.take() {
                            feed.items.push(close_item(done));
                        }
                    }
                }
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    root_closed = true;
                }
            }
            Token::Text(t) => {
                if let Some(o) = open.as_mut() {
                    if let Some((_, fdepth)) = o.field {
                        if depth == fdepth {
                            o.buf.push_str(&entities::decode(t));
                        } else {
                            o.buf.push_str(t);
                        }
                    }
                }
            }
            Token::CData(t) => {
                if let Some(o) = open.as_mut() {
                    if o.field.is_some() {
                        o.buf.push_str(t);
                    }
                }
            }
        }
    }
    if tokens.truncated || open.is_some() || (feed.is_feed && !root_closed) {
        feed.truncated = Some(match open {
            Some(_) => format!("cut inside item {}", feed.items.len() + 1),
            None => "the feed does not close".to_string(),
        });
    }
    feed
}

fn finish_field(o: &mut Open, field: Field, name: &str) {
    let value = std::mem::take(&mut o.buf);
    match field {
        Field::Title => {
            let t = if value.contains(['<', '&']) {
                crate::html::fragment_text(&value)
            } else {
                value
            };
            let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
            if !t.is_empty() {
                o.item.title = Some(t);
            }
        }
        Field::Link => {
            if o.item.link.is_none() && !value.trim().is_empty() {
                o.item.link = Some(value.trim().to_string());
            }
        }
        Field::Id => {
            if !value.trim().is_empty() {
                o.item.id = Some(value.trim().to_string());
            }
        }
        Field::Date => {
            // Publication beats update.
            let rank = if matches!(
                name,
                "updated" | "modified" | "a10:updated" | "atom:updated"
            ) {
                1
            } else {
                2
            };
            if rank > o.date_rank {
                if let Some(d) = parse_date(&value) {
                    o.item.date = Some(d);
                    o.date_rank = rank;
                }
            }
        }
        Field::Content => o.content = value,
        Field::Summary => o.summary = value,
        Field::Other => {}
    }
}

fn close_item(o: Open) -> Item {
    let mut item = o.item;
    item.html = if o.content.trim().is_empty() {
        o.summary
    } else {
        o.content
    };
    item
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_and_atom() {
        let rss = "<rss><channel><title>X</title><item><title>A &amp; B</title><guid>g1</guid>\
            <pubDate>Wed, 12 Mar 2025 08:00:00 GMT</pubDate><description>&lt;p&gt;One.&lt;/p&gt;</description></item>\
            <item><title>C</title><content:encoded><![CDATA[<p>Two.</p>]]></content:encoded></item></channel></rss>";
        let f = parse(rss);
        assert_eq!(f.items.len(), 2);
        assert!(f.truncated.is_none());
        assert_eq!(f.items[0].title.as_deref(), Some("A & B"));
        assert_eq!(f.items[0].html, "<p>One.</p>");
        assert_eq!(f.items[1].html, "<p>Two.</p>");
        let atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>T</title><link href=\"http://x/1\"/>\
            <updated>2025-01-02T00:00:00Z</updated><published>2025-01-01T00:00:00Z</published>\
            <content type=\"xhtml\"><div><p>Body &amp; soul.</p></div></content></entry></feed>";
        let f = parse(atom);
        assert_eq!(f.items[0].link.as_deref(), Some("http://x/1"));
        assert_eq!(f.items[0].date, NaiveDate::from_ymd_opt(2025, 1, 1));
        assert_eq!(f.items[0].html, "<div><p>Body &amp; soul.</p></div>");
        let cut = parse("<rss><channel><item><title>A</title></item><item><title>B");
        assert_eq!(cut.items.len(), 1);
        assert!(cut.truncated.is_some());
    }
}
