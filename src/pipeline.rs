//! The one place that sequences the stages: load → parse → resolve → render → write.
//!
//! Diagnostics from every stage are collected; the build stops before rendering when any is
//! an error. Pages are written into a staging folder as they are rendered, and the staging
//! folder replaces the previous output only when everything succeeded, so a site with
//! errors never touches the previous output. This module prints
//! nothing: it reports progress through a callback and returns an [`Outcome`].

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::config::{Config, Overrides};
use crate::content;
use crate::coverage::Coverage;
use crate::diagnostics::{self, Diagnostic};
use crate::output::{Staging, WriteError};
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
}

/// What `check` found beyond diagnostics.
#[derive(Debug)]
pub struct Report {
    /// Translation coverage per language.
    pub coverage: Coverage,
}

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
}

/// A whole site held in memory, for `serve`: output path (`fr/index.html`) to bytes.
pub type Memory = BTreeMap<String, Arc<Vec<u8>>>;

/// Runs the pipeline. `progress` is told the name of each stage as it starts.
pub fn build(args: &BuildArgs, progress: &dyn Fn(&str)) -> Outcome {
    run(args, progress, None)
}

/// Runs the pipeline into memory instead of a folder (`args.output` is ignored): the site
/// is returned with the outcome when the build succeeded.
pub fn build_in_memory(args: &BuildArgs, progress: &dyn Fn(&str)) -> (Outcome, Option<Memory>) {
    let memory = Mutex::new(Memory::new());
    let args = BuildArgs {
        output: None,
        ..args.clone()
    };
    let outcome = run(&args, progress, Some(&memory));
    let site =
        matches!(outcome, Outcome::Done(..)).then(|| memory.into_inner().unwrap_or_default());
    (outcome, site)
}

fn run(args: &BuildArgs, progress: &dyn Fn(&str), memory: Option<&Mutex<Memory>>) -> Outcome {
    let started = Instant::now();
    progress("reading site.yaml");
    let config = match Config::load(&args.root, &args.overrides) {
        Ok(c) => c,
        Err(d) => return Outcome::ConfigErrors(d),
    };
    let theme = Theme::load(&args.root, &config);
    let mut diagnostics = Vec::new();
    progress("loading content");
    let sources = content::load(&args.root, &config, &mut diagnostics);
    progress("parsing");
    let records = content::parse(sources, &mut diagnostics);
    progress("resolving references");
    let site = site::resolve(
        config,
        &args.root,
        records,
        args.options.clone(),
        &mut diagnostics,
    );
    let theme = match theme {
        Ok(t) => {
            diagnostics.extend(t.warnings.iter().cloned());
            t
        }
        Err(mut d) => {
            d.extend(diagnostics);
            diagnostics::sort(&mut d);
            return Outcome::ConfigErrors(d);
        }
    };
    diagnostics::sort(&mut diagnostics);
    if diagnostics::has_errors(&diagnostics) {
        return Outcome::ContentErrors(diagnostics);
    }
    progress("rendering");
    let staging = match &args.output {
        Some(out) => match Staging::create(out) {
            Ok(s) => Some(s),
            Err(e) => return Outcome::WriteFailed(e),
        },
        None => None,
    };
    let sink = |file: OutputFile| match (&staging, memory) {
        (Some(s), _) => s.write(&file),
        (None, Some(m)) => {
            let mut m = m.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            m.insert(file.path, Arc::new(file.bytes));
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
    if let Some(m) = memory {
        let mut m = m.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for (source, dest) in &rendered.copies {
            match std::fs::read(source) {
                Ok(bytes) => {
                    m.insert(dest.clone(), Arc::new(bytes));
                }
                Err(e) => {
                    return Outcome::WriteFailed(WriteError {
                        action: "cannot read",
                        path: source.clone(),
                        source: e,
                    });
                }
            }
        }
    }
    if let Some(staging) = staging {
        progress("writing");
        if let Err(e) = staging
            .copy(&rendered.copies)
            .and_then(|()| staging.commit())
        {
            return Outcome::WriteFailed(e);
        }
    }
    let summary = Summary {
        records: site.records.len(),
        pages: rendered.pages,
        languages: site.config.languages.len(),
        elapsed: started.elapsed(),
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
