//! Attribution: who holds the content of each clause.

use super::{Extraction, Extractor};
use crate::corpus::Document;
use crate::text::Segmented;

pub(super) fn extract(_ex: &Extractor, _doc: &Document, _text: &Segmented) -> Extraction {
    Extraction::default()
}
