//! What rendering derives from the whole site before it renders a page: the per-language
//! template engines, with each language's shared values as their global context, and the
//! [`Lists`]. [`RenderCache`] is computed once per build and kept by `serve` between
//! rebuilds.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diagnostics::Diagnostic;
use crate::site::Site;

use super::lists::Lists;
use super::theme::{Theme, plural_filter, template_diagnostic};
use super::words::Words;

/// What rendering derives from the whole site before it renders a page: per-language
/// template engines, and the order of every list. Kept by `serve` between rebuilds, and
/// recomputed only when what it depends on changes.
pub struct RenderCache {
    /// Per language, the theme's templates with that language's shared values (site, lang,
    /// t, footer pages…) as Tera's global context, so they are converted once, not per page.
    pub(super) engines: BTreeMap<String, tera::Tera>,
    /// The order of every list, and the locales.
    pub lists: Lists,
}

impl RenderCache {
    /// Everything derived from `site` and `theme`.
    pub fn new(site: &Site, theme: &Theme) -> Result<Self, Diagnostic> {
        let lists = Lists::new(site);
        let engines = engines(site, theme, &lists)?;
        Ok(RenderCache { engines, lists })
    }

    /// After the theme changed and the content did not: new engines, the same lists.
    pub fn retheme(&mut self, site: &Site, theme: &Theme) -> Result<(), Diagnostic> {
        self.engines = engines(site, theme, &self.lists)?;
        Ok(())
    }
}

/// Per language, the theme's templates with that language's shared values as their global
/// context and its plural rules as the `plural` filter.
fn engines(
    site: &Site,
    theme: &Theme,
    lists: &Lists,
) -> Result<BTreeMap<String, tera::Tera>, Diagnostic> {
    let mut engines = BTreeMap::new();
    for lang in &site.config.languages {
        let mut engine = theme.tera.clone();
        let locale = Arc::clone(&lists.locales[&lang.code]);
        engine.register_filter(
            "plural",
            move |value: tera::Value, kwargs: tera::Kwargs, _: &tera::State| {
                plural_filter(&locale, &value, &kwargs)
            },
        );
        let words = Words { site, theme, lists };
        let shared = tera::Context::from_serialize(&words.shared(lang))
            .map_err(|e| template_diagnostic(&e, &theme.template_files))?;
        engine.global_context().extend(shared);
        engines.insert(lang.code.clone(), engine);
    }
    Ok(engines)
}
