//! vitrine: a static site generator for a cultural network's multilingual catalogue.
//!
//! The pipeline, one module per stage: [`config`] reads `site.yaml`; [`content`] loads and
//! parses records; [`site`] resolves references and addresses; [`render`] turns the site
//! into pages with the theme; [`output`] writes them; [`pipeline`] sequences the stages and
//! [`cli`] is the command line; [`check`] examines the rendered site. Problems in users' files are [`diagnostics`].

pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod coverage;
pub mod diagnostics;
pub mod hash;
pub mod images;
pub mod locale;
pub mod output;
pub mod pictures;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod search;
pub mod serve;
pub mod session;
pub mod site;
