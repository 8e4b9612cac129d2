//! Every intent the reader understands, as plain data. Only the keymap (and the event loop, for
//! resizes and mouse events) creates Actions; only `update` acts on them. No terminal, no state
//! here.

use super::state::Focus;

/// One thing the user (or the terminal) asks the reader to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    // --- Anywhere ---
    /// Leave the reader and restore the terminal.
    Quit,
    /// Give the terminal back to the shell (Ctrl-Z in raw mode is a key, not SIGTSTP); `fg`
    /// brings the reader back, redrawn.
    Suspend,
    /// Move the focus to the next pane (list -> reader -> sidebar -> list), skipping folded panes.
    FocusNext,
    /// Move the focus to the previous pane.
    FocusPrev,
    /// Back out of whatever is open: an overlay, then another pane (back to the list), then the
    /// filter (the list shows everything again).
    Back,
    /// Show the sidebar: over the reader when the screen is too narrow for it, else focus it.
    ToggleSidebar,
    /// Show or hide the help screen (every binding of the keymap).
    ToggleHelp,
    /// Open the query line to filter the list while typing.
    StartQuery,

    // --- Article list (and the sidebar, which follows the selection) ---
    /// Select the next article; the reader shows it at once.
    SelectNext,
    /// Select the previous article.
    SelectPrev,
    /// Select the article one list page further down.
    SelectPageDown,
    /// Select the article one list page further up.
    SelectPageUp,
    /// Select the first article.
    SelectFirst,
    /// Select the last article.
    SelectLast,
    /// Read the selected article: move the focus to the reader.
    OpenArticle,

    // --- Reader ---
    /// Scroll the article down one line.
    ScrollDown,
    /// Scroll the article up one line.
    ScrollUp,
    /// Scroll the article down one screen.
    PageDown,
    /// Scroll the article up one screen.
    PageUp,
    /// Go to the top of the article.
    ScrollTop,
    /// Go to the end of the article.
    ScrollBottom,

    /// Mark the selected article read or unread.
    ToggleRead,
    /// Bookmark the selected article, or take the bookmark away.
    ToggleBookmark,
    /// Copy the selected article's citation (headline, outlet, date) to the clipboard (OSC 52).
    CopyCitation,
    /// Widen the reader's lines by a few columns.
    WiderText,
    /// Narrow the reader's lines by a few columns.
    NarrowerText,

    // --- Sidebar ---
    /// Move the sidebar cursor to the next name or story.
    SidebarDown,
    /// Move the sidebar cursor to the previous name or story.
    SidebarUp,
    /// Move the sidebar cursor to the first item.
    SidebarFirst,
    /// Move the sidebar cursor to the last item.
    SidebarLast,
    /// Follow the item under the sidebar cursor: open a related story, or make a name's
    /// mentions stand out in the reader.
    FollowLink,
    /// Scroll the reader to the next mention of the name chosen in the sidebar.
    NextMention,
    /// Scroll the reader to the previous mention of the name chosen in the sidebar.
    PrevMention,

    // --- History ---
    /// Go back to where the last followed link was taken.
    HistoryBack,
    /// Go forward again to where `HistoryBack` came from.
    HistoryForward,

    // --- Pickers ---
    /// Choose a year (or all years) from a list with article counts.
    OpenYearPicker,
    /// Choose an outlet (or all outlets) from a list with article counts.
    OpenOutletPicker,
    /// Move the picker's cursor down.
    PickerDown,
    /// Move the picker's cursor up.
    PickerUp,
    /// Set that part of the filter to the item under the cursor, and close the picker.
    PickerChoose,
    /// Close the picker without changing the filter.
    PickerClose,

    // --- Dossier and timeline views ---
    /// Every mention across the archive of the name under the sidebar cursor (or standing out).
    OpenDossier,
    /// The open article's topics year by year across the archive, with bars.
    OpenTimeline,
    /// The files that did not load and the warnings about those that did.
    OpenProblems,
    /// Read the articles folder again: new, changed and deleted files (it is also watched).
    Reload,
    /// Write the articles the list shows (its filter) to a Markdown file, and say where.
    ExportView,
    /// Open the add pane: paste an article, see what was understood, correct it, save it.
    OpenAdd,

    // --- The add pane ---
    /// A character typed or pasted (into the text, or into a field being corrected).
    AddChar(char),
    /// Enter: a new line in the text; accepts a field being corrected.
    AddNewline,
    /// Delete the last character.
    AddBackspace,
    /// Ctrl-D: the text is complete; show what was understood. Accepts a field too.
    AddCheck,
    /// Back: cancel a correction, leave the review for the text, close the pane.
    AddBack,
    /// Correct the headline, the outlet or the date.
    AddEditHeadline,
    AddEditOutlet,
    AddEditDate,
    /// Save the article into the articles folder.
    AddSave,
    /// Save it even though the archive has it already.
    AddSaveAnyway,
    /// Text was pasted where no text is taken (the panes, a picker): it is let go, and said.
    PasteIgnored,
    /// Move the view's cursor down.
    ViewDown,
    /// Move the view's cursor up.
    ViewUp,
    /// Go where the row under the cursor points: an article at the mention, or a filter.
    ViewOpen,
    /// Close the view.
    ViewClose,

    // --- Help screen ---
    /// Scroll the help screen down one line.
    HelpDown,
    /// Scroll the help screen up one line.
    HelpUp,

    // --- Query line (every printable key types itself) ---
    /// Type a character into the query; the list follows at once.
    QueryInput(char),
    /// Delete the character before the cursor.
    QueryBackspace,
    /// Clear the whole query line.
    QueryClear,
    /// Keep the filter and close the query line.
    QueryAccept,
    /// Drop the filter and close the query line.
    QueryCancel,

    // --- Counts ---
    /// A digit of a count: the next move is repeated that many times (`5j`).
    Count(u8),

    // --- From the terminal, not from keys ---
    /// The terminal now has this many columns and rows; re-wrap and re-clamp to fit.
    Resize(u16, u16),

    // --- From the background load, not from keys ---
    /// The articles folder is listed: this many files will be read.
    LoadListed(usize),
    /// The store has taken in more articles; this many files are read so far. The list, the
    /// open article's related stories and the progress follow.
    LoadGrew(usize),
    /// Every file is read, in this many milliseconds.
    LoadFinished(u64),

    // --- From the watch on the articles folder, not from keys ---
    /// Files of the folder that changed were read again and the store took them in (`applied`
    /// says how many articles came, changed and went); `asked` when `Reload` asked for it.
    ArchiveChanged {
        applied: crate::load::refresh::Applied,
        asked: bool,
    },
    /// The folder is not watched for changes, or could not be read again.
    Trouble(Trouble),

    // --- From the mouse (only with `reader.mouse = true`) ---
    /// Select the article at this position of the list (a click on its row); the list takes
    /// the focus.
    SelectRow(usize),
    /// Scroll the article by this many lines, down when positive (the wheel over the reader).
    ScrollBy(i32),
    /// Give this pane the focus (a click in it).
    FocusPane(Focus),
}

impl Action {
    /// A move that a count repeats (`5j`, `3n`).
    pub fn repeats(self) -> bool {
        matches!(
            self,
            Action::SelectNext
                | Action::SelectPrev
                | Action::SelectPageDown
                | Action::SelectPageUp
                | Action::ScrollDown
                | Action::ScrollUp
                | Action::PageDown
                | Action::PageUp
                | Action::SidebarDown
                | Action::SidebarUp
                | Action::NextMention
                | Action::PrevMention
                | Action::HelpDown
                | Action::HelpUp
                | Action::PickerDown
                | Action::PickerUp
                | Action::ViewDown
                | Action::ViewUp
        )
    }

    /// Whether a person asked for it (a key or the mouse), rather than the terminal (a
    /// resize) or the background load. Only those end a notice or a count being typed.
    pub fn from_user(self) -> bool {
        !matches!(
            self,
            Action::Resize(..)
                | Action::LoadListed(_)
                | Action::LoadGrew(_)
                | Action::LoadFinished(_)
                | Action::ArchiveChanged { .. }
                | Action::Trouble(_)
        )
    }
}

/// What went wrong with keeping the list in step with the folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trouble {
    /// The system's limit on watched folders is reached.
    WatchLimit,
    /// The folder cannot be watched (a file system without change notices, or another error).
    NotWatched,
    /// The folder could not be listed again.
    Unreadable,
}
