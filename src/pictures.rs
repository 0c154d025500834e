//! The pictures stage, after resolve: each record's pictures are planned and encoded
//! through [`ImageCache`] (which knows nothing of records), and the plans are stored on the
//! record for render. Keeping this here, not in `images`, lets the arrows run one way:
//! `pictures` → `site` → `images`.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Span};
use crate::images::{ImageCache, ImageError};
use crate::schema::yaml::spanned_error;
use crate::site::SiteRecord;

/// Plans and encodes the pictures of `records` (of the site at `root`), in parallel, and
/// records the plans in each record's `processed`. A picture that cannot be read is an
/// error on the line of the record that names it.
pub fn process(cache: &ImageCache, root: &Path, records: &mut [SiteRecord]) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    records
        .par_iter_mut()
        .flat_map_iter(|r| process_record(cache, root, r))
        .collect()
}

/// [`process`] for one record.
pub fn process_record(cache: &ImageCache, root: &Path, r: &mut SiteRecord) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let folder = root.join(&r.record.dir);
    r.processed = r
        .record
        .common
        .images
        .iter()
        .map(|image| {
            let source = folder.join(&image.file.value);
            let done = cache
                .plan(&source)
                .map_err(ImageError::Source)
                .and_then(|plan| match plan {
                    Some(p) => cache.ensure(&source, &p).map(|()| Some(p)),
                    None => Ok(None),
                });
            match done {
                Ok(p) => p,
                Err(ImageError::Cache(e)) => {
                    // The build reports it as an I/O failure (see `ImageCache::take_failure`);
                    // `serve` shows it over the page like any error.
                    let path = e.path.clone();
                    let message = cache.failed(e);
                    diagnostics.push(
                        Diagnostic::error("image-cache", path, Span::file(), message)
                            .with_help("free some disk space or fix the cache folder's permissions (or choose another with --cache-dir), then build again"),
                    );
                    None
                }
                Err(ImageError::Source(message)) => {
                    // A missing file is already reported by the record's checks.
                    if source.is_file() {
                        diagnostics.push(spanned_error(
                            &r.record.file(),
                            &image.file,
                            "bad-image",
                            format!("the image `{}` cannot be used: {message}", image.file.value),
                            "save it again as a JPEG or PNG file (or fix the file name)".into(),
                        ));
                    }
                    None
                }
            }
        })
        .collect();
    diagnostics
}
