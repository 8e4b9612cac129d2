use std::fs;
use std::path::Path;
use std::time::Duration;

use super::TEST_DIR;
use crate::article::Article;
use crate::config::Config;
use crate::load::{Problem, Timings, load_timed};
use crate::store::Store;

const STORY: &str = "Leaders agree to hold summit talks\n\n\
    SEOUL (Reuters) - South Korean President Yoon Suk Yeol and Japanese Prime Minister \
    Fumio Kishida agreed on Thursday to meet again next month in Tokyo.\n\n\
    The two leaders spoke about the 2019 dispute over GSOMIA.\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, bytes).unwrap();
}

/// A folder of the files a load meets: stories, front matter, sidecars good and bad, a nested
/// folder, a Latin-1 file, a binary file and an empty one.
fn corpus(dir: &Path) {
    write(dir, "a.txt", STORY.as_bytes());
    write(
        dir,
        "b.txt",
        b"Japan lifts export curbs\n\nMarch 16, 2023\n\nBy Kim Tong-hyung\n\nTOKYO (AP) - Japan lifted curbs on exports to South Korea on Thursday.\n",
    );
    write(
        dir,
        "front.txt",
        format!("+++\ndate = \"2019-11-23\"\ntags = [\"pact\"]\n+++\n{STORY}").as_bytes(),
    );
    write(dir, "side.txt", STORY.as_bytes());
    write(dir, "side.toml", b"outlet = \"Yonhap\"\n");
    write(dir, "bad-side.txt", STORY.as_bytes());
    write(dir, "bad-side.toml", b"outlet = \n");
    write(dir, "sub/c.txt", STORY.replace("Tokyo", "Seoul").as_bytes());
    write(
        dir,
        "latin1.txt",
        b"Caf\xe9 talks in Seoul go on\n\nSEOUL - Talks went on.\n",
    );
    write(dir, "bin.txt", b"\0\0\0binary");
    write(dir, "empty.txt", b"");
}

/// A load of `root` with the built-in config under `fingerprint`, its cache in `cache` (files
/// kept once left alone for `settle`).
fn load(root: &Path, cache: &Path, settle: Duration, fingerprint: u64) -> (Store, Timings) {
    let config = Config::load(None).unwrap();
    TEST_DIR.with(|d| *d.borrow_mut() = Some((cache.to_path_buf(), settle)));
    let got = load_timed(
        root,
        &config.outlets,
        &config.lexicon,
        &config.load,
        Some(fingerprint),
    );
    TEST_DIR.with(|d| *d.borrow_mut() = None);
    got.unwrap()
}

/// A load of `root` that knows of no cache.
fn load_without_cache(root: &Path) -> (Store, Timings) {
    let config = Config::load(None).unwrap();
    load_timed(root, &config.outlets, &config.lexicon, &config.load, None).unwrap()
}

/// What a load gives: every article and every problem.
fn contents(store: &Store) -> (Vec<Article>, Vec<Problem>) {
    (store.whole_articles().unwrap(), store.problems().to_vec())
}

/// The one cache file in `dir`.
fn cache_file(dir: &Path) -> std::path::PathBuf {
    let files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

#[test]
fn a_second_load_takes_every_file_from_the_cache_and_gives_the_same() {
    let (root, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    corpus(root.path());
    let (cold, t1) = load(root.path(), cache.path(), Duration::ZERO, 1);
    assert_eq!(t1.cached, 0);
    assert_eq!(t1.files_read, 9, "every file read once");
    assert!(t1.cache_report.written.is_some(), "{:?}", t1.cache_report);
    assert!(cold.len() >= 7 && !cold.problems().is_empty());

    let (warm, t2) = load(root.path(), cache.path(), Duration::ZERO, 1);
    assert_eq!(t2.cached, 9, "{:?}", t2.cache_report);
    assert_eq!(t2.files_read, 0, "no file read again");
    assert_eq!(
        t2.cache_report.written, None,
        "nothing changed: not rewritten"
    );
    assert_eq!(contents(&warm), contents(&cold));

    // The same as a load that never saw a cache.
    let (plain, t3) = load_without_cache(root.path());
    assert_eq!(t3.cached, 0);
    assert_eq!(contents(&plain), contents(&warm));
}

#[test]
fn changed_added_and_removed_files_are_read_again_and_the_rest_kept() {
    let (root, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    corpus(root.path());
    load(root.path(), cache.path(), Duration::ZERO, 1);

    // Same length, other words: told apart by its times, set well away from the first ones.
    let same_len = STORY.replace("Tokyo", "Osaka");
    assert_eq!(same_len.len(), STORY.len());
    write(root.path(), "a.txt", same_len.as_bytes());
    let old = std::time::SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(root.path().join("a.txt"))
        .unwrap()
        .set_modified(old)
        .unwrap();
    write(root.path(), "side.toml", b"outlet = \"Kyodo\"\n");
    write(root.path(), "new.txt", STORY.as_bytes());
    fs::remove_file(root.path().join("b.txt")).unwrap();

    let (store, t) = load(root.path(), cache.path(), Duration::ZERO, 1);
    assert_eq!(
        t.files_read, 3,
        "a.txt, side.txt and new.txt: {:?}",
        t.cache_report
    );
    assert_eq!(t.cached, 6);
    assert!(t.cache_report.written.is_some());
    let by_id = |id: &str| store.slot_of(id).map(|i| store.article(i).unwrap());
    assert!(by_id("a").unwrap().body.iter().any(|p| p.contains("Osaka")));
    assert_eq!(by_id("side").unwrap().outlet.get().unwrap(), "Kyodo");
    assert!(by_id("new").is_some());
    assert!(by_id("b").is_none(), "a removed file is gone");

    // And what was rewritten serves the next load whole.
    let (again, t) = load(root.path(), cache.path(), Duration::ZERO, 1);
    assert_eq!((t.cached, t.files_read), (9, 0));
    assert_eq!(contents(&again), contents(&store));
}

#[test]
fn another_configuration_does_not_use_the_cache() {
    let (root, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    corpus(root.path());
    load(root.path(), cache.path(), Duration::ZERO, 1);
    let (_, t) = load(root.path(), cache.path(), Duration::ZERO, 2);
    assert_eq!((t.cached, t.files_read), (0, 9));
    assert!(
        t.cache_report.written.is_some(),
        "replaced by one for this config"
    );
    let (_, t) = load(root.path(), cache.path(), Duration::ZERO, 2);
    assert_eq!(t.cached, 9);
}

#[test]
fn a_damaged_cache_is_never_believed() {
    let (root, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    corpus(root.path());
    let (cold, _) = load(root.path(), cache.path(), Duration::ZERO, 1);
    let path = cache_file(cache.path());
    let good = fs::read(&path).unwrap();

    // A byte of an entry flipped: that file is analysed again, the cache removed.
    let mut bad = good.clone();
    bad[10] ^= 0x55;
    fs::write(&path, &bad).unwrap();
    let (store, t) = load(root.path(), cache.path(), Duration::ZERO, 1);
    assert_eq!(contents(&store), contents(&cold));
    assert_eq!(t.files_read, 1, "{:?}", t.cache_report);
    assert!(!path.exists(), "removed: {:?}", t.cache_report);
    let (_, t) = load(root.path(), cache.path(), Duration::ZERO, 1);
    assert_eq!((t.cached, t.files_read), (0, 9), "rebuilt whole");

    // Cut short, or its index damaged: not used, and rewritten.
    for damage in [
        good[..good.len() / 2].to_vec(),
        good[..3].to_vec(),
        {
            let mut b = good.clone();
            let at = b.len() - 50;
            b[at] ^= 1;
            b
        },
        Vec::new(),
    ] {
        fs::write(&path, &damage).unwrap();
        let (store, t) = load(root.path(), cache.path(), Duration::ZERO, 1);
        assert_eq!(contents(&store), contents(&cold));
        assert_eq!((t.cached, t.files_read), (0, 9));
        assert!(t.cache_report.written.is_some(), "{:?}", t.cache_report);
        let (_, t) = load(root.path(), cache.path(), Duration::ZERO, 1);
        assert_eq!(t.cached, 9, "{:?}", t.cache_report);
    }
}

#[test]
fn files_changed_just_before_the_load_are_not_kept() {
    let (root, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    corpus(root.path());
    // Every file was written moments ago: within the wait, none is kept.
    let (_, t) = load(root.path(), cache.path(), Duration::from_secs(3600), 1);
    assert_eq!(t.files_read, 9);
    let (_, t) = load(root.path(), cache.path(), Duration::from_secs(3600), 1);
    assert_eq!((t.cached, t.files_read), (0, 9));
}

#[test]
fn a_cache_that_cannot_be_written_costs_nothing_but_a_note() {
    let root = tempfile::tempdir().unwrap();
    corpus(root.path());
    // A file where the cache folder should be.
    let blocker = tempfile::NamedTempFile::new().unwrap();
    let (store, t) = load(root.path(), blocker.path(), Duration::ZERO, 1);
    assert_eq!(t.files_read, 9);
    let note = t.cache_report.note.unwrap_or_default();
    assert!(note.contains("cannot be written"), "{note}");
    let (cold, _) = load_without_cache(root.path());
    assert_eq!(contents(&store), contents(&cold));
}

#[test]
fn the_cache_is_private_to_its_user() {
    use std::os::unix::fs::PermissionsExt;
    let (root, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    corpus(root.path());
    let dir = cache.path().join("gisa");
    load(root.path(), &dir, Duration::ZERO, 1);
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&cache_file(&dir)), 0o600);
}

#[test]
fn the_readers_streaming_load_uses_the_cache_too() {
    use crate::load::{Progress, stream};
    let (root, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    corpus(root.path());
    let mut config = Config::load(None).unwrap();
    config.articles = root.path().to_path_buf();
    let run = || {
        TEST_DIR.with(|d| *d.borrow_mut() = Some((cache.path().to_path_buf(), Duration::ZERO)));
        let mut store = Store::empty(config.outlets.clone(), config.lexicon.clone());
        let mut timings = None;
        stream(&config, Duration::ZERO, |p| {
            match p {
                Progress::Batch {
                    ready, problems, ..
                } => store.take(ready, problems),
                Progress::Finished(t) => timings = Some(*t),
                _ => {}
            }
            true
        });
        TEST_DIR.with(|d| *d.borrow_mut() = None);
        (contents(&store), timings.unwrap())
    };
    let (cold, t) = run();
    assert_eq!((t.cached, t.files_read), (0, 9));
    let (warm, t) = run();
    assert_eq!((t.cached, t.files_read), (9, 0));
    assert_eq!(warm, cold);
}

#[test]
fn only_gisas_own_old_files_are_pruned() {
    use super::{UNUSED, ours, prune};
    assert_eq!(ours("1c09cb63daec388f.cache"), Some(UNUSED));
    assert!(ours("1c09cb63daec388f.tmp.4242").is_some());
    for other in [
        "thumbnails.cache",
        "1c09cb63daec388f.cache.bak",
        "1c09cb63daec388.cache",
        "zz09cb63daec388f.cache",
        "1c09cb63daec388f.tmp.",
        "fontconfig",
    ] {
        assert_eq!(ours(other), None, "{other}");
    }
    let dir = tempfile::tempdir().unwrap();
    let old = std::time::SystemTime::now() - UNUSED - Duration::from_secs(60);
    for name in [
        "1c09cb63daec388f.cache",
        "other.cache",
        "0000000000000000.cache",
    ] {
        write(dir.path(), name, b"x");
    }
    for name in ["1c09cb63daec388f.cache", "other.cache"] {
        fs::File::options()
            .write(true)
            .open(dir.path().join(name))
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    prune(dir.path());
    assert!(
        !dir.path().join("1c09cb63daec388f.cache").exists(),
        "ours, unused: gone"
    );
    assert!(dir.path().join("other.cache").exists(), "not ours: kept");
    assert!(
        dir.path().join("0000000000000000.cache").exists(),
        "ours, recent: kept"
    );
}

#[test]
fn a_later_start_keeps_the_text_in_the_cache_file_not_in_memory() {
    let (root, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    corpus(root.path());
    let (cold, _) = load(root.path(), cache.path(), Duration::ZERO, 1);
    assert!(cold.packed_bytes() > 0, "a first start packs what it read");
    let (warm, t) = load(root.path(), cache.path(), Duration::ZERO, 1);
    assert_eq!(t.cached, 9);
    assert_eq!(
        warm.packed_bytes(),
        0,
        "nothing packed: every text is in the file"
    );
    assert_eq!(t.packed, 0);
    let a = warm.article(warm.find("a").unwrap()).unwrap();
    assert!(a.body.iter().any(|p| p.contains("GSOMIA")), "{:?}", a.body);
}

#[test]
fn texts_stay_readable_when_a_newer_cache_replaces_the_file() {
    let (root, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    corpus(root.path());
    load(root.path(), cache.path(), Duration::ZERO, 1);
    let (warm, _) = load(root.path(), cache.path(), Duration::ZERO, 1);
    let want = warm.whole_articles().unwrap();
    // Another run after a change writes a new cache file over the one `warm` reads.
    write(
        root.path(),
        "new.txt",
        STORY.replace("Tokyo", "Osaka").as_bytes(),
    );
    let (_, t) = load(root.path(), cache.path(), Duration::ZERO, 1);
    assert!(t.cache_report.written.is_some(), "{:?}", t.cache_report);
    fs::write(root.path().join("a.txt"), "gone").unwrap();
    assert_eq!(warm.whole_articles().unwrap(), want);
}

/// A store loaded from the cache of `root` (written by a load just before), after which the
/// cache file's first `n` bytes are flipped in place: the store's open handle sees it (a new
/// file renamed over it would not).
fn warm_then_damaged(root: &Path, cache: &Path, n: usize) -> Store {
    load(root, cache, Duration::ZERO, 1);
    let (warm, _) = load(root, cache, Duration::ZERO, 1);
    let path = cache_file(cache);
    let mut bytes = fs::read(&path).unwrap();
    bytes.truncate(n);
    for b in &mut bytes {
        *b = !*b;
    }
    fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, &bytes))
        .unwrap();
    warm
}

#[test]
fn a_cache_file_damaged_under_a_running_store_gives_an_error_naming_the_article() {
    let (root, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    corpus(root.path());
    let warm = warm_then_damaged(root.path(), cache.path(), 4096);
    let errors: Vec<String> = (0..warm.len())
        .filter_map(|i| warm.article(i).err())
        .map(|e| e.to_string())
        .collect();
    assert!(!errors.is_empty());
    assert!(
        errors
            .iter()
            .all(|e| e.contains("damaged") && e.contains('\'')),
        "{errors:?}"
    );
}

#[test]
fn an_article_renamed_for_a_clashing_id_keeps_its_new_id_when_read_from_the_cache() {
    let (root, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    write(root.path(), "a.txt", STORY.as_bytes());
    write(
        root.path(),
        "a.TXT",
        STORY.replace("Tokyo", "Busan").as_bytes(),
    );
    load(root.path(), cache.path(), Duration::ZERO, 1);
    let (warm, t) = load(root.path(), cache.path(), Duration::ZERO, 1);
    assert_eq!(t.cached, 2);
    for id in ["a", "a~2"] {
        let slot = warm.find(id).unwrap();
        assert_eq!(warm.article(slot).unwrap().id, id);
        assert_eq!(warm.get(slot).unwrap().id, id);
    }
}

#[test]
fn the_reader_says_so_when_an_articles_text_cannot_be_read() {
    use crate::tui::action::Action;
    use crate::tui::state::AppState;
    use crate::tui::ui::tests::{buffer_text, screen};
    use crate::tui::ui::theme::Theme;
    use crate::tui::update::update;

    let (root, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    write(root.path(), "a.txt", STORY.as_bytes());
    let warm = warm_then_damaged(root.path(), cache.path(), 64);
    let mut state = AppState::new(&warm, Some(0));
    update(&mut state, &warm, Action::Resize(120, 40));
    let text = buffer_text(screen(&warm, &state, &Theme::plain()).backend().buffer());
    assert!(
        text.contains("Leaders agree to"),
        "the list still shows it: {text}"
    );
    assert!(text.contains("cannot show this article"), "{text}");
    assert!(!text.contains("GSOMIA"), "no text was shown: {text}");
}
