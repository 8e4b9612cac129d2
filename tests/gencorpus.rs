//! The synthetic corpus generator (`examples/gencorpus.rs`): the same seed gives the same bytes,
//! it never writes into a repository or over files, and gisa's extractor reads what it writes.
//! `cargo test` builds the examples before it runs this. About a second and a half in all, most of it the
//! unoptimised extractor reading 60 articles.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::{Command, Output};

const COUNT: &str = "250";
/// Fewer for the extractor test: an unoptimised extractor takes about 20 ms an article.
const READ_COUNT: &str = "60";

fn run(args: &[&str]) -> Output {
    Command::new(common::example("gencorpus"))
        .args(args)
        .output()
        .expect("run gencorpus")
}

/// Every file under `dir` with its bytes, by path inside `dir`, sorted.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().display().to_string();
                out.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_does_not() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    for (dir, seed) in [(&a, "7"), (&b, "7"), (&c, "8")] {
        let o = run(&[dir.to_str().unwrap(), "--count", COUNT, "--seed", seed]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(String::from_utf8_lossy(&o.stdout).contains(&format!("wrote {COUNT} files")));
    }
    let (fa, fb, fc) = (files(&a), files(&b), files(&c));
    assert_eq!(fa.len(), COUNT.parse::<usize>().unwrap());
    assert!(fa == fb, "two runs with one seed differ");
    assert!(fa != fc, "two seeds gave the same corpus");
    // Every template slot was filled.
    for (name, bytes) in &fa {
        let text = String::from_utf8(bytes.clone()).expect("UTF-8");
        assert!(!text.contains('{'), "{name} has an unfilled slot");
    }
}

#[test]
fn refuses_a_folder_in_the_repository_or_with_files_in_it() {
    let inside = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/gencorpus-refused");
    let o = run(&[inside.to_str().unwrap(), "--count", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("git work tree"));
    assert!(!inside.exists());

    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("keep.txt"), "mine").unwrap();
    let o = run(&[tmp.path().to_str().unwrap(), "--count", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("already contains files"));
    assert_eq!(files(tmp.path()).len(), 1);
}

/// The extractor reads the generated pages as the truth file says it should, apart from the
/// page shapes the generator tags as known quirks.
#[test]
fn the_extractor_reads_the_generated_articles() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    let truth = tmp.path().join("truth.tsv");
    let o = run(&[
        dir.to_str().unwrap(),
        "--count",
        READ_COUNT,
        "--truth",
        truth.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let config = gisa::config::Config::from_toml(
        gisa::config::DEFAULT_TOML,
        Path::new("config.toml"),
        Path::new(""),
    )
    .unwrap();
    let store = gisa::load::load_dir(&dir, &config.outlets, &config.lexicon).unwrap();
    assert!(store.problems().is_empty(), "{:?}", store.problems());
    assert_eq!(store.articles().len(), READ_COUNT.parse::<usize>().unwrap());
    let (mut checked, mut right) = ([0usize; 3], [0usize; 3]);
    for line in std::fs::read_to_string(&truth).unwrap().lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let [file, headline, outlet, _publisher, date, _dateline, quirk] = f[..] else {
            panic!("bad truth line {line:?}");
        };
        if !quirk.is_empty() {
            continue;
        }
        let a = store
            .articles()
            .iter()
            .find(|a| a.file == file)
            .expect("loaded");
        let got = [
            a.headline.value.clone(),
            a.outlet.value.clone(),
            a.date.value.map(|d| d.to_string()),
        ];
        for (i, want) in [headline, outlet, date].into_iter().enumerate() {
            if !want.is_empty() {
                checked[i] += 1;
                right[i] += usize::from(got[i].as_deref() == Some(want));
            }
        }
    }
    for (i, field) in ["headline", "outlet", "date"].into_iter().enumerate() {
        assert!(
            right[i] * 100 >= checked[i] * 95,
            "{field}: {} of {} right",
            right[i],
            checked[i]
        );
    }
}
