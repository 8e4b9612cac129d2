//! `AppState`: everything the user can change while reading (focus, selection, scroll), held as
//! indexes into the Store, plus the wrapped lines of the open article. Plain data: it changes
//! only in `update`, and nothing here draws or touches the terminal.

use crate::entities::Kind;
use crate::marks::Marks;
use crate::query::Filter;
use crate::related::Related;
use crate::store::Store;

/// The pane that receives keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Sidebar,
}

/// What the user can change, and the views derived from it.
// The flags are unrelated yes/no facts (quit asked, suspend asked, sidebar shown over the reader,
// OSC 52 allowed); no state machine hides among them.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug)]
pub struct AppState {
    pub focus: Focus,
    /// The filter the list shows (all articles for now).
    pub filter: Filter,
    /// Store slots of the articles the filter lets through, in reading order.
    pub visible: Vec<usize>,
    /// Position of the selected article in `visible` (0 when the list is empty).
    pub selected: usize,
    /// The first `visible` row drawn in the list, kept so the selection stays on screen.
    pub list_offset: usize,
    /// Rows of the list pane, as of the last resize.
    pub list_height: usize,
    pub reader: ReaderState,
    pub sidebar: SidebarState,
    /// Terminal columns and rows, as of the last resize.
    pub size: (u16, u16),
    /// Set by `Action::Quit`; the loop leaves when it sees it.
    pub quit: bool,
    /// The help screen, when open: how far it is scrolled.
    pub help: Option<usize>,
    /// The query line, while it is open.
    pub query: Option<QueryLine>,
    /// The year or outlet picker, while it is open.
    pub picker: Option<Picker>,
    /// A dossier or timeline view, while it is open.
    pub view: Option<View>,
    /// Places left by following links, newest last (`Backspace` goes back to them).
    pub back: Vec<Place>,
    /// Places gone back from, newest last (forward goes to them again).
    pub forward: Vec<Place>,
    /// Which articles were read and which are bookmarked; the loop saves them when they change.
    pub marks: Marks,
    /// A one-line message for the status bar until the next key (a copy done, a file trouble).
    pub notice: Option<String>,
    /// An escape sequence the loop must write to the terminal (an OSC 52 copy), once.
    pub to_terminal: Option<String>,
    /// The loop must hand the terminal back to the shell and stop the process (Ctrl-Z), once.
    pub suspend: bool,
    /// Copy with OSC 52 (`reader.osc52` in config).
    pub osc52: bool,
    /// The longest reader line in columns (`reader.width` in config, changed with `+`/`-`).
    pub text_width: u16,
    /// The article the reader has the focus on, once it has been marked read.
    pub opened: Option<usize>,
    /// A count being typed (`5` of `5j`).
    pub count: Option<usize>,
    /// From this many columns the sidebar is a pane (`reader.sidebar_min_columns`).
    pub wide_from: u16,
    /// The folded sidebar shown over the reader (`s`).
    pub sidebar_overlay: bool,
    /// The key table in effect (the defaults with config.toml `[keys]` applied).
    pub keymap: crate::tui::keymap::Keymap,
    /// How far the background load is, while it runs.
    pub loading: Option<Loading>,
    /// The article id given with --open, until it has come in with the load (or the reader
    /// has been used meanwhile).
    pub pending_open: Option<String>,
    /// The loop must ask for the articles folder to be read again (`r`), once.
    pub reload: bool,
    /// The loop must write the listed articles to a file (`e`), once.
    pub export: bool,
    /// The add pane (`a`), while it is open.
    pub add: Option<AddPane>,
    /// The loop must write this article into the articles folder: (file name, text), once.
    pub add_save: Option<(String, String)>,
    /// The most bytes of text one article may have (`load.max_file_mb`).
    pub paste_limit: u64,
}

/// The add pane: an article pasted or typed, what gisa understood of it, fields corrected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddPane {
    /// The text as pasted.
    pub text: String,
    /// Fields corrected by hand: written as front matter above the text.
    pub fields: crate::intake::Fields,
    /// What was understood, once the text is done (Ctrl-D).
    pub review: Option<AddReview>,
    /// A field being corrected, and what has been typed so far.
    pub editing: Option<(AddField, String)>,
    /// Why the text cannot be added, a correction is wrong, or saving failed.
    pub error: Option<String>,
}

/// What the add pane shows of a checked text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddReview {
    /// (label, value) rows: headline, outlet, date, entities, ... (terminal-safe).
    pub rows: Vec<(String, String)>,
    /// The file name it will be saved under.
    pub name: String,
    /// What will be written: the text under front matter for the corrected fields.
    pub text: String,
    /// How the archive has it already, if it does (terminal-safe).
    pub duplicate: Option<String>,
}

/// A field of the add pane that can be corrected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddField {
    Headline,
    Outlet,
    Date,
}

/// The background load's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Loading {
    /// Files read so far.
    pub done: usize,
    /// Files to read in all.
    pub files: usize,
}

/// A view over the panes made from the whole archive: a name's dossier or a topic timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    pub title: String,
    pub rows: Vec<ViewRow>,
    /// The row under the cursor (only rows with a target take it).
    pub cursor: usize,
}

/// One row of a view: what it says and where Enter goes from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewRow {
    pub kind: ViewRowKind,
    pub text: String,
    /// A bar after the text: (count, the largest count it is measured against).
    pub bar: Option<(usize, usize)>,
    pub target: Option<ViewTarget>,
}

/// How a view row is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewRowKind {
    /// An article or a topic heading.
    Heading,
    /// A mention in context, or a year with its bar.
    Item,
}

/// Where Enter on a view row goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ViewTarget {
    /// Open this article with this entity's mentions standing out, at its `nth` mention.
    Mention {
        article: usize,
        entity_key: String,
        nth: usize,
    },
    /// Filter the list to this query (a topic in a year).
    Filter(String),
    /// Open this article (a file that loaded with a warning).
    Article(usize),
}

/// Which part of the filter a picker sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    Year,
    Outlet,
}

/// A list to choose a year or an outlet from, each with its number of articles; the first item
/// is "all".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub kind: PickerKind,
    /// (label, articles, value: `None` for all)
    pub items: Vec<(String, usize, Option<String>)>,
    pub cursor: usize,
}

/// The query line being typed: the text, and why it does not parse (the list keeps the last
/// query that did).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryLine {
    pub text: String,
    pub error: Option<String>,
    /// The article selected when the line opened: it stays selected whenever the query lets it
    /// through, however the list changed while typing.
    pub anchor: Option<usize>,
}

/// The open article, wrapped for the reader's width.
#[derive(Debug, Default)]
pub struct ReaderState {
    /// Store index of the article `lines` were made from.
    pub article: Option<usize>,
    /// Columns the lines were wrapped to (at most 80).
    pub width: usize,
    /// Rows the reader shows.
    pub height: usize,
    /// The article as display lines: sanitized and wrapped once per article and width, so drawing
    /// a frame only copies the visible slice.
    pub lines: Vec<ReaderLine>,
    /// The first line shown.
    pub scroll: usize,
    /// The entity (index into the article's `entities`) whose mentions stand out, chosen in the
    /// sidebar; `n`/`N` jump between them.
    pub spotlight: Option<usize>,
    /// The line of the mention `n`/`N` went to last.
    pub mention_line: Option<usize>,
}

/// What a reader line is, so the theme can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Headline,
    /// Outlet, date and dateline.
    Meta,
    Byline,
    Body,
    Blank,
    /// A remark of ours, not article text (`no text in this article`).
    Note,
}

/// One display line of the reader: already sanitized and no wider than the reader's text width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderLine {
    pub kind: LineKind,
    pub text: String,
    /// Entity mentions on this line, in order, not overlapping.
    pub marks: Vec<Mark>,
}

/// An entity mention on a reader line: a byte range of `ReaderLine::text`, on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// The index of the entity in the article's `entities`.
    pub entity: usize,
}

/// What the sidebar shows for the selected article, worked out when the selection changes so
/// drawing a frame never ranks related stories or sorts entities.
#[derive(Debug, Default)]
pub struct SidebarState {
    /// Store index of the article the rest was made for.
    pub article: Option<usize>,
    /// Indexes into the article's `entities` in display order: grouped by kind (people,
    /// organisations, agreements, places), most mentioned first, then first met.
    pub entities: Vec<usize>,
    /// The related stories, best first.
    pub related: Vec<Related>,
    /// How many articles the store held when they were ranked.
    pub ranked_among: usize,
    /// The item under the cursor while the sidebar has the focus: the entities in display order,
    /// then the related stories.
    pub cursor: usize,
    /// The whole article (text, captions, mentions), taken from the store once per selection.
    pub text: Option<std::sync::Arc<crate::article::Article>>,
    /// Why the whole article could not be had, when it could not.
    pub error: Option<String>,
}

/// What the sidebar cursor is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidebarItem {
    /// An index into the article's `entities`.
    Entity(usize),
    /// An index into `SidebarState::related`.
    Related(usize),
}

impl SidebarState {
    /// How many items the cursor can be on.
    pub fn items(&self) -> usize {
        self.entities.len() + self.related.len()
    }

    /// The item at the cursor.
    pub fn item(&self) -> Option<SidebarItem> {
        let c = self.cursor;
        match self.entities.get(c) {
            Some(&e) => Some(SidebarItem::Entity(e)),
            None => (c - self.entities.len() < self.related.len())
                .then(|| SidebarItem::Related(c - self.entities.len())),
        }
    }
}

/// Where the reader was: enough to go back to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Store index of the article.
    pub article: Option<usize>,
    pub filter: Filter,
    pub focus: Focus,
    pub scroll: usize,
    /// Where the sidebar cursor was.
    pub sidebar_cursor: usize,
}

impl AppState {
    /// The state at start: every article listed, `open` (a store index) selected and focused in
    /// the reader when it exists. Lines are wrapped by the first `Action::Resize`.
    pub fn new(store: &Store, open: Option<usize>) -> Self {
        let filter = Filter::default();
        let visible = store.filter(&filter);
        let opened = open.and_then(|i| visible.iter().position(|&v| v == i));
        AppState {
            focus: if opened.is_some() {
                Focus::Reader
            } else {
                Focus::List
            },
            filter,
            visible,
            selected: opened.unwrap_or(0),
            list_offset: 0,
            list_height: 0,
            reader: ReaderState::default(),
            sidebar: SidebarState::default(),
            size: (0, 0),
            quit: false,
            help: None,
            query: None,
            picker: None,
            view: None,
            back: Vec::new(),
            forward: Vec::new(),
            marks: Marks::new(),
            notice: None,
            to_terminal: None,
            suspend: false,
            osc52: true,
            text_width: crate::tui::ui::reader::MAX_TEXT_WIDTH,
            opened: None,
            count: None,
            wide_from: crate::tui::ui::WIDE_FROM,
            sidebar_overlay: false,
            keymap: crate::tui::keymap::Keymap::default(),
            loading: None,
            pending_open: None,
            reload: false,
            export: false,
            add: None,
            add_save: None,
            paste_limit: crate::config::LoadLimits::default().max_file_bytes(),
        }
    }

    /// What takes the keys now.
    pub fn input(&self) -> crate::tui::keymap::Input {
        use crate::tui::keymap::Input;
        if let Some(add) = &self.add {
            return if add.review.is_some() && add.editing.is_none() {
                Input::AddReview
            } else {
                Input::AddText
            };
        }
        if self.query.is_some() {
            Input::Query
        } else if self.picker.is_some() {
            Input::Picker
        } else if self.view.is_some() {
            Input::View
        } else if self.help.is_some() {
            Input::Help
        } else {
            Input::Pane(self.focus)
        }
    }

    /// Store index of the selected article, if the list is not empty.
    pub fn selected_article(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }
}

impl ReaderState {
    /// The largest useful scroll offset: the last line at the bottom of the pane.
    pub fn max_scroll(&self) -> usize {
        self.lines.len().saturating_sub(self.height)
    }

    /// How far through the article the view is, 0 to 100 (100 when it all fits).
    pub fn percent(&self) -> usize {
        let max = self.max_scroll();
        (self.scroll.min(max) * 100).checked_div(max).unwrap_or(100)
    }
}
