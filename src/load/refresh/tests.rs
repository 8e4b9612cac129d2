use super::*;
use std::time::Duration;

const ONE: &str = "Leaders agree to hold summit talks\n\nSEOUL (Reuters) - The leaders agreed on Monday to meet next month in Tokyo.\n";
const TWO: &str = "Exports fall for a third month\n\nTOKYO (Kyodo) - Japan's exports fell in March as shipments of chips to China slowed.\n";
const THREE: &str = "Floods force thousands from homes\n\nKUMAMOTO, Japan (AP) - Heavy rain flooded rivers across Kyushu on Friday.\n";

fn config_for(dir: &Path) -> Config {
    let mut config = Config::load(None).unwrap();
    config.articles = dir.to_path_buf();
    config.load.cache = false;
    config
}

/// Load `dir` as the reader does: the store and what the load saw.
fn loaded(dir: &Path) -> (Store, Seen) {
    let config = config_for(dir);
    let mut store = Store::empty(config.outlets.clone(), config.lexicon.clone());
    let seen = super::super::stream(&config, Duration::from_secs(3600), |p| {
        if let super::super::Progress::Batch {
            ready, problems, ..
        } = p
        {
            store.take(ready, problems);
        }
        true
    })
    .unwrap();
    (store, seen)
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

/// A write a second later than the load's, so that the file's times differ even on a file
/// system that keeps them to the second.
fn rewrite(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::fs::write(&path, text).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(before + Duration::from_secs(2)).unwrap();
}

fn what(changes: &[Changed]) -> Vec<String> {
    let mut v: Vec<String> = changes
        .iter()
        .map(|c| match c {
            Changed::Read { rel, article, .. } => format!(
                "read {rel}: {}",
                article.as_ref().map_or("-", |a| a.title())
            ),
            Changed::Gone { rel } => format!("gone {rel}"),
        })
        .collect();
    v.sort();
    v
}

fn titles(store: &Store) -> Vec<String> {
    let mut v: Vec<String> = store
        .order()
        .iter()
        .map(|&i| format!("{} {}", store.articles()[i].id, store.articles()[i].title()))
        .collect();
    v.sort();
    v
}

#[test]
fn a_rescan_reads_new_and_changed_files_and_finds_the_gone_ones() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "one.txt", ONE);
    write(dir.path(), "two.txt", TWO);
    write(dir.path(), "sub/keep.txt", THREE);
    let (mut store, seen) = loaded(dir.path());
    let mut r = Refresher::new(config_for(dir.path()), seen);
    assert!(r.rescan().unwrap().is_empty(), "nothing changed yet");

    rewrite(
        dir.path(),
        "one.txt",
        &ONE.replace("Leaders agree", "Leaders finally agree"),
    );
    std::fs::remove_file(dir.path().join("two.txt")).unwrap();
    write(
        dir.path(),
        "sub/new.txt",
        &THREE.replace("Floods", "Storms"),
    );
    write(dir.path(), ".hidden.txt", TWO);
    let changes = r.rescan().unwrap();
    assert_eq!(
        what(&changes),
        [
            "gone two.txt",
            "read one.txt: Leaders finally agree to hold summit talks",
            "read sub/new.txt: Storms force thousands from homes",
        ]
    );
    let before = store.slot_of("one").unwrap();
    let applied = apply(&mut store, changes);
    assert_eq!(
        applied,
        Applied {
            added: 1,
            updated: 1,
            removed: 1
        }
    );
    assert_eq!(
        titles(&store),
        [
            "one Leaders finally agree to hold summit talks",
            "sub/keep Floods force thousands from homes",
            "sub/new Storms force thousands from homes",
        ]
    );
    // The reader follows the changed article to its new slot; the gone one has none.
    let after = store.slot_of("one").unwrap();
    assert_eq!(store.successor(before), Some(after));
    assert!(r.rescan().unwrap().is_empty(), "each change is read once");
}

#[test]
fn watched_paths_are_read_alone_and_a_sidecar_counts_for_its_article() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "one.txt", ONE);
    write(dir.path(), "two.txt", TWO);
    let (mut store, seen) = loaded(dir.path());
    let mut r = Refresher::new(config_for(dir.path()), seen);
    let canonical = std::fs::canonicalize(dir.path()).unwrap();

    write(dir.path(), "three.txt", THREE);
    write(
        dir.path(),
        "one.toml",
        "headline = \"A headline given beside it\"\n",
    );
    std::fs::remove_file(dir.path().join("two.txt")).unwrap();
    write(dir.path(), ".gisa-add-1-0.tmp", THREE);
    write(dir.path(), "notes.md", "not an article");
    let paths: Vec<PathBuf> = [
        "three.txt",
        "one.toml",
        "two.txt",
        ".gisa-add-1-0.tmp",
        "notes.md",
        "three.txt",
    ]
    .iter()
    .map(|n| canonical.join(n))
    .chain([PathBuf::from("/elsewhere/x.txt")])
    .collect();
    let changes = r.paths(&paths).unwrap();
    assert_eq!(
        what(&changes),
        [
            "gone two.txt",
            "read one.txt: A headline given beside it",
            "read three.txt: Floods force thousands from homes",
        ]
    );
    let applied = apply(&mut store, changes);
    assert_eq!(
        applied,
        Applied {
            added: 1,
            updated: 1,
            removed: 1
        }
    );
    // The same events again change nothing: the files are as last read.
    assert!(r.paths(&paths).unwrap().is_empty());
}

#[test]
fn a_folder_event_asks_for_a_rescan() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "sub/one.txt", ONE);
    let (_, seen) = loaded(dir.path());
    let mut r = Refresher::new(config_for(dir.path()), seen);
    let canonical = std::fs::canonicalize(dir.path()).unwrap();
    write(dir.path(), "new/two.txt", TWO);
    assert!(r.paths(&[canonical.join("new")]).is_none(), "a new folder");
    std::fs::remove_dir_all(dir.path().join("sub")).unwrap();
    assert!(r.paths(&[canonical.join("sub")]).is_none(), "a folder gone");
    assert_eq!(
        what(&r.rescan().unwrap()),
        [
            "gone sub/one.txt",
            "read new/two.txt: Exports fall for a third month"
        ]
    );
}

#[test]
fn a_file_that_cannot_be_loaded_any_more_is_removed_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "one.txt", ONE);
    let (mut store, seen) = loaded(dir.path());
    let mut r = Refresher::new(config_for(dir.path()), seen);
    rewrite(dir.path(), "one.txt", "PK\u{3}\u{4}\0\0binary");
    let applied = apply(&mut store, r.rescan().unwrap());
    assert_eq!(applied.removed, 1);
    assert!(store.is_empty());
    assert!(
        store
            .problems()
            .iter()
            .any(|p| p.file == "one.txt" && p.message.contains("binary")),
        "{:?}",
        store.problems()
    );
    // Mended: back in, and the problem gone.
    rewrite(dir.path(), "one.txt", ONE);
    let applied = apply(&mut store, r.rescan().unwrap());
    assert_eq!(applied.added, 1);
    assert!(store.problems().is_empty(), "{:?}", store.problems());
}

#[test]
fn a_new_file_whose_id_is_taken_gets_another() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "one.txt", ONE);
    let (mut store, seen) = loaded(dir.path());
    let mut r = Refresher::new(config_for(dir.path()), seen);
    write(dir.path(), "one.TXT", TWO);
    apply(&mut store, r.rescan().unwrap());
    assert_eq!(
        titles(&store),
        [
            "one Leaders agree to hold summit talks",
            "one~2 Exports fall for a third month"
        ]
    );
}
