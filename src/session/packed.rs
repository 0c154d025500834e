//! The files of a build kept in memory compressed, as the preview holds them: a catalogue of
//! tens of thousands of records makes gigabytes of HTML, which gzip makes several times
//! smaller. Pages are kept so that a browser gets them still compressed, with the preview's
//! reload script and error overlay added, without inflating them; clients that do not
//! accept gzip get them inflated.
//!
//! A page is cut where the preview adds its script (before its last `</body>`): the part
//! before is a raw deflate stream ended by a sync flush (byte-aligned, not final), so that
//! another deflate stream can follow it; the rest is kept as it is (a few bytes). A gzip
//! answer is the gzip header, that stream, the added text and the rest deflated, and the
//! checksum of the whole, combined from the one of the part before (kept) and the one of
//! what follows. Other text files (styles, scripts, feeds, JSON) are kept gzipped whole;
//! pictures, fonts and files that are already compressed or too small to gain are kept as
//! they are. What is served is byte for byte what was rendered: tests inflate it back.
//!
//! This module does not decide what is added to a page (`serve` does) nor what the client
//! accepts.

use std::collections::BTreeMap;
use std::sync::Arc;

use bytes::Bytes;
use flate2::{Compress, Compression, Crc, Decompress, FlushCompress, FlushDecompress, Status};

/// The deflate level of pages and files. Level 1 inflates as fast as the others and
/// compresses several times faster than the default (6), for a few per cent more bytes:
/// the first build of a large catalogue waits for it (`scripts/bench-serve.py --memory`).
const LEVEL: u32 = 1;

/// Files smaller than this are kept as they are: gzip's 18 bytes of framing and a block
/// header would eat most of the gain.
const SMALL: usize = 256;

/// The text before which the preview adds to a page.
const BODY_END: &[u8] = b"</body>";

/// The gzip header of a deflate stream without name, time or flags (RFC 1952): the OS byte
/// says "unknown".
const GZIP_HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

/// A build's files, by output path (`fr/index.html`).
pub type Files = BTreeMap<String, Arc<Packed>>;

/// One output file as the preview keeps it.
#[derive(Debug)]
pub struct Packed(Body);

#[derive(Debug)]
enum Body {
    /// Kept as it is.
    Plain(Bytes),
    /// gzip of the whole file, and its length once inflated.
    Gzip(Bytes, usize),
    /// A page cut before its last `</body>`.
    Page(Page),
}

#[derive(Debug)]
struct Page {
    /// Raw deflate of the part before the cut, ended by a sync flush.
    head: Vec<u8>,
    /// Checksum (and length) of the part before the cut.
    crc: Crc,
    /// The part from the cut on, as it is.
    tail: Vec<u8>,
}

impl Packed {
    /// Packs the file `path` (an output path: `fr/index.html`): HTML pages are cut for
    /// [`Packed::page`], other text is gzipped when that makes it smaller.
    pub fn new(path: &str, bytes: Vec<u8>) -> Packed {
        let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
        if ext.eq_ignore_ascii_case("html") {
            let cut = find_last(&bytes, BODY_END).unwrap_or(bytes.len());
            let mut crc = Crc::new();
            crc.update(&bytes[..cut]);
            let mut head = deflate(&bytes[..cut], FlushCompress::Sync);
            head.shrink_to_fit();
            return Packed(Body::Page(Page {
                head,
                crc,
                tail: bytes[cut..].to_vec(),
            }));
        }
        // Search shards are gzipped already.
        if bytes.len() < SMALL || !compressible(ext) || bytes.starts_with(&GZIP_HEADER[..2]) {
            return Packed(Body::Plain(bytes.into()));
        }
        let gz = gzip(&bytes);
        if gz.len() >= bytes.len() - bytes.len() / 10 {
            return Packed(Body::Plain(bytes.into()));
        }
        Packed(Body::Gzip(gz.into(), bytes.len()))
    }

    /// Packs a file that another owner keeps too (the search index keeps its gzipped
    /// shards for its next rebuild): one already gzipped is shared, not copied.
    pub fn shared(path: &str, bytes: Arc<Vec<u8>>) -> Packed {
        if bytes.starts_with(&GZIP_HEADER[..2]) {
            return Packed(Body::Plain(Bytes::from_owner(SharedBytes(bytes))));
        }
        Packed::new(path, Arc::unwrap_or_clone(bytes))
    }

    /// True for a page, which the preview adds to.
    pub fn is_page(&self) -> bool {
        matches!(self.0, Body::Page(_))
    }

    /// The file as it was rendered (a page with `extra` added before its last `</body>`,
    /// or at its end; `extra` is ignored for other files).
    pub fn plain(&self, extra: &[u8]) -> Bytes {
        match &self.0 {
            Body::Plain(bytes) => bytes.clone(),
            Body::Gzip(gz, len) => inflate(&gz[GZIP_HEADER.len()..], *len).into(),
            Body::Page(page) => {
                let head_len = page.crc.amount() as usize;
                let mut out = inflate(&page.head, head_len + extra.len() + page.tail.len());
                out.extend_from_slice(extra);
                out.extend_from_slice(&page.tail);
                out.into()
            }
        }
    }

    /// The file gzipped, as [`Packed::plain`] gives it, when it is kept compressed; `None`
    /// for a file kept as it is (a picture, say: gzip would not make it smaller).
    pub fn gzip(&self, extra: &[u8]) -> Option<Bytes> {
        match &self.0 {
            Body::Plain(_) => None,
            Body::Gzip(gz, _) => Some(gz.clone()),
            Body::Page(page) => {
                let mut rest = extra.to_vec();
                rest.extend_from_slice(&page.tail);
                let mut crc = Crc::new();
                crc.combine(&page.crc);
                let mut more = Crc::new();
                more.update(&rest);
                crc.combine(&more);
                let end = deflate(&rest, FlushCompress::Finish);
                Some(framed(&[&page.head, &end], &crc).into())
            }
        }
    }

    /// Bytes held in memory for this file (what the tests weigh).
    #[cfg(test)]
    pub fn held(&self) -> usize {
        match &self.0 {
            Body::Plain(bytes) => bytes.len(),
            Body::Gzip(gz, _) => gz.len(),
            Body::Page(page) => page.head.len() + page.tail.len(),
        }
    }
}

/// Bytes shared with another owner.
struct SharedBytes(Arc<Vec<u8>>);

impl AsRef<[u8]> for SharedBytes {
    fn as_ref(&self) -> &[u8] {
        self.0.as_slice()
    }
}

/// True for the extensions of text formats, which gzip shrinks.
fn compressible(ext: &str) -> bool {
    let ext = ext.to_ascii_lowercase();
    matches!(
        ext.as_str(),
        "css" | "js" | "mjs" | "json" | "xml" | "svg" | "txt" | "ics" | "yml" | "yaml" | "md"
    )
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// A gzip file of `bytes`.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut crc = Crc::new();
    crc.update(bytes);
    let mut out = framed(&[&deflate(bytes, FlushCompress::Finish)], &crc);
    out.shrink_to_fit();
    out
}

/// A gzip member: the header, the raw deflate stream in `parts`, then the trailer of the
/// data whose checksum and length `crc` holds.
fn framed(parts: &[&[u8]], crc: &Crc) -> Vec<u8> {
    let len = parts.iter().map(|p| p.len()).sum::<usize>();
    let mut out = Vec::with_capacity(GZIP_HEADER.len() + len + 8);
    out.extend_from_slice(&GZIP_HEADER);
    for part in parts {
        out.extend_from_slice(part);
    }
    out.extend_from_slice(&crc.sum().to_le_bytes());
    out.extend_from_slice(&crc.amount().to_le_bytes());
    out
}

/// A raw deflate stream of `input`, ended by `flush`: `Sync` leaves it open, byte-aligned,
/// for another stream to follow; `Finish` ends it.
fn deflate(input: &[u8], flush: FlushCompress) -> Vec<u8> {
    let mut compress = Compress::new(Compression::new(LEVEL), false);
    let mut out = Vec::with_capacity(input.len() / 4 + 64);
    loop {
        let consumed = usize::try_from(compress.total_in()).unwrap_or(input.len());
        let status = compress.compress_vec(&input[consumed.min(input.len())..], &mut out, flush);
        let all_in = usize::try_from(compress.total_in()).is_ok_and(|n| n == input.len());
        let done = match status {
            Ok(Status::StreamEnd) => true,
            // A flush is complete once the input is taken and output room is left over.
            Ok(_) => all_in && out.len() < out.capacity() && flush != FlushCompress::Finish,
            // Compressing into a Vec with room only fails on a bug in the compressor.
            Err(_) => true,
        };
        if done {
            return out;
        }
        out.reserve(out.capacity().max(64));
    }
}

/// The bytes of the raw deflate stream `input` (complete or sync-flushed), of which about
/// `expected` are wanted (room for them is made at once).
fn inflate(input: &[u8], expected: usize) -> Vec<u8> {
    let mut decompress = Decompress::new(false);
    let mut out = Vec::with_capacity(expected.max(64));
    loop {
        let consumed = usize::try_from(decompress.total_in()).unwrap_or(input.len());
        let before = out.len();
        let status = decompress.decompress_vec(
            &input[consumed.min(input.len())..],
            &mut out,
            FlushDecompress::Sync,
        );
        let all_in = usize::try_from(decompress.total_in()).is_ok_and(|n| n >= input.len());
        match status {
            Ok(Status::StreamEnd) | Err(_) => return out,
            Ok(_) if all_in && out.len() < out.capacity() => return out,
            Ok(_) if out.len() == before && out.len() < out.capacity() => return out,
            Ok(_) => out.reserve(out.capacity().max(64)),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn gunzip(gz: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        // flate2's reader checks the checksum and the length.
        flate2::read::GzDecoder::new(gz)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    fn page(words: usize) -> Vec<u8> {
        let body: String = (0..words)
            .map(|n| format!("<p>mot {n} — été</p>"))
            .collect();
        format!("<!DOCTYPE html><html><body>{body}</body>\n</html>\n").into_bytes()
    }

    #[test]
    fn a_page_comes_back_with_the_extra_text_before_its_last_body_end_plain_or_gzipped() {
        let extra = b"<script>reload()</script>";
        for html in [page(0), page(3), page(20_000)] {
            let packed = Packed::new("fr/films/x/index.html", html.clone());
            assert!(packed.is_page());
            let text = String::from_utf8(html).unwrap();
            let cut = text.rfind("</body>").unwrap();
            let want = format!("{}<script>reload()</script>{}", &text[..cut], &text[cut..]);
            assert_eq!(
                String::from_utf8(packed.plain(extra).to_vec()).unwrap(),
                want
            );
            assert_eq!(
                String::from_utf8(gunzip(&packed.gzip(extra).unwrap())).unwrap(),
                want
            );
            assert_eq!(String::from_utf8(packed.plain(b"").to_vec()).unwrap(), text);
        }
        let large = Packed::new("a.html", page(20_000));
        assert!(large.held() * 3 < page(20_000).len(), "kept compressed");
    }

    #[test]
    fn a_page_without_body_end_gets_the_extra_text_at_its_end() {
        let packed = Packed::new("404.html", b"<p>Not found".to_vec());
        assert_eq!(packed.plain(b"<s>"), &b"<p>Not found<s>"[..]);
        assert_eq!(gunzip(&packed.gzip(b"<s>").unwrap()), b"<p>Not found<s>");
    }

    #[test]
    fn text_is_gzipped_and_pictures_and_small_files_are_kept_as_they_are() {
        let css = "a { color: red }\n".repeat(100).into_bytes();
        let packed = Packed::new("static/style.css", css.clone());
        assert_eq!(gunzip(&packed.gzip(b"").unwrap()), css);
        assert_eq!(packed.plain(b"ignored"), css);
        assert!(packed.held() < css.len() / 4);
        for (path, bytes) in [
            ("media/x/poster.jpg", css.clone()),
            ("robots.txt", b"User-agent: *\n".to_vec()),
        ] {
            let packed = Packed::new(path, bytes.clone());
            assert!(!packed.is_page());
            assert_eq!(packed.gzip(b""), None);
            assert_eq!(packed.plain(b""), bytes);
        }
        // Already compressed: gzip would not gain, the bytes stay as they are.
        let mut seed = 1u32;
        let noise: Vec<u8> = (0..4000)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (seed >> 16) as u8
            })
            .collect();
        let gz = gzip(&noise);
        assert!(gz.len() > SMALL);
        let shard = Packed::new("search/fr/t/0.json", gz.clone());
        assert_eq!(shard.gzip(b""), None);
        assert_eq!(shard.plain(b""), gz);
    }
}
