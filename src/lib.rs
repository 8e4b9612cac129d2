//! gisa: a terminal reader for news archives.
//!
//! Data flows one way: files -> [`load`] (with [`extract`]) -> [`store::Store`] -> the CLI
//! commands and the reader ([`tui`]). Only `tui` knows about the terminal.

pub mod article;
pub mod cli;
pub mod clipboard;
pub mod commands;
pub mod config;
pub mod dossier;
pub mod entities;
pub mod export;
pub mod extract;
pub mod intake;
pub mod lexicon;
pub mod load;
pub mod marks;
pub mod pack;
pub mod query;
pub mod related;
pub mod sanitize;
pub mod store;
pub mod timeref;
pub mod topics;
pub mod tui;
pub mod width;
