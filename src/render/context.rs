//! The values templates receive. Each template has one `#[derive(Serialize)]` struct; the
//! part every page shares is [`Common`]. `themes/default/README.md` documents them for theme
//! authors. Building them from the site is `render`'s job; this module only declares them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::content::Kind;

/// Site-wide values, in the page's language.
#[derive(Debug, Clone, Serialize)]
pub struct SiteCtx {
    /// Site name.
    pub title: String,
    /// One sentence, possibly empty.
    pub description: String,
    /// Absolute URL ending with `/`.
    pub base_url: String,
    /// Path prefix of every link (`/` or `/catalogue/`).
    pub base_path: String,
}

/// The page's language.
#[derive(Debug, Clone, Serialize)]
pub struct LangCtx {
    /// BCP 47 code.
    pub code: String,
    /// Name in itself.
    pub name: String,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
}

/// What the page is, for `<title>`, the meta description and the canonical link.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// Page title.
    pub title: String,
    /// Meta description.
    pub description: String,
    /// Absolute URL of this page.
    pub url: String,
    /// Absolute URL search engines should index for this content: the page itself, or, for
    /// a page showing borrowed text, the page it borrows from.
    pub canonical: String,
    /// `home`, `list`, `record`, `page`, `taxonomy`, `term`, `chooser` or `404`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Absolute URL of the picture that represents the page (Open Graph), if any.
    pub image: Option<String>,
}

/// The same page in another language (or that language's home).
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    /// Language code.
    pub code: String,
    /// Language name in itself.
    pub name: String,
    /// Writing direction.
    pub dir: &'static str,
    /// Site path.
    pub url: String,
    /// Absolute URL.
    pub abs_url: String,
    /// This page's own language.
    pub current: bool,
    /// The page is translated into that language (a real `hreflang` alternate).
    pub translated: bool,
    /// The page exists in that language, translated or with borrowed text (else `url` is
    /// that language's home).
    pub exists: bool,
}

/// A navigation entry.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    /// Visible text.
    pub label: String,
    /// Site path.
    pub url: String,
    /// This is the current section.
    pub current: bool,
}

/// A label and where it leads.
#[derive(Debug, Clone, Serialize)]
pub struct LinkCtx {
    /// Visible text.
    pub label: String,
    /// Site path or absolute URL.
    pub url: String,
}

/// Fingerprint-free asset paths of the theme.
#[derive(Debug, Clone, Serialize)]
pub struct Assets {
    /// Site path of the stylesheet.
    pub css: String,
    /// Site path of the search page's script.
    pub search: String,
}

/// What every template of one language receives, set once per language as Tera's global
/// context.
#[derive(Debug, Clone, Serialize)]
pub struct Shared<'a> {
    /// Site values.
    pub site: SiteCtx,
    /// The page's language.
    pub lang: LangCtx,
    /// Theme strings in the page's language.
    pub t: &'a BTreeMap<String, crate::render::theme::ThemeString>,
    /// Free pages in this language.
    pub footer_pages: Vec<LinkCtx>,
    /// The link to the accessibility statement, when the site has one.
    pub accessibility: Option<AccessibilityLink>,
    /// This language's home.
    pub home_url: String,
    /// Theme assets.
    pub assets: Assets,
    /// Site path of the language's Atom feed.
    pub feed_url: String,
    /// Site path of the language's search page.
    pub search_url: String,
}

/// The search page.
#[derive(Debug, Clone, Serialize)]
pub struct SearchPage {
    /// Common values.
    #[serde(flatten)]
    pub common: Common,
    /// Page title.
    pub title: String,
    /// Site path of the language's index folder (`/search/fr/`).
    pub index_url: String,
    /// Site path of the runtime.
    pub runtime_url: String,
    /// The strings the script shows, as JSON (plural forms as maps).
    pub strings: String,
}

/// What every template receives besides [`Shared`], page by page.
#[derive(Debug, Clone, Serialize)]
pub struct Common {
    /// Page meta data.
    pub meta: Meta,
    /// Absolute URL of the `hreflang="x-default"` alternate, if any.
    pub x_default: Option<String>,
    /// One entry per site language.
    pub alternates: Vec<Alternate>,
    /// Main navigation.
    pub nav: Vec<NavItem>,
}

/// A picture, ready for `<img>`.
#[derive(Debug, Clone, Serialize)]
pub struct ImageCtx {
    /// Site path of the file as the editor gave it.
    pub url: String,
    /// Site path of the picture to put in `src`: a resized copy of about 480 pixels when
    /// the picture was resized, the file itself otherwise.
    pub src: String,
    /// `srcset` of the resized copies in the picture's own format (empty when it was not
    /// resized).
    pub srcset: String,
    /// `srcset` of the WebP copies, for a `<source type="image/webp">` (empty when none).
    pub webp_srcset: String,
    /// Site path of the smallest copy, for thumbnails.
    pub thumb: String,
    /// Width of the picture in pixels, for the `width` attribute (no layout shift).
    pub width: Option<u32>,
    /// Height in pixels.
    pub height: Option<u32>,
    /// Alt text (empty for decorative pictures).
    pub alt: String,
    /// `poster`, `cover`…
    pub role: &'static str,
    /// Who made it.
    pub credit: Option<String>,
    /// True when the alt text is intentionally empty.
    pub decorative: bool,
}

/// A record in a list.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    /// Site path of the record page.
    pub url: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Kind name.
    pub kind: Kind,
    /// Kind label in the page's language.
    pub kind_label: String,
    /// Year, when the kind has one.
    pub year: Option<String>,
    /// Poster or cover.
    pub poster: Option<ImageCtx>,
    /// For a record not translated into the page's language: the language of the text
    /// shown (for `lang` and `dir` attributes and a "not translated yet" mark).
    pub fallback: Option<LangCtx>,
}

/// A label/value pair of the facts list.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// Label.
    pub label: String,
    /// Value.
    pub value: String,
}

/// The credits of one role: "Réalisation : Olivier Nakache, Éric Toledano".
#[derive(Debug, Clone, Serialize)]
pub struct CreditCtx {
    /// Role label.
    pub role: String,
    /// The names shown at once, in the record's order.
    pub names: Vec<String>,
    /// The names folded in a disclosure (a long cast), in order; empty for a short list.
    pub more: Vec<String>,
    /// The disclosure's summary ("et 114 autres"), when `more` is not empty.
    pub more_label: Option<String>,
}

/// A term of a taxonomy as a link.
#[derive(Debug, Clone, Serialize)]
pub struct TermLink {
    /// Label.
    pub label: String,
    /// Term page, when the taxonomy has pages.
    pub url: Option<String>,
}

/// A downloadable file.
#[derive(Debug, Clone, Serialize)]
pub struct ResourceCtx {
    /// Site path.
    pub url: String,
    /// What it is.
    pub title: String,
    /// `PDF`, `EPUB`…
    pub format: String,
    /// Human size.
    pub size: String,
    /// Name of the file's language.
    pub language: String,
    /// The whole link text: title, format, size and language.
    pub label: String,
    /// The accessible version, if any.
    pub accessible: Option<LinkCtx>,
}

/// One track.
#[derive(Debug, Clone, Serialize)]
pub struct TrackCtx {
    /// 1-based position.
    pub number: usize,
    /// Title.
    pub title: String,
    /// `m:ss`.
    pub duration: Option<String>,
}

/// A speaker.
#[derive(Debug, Clone, Serialize)]
pub struct SpeakerCtx {
    /// Name.
    pub name: String,
    /// Affiliation in the page's language.
    pub affiliation: Option<String>,
}

/// Webinar timing and links.
#[derive(Debug, Clone, Serialize)]
pub struct WebinarCtx {
    /// Start, in the event's zone with its offset.
    pub start: String,
    /// RFC 3339 instant for `<time datetime>`.
    pub start_iso: String,
    /// IANA zone.
    pub time_zone: String,
    /// Registration page.
    pub registration: Option<String>,
    /// Recording.
    pub replay: Option<String>,
    /// Site path of the webinar's iCalendar file.
    pub ics_url: String,
    /// Over at the build date.
    pub past: bool,
}

/// A record page's record.
#[derive(Debug, Clone, Serialize)]
pub struct RecordCtx {
    pub id: String,
    pub kind: Kind,
    pub kind_label: String,
    pub title: String,
    pub summary: String,
    /// HTML of the Markdown body.
    pub body: String,
    pub url: String,
    pub original_title: Option<String>,
    pub poster: Option<ImageCtx>,
    /// Pictures other than the poster.
    pub images: Vec<ImageCtx>,
    pub facts: Vec<Fact>,
    pub credits: Vec<CreditCtx>,
    pub themes: Vec<TermLink>,
    pub countries: Vec<TermLink>,
    pub resources: Vec<ResourceCtx>,
    pub links: Vec<LinkCtx>,
    pub tracks: Vec<TrackCtx>,
    pub speakers: Vec<SpeakerCtx>,
    pub webinar: Option<WebinarCtx>,
    pub published: String,
    pub published_iso: String,
    pub updated: Option<String>,
    pub updated_iso: Option<String>,
    /// Network-only record (network builds only).
    pub network: bool,
    /// For a record not translated into the page's language: the language of the text
    /// shown instead.
    pub fallback: Option<LangCtx>,
    /// schema.org JSON-LD, safe to print as is inside `<script type="application/ld+json">`.
    pub json_ld: String,
    /// Records sharing credits and themes with this one, best first.
    pub related: Vec<Card>,
    /// Last day the work is available, in the page's language.
    pub available_until: Option<String>,
    /// The work is no longer available: the page stays, the lists leave it out.
    pub expired: bool,
}

/// `record.html`.
#[derive(Serialize)]
pub struct RecordPage {
    #[serde(flatten)]
    pub common: Common,
    pub record: RecordCtx,
}

/// A section of the home page.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub kind: Kind,
    pub title: String,
    pub url: String,
    pub records: Vec<Card>,
}

/// `home.html`.
#[derive(Serialize)]
pub struct HomePage {
    #[serde(flatten)]
    pub common: Common,
    pub sections: Vec<Section>,
    /// Collections the editors put forward (`featured.collections` in site.yaml).
    pub featured_collections: Vec<CollectionLink>,
    /// Records the editors put forward (`featured.records`).
    pub featured_records: Vec<Card>,
    /// Webinars still to come at the build date, soonest first.
    pub upcoming: Vec<Card>,
}

/// A collection in a list.
#[derive(Debug, Clone, Serialize)]
pub struct CollectionLink {
    pub title: String,
    pub summary: Option<String>,
    pub url: String,
}

/// One collection.
#[derive(Debug, Clone, Serialize)]
pub struct CollectionCtx {
    pub title: String,
    /// HTML of the introduction.
    pub intro: String,
    /// Its published records, in the editors' order.
    pub records: Vec<Card>,
}

/// `collection.html`.
#[derive(Serialize)]
pub struct CollectionPage {
    #[serde(flatten)]
    pub common: Common,
    pub collection: CollectionCtx,
}

/// `collections.html`.
#[derive(Serialize)]
pub struct CollectionsPage {
    #[serde(flatten)]
    pub common: Common,
    pub title: String,
    pub collections: Vec<CollectionLink>,
}

/// A link to one page of a paginated list.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    /// 1-based page number.
    pub number: usize,
    /// Site path.
    pub url: String,
    /// The page being rendered.
    pub current: bool,
}

/// Where a list page stands among its pages.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    /// 1-based number of this page.
    pub current: usize,
    /// Number of pages (at least 1).
    pub total: usize,
    /// Previous page, if any.
    pub prev: Option<String>,
    /// Next page, if any.
    pub next: Option<String>,
    /// Every page.
    pub pages: Vec<PageLink>,
}

/// A list of records.
#[derive(Debug, Clone, Serialize)]
pub struct ListCtx {
    pub title: String,
    /// Records in the whole list, all pages together.
    pub count: usize,
    /// This page's records.
    pub records: Vec<Card>,
    pub pagination: Pagination,
}

/// `list.html`.
#[derive(Serialize)]
pub struct ListPage {
    #[serde(flatten)]
    pub common: Common,
    pub list: ListCtx,
}

/// A free page.
#[derive(Debug, Clone, Serialize)]
pub struct PageCtx {
    pub title: String,
    pub body: String,
}

/// `page.html`, and `accessibility.html` for the accessibility statement.
#[derive(Serialize)]
pub struct FreePage {
    #[serde(flatten)]
    pub common: Common,
    pub page: PageCtx,
    /// The statement's figures, on the accessibility statement only.
    pub statement: Option<StatementCtx>,
}

/// What the accessibility statement says above its text, from `site.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct StatementCtx {
    /// `full`, `partial` or `none`.
    pub status: &'static str,
    /// "partiellement conforme".
    pub status_label: String,
    /// The standard (`RGAA 4.1`).
    pub standard: String,
    /// "Ce site est partiellement conforme au RGAA 4.1."
    pub sentence: String,
    /// "78 % des critères applicables sont respectés.", when a rate is given.
    pub rate: Option<String>,
    /// "Audit réalisé le 15 octobre 2026.", when a date is given.
    pub audited: Option<String>,
}

/// The footer's link to the accessibility statement, with the conformity status.
#[derive(Debug, Clone, Serialize)]
pub struct AccessibilityLink {
    /// Site path of the statement, in the page's language when it is written in it.
    pub url: String,
    /// "Accessibilité : partiellement conforme".
    pub label: String,
    /// The statement's language, when it is not the page's.
    pub lang: Option<String>,
}

/// A term with its count.
#[derive(Debug, Clone, Serialize)]
pub struct TermCount {
    pub label: String,
    pub url: String,
    pub count: usize,
}

/// A taxonomy index.
#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyCtx {
    pub name: &'static str,
    pub label: String,
    pub terms: Vec<TermCount>,
}

/// `taxonomy.html`.
#[derive(Serialize)]
pub struct TaxonomyPage {
    #[serde(flatten)]
    pub common: Common,
    pub taxonomy: TaxonomyCtx,
}

/// One term's records.
#[derive(Debug, Clone, Serialize)]
pub struct TermCtx {
    pub taxonomy_label: String,
    pub taxonomy_url: String,
    pub label: String,
    /// Records with this term, all pages together.
    pub count: usize,
    /// This page's records.
    pub records: Vec<Card>,
    pub pagination: Pagination,
}

/// `term.html`.
#[derive(Serialize)]
pub struct TermPage {
    #[serde(flatten)]
    pub common: Common,
    pub term: TermCtx,
}

/// `chooser.html` and `404.html`.
#[derive(Serialize)]
pub struct PlainPage {
    #[serde(flatten)]
    pub common: Common,
}
