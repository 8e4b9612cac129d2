//! Any bytes (at most 64 KiB) as an article file, sometimes with a sidecar, loaded by `load_dir`
//! with the built-in config: no panic, and every problem message is one clean line.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use gisa::config::{Config, DEFAULT_TOML};
use gisa::load::load_dir;
use libfuzzer_sys::fuzz_target;

const MAX_INPUT: usize = 64 * 1024;

static CONFIG: LazyLock<Config> = LazyLock::new(|| {
    Config::from_toml(DEFAULT_TOML, Path::new("config.toml"), Path::new("."))
        .expect("the built-in config parses")
});

/// One folder for the whole run; each input overwrites its files.
static DIR: LazyLock<tempfile::TempDir> =
    LazyLock::new(|| tempfile::tempdir().expect("a temporary folder"));

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_INPUT || data.is_empty() {
        return;
    }
    // First byte odd: the bytes after the first `\n===\n` are a sidecar `a.toml`.
    let (article, sidecar) = match data[0] & 1 {
        1 => match data.windows(5).position(|w| w == b"\n===\n") {
            Some(at) => (&data[1..at.max(1)], Some(&data[at + 5..])),
            None => (&data[1..], None),
        },
        _ => (&data[1..], None),
    };
    let dir = DIR.path();
    std::fs::write(dir.join("a.txt"), article).expect("write a.txt");
    let side = dir.join("a.toml");
    match sidecar {
        Some(s) => std::fs::write(&side, s).expect("write a.toml"),
        None => {
            let _ = std::fs::remove_file(&side);
        }
    }
    let store = load_dir(dir, &CONFIG.outlets, &CONFIG.lexicon).expect("the folder loads");
    assert!(store.len() <= 1);
    for p in store.problems() {
        let shown = p.to_string();
        assert!(
            !shown.chars().any(|c| c.is_control() || c == '\u{202E}'),
            "{shown:?}"
        );
    }
});
