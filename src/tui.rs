//! The terminal reader: keys become Actions through one table, `update` applies them to
//! `AppState`, and pure render functions draw the state. The only module tree that knows
//! ratatui and crossterm.

pub mod action;
pub mod keymap;
pub mod state;
pub mod ui;
pub mod update;
