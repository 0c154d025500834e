//! The one place that sequences the stages: load → parse → resolve → render → write.
//!
//! Diagnostics from every stage are collected; the build stops before rendering when any is
//! an error. Pages are written into a staging folder as they are rendered, and the staging
//! folder replaces the previous output only when everything succeeded, so a site with
//! errors never touches the previous output. `check` renders into a [`check::Collector`]
//! that keeps only what the checks need from each page (its paths, ids and links, not its
//! bytes), then runs the checks of the rendered site. This
//! module prints nothing: it reports progress through a callback and returns an
//! [`Outcome`].

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::check::{self, CheckOptions};
use crate::config::{Config, Overrides};
use crate::content;
use crate::coverage::Coverage;
use crate::diagnostics::{self, Diagnostic};
use crate::images::ImageCache;
use crate::output::{LockError, OutputLock, Staging, WriteError};
use crate::render::{self, OutputFile, RenderError, theme::Theme};
use crate::site::{self, Options};

/// What to build, and where.
#[derive(Debug, Clone)]
pub struct BuildArgs {
    /// The site root (holds `site.yaml`).
    pub root: PathBuf,
    /// The output folder; `None` checks without writing.
    pub output: Option<PathBuf>,
    /// Values overriding `site.yaml`.
    pub overrides: Overrides,
    /// Drafts, audience, build date.
    pub options: Options,
    /// Checks of the rendered site, made when `output` is `None`.
    pub checks: CheckOptions,
    /// The folder kept between builds (resized pictures under `images/`); `None` for
    /// `.vitrine` in the site.
    pub cache: Option<PathBuf>,
}

impl BuildArgs {
    /// The cache folder.
    pub fn cache_dir(&self) -> PathBuf {
        self.cache
            .clone()
            .unwrap_or_else(|| self.root.join(".vitrine"))
    }
}

/// Figures for the one-line summary.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    /// Published records.
    pub records: usize,
    /// HTML pages rendered.
    pub pages: usize,
    /// Site languages.
    pub languages: usize,
    /// Wall time of the whole build.
    pub elapsed: Duration,
    /// Picture files encoded by this build, and found in the cache.
    pub images: (usize, usize),
}

/// What `check` found beyond diagnostics.
#[derive(Debug)]
pub struct Report {
    /// Translation coverage per language.
    pub coverage: Coverage,
}

/// A whole site held in memory, for `serve`: output path (`fr/index.html`) to bytes.
pub type Memory = BTreeMap<String, Arc<Vec<u8>>>;

/// How a build ended.
#[derive(Debug)]
pub enum Outcome {
    /// Built (or checked) with, at most, warnings.
    Done(Summary, Vec<Diagnostic>, Report),
    /// The content has errors; nothing was written.
    ContentErrors(Vec<Diagnostic>),
    /// The configuration or theme is unusable; nothing was written.
    ConfigErrors(Vec<Diagnostic>),
    /// Writing the output failed; the previous output is untouched.
    WriteFailed(WriteError),
    /// Another build is writing the output, or its lock cannot be taken; nothing was done.
    Locked(LockError),
}

/// Warnings about the output folder itself (a leftover that cannot be removed, a previous
/// output put back), located at the output.
fn output_warnings(output: &std::path::Path, warnings: &[String]) -> Vec<Diagnostic> {
    warnings
        .iter()
        .map(|w| {
            Diagnostic::warning(
                "output-leftover",
                output,
                diagnostics::Span::file(),
                w.clone(),
            )
        })
        .collect()
}

/// Loads, parses and resolves the site: everything before rendering. An `Err` is the
/// outcome of a build that cannot go on.
fn prepare(
    args: &BuildArgs,
    images: &ImageCache,
    progress: &dyn Fn(&str),
) -> Result<(site::Site, Theme, Vec<Diagnostic>), Outcome> {
    progress("reading site.yaml");
    let config = Config::load(&args.root, &args.overrides).map_err(Outcome::ConfigErrors)?;
    let theme = Theme::load(&args.root, &config);
    let mut diagnostics = Vec::new();
    progress("loading content");
    let sources = content::load(&args.root, &config, &mut diagnostics);
    progress("parsing");
    let records = content::parse(sources, &mut diagnostics);
    check::content::bodies(&records, &mut diagnostics);
    progress("resolving references");
    let mut site = site::resolve(
        config,
        &args.root,
        records,
        args.options.clone(),
        &mut diagnostics,
    );
    content::name_columns(&args.root, &mut diagnostics);
    progress("resizing pictures");
    diagnostics.extend(crate::pictures::process(
        images,
        &args.root,
        &mut site.records,
    ));
    let theme = match theme {
        Ok(t) => {
            diagnostics.extend(t.warnings.iter().cloned());
            t
        }
        Err(mut d) => {
            d.extend(diagnostics);
            diagnostics::sort(&mut d);
            return Err(Outcome::ConfigErrors(d));
        }
    };
    diagnostics::sort(&mut diagnostics);
    if diagnostics::has_errors(&diagnostics) {
        return Err(Outcome::ContentErrors(diagnostics));
    }
    Ok((site, theme, diagnostics))
}

/// The search index of every language of the site, as `build` exports them: for tests
/// and benchmarks that compare the exported files with tantivy itself.
pub fn search_indexes(
    args: &BuildArgs,
    progress: &dyn Fn(&str),
) -> Result<Vec<(crate::search::LangIndex, crate::search::export::Labels)>, Outcome> {
    let images = ImageCache::new(args.cache_dir());
    let (site, theme, _) = prepare(args, &images, progress)?;
    render::search_indexes(&site, &theme, progress).map_err(|d| Outcome::ConfigErrors(vec![d]))
}

/// Runs the pipeline. `progress` is told the name of each stage as it starts.
pub fn build(args: &BuildArgs, progress: &dyn Fn(&str)) -> Outcome {
    let started = Instant::now();
    // Taken before anything else, so that a second build into the same output stops at once.
    let lock = match &args.output {
        Some(out) => match crate::output::refuse(&args.root, out)
            .map_err(LockError::from)
            .and_then(|()| OutputLock::acquire(out))
        {
            Ok(lock) => Some(lock),
            Err(e) => return Outcome::Locked(e),
        },
        None => None,
    };
    let mut early = match (&args.output, &lock) {
        (Some(out), Some(lock)) => output_warnings(out, &lock.warnings),
        _ => Vec::new(),
    };
    let images = ImageCache::new(args.cache_dir());
    let prepared = prepare(args, &images, progress);
    if let Some(e) = images.take_failure() {
        return Outcome::WriteFailed(WriteError {
            action: "cannot write the picture cache",
            path: e.path,
            source: e.source,
        });
    }
    let (site, theme, mut diagnostics) = match prepared {
        Ok(prepared) => prepared,
        Err(Outcome::ContentErrors(mut d)) => {
            d.append(&mut early);
            return Outcome::ContentErrors(d);
        }
        Err(Outcome::ConfigErrors(mut d)) => {
            d.append(&mut early);
            return Outcome::ConfigErrors(d);
        }
        Err(outcome) => return outcome,
    };
    diagnostics.append(&mut early);
    progress("rendering");
    let staging = match &lock {
        Some(lock) => match Staging::create(lock) {
            Ok(s) => Some(s),
            Err(e) => return Outcome::WriteFailed(e),
        },
        None => None,
    };
    // `check` keeps what the output checks need from each page, not the page itself.
    let collector = staging.is_none().then(|| {
        let config = &site.config;
        check::Collector::new(
            &config.base_url,
            &config.base_path,
            args.checks.external.is_some(),
        )
    });
    let sink = |file: OutputFile| match (&staging, &collector) {
        (Some(s), _) => s.write(&file),
        (None, Some(collector)) => {
            collector.add(&file);
            Ok(())
        }
        (None, None) => Ok(()),
    };
    let rendered = match render::render(&site, &theme, &sink) {
        Ok(r) => r,
        Err(RenderError::Templates(mut d)) => {
            diagnostics::sort(&mut d);
            return Outcome::ConfigErrors(d);
        }
        Err(RenderError::Write(e)) => return Outcome::WriteFailed(e),
    };
    if let Some(collector) = collector {
        progress("checking links");
        diagnostics.extend(check::output(
            &site,
            &theme,
            &collector.finish(),
            &rendered.copies,
            &args.checks,
        ));
        diagnostics::sort(&mut diagnostics);
        if diagnostics::has_errors(&diagnostics) {
            return Outcome::ContentErrors(diagnostics);
        }
    }
    if let (Some(staging), Some(out)) = (staging, &args.output) {
        progress("writing");
        // The browser CMS's `/admin/`, for editors: not a page of the site, so neither
        // checked nor listed anywhere.
        for file in crate::cms::published(&site) {
            if let Err(e) = staging.write(&file) {
                return Outcome::WriteFailed(e);
            }
        }
        match staging
            .copy(&rendered.copies, &args.cache_dir())
            .and_then(|()| staging.commit())
        {
            Ok(warnings) => diagnostics.extend(output_warnings(out, &warnings)),
            Err(e) => return Outcome::WriteFailed(e),
        }
    }
    let summary = Summary {
        records: site.records.len(),
        pages: rendered.pages,
        languages: site.config.languages.len(),
        elapsed: started.elapsed(),
        images: images.counts(),
    };
    let strings = theme
        .strings
        .get(&site.config.default_language)
        .map_or(0, |s| s.len());
    let report = Report {
        coverage: Coverage::of(&site, strings, &theme.untranslated),
    };
    Outcome::Done(summary, diagnostics, report)
}
