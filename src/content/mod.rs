//! The site's sources: walking `content/` and `data/` ([`load`]) and turning files into typed
//! records ([`parse`]).
//!
//! This module owns the content layout (which folder holds which kind, what a record folder
//! contains) and the per-file schema. It reports problems that one file shows on its own;
//! problems between files (unknown theme, duplicate id, missing image) are `site`'s.

pub mod json_schema;
pub mod scaffold;

mod bulk;
mod layout;
pub mod load;
mod parse;
mod record;
mod sheet;

pub use layout::{
    COLLECTION_FILE, COLLECTIONS_FOLDER, Kind, MAX_ID_LEN, PAGES_FOLDER, RECORD_FILE, is_valid_id,
    is_valid_slug,
};
pub use load::{CollectionSource, PageSource, RecordSource, SourceFile, Sources, load};
pub use parse::{
    Collection, Page, PageTranslation, Records, Vocabularies, parse, parse_bulk_file, parse_record,
    reread_bulk, split_front_matter,
};
pub use record::{Details, Record, Translation};
pub use sheet::name_columns;
