//! schema.org JSON-LD for record pages: Movie, Book, MusicAlbum or MusicRecording, Event
//! for webinars (with its attendance mode and virtual location) and CreativeWork for the
//! network's productions.
//!
//! The JSON is built with serde_json, so every value is escaped as JSON; `<`, `>` and `&`
//! are then written as `\u003c`, `\u003e` and `\u0026`, so that no text of a record can
//! close or confuse the `<script>` element it sits in.

use serde_json::{Map, Value, json};

use crate::content::Details;
use crate::schema::{Attendance, BookFormat, ReleaseType};
use crate::site::SiteRecord;

/// What the JSON-LD of one record page needs besides the record.
pub struct Page<'a> {
    /// The page's language.
    pub lang: &'a str,
    /// Title in that language.
    pub title: &'a str,
    /// Summary in that language.
    pub summary: &'a str,
    /// Canonical absolute URL.
    pub url: &'a str,
    /// Absolute URL of the poster or cover.
    pub image: Option<String>,
    /// People and bodies with their role ids.
    pub credits: Vec<(&'a str, &'a str)>,
    /// Theme labels in the page's language.
    pub keywords: Vec<String>,
    /// Name of the producing institution, for productions.
    pub producer: Option<String>,
}

/// The JSON-LD document of a record page, ready to be printed inside
/// `<script type="application/ld+json">`.
pub fn json_ld(r: &SiteRecord, page: &Page<'_>) -> String {
    let mut doc = Map::new();
    doc.insert("@context".into(), json!("https://schema.org"));
    doc.insert("@type".into(), json!(schema_type(r)));
    doc.insert("name".into(), json!(page.title));
    if !page.summary.is_empty() {
        doc.insert("description".into(), json!(page.summary));
    }
    doc.insert("url".into(), json!(page.url));
    doc.insert("inLanguage".into(), json!(page.lang));
    let languages: Vec<&str> = r
        .record
        .common
        .languages
        .iter()
        .map(|l| l.value.as_str())
        .collect();
    if let Some(image) = &page.image {
        doc.insert("image".into(), json!(image));
    }
    if !page.keywords.is_empty() {
        doc.insert("keywords".into(), json!(page.keywords.join(", ")));
    }
    let people = |roles: &[&str]| -> Vec<Value> {
        page.credits
            .iter()
            .filter(|(_, role)| roles.contains(role))
            .map(|(name, _)| json!({"@type": "Person", "name": name}))
            .collect()
    };
    let mut set = |key: &str, value: Value| {
        let empty = value.is_null() || value.as_array().is_some_and(Vec::is_empty);
        if !empty {
            doc.insert(key.into(), value);
        }
    };
    set("datePublished", json!(r.published.to_string()));
    match &r.record.details {
        Details::Film(f) => {
            set(
                "dateCreated",
                json!(f.year.as_ref().map(|y| y.value.to_string())),
            );
            set("duration", json!(f.duration.map(|d| format!("PT{d}M"))));
            set("director", json!(people(&["director"])));
            set("actor", json!(people(&["performer", "actor"])));
            set("countryOfOrigin", json!(countries(r)));
            set(
                "subtitleLanguage",
                json!(
                    f.subtitles
                        .iter()
                        .map(|s| s.value.as_str())
                        .collect::<Vec<_>>()
                ),
            );
        }
        Details::Book(b) => {
            set(
                "isbn",
                json!(b.isbn.as_ref().map(|i| i.value.replace(['-', ' '], ""))),
            );
            set(
                "publisher",
                json!(
                    b.publisher
                        .as_ref()
                        .map(|p| json!({"@type": "Organization", "name": p}))
                ),
            );
            if let Some(year) = &b.year {
                set("datePublished", json!(year.value.to_string()));
            }
            set("author", json!(people(&["author"])));
            set("illustrator", json!(people(&["illustrator"])));
            set("translator", json!(people(&["translator"])));
            set("numberOfPages", json!(b.pages));
            set(
                "bookFormat",
                json!(match b.format {
                    BookFormat::Print | BookFormat::Comic => "https://schema.org/Paperback",
                    BookFormat::Ebook => "https://schema.org/EBook",
                    BookFormat::Audiobook => "https://schema.org/AudiobookFormat",
                }),
            );
        }
        Details::Music(m) => {
            if let Some(released) = &m.release_date {
                set("datePublished", json!(released.value));
            }
            set("byArtist", json!(people(&["performer", "composer"])));
            set(
                "recordLabel",
                json!(
                    m.label
                        .as_ref()
                        .map(|l| json!({"@type": "Organization", "name": l}))
                ),
            );
            if m.release_type != ReleaseType::Single {
                set("numTracks", json!(m.tracks.len()));
                let tracks: Vec<Value> = m
                    .tracks
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let mut track =
                            json!({"@type": "MusicRecording", "name": t.title, "position": i + 1});
                        if let Some(seconds) = t
                            .duration
                            .as_ref()
                            .and_then(|d| crate::site::track_seconds(&d.value))
                        {
                            track["duration"] =
                                json!(format!("PT{}M{}S", seconds / 60, seconds % 60));
                        }
                        track
                    })
                    .collect();
                set("track", json!(tracks));
            }
        }
        Details::Webinar(w) => {
            if let Some(start) = &r.start {
                set(
                    "startDate",
                    json!(start.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()),
                );
                let end = start.checked_add(jiff::SignedDuration::from_mins(i64::from(w.duration)));
                set(
                    "endDate",
                    json!(
                        end.ok()
                            .map(|e| e.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
                    ),
                );
            }
            set("eventStatus", json!("https://schema.org/EventScheduled"));
            set(
                "eventAttendanceMode",
                json!(match w.attendance {
                    Attendance::Online => "https://schema.org/OnlineEventAttendanceMode",
                    Attendance::Onsite => "https://schema.org/OfflineEventAttendanceMode",
                    Attendance::Mixed => "https://schema.org/MixedEventAttendanceMode",
                }),
            );
            let place = w
                .registration
                .as_ref()
                .map_or(page.url, |u| u.value.as_str());
            set(
                "location",
                json!({"@type": "VirtualLocation", "url": place}),
            );
            let speakers: Vec<Value> = w
                .speakers
                .iter()
                .map(|s| json!({"@type": "Person", "name": s.name}))
                .collect();
            set("performer", json!(speakers));
            set("organizer", json!(people(&["host", "producer"])));
        }
        Details::Production(p) => {
            set(
                "dateCreated",
                json!(p.year.as_ref().map(|y| y.value.to_string())),
            );
            set(
                "producer",
                json!(
                    page.producer
                        .as_ref()
                        .map(|n| json!({"@type": "Organization", "name": n}))
                ),
            );
            set(
                "creator",
                json!(people(&["author", "curator", "editor", "director"])),
            );
        }
    }
    if !matches!(r.record.details, Details::Webinar(_)) {
        doc.insert(
            "inLanguage".into(),
            json!(languages.first().copied().unwrap_or(page.lang)),
        );
    }
    let text = serde_json::to_string(&Value::Object(doc)).unwrap_or_default();
    // `<`, `>` and `&` written as JSON escapes: the same data for a JSON reader, and
    // nothing an HTML parser inside `<script>` could take for markup.
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn schema_type(r: &SiteRecord) -> &'static str {
    match &r.record.details {
        Details::Film(_) => "Movie",
        Details::Book(_) => "Book",
        Details::Music(m) if m.release_type == ReleaseType::Single => "MusicRecording",
        Details::Music(_) => "MusicAlbum",
        Details::Webinar(_) => "Event",
        Details::Production(_) => "CreativeWork",
    }
}

fn countries(r: &SiteRecord) -> Vec<Value> {
    r.record
        .common
        .countries
        .iter()
        .map(|c| json!({"@type": "Country", "name": c.value}))
        .collect()
}
