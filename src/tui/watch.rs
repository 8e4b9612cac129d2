//! The watch on the articles folder while the reader runs: what it hears from the file system
//! and from `r` ([`Poke`]), and the loop on the loading thread that reads what changed, once the
//! folder is quiet, and tells the reader ([`Refreshed`]). No terminal and no state here.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::action::Trouble;
use super::term::Wake;

/// What the watch on the articles folder tells the reader.
#[derive(Debug)]
pub enum Refreshed {
    /// Files read again since the last news; `asked` when `r` asked for it.
    Changes {
        changes: Vec<crate::load::refresh::Changed>,
        asked: bool,
    },
    Trouble(Trouble),
}

/// What wakes the loading thread once the load is done.
#[derive(Debug)]
pub enum Poke {
    /// The watch saw something happen in the folder.
    Fs(notify::Result<notify::Event>),
    /// `r`: read the whole folder again.
    Reload,
    /// Files the reader wrote itself (the add pane): read them.
    Paths(Vec<std::path::PathBuf>),
}

/// Watch `root` and everything under it; each change goes to `poke`. The watcher must be kept
/// for the watch to last.
pub fn watch_folder(
    root: &std::path::Path,
    poke: mpsc::Sender<Poke>,
) -> Result<notify::RecommendedWatcher, Trouble> {
    use notify::Watcher;
    let trouble = |e: notify::Error| match e.kind {
        notify::ErrorKind::MaxFilesWatch => Trouble::WatchLimit,
        _ => Trouble::NotWatched,
    };
    let mut watcher = notify::recommended_watcher(move |event| {
        // The reader is gone when nobody listens: nothing to do.
        let _ = poke.send(Poke::Fs(event));
    })
    .map_err(trouble)?;
    watcher
        .watch(root, notify::RecursiveMode::Recursive)
        .map_err(trouble)?;
    Ok(watcher)
}

/// After a change, wait until the folder has been quiet this long, so that a file being written
/// is read once it is complete...
const QUIET: Duration = Duration::from_millis(100);
/// ...but never longer than this, so that a stream of changes still shows as it goes.
const MOST_WAIT: Duration = Duration::from_millis(500);

/// Keep the store in step with the folder until the reader is gone: on each change the watch
/// reports (gathered until the folder is quiet) read the files it names, or the whole folder
/// when it cannot say which (`r`, a folder moved, events lost), and hand what changed to the
/// reader.
pub fn keep_in_step(
    mut refresher: crate::load::refresh::Refresher,
    pokes: &mpsc::Receiver<Poke>,
    waker: &mpsc::Sender<Wake>,
) {
    while let Ok(first) = pokes.recv() {
        let mut asked = false;
        let mut rescan = false;
        let mut paths = Vec::new();
        let mut take = |poke: Poke| match poke {
            Poke::Reload => asked = true,
            Poke::Paths(written) => paths.extend(written),
            Poke::Fs(Err(_)) => rescan = true,
            Poke::Fs(Ok(event)) => {
                if event.need_rescan() {
                    rescan = true;
                }
                if matters(event.kind) {
                    paths.extend(event.paths);
                }
            }
        };
        take(first);
        let start = Instant::now();
        while start.elapsed() < MOST_WAIT {
            match pokes.recv_timeout(QUIET) {
                Ok(poke) => take(poke),
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
        let changes = if asked || rescan {
            refresher.rescan()
        } else if paths.is_empty() {
            continue;
        } else {
            match refresher.paths(&paths) {
                Some(changes) => Ok(changes),
                None => refresher.rescan(),
            }
        };
        let news = match changes {
            Ok(changes) if changes.is_empty() && !asked => continue,
            Ok(changes) => Refreshed::Changes { changes, asked },
            Err(_) => Refreshed::Trouble(Trouble::Unreadable),
        };
        if waker.send(Wake::Refreshed(news)).is_err() {
            return;
        }
    }
}

/// Whether an event can mean an article changed: not a file merely opened or read (as gisa
/// itself reads them), but made, written, moved or deleted.
fn matters(kind: notify::EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, EventKind};
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}
