//! The terminal reader: keys become Actions through one table, and the state they change lives
//! in `AppState`. The only module tree that knows ratatui and crossterm.

pub mod action;
pub mod keymap;
pub mod state;
