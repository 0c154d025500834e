//! Problems found in a user's files, collected across the whole site and printed together.
//!
//! A [`Diagnostic`] is for the editor who must fix it: a code, the file, line and column, a
//! message and a `help:` line. This module owns the type, the "did you mean" hint and the
//! human rendering with a source excerpt; it does not decide what is wrong (the pipeline
//! stages do) nor how the process exits (the CLI does).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is. Errors stop the build before anything is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The site cannot be published as it is.
    Error,
    /// Worth fixing, but the site is published anyway.
    Warning,
}

/// A position in a file: 1-based line and column (in characters), and how many characters
/// to underline. Line 0 means "the whole file".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    /// 1-based line; 0 when the problem concerns the file as a whole.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Number of characters to underline (at least one is shown).
    pub len: usize,
}

impl Span {
    /// A span at `line:column` underlining `len` characters.
    pub fn new(line: usize, column: usize, len: usize) -> Self {
        Self { line, column, len }
    }

    /// The position just after `prefix` (the text of a file before the problem),
    /// underlining `len` characters.
    pub fn after(prefix: &str, len: usize) -> Self {
        let line = prefix.matches('\n').count() + 1;
        let column = prefix
            .rsplit('\n')
            .next()
            .unwrap_or_default()
            .chars()
            .count()
            + 1;
        Self::new(line, column, len)
    }

    /// The span of a whole file.
    pub fn file() -> Self {
        Self::default()
    }

    /// The same span moved down by `lines` lines (for YAML embedded in a Markdown file).
    pub fn shifted(self, lines: usize) -> Self {
        if self.line == 0 {
            self
        } else {
            Self {
                line: self.line + lines,
                ..self
            }
        }
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A short stable identifier such as `unknown-theme`, usable in scripts and docs.
    pub code: &'static str,
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// Where in the file.
    pub span: Span,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at `span` in `file`.
    pub fn error(
        code: &'static str,
        file: impl Into<PathBuf>,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Error,
            code,
            file: file.into(),
            span,
            message: message.into(),
            help: None,
        }
    }

    /// A warning at `span` in `file`.
    pub fn warning(
        code: &'static str,
        file: impl Into<PathBuf>,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, file, span, message)
        }
    }

    /// The same diagnostic with a `help:` line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `file:line:column`, as editors and CI annotations expect it.
    pub fn location(&self) -> String {
        let file = display_path(&self.file);
        if self.span.line == 0 {
            file
        } else {
            format!("{file}:{}:{}", self.span.line, self.span.column)
        }
    }

    /// Renders the diagnostic for a person, with the offending line when `source` is given.
    pub fn render(&self, source: Option<&str>) -> String {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!(
            "{label}[{}]: {}\n  --> {}\n",
            self.code,
            self.message,
            self.location()
        );
        if let Some(line) = source.and_then(|s| s.lines().nth(self.span.line.wrapping_sub(1))) {
            let number = self.span.line.to_string();
            let pad = " ".repeat(number.len());
            // Control characters (a NUL byte…) would garble the terminal: show them as �.
            let shown: String = line
                .chars()
                .take(200)
                .map(|c| {
                    if c.is_control() && c != '\t' {
                        '\u{fffd}'
                    } else {
                        c
                    }
                })
                .collect();
            let indent: String = shown
                .chars()
                .take(self.span.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let carets = "^".repeat(self.span.len.clamp(1, 120));
            let _ = write!(
                out,
                "{pad} |\n{number} | {shown}\n{pad} | {indent}{carets}\n"
            );
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  help: {help}");
        }
        out
    }
}

/// Site-relative paths are shown with `/` on every platform.
pub fn display_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Sorts diagnostics by file and position, so output does not depend on traversal order.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.span, a.severity, a.code, &a.message)
            .cmp(&(&b.file, b.span, b.severity, b.code, &b.message))
    });
}

/// True when any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// The closest candidate to `wrong`, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wrong, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// "did you mean `x`? " followed by `rest`, or just `rest`.
pub fn hint(suggestion: Option<&str>, rest: &str) -> String {
    match suggestion {
        Some(s) => format!("did you mean `{s}`? {rest}"),
        None => rest.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let themes = ["cinema-francophone", "banlieue", "patrimoine"];
        assert_eq!(
            did_you_mean("cinema-francophon", themes),
            Some("cinema-francophone")
        );
        assert_eq!(did_you_mean("zzz", themes), None);
    }

    #[test]
    fn renders_location_snippet_and_help() {
        let d = Diagnostic::error(
            "unknown-theme",
            "content/films/la-haine/record.yaml",
            Span::new(2, 10, 17),
            "`cinema-francophon` is not a theme",
        )
        .with_help("did you mean `cinema-francophone`?");
        let text = d.render(Some("year: 1995\nthemes: [cinema-francophon, banlieue]\n"));
        assert_eq!(
            text,
            "error[unknown-theme]: `cinema-francophon` is not a theme\n  \
             --> content/films/la-haine/record.yaml:2:10\n  |\n\
             2 | themes: [cinema-francophon, banlieue]\n  |          ^^^^^^^^^^^^^^^^^\n  \
             help: did you mean `cinema-francophone`?\n"
        );
    }
}
