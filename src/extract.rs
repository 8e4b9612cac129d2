//! Messy pasted page text -> clean article fields. Pure functions: no I/O, no terminal.

pub mod outlet;
