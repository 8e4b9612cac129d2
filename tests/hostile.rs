//! The binary against hostile articles folders: every kind of bad file at once, unreadable files
//! read as an unprivileged user, and names and text that try to reach the terminal. Each run is
//! killed after a time limit, so a hang fails the test instead of hanging the test run.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

/// Far above what a debug build needs (a few seconds), far below a hung CI job.
const LIMIT: Duration = Duration::from_secs(120);

const STORY: &str = "Leaders agree to hold summit talks\n\n\
                     SEOUL (Reuters) - The leaders agreed to meet next month.\n";

/// Run `cmd` to the end, or kill it after `limit` and fail.
fn run_bounded(mut cmd: Command, limit: Duration) -> Output {
    let child = cmd
        .env("NO_COLOR", "1")
        // The analysis cache of these runs: never the user's own.
        .env(
            "GISA_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        )
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn gisa");
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    let waiter = std::thread::spawn(move || {
        let output = child.wait_with_output();
        let _ = tx.send(());
        output
    });
    if rx.recv_timeout(limit).is_err() {
        // Our own child, by its id.
        let pid = rustix::process::Pid::from_raw(i32::try_from(pid).unwrap()).unwrap();
        let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
        let _ = waiter.join();
        panic!("gisa did not finish within {limit:?}: it hung");
    }
    waiter.join().unwrap().expect("wait for gisa")
}

fn gisa(cwd: &Path, args: &[&OsStr]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gisa"));
    cmd.args(args).current_dir(cwd);
    run_bounded(cmd, LIMIT)
}

/// Fail when output holds anything that acts on a terminal or hides text: ESC, a C0 control
/// other than a line break, DEL, a C1 control, a bidi control or an invisible format character.
fn assert_inert(what: &str, bytes: &[u8]) {
    assert!(!bytes.contains(&0x1b), "{what}: a raw ESC byte");
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    for (at, c) in text.char_indices() {
        let bad = (c.is_control() && c != '\n')
            || matches!(
                c,
                '\u{061C}'
                    | '\u{200B}'..='\u{200F}'
                    | '\u{2028}'..='\u{202E}'
                    | '\u{2060}'..='\u{2069}'
                    | '\u{FEFF}'
            );
        assert!(
            !bad,
            "{what}: {c:?} at byte {at}, in {:?}",
            &text[at.saturating_sub(40)..(at + 40).min(text.len())]
        );
    }
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let bom: [u8; 2] = if big_endian {
        [0xFE, 0xFF]
    } else {
        [0xFF, 0xFE]
    };
    bom.into_iter()
        .chain(text.encode_utf16().flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        }))
        .collect()
}

fn write(dir: &Path, name: &[u8], bytes: &[u8]) {
    let path = dir.join(OsStr::from_bytes(name));
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

/// The escape-laden name of the hostile article, and its id and file as gisa shows them.
const HOSTILE_NAME: &str = "x\x1b[?5h\nR\u{202E}.txt";
const HOSTILE_SHOWN: &str = "x R.txt";

/// Every kind of bad file in one folder, beside a config with `[load] max_depth = 2`.
/// Returns (the temporary folder, the articles folder, the config file).
fn hostile_corpus() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("articles");
    fs::create_dir(&dir).unwrap();
    let config = tmp.path().join("config.toml");
    fs::write(&config, "[load]\nmax_depth = 2\n").unwrap();

    write(&dir, b"good.txt", STORY.as_bytes());
    write(&dir, b"empty.txt", b"");
    write(&dir, b"blank.txt", b" \n\t \r\n  ");
    write(&dir, b"binary.txt", b"abc\0def");
    write(
        &dir,
        b"image.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0",
    );
    write(
        &dir,
        b"invalid.txt",
        b"Caf\xc3\xa9 talks resume\n\nSEOUL (Reuters) - Talks \xff resumed.\n",
    );
    write(
        &dir,
        b"utf16le.txt",
        &utf16(&STORY.replace('\n', "\r\n"), false),
    );
    write(&dir, b"utf16be.txt", &utf16(STORY, true));
    write(
        &dir,
        b"cp1252.txt",
        b"Caf\xe9 owners protest \x93new\x94 tax rules\n\nSEOUL (Reuters) \x96 Owners protested.\n",
    );
    write(&dir, b"crlf.txt", STORY.replace('\n', "\r\n").as_bytes());
    write(&dir, b"cr.txt", STORY.replace('\n', "\r").as_bytes());
    let long = format!("A very long line follows\n\n{}", "word ".repeat(1 << 20));
    write(&dir, b"long_line.txt", long.as_bytes());
    // 2 GB by its size, no disk used.
    fs::File::create(dir.join("big.txt"))
        .unwrap()
        .set_len(2 << 30)
        .unwrap();
    rustix::fs::mkfifoat(
        rustix::fs::CWD,
        dir.join("fifo.txt"),
        rustix::fs::Mode::from_raw_mode(0o644),
    )
    .unwrap();
    symlink("/dev/zero", dir.join("zero.txt")).unwrap();
    symlink("/proc/self/status", dir.join("proc.txt")).unwrap();
    symlink("loop_b.txt", dir.join("loop_a.txt")).unwrap();
    symlink("loop_a.txt", dir.join("loop_b.txt")).unwrap();
    write(
        &dir,
        b"front.txt",
        format!("+++\nheadline = \"Given\"\nauthor = \"me\"\n+++\n{STORY}").as_bytes(),
    );
    write(&dir, b"side.txt", STORY.as_bytes());
    write(&dir, b"side.toml", b"date = \"someday\"\n");
    write(
        &dir,
        HOSTILE_NAME.as_bytes(),
        "Evil \x1b]52;c;Y3VybCB4fGJhc2gK\x07headline \u{9b}31mhere\n\n\
         SEOUL (AP) \u{2014} Text \x1b[2J with \x1b]0;pwned\x1b\\ escapes \u{202E}inside.\n"
            .as_bytes(),
    );
    write(&dir, "bad\n\x1b]0;t\x07\u{2066}.txt".as_bytes(), b"\0");
    write(&dir, b"\xff\xfe.txt", STORY.as_bytes());
    write(&dir, b"d1/one.txt", STORY.as_bytes());
    write(&dir, b"d1/d2/two.txt", STORY.as_bytes());
    write(&dir, b"d1/d2/d3/three.txt", STORY.as_bytes());
    write(&dir, b"notes.md", b"not an article");
    (tmp, dir, config)
}

/// `command` then `--articles DIR --config FILE`.
fn with_folder<'a>(command: &[&'a str], dir: &'a Path, config: &'a Path) -> Vec<&'a OsStr> {
    let mut all: Vec<&OsStr> = command.iter().map(|c| OsStr::new(*c)).collect();
    all.extend([
        OsStr::new("--articles"),
        dir.as_os_str(),
        OsStr::new("--config"),
        config.as_os_str(),
    ]);
    all
}

#[test]
fn a_hostile_folder_is_reported_file_by_file_and_never_hangs() {
    let (tmp, dir, config) = hostile_corpus();
    let args = |command: &[&'static str]| with_folder(command, &dir, &config);

    let check = gisa(tmp.path(), &args(&["check"]));
    assert_inert("check stdout", &check.stdout);
    assert_inert("check stderr", &check.stderr);
    assert_eq!(check.status.code(), Some(1), "some files are skipped");
    let out = String::from_utf8(check.stdout).unwrap();
    let want = [
        "bad .txt: skipped: binary file (NUL byte at offset 0)",
        "big.txt: skipped: larger than 16 MB; raise load.max_file_mb in config.toml to read it",
        "binary.txt: skipped: binary file (NUL byte at offset 3)",
        "blank.txt: skipped: empty file",
        "cp1252.txt: warning: not UTF-8: decoded as Windows-1252",
        "d1/d2/d3: skipped: folder nested deeper than 2 levels; not read (raise load.max_depth in config.toml)",
        "empty.txt: skipped: empty file",
        "fifo.txt: skipped: not a regular file (a FIFO)",
        "front.txt:3:1: warning: metadata ignored: unknown field `author`, expected one of `headline`, `outlet`, `publisher`, `date`, `dateline`, `tags`",
        "image.txt: skipped: binary file (NUL byte at offset 8)",
        "invalid.txt:3:25: warning: not valid UTF-8: undecodable bytes are shown as \u{FFFD}",
        "loop_a.txt: skipped: cannot be read: Too many levels of symbolic links",
        "loop_b.txt: skipped: cannot be read: Too many levels of symbolic links",
        "side.toml:1:8: warning: metadata ignored: 'someday' is not a date (use 2019-11-23, 2019-11 or 2019)",
        "utf16be.txt: warning: decoded from UTF-16BE",
        "utf16le.txt: warning: decoded from UTF-16LE",
        "zero.txt: skipped: not a regular file (a device)",
        "15 articles loaded, 11 files skipped, 6 warnings",
    ];
    let got: Vec<&str> = out.lines().collect();
    assert_eq!(got, want, "{out}");
    assert!(
        String::from_utf8_lossy(&check.stderr).contains("11 files could not be loaded"),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn a_hostile_folder_lists_every_readable_article_and_nothing_reaches_the_terminal() {
    let (tmp, dir, config) = hostile_corpus();
    let args = |command: &[&'static str]| with_folder(command, &dir, &config);

    let list = gisa(tmp.path(), &args(&["list", "--json"]));
    assert_inert("list --json stdout", &list.stdout);
    assert_inert("list --json stderr", &list.stderr);
    assert!(list.status.success());
    let rows: Vec<Value> = serde_json::from_slice(&list.stdout).expect("a JSON array");
    let mut files: Vec<&str> = rows.iter().map(|r| r["file"].as_str().unwrap()).collect();
    files.sort_unstable();
    assert_eq!(
        files,
        [
            "cp1252.txt",
            "cr.txt",
            "crlf.txt",
            "d1/d2/two.txt",
            "d1/one.txt",
            "front.txt",
            "good.txt",
            "invalid.txt",
            "long_line.txt",
            "proc.txt",
            "side.txt",
            "utf16be.txt",
            "utf16le.txt",
            HOSTILE_SHOWN,
            "\u{FFFD}\u{FFFD}.txt",
        ]
    );
    let headline = |file: &str| {
        rows.iter()
            .find(|r| r["file"] == file)
            .and_then(|r| r["headline"].as_str())
            .map(str::to_owned)
    };
    for file in [
        "good.txt",
        "crlf.txt",
        "cr.txt",
        "utf16le.txt",
        "utf16be.txt",
        "side.txt",
        "d1/d2/two.txt",
        "\u{FFFD}\u{FFFD}.txt",
    ] {
        assert_eq!(
            headline(file).as_deref(),
            Some("Leaders agree to hold summit talks"),
            "{file}"
        );
    }
    assert_eq!(
        headline("cp1252.txt").as_deref(),
        Some("Café owners protest “new” tax rules")
    );
    assert_eq!(
        headline("invalid.txt").as_deref(),
        Some("Café talks resume")
    );
    assert_eq!(
        headline(HOSTILE_SHOWN).as_deref(),
        Some("Evil headline here")
    );
    assert_eq!(
        headline("long_line.txt").as_deref(),
        Some("A very long line follows")
    );
    let hostile = rows.iter().find(|r| r["file"] == HOSTILE_SHOWN).unwrap();
    assert_eq!(hostile["id"], "x R");

    // The table: one line per article plus the header, so no name broke a line.
    let table = gisa(tmp.path(), &args(&["list"]));
    assert_inert("list stdout", &table.stdout);
    assert_inert("list stderr", &table.stderr);
    let table = String::from_utf8(table.stdout).unwrap();
    assert_eq!(table.lines().count(), rows.len() + 1, "{table}");
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("x R ") && l.ends_with("Evil headline here")),
        "{table}"
    );

    // The hostile article itself, shown in full.
    let show = gisa(tmp.path(), &args(&["show", "x R"]));
    assert_inert("show stdout", &show.stdout);
    assert!(show.status.success());
    let show = String::from_utf8(show.stdout).unwrap();
    assert!(
        show.contains("SEOUL (AP) — Text with escapes inside."),
        "{show}"
    );
    for payload in ["52;", "Y3Vy", "pwned", "[2J", "31m"] {
        assert!(!show.contains(payload), "{payload} in {show}");
    }
}

/// Whether uid 65534 can run `path`: it and every folder above it are executable by others.
fn others_can_run(path: &Path) -> bool {
    path.ancestors().all(|p| {
        p.as_os_str().is_empty()
            || fs::metadata(p).is_ok_and(|m| m.permissions().mode() & 0o001 != 0)
    })
}

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn an_unreadable_file_or_folder_is_reported_and_the_rest_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("articles");
    write(&dir, b"good.txt", STORY.as_bytes());
    write(&dir, b"secret.txt", STORY.as_bytes());
    write(&dir, b"locked/inner.txt", STORY.as_bytes());
    chmod(tmp.path(), 0o755);
    chmod(&dir, 0o755);
    chmod(&dir.join("good.txt"), 0o644);
    chmod(&dir.join("secret.txt"), 0o000);
    chmod(&dir.join("locked"), 0o000);

    // Root reads a chmod 000 file anyway: run gisa as nobody (uid 65534), so the test cannot
    // pass without a real EACCES.
    let as_root = rustix::process::geteuid().is_root();
    let mut cmd = if as_root {
        assert!(
            others_can_run(tmp.path()),
            "uid 65534 cannot reach {}",
            tmp.path().display()
        );
        let mut program = PathBuf::from(env!("CARGO_BIN_EXE_gisa"));
        if !others_can_run(&program) {
            let copy = tmp.path().join("gisa");
            fs::copy(&program, &copy).unwrap();
            chmod(&copy, 0o755);
            program = copy;
        }
        let setpriv = Path::new("/usr/bin/setpriv");
        if setpriv.exists() {
            let mut cmd = Command::new(setpriv);
            cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(program);
            cmd
        } else {
            // std drops the supplementary groups too when root sets a uid.
            use std::os::unix::process::CommandExt;
            let mut cmd = Command::new(program);
            cmd.uid(65534).gid(65534);
            cmd
        }
    } else {
        Command::new(env!("CARGO_BIN_EXE_gisa"))
    };
    cmd.arg("check")
        .arg("--articles")
        .arg(&dir)
        .current_dir(tmp.path());
    let o = run_bounded(cmd, LIMIT);
    // Let the temporary folder be removed, whoever we are.
    chmod(&dir.join("locked"), 0o755);
    chmod(&dir.join("secret.txt"), 0o644);

    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "locked: skipped: folder cannot be read: Permission denied",
            "secret.txt: skipped: cannot be read: Permission denied",
            "1 articles loaded, 2 files skipped, 0 warnings",
        ],
        "as root: {as_root}; stderr: {err}"
    );
    assert_eq!(o.status.code(), Some(1), "{err}");
}
