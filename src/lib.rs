//! Standpoint: who said what about a topic, and where exactly they said it.
//!
//! The pipeline runs one way, each stage a module with one type in and one out:
//!
//! - [`corpus`]: a folder of `.txt`/`.md` files → [`corpus::Document`]s (raw text, metadata with
//!   the publication date, paragraphs with boilerplate marked), plus the files it skipped and why.
//! - [`text`]: a document → [`text::Segmented`] sentences with byte spans into the original file.
//! - [`extract`]: sentences → grounded [`extract::Claim`]s (actor, topic, stance, evidence, span)
//!   and the dates of their statements, in stages: actor mentions → attribution frames (holder,
//!   cue, content span, kind), one module per construction → topics in the content, named or
//!   carried over → stance → claims.
//! - [`index`]: documents and claims → the read-only [`index::Index`] that pages and exports query.
//! - [`web`]: the axum application that renders the index.
//!
//! Leaves that any stage may use, and that use none of them: `layout` (byte [`Span`]s and the
//! blocks they mark), [`dates`] (the date lexicon and the periods it resolves), `pattern` (how
//! lexicon regexes are compiled).
//!
//! [`eval`] scores an index's claims against a gold annotation (`standpoint eval`).
//!
//! [`allocator`] is the global allocator the binary, benchmarks and examples install.
//!
//! [`config`] carries the domain knowledge (topics, actors, cue words) as data; [`cli`] is the
//! command-line surface that `main.rs` parses and hands over.

pub mod allocator;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod dates;
pub mod eval;
pub mod extract;
pub mod index;
mod layout;
mod pattern;
pub mod synth;
pub mod text;
pub mod web;

pub use config::Config;
pub use extract::{ActorRef, Claim, ClaimKind, Stance};
pub use index::Index;
pub use layout::Span;
