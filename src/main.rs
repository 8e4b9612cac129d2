//! The `gisa` binary: parse the command line, load config and store, dispatch.

fn main() {}
