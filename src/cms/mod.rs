//! The CMS editors use in the browser: the admin page vitrine publishes under `/admin/`.
//!
//! `assets` owns the page and the vendored Sveltia CMS files it runs.

pub mod assets;
