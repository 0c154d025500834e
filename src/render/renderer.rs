//! What the page families render with: [`Renderer`] (the shared vocabulary, the template
//! engines and the Markdown renderer of bodies) and the [`OutputFile`]s it gives.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::Language;
use crate::diagnostics::Diagnostic;
use crate::site::Site;

use super::cache::RenderCache;
use super::markdown::Markdown;
use super::theme::{Theme, template_diagnostic};
use super::words::Words;

/// A file to write, with its path relative to the output root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path with `/` separators (`fr/films/la-haine/index.html`).
    pub path: String,
    /// Content.
    pub bytes: Vec<u8>,
    /// The template that rendered it, for locating problems found in the page.
    pub template: Option<String>,
}

/// What the page families render with: the shared vocabulary (site, theme, lists), each
/// language's template engine, and the Markdown renderer of bodies.
pub(super) struct Renderer<'a> {
    pub(super) words: Words<'a>,
    engines: &'a BTreeMap<String, tera::Tera>,
    pub(super) markdown: Markdown,
}

impl<'a> Renderer<'a> {
    pub(super) fn new(site: &'a Site, theme: &'a Theme, cache: &'a RenderCache) -> Renderer<'a> {
        Renderer {
            words: Words {
                site,
                theme,
                lists: &cache.lists,
            },
            engines: &cache.engines,
            markdown: Markdown::with_base_path(&site.config.base_path),
        }
    }

    pub(super) fn file<T: Serialize>(
        &self,
        lang: &Language,
        template: &str,
        path: String,
        context: &T,
    ) -> Result<OutputFile, Diagnostic> {
        let context = tera::Context::from_serialize(context)
            .map_err(|e| template_diagnostic(&e, &self.words.theme.template_files))?;
        let html = self.engines[&lang.code]
            .render(template, &context)
            .map_err(|e| template_diagnostic(&e, &self.words.theme.template_files))?;
        Ok(OutputFile {
            path,
            bytes: html.into_bytes(),
            template: Some(template.to_string()),
        })
    }
}
