//! HTML pages: the main content only (no navigation, scripts, styles,
//! header, footer, asides or comments), the title (`og:title`, `<title>`,
//! `<h1>`) and the publication date (`article:published_time`, JSON-LD
//! `datePublished`, `<time datetime>`, other common meta tags).
//!
//! The content root is the element marked as the article body, else the
//! `<article>`, else `<main>`, else the block with the most paragraph text;
//! paragraphs are separated by blank lines.

use chrono::NaiveDate;

use crate::date::parse_date;
use crate::entities;
use crate::markup::{Token, Tokens};

/// What a page yields before the body clean-up.
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    /// The canonical address (`<link rel="canonical">`, else `og:url`).
    pub url: Option<String>,
    /// The language `<html lang>` states (ISO 639-1).
    pub language: Option<String>,
    /// Paragraphs separated by blank lines.
    pub text: String,
    /// Why the page looks cut off, if it does.
    pub truncated: Option<String>,
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "command", "basefont", "frame", "isindex",
];

/// Never content.
const SKIP: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "select", "option", "svg", "iframe", "object", "embed", "canvas", "figure", "menu",
    "dialog", "input", "textarea", "label", "title", "meta", "link", "audio", "video", "picture",
    "map", "noembed", "noframes", "math",
];

/// Elements that end a paragraph.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "hr",
    "address",
    "center",
    "details",
    "summary",
    "fieldset",
    "body",
    "html",
    "figcaption",
    "hgroup",
];

/// Parts of class or id names that mark boilerplate.
const BOILERPLATE: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "footer",
    "share",
    "sharing",
    "social",
    "comments",
    "comment",
    "related",
    "cookie",
    "cookies",
    "banner",
    "advert",
    "advertisement",
    "ads",
    "ad",
    "promo",
    "subscribe",
    "newsletter",
    "pagination",
    "pager",
    "skip",
    "toolbar",
    "widget",
    "popup",
    "modal",
    "masthead",
    "sitemap",
    "print",
    "byline",
    "tags",
    "recommended",
    "outbrain",
    "taboola",
    "gdpr",
    "consent",
];

/// Beginnings of class or id parts that mark boilerplate ("relatedposts",
/// "sharedaddy", "socialicons").
const BOILERPLATE_PREFIXES: &[&str] = &[
    "related",
    "share",
    "social",
    "comment",
    "sidebar",
    "footer",
    "breadcrumb",
    "newsletter",
    "subscri",
    "cookie",
    "advert",
    "promo",
    "widget",
    "navigation",
    "navbar",
    "menu",
];

/// Classes that mark the article body itself.
const BODY_CLASSES: &[&str] = &[
    "article-body",
    "article__body",
    "articlebody",
    "article-text",
    "article-content",
    "entry-content",
    "post-content",
    "post-body",
    "story-body",
    "story-content",
    "news-text",
    "news-body",
    "news-content",
    "text-content",
    "content-body",
    "field-name-body",
    "body-text",
];

const MAX_DEPTH: usize = 256;

#[derive(Debug)]
struct Node {
    /// Lowercase tag name; empty for text nodes.
    name: String,
    attrs: Vec<(String, String)>,
    /// Decoded text, for text nodes.
    text: String,
    children: Vec<usize>,
    parent: usize,
}

impl Node {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn is(&self, name: &str) -> bool {
        self.name == name
    }
}

#[derive(Debug)]
struct Dom {
    nodes: Vec<Node>,
    truncated_markup: bool,
    saw_html_start: bool,
    saw_html_end: bool,
}

fn parse(src: &str) -> Dom {
    let mut nodes = vec![Node {
        name: "#root".into(),
        attrs: Vec::new(),
        text: String::new(),
        children: Vec::new(),
        parent: 0,
    }];
    let mut stack: Vec<usize> = vec![0];
    let mut tokens = Tokens::html(src);
    let (mut saw_html_start, mut saw_html_end) = (false, false);
    for tok in tokens.by_ref() {
        match tok {
            Token::Start {
                name,
                attrs,
                self_closing,
            } => {
                if name == "html" || name == "body" {
                    saw_html_start = true;
                }
                close_implied(&nodes, &mut stack, &name);
                let parent = stack.last().copied().unwrap_or(0);
                let idx = nodes.len();
                let void = self_closing || VOID.contains(&name.as_str());
                nodes.push(Node {
                    name,
                    attrs,
                    text: String::new(),
                    children: Vec::new(),
                    parent,
                });
                nodes[parent].children.push(idx);
                if !void && stack.len() < MAX_DEPTH {
                    stack.push(idx);
                }
            }
            Token::End { name } => {
                if name == "html" || name == "body" {
                    saw_html_end = true;
                }
                if let Some(pos) = stack.iter().rposition(|&i| nodes[i].name == name) {
                    if pos > 0 {
                        stack.truncate(pos);
                    }
                }
            }
            Token::Text(t) => push_text(&mut nodes, &stack, entities::decode(t)),
            Token::CData(t) => push_text(&mut nodes, &stack, t.to_string()),
        }
    }
    Dom {
        nodes,
        truncated_markup: tokens.truncated,
        saw_html_start,
        saw_html_end,
    }
}

fn push_text(nodes: &mut Vec<Node>, stack: &[usize], text: String) {
    let parent = stack.last().copied().unwrap_or(0);
    let idx = nodes.len();
    nodes.push(Node {
        name: String::new(),
        attrs: Vec::new(),
        text,
        children: Vec::new(),
        parent,
    });
    nodes[parent].children.push(idx);
}

/// The end tags HTML lets authors leave out: `<p>` before a block, `<li>`
/// before the next `<li>`, table cells and rows.
fn close_implied(nodes: &[Node], stack: &mut Vec<usize>, name: &str) {
    let (targets, barriers): (&[&str], &[&str]) = match name {
        "li" => (&["li"], &["ul", "ol", "menu"]),
        "dt" | "dd" => (&["dt", "dd"], &["dl"]),
        "tr" => (&["tr", "td", "th"], &["table", "thead", "tbody", "tfoot"]),
        "td" | "th" => (&["td", "th"], &["tr", "table"]),
        "option" => (&["option"], &["select"]),
        n if n == "p" || (BLOCK.contains(&n) && !matches!(n, "td" | "th" | "tr")) => (
            &["p"],
            &[
                "div",
                "td",
                "th",
                "li",
                "blockquote",
                "article",
                "section",
                "main",
                "body",
            ],
        ),
        _ => return,
    };
    for pos in (1..stack.len()).rev() {
        let n = &nodes[stack[pos]].name;
        if targets.contains(&n.as_str()) {
            stack.truncate(pos);
            return;
        }
        if barriers.contains(&n.as_str()) {
            return;
        }
    }
}

/// The charset a page declares in its first bytes (`<meta charset>`).
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let at = lower.windows(8).position(|w| w == b"charset=")?;
    let rest = &lower[at + 8..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let n = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
        .count();
    (n > 0).then(|| String::from_utf8_lossy(&rest[..n]).into_owned())
}

/// Reads a whole page.
pub(crate) fn page(src: &str) -> Page {
    let dom = parse(src);
    let mut page = Page::default();
    let meta = Meta::collect(&dom);
    page.title = meta.title();
    page.url = meta.canonical.clone().or_else(|| meta.og_url.clone());
    page.language = meta.lang.clone();
    let removed = removed_nodes(&dom, true);
    let lens = text_lengths(&dom, &removed);
    let root = content_root(&dom, &removed, &lens);
    let mut scope = root;
    while scope != 0 && !dom.nodes[scope].is("article") && !dom.nodes[scope].is("main") {
        scope = dom.nodes[scope].parent;
    }
    page.date = meta.date(&dom, if scope == 0 { root } else { scope });
    let mut paras = render(&dom, root, &removed);
    if let Some(title) = &page.title {
        let key = squash(title);
        paras.retain(|p| squash(p) != key);
    }
    let (text, headings) = strip_headings(&paras.join("\n\n"));
    if meta.og_title.is_none() && meta.ld_headline.is_none() && meta.h1.is_none() {
        if let Some(h) = headings.first() {
            page.title = Some(h.clone());
        }
    }
    page.text = text;
    if dom.truncated_markup {
        page.truncated = Some("ends inside a tag, comment or script".into());
    } else if dom.saw_html_start && !dom.saw_html_end {
        page.truncated = Some("no closing </body> or </html>".into());
    }
    page
}

/// The text of an HTML fragment (a feed item's description): everything
/// but scripts and styles.
pub(crate) fn fragment_text(src: &str) -> String {
    let dom = parse(src);
    let removed = removed_nodes(&dom, false);
    render(&dom, 0, &removed).join("\n\n")
}

/// Removes heading-like lines before the first sentence ("Indonesia and
/// Egypt to boost trade", a kicker) and after the last one ("Related",
/// "Press service of the Ministry"); date lines at the start stay for the
/// body clean-up. Returns the text and the leading headings.
fn strip_headings(text: &str) -> (String, Vec<String>) {
    let lines: Vec<&str> = text.lines().collect();
    // A line is prose when it reads like a sentence, opens with a dateline,
    // or goes on in a lowercase next line (a <br> inside a sentence).
    let prose = |i: usize| {
        let l = lines[i];
        !l.trim().is_empty()
            && crate::date::parse_date_line(l).is_none()
            && (!is_heading_like(l)
                || crate::dateline::find(l).is_some()
                || lines
                    .get(i + 1)
                    .is_some_and(|n| n.starts_with(char::is_lowercase)))
    };
    let (Some(first), Some(last)) = (
        (0..lines.len()).find(|&i| prose(i)),
        (0..lines.len()).rev().find(|&i| prose(i)),
    ) else {
        return (text.to_string(), Vec::new());
    };
    let mut headings = Vec::new();
    let mut kept: Vec<&str> = Vec::new();
    for l in &lines[..first] {
        if crate::date::parse_date_line(l).is_some() {
            kept.push(l);
        } else if !l.trim().is_empty() {
            headings.push(l.trim().to_string());
        }
    }
    kept.extend(&lines[first..=last]);
    (kept.join("\n"), headings)
}

/// A short line without closing punctuation that is not a date.
fn is_heading_like(p: &str) -> bool {
    p.split_whitespace().count() <= 16
        && !p.contains('\n')
        && !p
            .trim_end()
            .ends_with(['.', '!', '?', '"', '”', '»', ':', ';', ','])
        && crate::date::parse_date_line(p).is_none()
}

fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[derive(Debug, Default)]
struct Meta {
    canonical: Option<String>,
    og_url: Option<String>,
    lang: Option<String>,
    og_title: Option<String>,
    ld_headline: Option<String>,
    title: Option<String>,
    h1: Option<String>,
    published_meta: Option<NaiveDate>,
    ld_date: Option<NaiveDate>,
    other_meta: Option<NaiveDate>,
    /// `<time datetime>` elements: node, date, marked as the publication date.
    times: Vec<(usize, NaiveDate, bool)>,
}

const DATE_META: &[&str] = &[
    "og:published_time",
    "published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "dcterms.issued",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "publication_date",
    "citation_publication_date",
    "citation_date",
    "created",
    "article:modified_time",
    "og:updated_time",
];

impl Meta {
    fn collect(dom: &Dom) -> Meta {
        let mut m = Meta::default();
        let mut other_rank = usize::MAX;
        for (i, n) in dom.nodes.iter().enumerate() {
            match n.name.as_str() {
                "meta" => {
                    let key = n
                        .attr("property")
                        .or_else(|| n.attr("name"))
                        .or_else(|| n.attr("itemprop"))
                        .unwrap_or("")
                        .to_ascii_lowercase();
                    let Some(content) = n.attr("content").map(str::trim).filter(|c| !c.is_empty())
                    else {
                        continue;
                    };
                    match key.as_str() {
                        "og:url" if m.og_url.is_none() => m.og_url = crate::web_url(content),
                        "og:title" | "twitter:title" if m.og_title.is_none() => {
                            m.og_title = Some(clean_line(content))
                        }
                        "article:published_time" if m.published_meta.is_none() => {
                            m.published_meta = parse_date(content)
                        }
                        k => {
                            if let Some(rank) = DATE_META.iter().position(|d| *d == k) {
                                if rank < other_rank {
                                    if let Some(d) = parse_date(content) {
                                        m.other_meta = Some(d);
                                        other_rank = rank;
                                    }
                                }
                            }
                        }
                    }
                }
                "link" if m.canonical.is_none() => {
                    let canonical = n.attr("rel").is_some_and(|r| {
                        r.split_ascii_whitespace()
                            .any(|w| w.eq_ignore_ascii_case("canonical"))
                    });
                    if canonical {
                        m.canonical = n.attr("href").and_then(crate::web_url);
                    }
                }
                "html" if m.lang.is_none() => {
                    m.lang = n.attr("lang").and_then(crate::language_tag);
                }
                "time" => {
                    if let Some(d) = n.attr("datetime").and_then(parse_date) {
                        let marked = n.attr("pubdate").is_some()
                            || n.attr("itemprop") == Some("datePublished")
                            || n.attr("class").is_some_and(|c| c.contains("publish"));
                        m.times.push((i, d, marked));
                    }
                }
                "title" if m.title.is_none() => {
                    m.title = Some(clean_line(&inner_text(dom, i))).filter(|t| !t.is_empty());
                }
                "h1" if m.h1.is_none() => {
                    m.h1 = Some(clean_line(&inner_text(dom, i))).filter(|t| !t.is_empty());
                }
                "script"
                    if n.attr("type")
                        .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) =>
                {
                    let json = inner_text(dom, i);
                    if let Ok(v) = serde_json::from_str::<serde_json::Value>(json.trim()) {
                        if m.ld_date.is_none() {
                            m.ld_date = find_json_str(&v, "datePublished").and_then(parse_date);
                        }
                        if m.ld_headline.is_none() {
                            m.ld_headline = find_json_str(&v, "headline").map(clean_line);
                        }
                    }
                }
                _ => {}
            }
        }
        m
    }

    /// The publication date; `<time>` elements count only after the meta
    /// tags, and one marked as the publication date, or inside the article
    /// that holds the content (`scope`), wins over others.
    fn date(&self, dom: &Dom, scope: usize) -> Option<NaiveDate> {
        let time = self
            .times
            .iter()
            .find(|t| t.2)
            .or_else(|| self.times.iter().find(|t| is_ancestor(dom, scope, t.0)))
            .or(self.times.first())
            .map(|t| t.1);
        self.published_meta
            .or(self.ld_date)
            .or(self.other_meta)
            .or(time)
    }

    fn title(&self) -> Option<String> {
        if let Some(t) = self.og_title.clone().or_else(|| self.ld_headline.clone()) {
            return Some(t);
        }
        if let Some(t) = &self.title {
            if let Some(h1) = &self.h1 {
                if squash(t).contains(&squash(h1)) {
                    return Some(h1.clone());
                }
            }
            // "Headline | Site name": keep the longest part.
            let best = t
                .split(" | ")
                .max_by_key(|p| p.chars().count())
                .unwrap_or(t);
            return Some(best.trim().to_string());
        }
        self.h1.clone()
    }
}

fn clean_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn find_json_str<'v>(v: &'v serde_json::Value, key: &str) -> Option<&'v str> {
    match v {
        serde_json::Value::Object(map) => {
            if let Some(s) = map.get(key).and_then(|x| x.as_str()) {
                return Some(s);
            }
            map.values().find_map(|x| find_json_str(x, key))
        }
        serde_json::Value::Array(items) => items.iter().find_map(|x| find_json_str(x, key)),
        _ => None,
    }
}

/// All text under a node, tags ignored.
fn inner_text(dom: &Dom, idx: usize) -> String {
    let mut out = String::new();
    let mut todo = vec![idx];
    while let Some(i) = todo.pop() {
        let n = &dom.nodes[i];
        if n.name.is_empty() {
            out.push_str(&n.text);
        }
        todo.extend(n.children.iter().rev());
    }
    out
}

/// Marks nodes that are never content (by tag, role, hidden state and,
/// when `by_class`, boilerplate class or id names), with their subtrees.
fn removed_nodes(dom: &Dom, by_class: bool) -> Vec<bool> {
    let mut removed = vec![false; dom.nodes.len()];
    for (i, n) in dom.nodes.iter().enumerate() {
        if i == 0 || n.name.is_empty() {
            if i > 0 {
                removed[i] = removed[n.parent];
            }
            continue;
        }
        // Parents come before children, so the parent's mark is final.
        removed[i] = removed[n.parent] || is_boilerplate(n, by_class);
    }
    removed
}

fn is_boilerplate(n: &Node, by_class: bool) -> bool {
    if SKIP.contains(&n.name.as_str()) {
        return true;
    }
    if n.attr("hidden").is_some() || n.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = n.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if matches!(
        n.attr("role"),
        Some(
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "search"
                | "menu"
                | "dialog"
        )
    ) {
        return true;
    }
    if !by_class || matches!(n.name.as_str(), "article" | "main" | "body" | "html") {
        return false;
    }
    if n.attr("itemprop") == Some("articleBody") {
        return false;
    }
    let names = n.attr("class").into_iter().chain(n.attr("id"));
    for name in names {
        for token in name.split_whitespace() {
            let lower = token.to_ascii_lowercase();
            if BODY_CLASSES.contains(&lower.as_str()) {
                return false;
            }
            if lower.split(['-', '_']).any(|part| {
                BOILERPLATE.contains(&part)
                    || BOILERPLATE_PREFIXES.iter().any(|p| part.starts_with(p))
            }) {
                return true;
            }
        }
    }
    false
}

/// Characters of kept text under each node.
fn text_lengths(dom: &Dom, removed: &[bool]) -> Vec<usize> {
    let mut lens = vec![0usize; dom.nodes.len()];
    for i in (0..dom.nodes.len()).rev() {
        let n = &dom.nodes[i];
        if removed[i] {
            continue;
        }
        if n.name.is_empty() {
            lens[i] = n
                .text
                .split_whitespace()
                .map(|w| w.chars().count() + 1)
                .sum();
        }
        if i > 0 {
            lens[n.parent] += lens[i];
        }
    }
    lens
}

fn content_root(dom: &Dom, removed: &[bool], lens: &[usize]) -> usize {
    let best_of = |pred: &dyn Fn(&Node) -> bool| -> Option<usize> {
        (0..dom.nodes.len())
            .filter(|&i| !removed[i] && pred(&dom.nodes[i]))
            .max_by_key(|&i| lens[i])
            .filter(|&i| lens[i] > 0)
    };
    let marked = best_of(&|n| {
        n.attr("itemprop") == Some("articleBody")
            || n.attr("class").is_some_and(|c| {
                c.split_whitespace()
                    .any(|t| BODY_CLASSES.contains(&t.to_ascii_lowercase().as_str()))
            })
    });
    let explicit = marked
        .or_else(|| best_of(&|n| n.is("article")))
        .or_else(|| best_of(&|n| n.is("main") || n.attr("role") == Some("main")));
    let dense = densest(dom, removed, lens);
    match (explicit, dense) {
        (Some(e), Some(d)) if lens[e] * 2 >= lens[d] || is_ancestor(dom, e, d) => e,
        (_, Some(d)) => d,
        (Some(e), None) => e,
        (None, None) => dom.nodes.iter().position(|n| n.is("body")).unwrap_or(0),
    }
}

fn is_ancestor(dom: &Dom, anc: usize, mut node: usize) -> bool {
    while node != 0 {
        if node == anc {
            return true;
        }
        node = dom.nodes[node].parent;
    }
    anc == 0
}

/// The element whose paragraphs hold the most text (a paragraph counts fully
/// for its parent and half for its grandparent).
fn densest(dom: &Dom, removed: &[bool], lens: &[usize]) -> Option<usize> {
    let mut score = vec![0usize; dom.nodes.len()];
    for (i, n) in dom.nodes.iter().enumerate() {
        if removed[i]
            || !matches!(
                n.name.as_str(),
                "p" | "pre" | "blockquote" | "td" | "li" | "div"
            )
        {
            continue;
        }
        let own: usize = n
            .children
            .iter()
            .filter(|&&c| {
                dom.nodes[c].name.is_empty() || !BLOCK.contains(&dom.nodes[c].name.as_str())
            })
            .map(|&c| lens[c])
            .sum();
        if own < 40 {
            continue;
        }
        let parent = n.parent;
        score[parent] += own;
        if parent != 0 {
            score[dom.nodes[parent].parent] += own / 2;
        }
    }
    (1..dom.nodes.len())
        .filter(|&i| score[i] > 0)
        .max_by_key(|&i| score[i])
}

/// Renders a subtree as paragraphs; paragraphs that are mostly link text
/// (menus inside the content) are dropped.
fn render(dom: &Dom, root: usize, removed: &[bool]) -> Vec<String> {
    let mut r = Renderer::default();
    r.walk(dom, root, removed, 0);
    r.flush();
    r.paras
}

#[derive(Debug, Default)]
struct Renderer {
    paras: Vec<String>,
    current: String,
    space: bool,
    link_chars: usize,
    chars: usize,
}

impl Renderer {
    fn walk(&mut self, dom: &Dom, idx: usize, removed: &[bool], in_link: usize) {
        if removed[idx] {
            return;
        }
        let n = &dom.nodes[idx];
        if n.name.is_empty() {
            self.text(&n.text, in_link > 0);
            return;
        }
        if n.is("br") {
            if !self.current.is_empty() {
                self.current.push('\n');
            }
            self.space = false;
            return;
        }
        let block = BLOCK.contains(&n.name.as_str());
        if block {
            self.flush();
        }
        let link = usize::from(n.is("a"));
        for &c in &n.children {
            self.walk(dom, c, removed, in_link + link);
        }
        if block {
            self.flush();
        } else if n.is("img") {
            self.space = true;
        }
    }

    fn text(&mut self, t: &str, in_link: bool) {
        if t.starts_with(char::is_whitespace) {
            self.space = true;
        }
        for (i, w) in t.split_whitespace().enumerate() {
            if (i > 0 || self.space) && !self.current.is_empty() {
                self.current.push(' ');
            }
            self.current.push_str(w);
            let n = w.chars().count();
            self.chars += n;
            if in_link {
                self.link_chars += n;
            }
            self.space = false;
        }
        if t.ends_with(char::is_whitespace) {
            self.space = true;
        }
    }

    fn flush(&mut self) {
        let p = std::mem::take(&mut self.current);
        let mostly_links = self.link_chars * 10 >= self.chars * 7 && self.chars < 300;
        if !p.is_empty() && !mostly_links {
            self.paras.push(p);
        }
        self.space = false;
        self.chars = 0;
        self.link_chars = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_content_title_date() {
        let src = r#"<html><head><title>Talks held | Ministry</title>
<meta property="article:published_time" content="2025-03-02T10:00:00Z"></head>
<body><nav><a href="/">Home</a></nav><div class="content"><h1>Talks held</h1>
<p>ROME — The ministers met<br>on Monday.</p><p>They signed a &ldquo;memorandum&rdquo;.</p>
<div class="share-buttons">Share</div></div><footer>(c) Ministry</footer></body></html>"#;
        let p = page(src);
        assert_eq!(p.title.as_deref(), Some("Talks held"));
        assert_eq!(p.date, NaiveDate::from_ymd_opt(2025, 3, 2));
        assert_eq!(
            p.text,
            "ROME — The ministers met\non Monday.\n\nThey signed a “memorandum”."
        );
        assert!(p.truncated.is_none());
    }

    #[test]
    fn canonical_url_and_language() {
        let src = r#"<html lang="en-US"><head><title>Talks</title>
<meta property="og:url" content="https://example.org/og">
<link rel="alternate canonical" href="https://example.org/talks"></head>
<body><p>The ministers met on Monday and signed a memorandum.</p></body></html>"#;
        let p = page(src);
        assert_eq!(p.url.as_deref(), Some("https://example.org/talks"));
        assert_eq!(p.language.as_deref(), Some("en"));
        let og = page(
            r#"<html><head><meta property="og:url" content="http://example.org/og">
<link rel="canonical" href="/relative"></head><body><p>The ministers met.</p></body></html>"#,
        );
        assert_eq!(og.url.as_deref(), Some("http://example.org/og"));
        assert_eq!(og.language, None);
    }

    #[test]
    fn date_of_the_article_not_of_a_teaser() {
        let src = r#"<html><body><aside><time datetime="2020-01-01">old</time></aside>
<div class="teaser"><time datetime="2021-05-05">x</time></div>
<article><header><time datetime="2025-07-07">7 July</time></header>
<p>HANOI — Vietnam and Laos signed an agreement on hydropower exports on Monday.</p></article></body></html>"#;
        assert_eq!(page(src).date, NaiveDate::from_ymd_opt(2025, 7, 7));
    }

    #[test]
    fn truncated_page() {
        assert!(page("<html><body><p>Half a sent").truncated.is_some());
        assert!(page("<html><body><p>Half <a href=\"x").truncated.is_some());
    }
}
