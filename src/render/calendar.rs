//! iCalendar (RFC 5545) files for webinars: one per webinar page, and one per language with
//! the webinars still to come. Times are written as UTC instants computed from the
//! webinar's local time and IANA zone (daylight saving and Ramadan time included, from the
//! time zone database jiff bundles), so every calendar application reads them the same way.
//!
//! This module picks the webinars of each file (a page's own, or a language's upcoming ones
//! in list order) and writes the text format.

use std::fmt::Write as _;

use jiff::ZonedDateTime;

use crate::config::Language;
use crate::content::{Details, Kind};
use crate::site::{Site, SiteRecord};

use super::lists::Listing;
use super::renderer::{OutputFile, Renderer};

/// One event.
pub struct Event<'a> {
    /// Stable unique id (`<record id>@<site host>`).
    pub uid: String,
    /// When the record was published: the event's timestamp, never the clock.
    pub stamp: jiff::civil::Date,
    /// Start, in the event's zone.
    pub start: &'a ZonedDateTime,
    /// Length in minutes.
    pub minutes: u32,
    /// Title.
    pub summary: &'a str,
    /// Summary of the record.
    pub description: &'a str,
    /// Absolute URL of the webinar's page.
    pub url: String,
    /// Where to join or register, if given.
    pub location: Option<&'a str>,
}

/// A calendar holding `events`, in the language `lang`.
pub fn ics(lang: &str, events: &[Event<'_>]) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        format!(
            "PRODID:-//vitrine//catalogue//{}",
            lang.to_ascii_uppercase()
        ),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
    ];
    for event in events {
        let start = event.start.timestamp();
        let end = start
            .checked_add(jiff::SignedDuration::from_mins(i64::from(event.minutes)))
            .unwrap_or(start);
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", text(&event.uid)));
        lines.push(format!(
            "DTSTAMP:{}T000000Z",
            event.stamp.strftime("%Y%m%d")
        ));
        lines.push(format!("DTSTART:{}", start.strftime("%Y%m%dT%H%M%SZ")));
        lines.push(format!("DTEND:{}", end.strftime("%Y%m%dT%H%M%SZ")));
        lines.push(format!("SUMMARY;LANGUAGE={lang}:{}", text(event.summary)));
        if !event.description.is_empty() {
            lines.push(format!(
                "DESCRIPTION;LANGUAGE={lang}:{}",
                text(event.description)
            ));
        }
        lines.push(format!("URL:{}", event.url));
        if let Some(location) = event.location {
            lines.push(format!("LOCATION:{}", text(location)));
        }
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

/// Escapes a TEXT value: backslashes, `;`, `,` and line breaks.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes a content line folded at 75 octets, never inside a character, ending in CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    let _ = write!(out, "\r\n");
}

impl<'a> Renderer<'a> {
    /// The iCalendar event of webinar `i`, beside its page in `lang`.
    pub(super) fn event_file(&self, i: usize, lang: &Language) -> OutputFile {
        let r = &self.words.site.records[i];
        let events: Vec<Event<'_>> = self.event(r, lang).into_iter().collect();
        let path = format!("{}event.ics", self.words.relative(&r.paths[&lang.code]));
        OutputFile {
            template: None,
            path,
            bytes: ics(&lang.code, &events).into_bytes(),
        }
    }

    /// The webinars of `lang` still to come at the build date, soonest first.
    pub(super) fn upcoming(&self, lang: &Language) -> Vec<&'a SiteRecord> {
        let site: &'a Site = self.words.site;
        let today = site
            .options
            .today
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .map(|z| z.timestamp())
            .ok();
        let mut upcoming: Vec<&SiteRecord> = self
            .words
            .listing(lang, Listing::Kind(Kind::Webinar))
            .iter()
            .map(|i| &site.records[*i])
            .filter(|r| {
                r.start
                    .as_ref()
                    .is_some_and(|s| Some(s.timestamp()) >= today)
            })
            .collect();
        upcoming.sort_by_key(|r| (r.start.as_ref().map(|s| s.timestamp()), r.record.id.clone()));
        upcoming
    }

    pub(super) fn calendar(&self, lang: &Language) -> OutputFile {
        let upcoming = self.upcoming(lang);
        let events: Vec<Event<'_>> = upcoming
            .iter()
            .filter_map(|r| self.event(r, lang))
            .collect();
        let path = format!(
            "{}calendar.ics",
            self.words
                .relative(&self.words.list_path(lang, Kind::Webinar))
        );
        OutputFile {
            template: None,
            path,
            bytes: ics(&lang.code, &events).into_bytes(),
        }
    }

    fn event<'r>(&self, r: &'r SiteRecord, lang: &Language) -> Option<Event<'r>> {
        let Details::Webinar(w) = &r.record.details else {
            return None;
        };
        let text = r.text(&lang.code)?;
        let host = self
            .words
            .site
            .config
            .base_url
            .split("://")
            .nth(1)
            .unwrap_or_default()
            .split('/')
            .next()
            .unwrap_or_default();
        Some(Event {
            uid: format!("{}@{host}", r.record.id),
            stamp: r.updated.unwrap_or(r.published),
            start: r.start.as_ref()?,
            minutes: w.duration,
            summary: &text.title,
            description: &text.summary,
            url: self.words.absolute(&r.paths[&lang.code]),
            location: w.registration.as_ref().map(|u| u.value.as_str()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "é".repeat(60)), &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "é".repeat(60))
        );
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
    }
}
