//! vitrine: a static site generator for a cultural network's multilingual catalogue.
//!
//! The pipeline, one module per stage: [`schema`] is the typed shape of every YAML file;
//! [`config`] reads `site.yaml`; [`content`] loads and parses records; [`site`] resolves
//! references and addresses; [`render`] turns the site into pages with the theme; [`output`]
//! writes them; [`pipeline`] sequences the stages and [`cli`] is the command line; [`check`]
//! examines the rendered site. Problems in users' files are [`diagnostics`]. The arrows run
//! one way: `scripts/structure.py` (run by the test suite) fails on any import cycle.

pub mod builtin;
pub mod check;
pub mod cli;
pub mod cms;
pub mod config;
pub mod content;
pub mod coverage;
pub mod diagnostics;
pub mod hash;
pub mod images;
pub mod init;
pub mod locale;
pub mod output;
pub mod pictures;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod schema;
pub mod search;
pub mod serve;
pub mod session;
pub mod site;
