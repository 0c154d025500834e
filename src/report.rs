//! How diagnostics are printed: for a person (with the offending line, in colour on a
//! terminal unless `NO_COLOR` is set), as JSON lines for scripts, or as GitHub Actions
//! workflow commands so that errors appear on the right line of a pull request.
//!
//! This module formats; it decides neither what is wrong nor the exit code.

use std::path::Path;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Severity, display_path};

/// An output format for diagnostics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// Readable text with a source excerpt; colour when `colour` is set.
    #[default]
    Human,
    /// One JSON object per line.
    Json,
    /// `::error file=…,line=…::message` lines.
    Github,
}

/// Formats one diagnostic. `root` is the site folder as given on the command line: JSON and
/// GitHub paths include it, so that they are relative to where vitrine was run (the
/// repository root in CI). `source` is the file's text, for the human excerpt.
pub fn format(
    d: &Diagnostic,
    format: Format,
    root: &Path,
    source: Option<&str>,
    colour: bool,
) -> String {
    match format {
        Format::Human if colour => colourize(&d.render(source)),
        Format::Human => d.render(source),
        Format::Json => json(d, root),
        Format::Github => github(d, root),
    }
}

/// The path of a diagnostic's file as seen from where vitrine runs.
fn path_from_cwd(root: &Path, file: &Path) -> String {
    let path = display_path(&root.join(file));
    path.strip_prefix("./").map(str::to_string).unwrap_or(path)
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: &'static str,
    code: &'a str,
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    end_column: Option<usize>,
    message: &'a str,
    help: Option<&'a str>,
}

fn json(d: &Diagnostic, root: &Path) -> String {
    let located = d.span.line > 0;
    let value = JsonDiagnostic {
        severity: severity(d.severity),
        code: d.code,
        file: path_from_cwd(root, &d.file),
        line: located.then_some(d.span.line),
        column: located.then_some(d.span.column),
        end_column: located.then_some(d.span.column + d.span.len.max(1)),
        message: &d.message,
        help: d.help.as_deref(),
    };
    serde_json::to_string(&value).unwrap_or_default()
}

/// GitHub's escaping of a workflow command's message.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub's escaping of a workflow command's property values.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn github(d: &Diagnostic, root: &Path) -> String {
    let mut properties = vec![format!(
        "file={}",
        escape_property(&path_from_cwd(root, &d.file))
    )];
    if d.span.line > 0 {
        properties.push(format!("line={}", d.span.line));
        properties.push(format!("col={}", d.span.column));
        properties.push(format!("endColumn={}", d.span.column + d.span.len.max(1)));
    }
    properties.push(format!(
        "title={}",
        escape_property(&format!("vitrine {}", d.code))
    ));
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!(
        "::{} {}::{}",
        severity(d.severity),
        properties.join(","),
        escape_data(&message)
    )
}

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const BLUE: &str = "\x1b[1;34m";
const CYAN: &str = "\x1b[1;36m";
const RESET: &str = "\x1b[0m";

/// Colours the parts of a human rendering: label, location arrow, gutter, carets, help.
fn colourize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for (i, line) in text.trim_end().lines().enumerate() {
        if i == 0 {
            let (label, colour) = if line.starts_with("error") {
                ("error", RED)
            } else {
                ("warning", YELLOW)
            };
            let rest = line.strip_prefix(label).unwrap_or(line);
            let (code, message) = rest.split_once(": ").unwrap_or((rest, ""));
            out.push_str(&format!(
                "{colour}{label}{code}{RESET}\x1b[1m: {message}{RESET}"
            ));
        } else if let Some(rest) = line.strip_prefix("  help:") {
            out.push_str(&format!("  {CYAN}help:{RESET}{rest}"));
        } else if let Some(rest) = line.strip_prefix("  -->") {
            out.push_str(&format!("  {BLUE}-->{RESET}{rest}"));
        } else if let Some((gutter, rest)) =
            line.split_once(" | ").or_else(|| line.split_once(" |"))
        {
            let carets = rest.trim_start().starts_with('^');
            let rest = if carets {
                format!("{RED}{rest}{RESET}")
            } else {
                rest.to_string()
            };
            out.push_str(&format!("{BLUE}{gutter} |{RESET} {rest}"));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// True when human output should be coloured: on a terminal, unless `NO_COLOR` is set to
/// anything non-empty (<https://no-color.org>).
pub fn use_colour(terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    terminal && no_color.is_none_or(|v| v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Span;

    fn diagnostic() -> Diagnostic {
        Diagnostic::error(
            "broken-link",
            "content/films/a,b/fr.md",
            Span::new(7, 12, 5),
            "100% broken:\nsee",
        )
        .with_help("fix it")
    }

    #[test]
    fn github_annotations_escape_data_and_properties() {
        let line = format(&diagnostic(), Format::Github, Path::new("."), None, false);
        assert_eq!(
            line,
            "::error file=content/films/a%2Cb/fr.md,line=7,col=12,endColumn=17,title=vitrine broken-link::100%25 broken:%0Asee%0Ahelp: fix it"
        );
    }

    #[test]
    fn json_has_one_object_per_diagnostic() {
        let line = format(&diagnostic(), Format::Json, Path::new("site"), None, false);
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(value["file"], "site/content/films/a,b/fr.md");
        assert_eq!(value["line"], 7);
        assert_eq!(value["column"], 12);
        assert_eq!(value["severity"], "error");
        assert_eq!(value["help"], "fix it");
        assert!(!line.contains('\n'));
        let whole = Diagnostic::warning("x", "a.md", Span::file(), "m");
        let value: serde_json::Value =
            serde_json::from_str(&format(&whole, Format::Json, Path::new("."), None, false))
                .unwrap();
        assert!(value["line"].is_null() && value["help"].is_null());
    }

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(use_colour(true, None));
        assert!(!use_colour(false, None));
        assert!(!use_colour(true, Some(std::ffi::OsStr::new("1"))));
        assert!(use_colour(true, Some(std::ffi::OsStr::new(""))));
        let text = format(&diagnostic(), Format::Human, Path::new("."), None, true);
        assert!(text.starts_with("\x1b[1;31merror[broken-link]"), "{text:?}");
        let plain = format(&diagnostic(), Format::Human, Path::new("."), None, false);
        assert!(!plain.contains('\x1b'));
    }
}
