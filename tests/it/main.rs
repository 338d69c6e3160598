//! Standpoint's integration tests, one binary with a module per area, so the library and its
//! dependencies are linked once (issue 14). Run everything with `cargo test --release`, one area
//! with a filter on its module path: `cargo test --release --test it browser::`.
//!
//! The tests share one process: nothing here sets environment variables, changes the current
//! folder or installs a global logger; each server, child process and browser takes its own
//! ephemeral port and temporary folder.

mod support;

// The pipeline: loading, extraction, the seeds and their gold set, scale, shards.
mod constructions;
mod corpus;
mod eval;
mod extract;
mod formats;
mod own_topics;
mod properties;
mod scale;
mod seeds;
mod shards;

// The web app: pages, API, cache, search, share card, absolute links, pages at scale.
mod beyond;
mod cache;
mod card;
mod fragments;
mod public_url;
mod scale_pages;
mod search;
mod web;

// Hardening: hostile files, hostile requests, injection.
mod hostile_corpus;
mod hostile_requests;
mod injection;

// The built binary and the documentation as users meet them; a real browser.
mod browser;
mod cli;
mod container;
mod docs;
