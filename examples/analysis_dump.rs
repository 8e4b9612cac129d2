//! Prints what gisa made of every article of a folder, one JSON object per line, in the store's
//! order: `cargo run --release --example analysis_dump -- FOLDER > out.jsonl`. Run before and
//! after a change meant to make the extractor or the entity finder faster, and compare the two
//! files: a speed-up must change nothing. Not part of gisa itself; it never uses the cache.

use std::io::Write;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        return Err("usage: analysis_dump FOLDER".into());
    };
    let config = gisa::config::Config::load(None)?;
    let store = gisa::load::load_dir(&dir, &config.outlets, &config.lexicon)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for article in store.whole_articles()? {
        serde_json::to_writer(&mut out, &article)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
