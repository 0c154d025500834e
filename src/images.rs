//! Responsive images: each JPEG or PNG picture of a record is resized to a few widths and
//! encoded twice, in WebP and in its own format, for `<picture>`, `srcset` and `sizes`.
//!
//! Encoding is the slow part of a build with pictures, so every encoded file is kept in a
//! cache folder (`.vitrine/images/` in the site by default), named by a hash of the
//! source's bytes and of the parameters (width, format, quality, version of this code). A
//! picture that did not change is never decoded again: a build only reads it to hash it and
//! reads its size from its header. The output names carry the same hash, so they can be
//! cached for ever by browsers and CDNs.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use image::{DynamicImage, ImageFormat, ImageReader, imageops::FilterType};

use crate::hash::fnv64;

/// Widths made of every picture (a picture narrower than one gets its own width instead).
pub const WIDTHS: [u32; 3] = [240, 480, 960];

/// Lossy quality of WebP and JPEG files.
const QUALITY: u8 = 80;

/// Changes whenever encoding changes, so that cached files are made again.
const VERSION: &str = "1";

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// WebP, lossy.
    Webp,
    /// JPEG.
    Jpeg,
    /// PNG.
    Png,
}

impl Format {
    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Webp => "webp",
            Format::Jpeg => "jpg",
            Format::Png => "png",
        }
    }

    /// MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Webp => "image/webp",
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
        }
    }
}

/// One resized, encoded file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Format.
    pub format: Format,
    /// File name in the record's media folder (`poster-480.1a2b3c4d.webp`).
    pub name: String,
    /// Cache key: hash of the source and the parameters, in hex.
    pub key: String,
    /// Where the encoded file is kept.
    pub cached: PathBuf,
}

/// What a picture becomes: its size and its variants, smallest first, WebP before the
/// fallback at each width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Processed {
    /// Width of the source.
    pub width: u32,
    /// Height of the source.
    pub height: u32,
    /// The files made of it.
    pub variants: Vec<Variant>,
}

impl Processed {
    /// The variants of one format.
    pub fn of(&self, format: Format) -> impl Iterator<Item = &Variant> {
        self.variants.iter().filter(move |v| v.format == format)
    }

    /// The fallback format (the source's own).
    pub fn fallback(&self) -> Format {
        self.variants
            .iter()
            .map(|v| v.format)
            .find(|f| *f != Format::Webp)
            .unwrap_or(Format::Jpeg)
    }
}

/// The cache of encoded files, with counts of what a build encoded and reused.
#[derive(Debug)]
pub struct ImageCache {
    dir: PathBuf,
    encoded: AtomicUsize,
    reused: AtomicUsize,
    /// The first failure of the cache's own disk, kept for the build to report as such.
    failure: Mutex<Option<CacheError>>,
}

/// Why a picture could not be made.
#[derive(Debug)]
pub enum ImageError {
    /// The picture itself: unreadable, not an image, cannot be encoded.
    Source(String),
    /// The cache's disk: a folder or file of the cache cannot be written.
    Cache(CacheError),
}

/// A disk failure in the picture cache: not the editor's doing.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the picture cache {}: {source}", path.display())]
pub struct CacheError {
    /// The cache folder or file.
    pub path: PathBuf,
    /// The cause.
    #[source]
    pub source: std::io::Error,
}

impl From<String> for ImageError {
    fn from(message: String) -> ImageError {
        ImageError::Source(message)
    }
}

impl ImageCache {
    /// A cache in `dir` (created when first written to).
    pub fn new(dir: impl Into<PathBuf>) -> ImageCache {
        ImageCache {
            dir: dir.into(),
            encoded: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
            failure: Mutex::new(None),
        }
    }

    /// Records a disk failure of the cache (the first one is kept) and returns its message.
    pub fn failed(&self, error: CacheError) -> String {
        let message = error.to_string();
        let mut slot = self
            .failure
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        slot.get_or_insert(error);
        message
    }

    /// The first disk failure of the cache since it was opened, taken.
    pub fn take_failure(&self) -> Option<CacheError> {
        self.failure
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    }

    /// Files encoded, and files found in the cache, since this cache was opened.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.encoded.load(Ordering::Relaxed),
            self.reused.load(Ordering::Relaxed),
        )
    }

    /// What `source` becomes, from its bytes and the size in its header; `None` for a
    /// format that is served as it is (GIF, SVG, WebP…).
    pub fn plan(&self, source: &Path) -> Result<Option<Processed>, String> {
        let format = match ImageFormat::from_path(source) {
            Ok(ImageFormat::Jpeg) => Format::Jpeg,
            Ok(ImageFormat::Png) => Format::Png,
            _ => return Ok(None),
        };
        let bytes = std::fs::read(source).map_err(|e| format!("cannot read the file: {e}"))?;
        let (width, height) = ImageReader::new(std::io::Cursor::new(&bytes))
            .with_guessed_format()
            .map_err(|e| e.to_string())?
            .into_dimensions()
            .map_err(|e| format!("not a readable {} image: {e}", format.extension()))?;
        if width == 0 || height == 0 {
            return Err("the image is empty".into());
        }
        let source_hash = fnv64(&bytes);
        let stem = source
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut widths: Vec<u32> = WIDTHS.iter().map(|w| (*w).min(width)).collect();
        widths.dedup();
        let mut variants = Vec::new();
        for w in widths {
            let h = scaled_height(width, height, w);
            for f in [Format::Webp, format] {
                // At its own width and in its own format, the picture is the file itself:
                // encoding it again would only lose quality (and often grow it).
                let itself = w == width && f == format;
                let params = if itself {
                    format!("{source_hash:016x}")
                } else {
                    format!(
                        "{source_hash:016x}|{w}x{h}|{}|q{QUALITY}|v{VERSION}",
                        f.extension()
                    )
                };
                let key = format!("{:016x}", fnv64(params.as_bytes()));
                let cached = if itself {
                    source.to_path_buf()
                } else {
                    self.dir
                        .join("images")
                        .join(format!("{key}.{}", f.extension()))
                };
                variants.push(Variant {
                    width: w,
                    height: h,
                    format: f,
                    name: format!("{stem}-{w}.{}.{}", &key[..8], f.extension()),
                    key,
                    cached,
                });
            }
        }
        Ok(Some(Processed {
            width,
            height,
            variants,
        }))
    }

    /// Makes the variants of `processed` missing from the cache, decoding `source` once.
    pub fn ensure(&self, source: &Path, processed: &Processed) -> Result<(), ImageError> {
        let made: Vec<&Variant> = processed
            .variants
            .iter()
            .filter(|v| v.cached != source)
            .collect();
        let missing: Vec<&Variant> = made
            .iter()
            .copied()
            .filter(|v| !v.cached.is_file())
            .collect();
        self.reused
            .fetch_add(made.len() - missing.len(), Ordering::Relaxed);
        if missing.is_empty() {
            return Ok(());
        }
        let image = ImageReader::open(source)
            .map_err(|e| format!("cannot read the file: {e}"))?
            .with_guessed_format()
            .map_err(|e| e.to_string())?
            .decode()
            .map_err(|e| format!("the image cannot be decoded: {e}"))?;
        let folder = self.dir.join("images");
        std::fs::create_dir_all(&folder).map_err(|source| {
            ImageError::Cache(CacheError {
                path: folder.clone(),
                source,
            })
        })?;
        for variant in missing {
            let resized = if variant.width == image.width() {
                image.clone()
            } else {
                image.resize_exact(variant.width, variant.height, FilterType::Lanczos3)
            };
            let bytes = encode(&resized, variant.format)?;
            let path = &variant.cached;
            // Written aside then renamed: another build sharing the cache never reads half
            // a file.
            let temp = folder.join(format!(
                ".{}.{}.{:?}.tmp",
                variant.key,
                std::process::id(),
                std::thread::current().id()
            ));
            if let Err(source) =
                std::fs::write(&temp, &bytes).and_then(|()| std::fs::rename(&temp, path))
            {
                // A half-written temporary file would stay in the cache for ever.
                let _cleanup = std::fs::remove_file(&temp);
                return Err(ImageError::Cache(CacheError {
                    path: path.clone(),
                    source,
                }));
            }
            self.encoded.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }
}

/// Height of a picture of `width`×`height` scaled to `w` wide, at least one pixel.
fn scaled_height(width: u32, height: u32, w: u32) -> u32 {
    let h = (u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(h).unwrap_or(u32::MAX).max(1)
}

fn encode(image: &DynamicImage, format: Format) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match format {
        Format::Webp => {
            let rgba = image.to_rgba8();
            let opaque = rgba.pixels().all(|p| p.0[3] == 255);
            let encoder = if opaque {
                let rgb = image.to_rgb8();
                webp::Encoder::from_rgb(rgb.as_raw(), rgb.width(), rgb.height())
                    .encode_simple(false, f32::from(QUALITY))
                    .map(|m| m.to_vec())
            } else {
                webp::Encoder::from_rgba(rgba.as_raw(), rgba.width(), rgba.height())
                    .encode_simple(false, f32::from(QUALITY))
                    .map(|m| m.to_vec())
            };
            out = encoder.map_err(|e| format!("WebP encoding failed: {e:?}"))?;
        }
        Format::Jpeg => {
            let rgb = image.to_rgb8();
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, QUALITY);
            rgb.write_with_encoder(encoder)
                .map_err(|e| format!("JPEG encoding failed: {e}"))?;
        }
        Format::Png => {
            let encoder = image::codecs::png::PngEncoder::new_with_quality(
                &mut out,
                image::codecs::png::CompressionType::Best,
                image::codecs::png::FilterType::Adaptive,
            );
            image
                .write_with_encoder(encoder)
                .map_err(|e| format!("PNG encoding failed: {e}"))?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picture(dir: &Path, name: &str, width: u32, height: u32) -> PathBuf {
        let image = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
        });
        let path = dir.join(name);
        image.save(&path).unwrap();
        path
    }

    #[test]
    fn a_picture_gets_three_widths_in_webp_and_its_own_format_then_comes_from_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let source = picture(dir.path(), "poster.jpg", 600, 900);
        let cache = ImageCache::new(dir.path().join("cache"));
        let plan = cache.plan(&source).unwrap().unwrap();
        assert_eq!((plan.width, plan.height), (600, 900));
        let sizes: Vec<(u32, u32, Format)> = plan
            .variants
            .iter()
            .map(|v| (v.width, v.height, v.format))
            .collect();
        assert_eq!(
            sizes,
            [
                (240, 360, Format::Webp),
                (240, 360, Format::Jpeg),
                (480, 720, Format::Webp),
                (480, 720, Format::Jpeg),
                (600, 900, Format::Webp),
                (600, 900, Format::Jpeg),
            ]
        );
        cache.ensure(&source, &plan).unwrap();
        // The JPEG at its own width is the source file itself.
        assert_eq!(plan.variants[5].cached, source);
        assert_eq!(cache.counts(), (5, 0));
        for v in &plan.variants {
            let bytes = std::fs::read(&v.cached).unwrap();
            let size = if v.format == Format::Webp {
                let decoded = webp::Decoder::new(&bytes).decode().unwrap();
                (decoded.width(), decoded.height())
            } else {
                let decoded = image::load_from_memory(&bytes).unwrap();
                (decoded.width(), decoded.height())
            };
            assert_eq!(size, (v.width, v.height), "{}", v.name);
            let format = image::guess_format(&bytes).unwrap();
            let expected = match v.format {
                Format::Webp => ImageFormat::WebP,
                Format::Jpeg => ImageFormat::Jpeg,
                Format::Png => ImageFormat::Png,
            };
            assert_eq!(format, expected, "{}", v.name);
        }
        // The same picture again: nothing is encoded.
        let again = ImageCache::new(dir.path().join("cache"));
        assert_eq!(again.plan(&source).unwrap().unwrap(), plan);
        again.ensure(&source, &plan).unwrap();
        assert_eq!(again.counts(), (0, 5));
        // A changed picture gets new names and is encoded.
        let changed = picture(dir.path(), "poster.jpg", 600, 800);
        let replan = again.plan(&changed).unwrap().unwrap();
        assert!(replan.variants.iter().all(|v| !plan.variants.contains(v)));
        again.ensure(&changed, &replan).unwrap();
        assert_eq!(again.counts(), (5, 5));
    }

    #[test]
    fn small_pictures_keep_their_width_and_other_formats_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let source = picture(dir.path(), "icon.png", 200, 100);
        let cache = ImageCache::new(dir.path().join("cache"));
        let plan = cache.plan(&source).unwrap().unwrap();
        let widths: Vec<(u32, Format)> =
            plan.variants.iter().map(|v| (v.width, v.format)).collect();
        assert_eq!(widths, [(200, Format::Webp), (200, Format::Png)]);
        std::fs::write(dir.path().join("anim.gif"), b"GIF89a").unwrap();
        assert_eq!(cache.plan(&dir.path().join("anim.gif")).unwrap(), None);
    }

    #[test]
    fn a_broken_picture_is_an_error_that_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("poster.jpg");
        std::fs::write(&path, b"this is not a jpeg").unwrap();
        let cache = ImageCache::new(dir.path().join("cache"));
        let error = cache.plan(&path).unwrap_err();
        assert!(error.contains("not a readable jpg image"), "{error}");
    }
}
