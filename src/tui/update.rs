//! `update`: the only place `AppState` changes. Applies one Action, then brings the derived views
//! (list offset, wrapped reader lines, scroll clamps) in line with the new state and size.
//! No drawing and no terminal I/O here.

use ratatui::layout::Rect;

use super::action::{Action, Trouble};
use super::state::{
    AddField, AddPane, AddReview, AppState, Focus, Loading, Picker, PickerKind, Place, QueryLine,
    SidebarItem, SidebarState, ViewTarget,
};
use super::ui::{self, Arrangement, list, reader, sidebar};
use super::views;
use crate::query::Filter;
use crate::store::Store;

/// What a redraw depends on; if it is unchanged after an action, nothing needs drawing.
type Fingerprint = (
    Focus,
    usize,
    usize,
    Option<usize>,
    usize,
    usize,
    usize,
    (u16, u16),
    bool,
);

fn fingerprint(state: &AppState) -> Fingerprint {
    (
        state.focus,
        state.selected,
        state.list_offset,
        state.reader.article,
        state.reader.width,
        state.reader.height,
        state.reader.scroll,
        state.size,
        state.quit,
    )
}

/// Apply `action` to `state`. Returns true when the screen must be redrawn.
pub fn update(state: &mut AppState, store: &Store, action: Action) -> bool {
    if let Action::Count(d) = action {
        // A leading 0 is no count; a count stops growing at MAX_COUNT.
        if d > 0 || state.count.is_some() {
            let n = state.count.unwrap_or(0) * 10 + usize::from(d);
            state.count = Some(n.min(MAX_COUNT));
        }
        return true;
    }
    let times = if action.repeats() {
        state.count.take().unwrap_or(1)
    } else {
        if action.from_user() {
            state.count = None;
        }
        1
    };
    let before = fingerprint(state);
    let mut forced = false;
    // Each move clamps itself (or `sync` clamps the scroll once): syncing after every step
    // would wrap and rank related stories for every article passed on the way.
    for _ in 0..times {
        forced |= apply(state, store, action);
    }
    sync(state, store);
    forced || fingerprint(state) != before
}

/// The largest count: `99999j` moves at most this far (the list and the article end first).
const MAX_COUNT: usize = 9_999;

/// The longest query the query line takes; nobody types more, and a paste of a whole article
/// should not make every keystroke re-filter megabytes.
const MAX_QUERY: usize = 500;

/// The change the action asks for; bounds are enforced afterwards by `sync`. Returns true for
/// actions that always need a redraw.
// The one dispatch of every action, read in one place: each arm is a line or a call to the
// group's own function, and splitting it further would only scatter the table.
#[allow(clippy::too_many_lines)]
fn apply(state: &mut AppState, store: &Store, action: Action) -> bool {
    // A notice lasts until the next key; an article asked for with --open is not opened any
    // more once the reader has been used.
    if action.from_user() {
        state.notice = None;
        state.pending_open = None;
    }
    match action {
        Action::Quit => state.quit = true,
        Action::Suspend
        | Action::Back
        | Action::ToggleSidebar
        | Action::ToggleHelp
        | Action::Resize(..)
        | Action::PasteIgnored => {
            apply_global(state, store, action);
            return true;
        }
        Action::FocusNext => state.focus = cycle(state, true),
        Action::FocusPrev => state.focus = cycle(state, false),
        Action::ToggleRead
        | Action::ToggleBookmark
        | Action::CopyCitation
        | Action::WiderText
        | Action::NarrowerText => return apply_article(state, store, action),
        Action::SidebarDown
        | Action::SidebarUp
        | Action::SidebarFirst
        | Action::SidebarLast
        | Action::FollowLink
        | Action::NextMention
        | Action::PrevMention
        | Action::HistoryBack
        | Action::HistoryForward => return apply_link(state, store, action),
        Action::OpenDossier
        | Action::OpenTimeline
        | Action::OpenProblems
        | Action::ViewDown
        | Action::ViewUp
        | Action::ViewOpen
        | Action::ViewClose => {
            apply_view(state, store, action);
            return true;
        }
        Action::OpenYearPicker
        | Action::OpenOutletPicker
        | Action::PickerDown
        | Action::PickerUp
        | Action::PickerChoose
        | Action::PickerClose => {
            apply_picker(state, store, action);
            return true;
        }
        Action::StartQuery
        | Action::QueryInput(_)
        | Action::QueryBackspace
        | Action::QueryClear
        | Action::QueryAccept
        | Action::QueryCancel => return apply_query(state, store, action),
        Action::HelpDown
        | Action::HelpUp
        | Action::SelectNext
        | Action::SelectPrev
        | Action::SelectPageDown
        | Action::SelectPageUp
        | Action::SelectFirst
        | Action::SelectLast
        | Action::OpenArticle
        | Action::ScrollDown
        | Action::ScrollUp
        | Action::PageDown
        | Action::PageUp
        | Action::ScrollTop
        | Action::ScrollBottom => apply_move(state, action),
        Action::LoadListed(_)
        | Action::LoadGrew(_)
        | Action::LoadFinished(_)
        | Action::Reload
        | Action::ExportView
        | Action::ArchiveChanged { .. }
        | Action::Trouble(_) => {
            apply_load(state, store, action);
            return true;
        }
        Action::OpenAdd
        | Action::AddChar(_)
        | Action::AddNewline
        | Action::AddBackspace
        | Action::AddCheck
        | Action::AddBack
        | Action::AddEditHeadline
        | Action::AddEditOutlet
        | Action::AddEditDate
        | Action::AddSave
        | Action::AddSaveAnyway => {
            apply_add(state, store, action);
            return true;
        }
        Action::SelectRow(_) | Action::ScrollBy(_) | Action::FocusPane(_) => {
            apply_mouse(state, action);
        }
        // Handled by `update` before it gets here.
        Action::Count(_) => {}
    }
    false
}

/// A move of the list's selection, the reader's scroll or the help; bounds are kept by `sync`.
fn apply_move(state: &mut AppState, action: Action) {
    let last = state.visible.len().saturating_sub(1);
    let list_page = state.list_height.max(1);
    let reader_page = state.reader.height.saturating_sub(1).max(1);
    match action {
        Action::HelpDown => state.help = state.help.map(|s| s.saturating_add(1)),
        Action::HelpUp => state.help = state.help.map(|s| s.saturating_sub(1)),
        Action::SelectNext => state.selected = (state.selected + 1).min(last),
        Action::SelectPrev => state.selected = state.selected.saturating_sub(1),
        Action::SelectPageDown => state.selected = (state.selected + list_page).min(last),
        Action::SelectPageUp => state.selected = state.selected.saturating_sub(list_page),
        Action::SelectFirst => state.selected = 0,
        Action::SelectLast => state.selected = last,
        Action::OpenArticle => state.focus = Focus::Reader,
        Action::ScrollDown => state.reader.scroll = state.reader.scroll.saturating_add(1),
        Action::ScrollUp => state.reader.scroll = state.reader.scroll.saturating_sub(1),
        Action::PageDown => {
            state.reader.scroll = state.reader.scroll.saturating_add(reader_page);
        }
        Action::PageUp => state.reader.scroll = state.reader.scroll.saturating_sub(reader_page),
        Action::ScrollTop => state.reader.scroll = 0,
        Action::ScrollBottom => state.reader.scroll = usize::MAX,
        _ => {}
    }
}

/// The add pane: paste, check what was understood, correct a field, save. Saving itself is the
/// loop's (it writes a file): `update` only asks for it with `add_save`.
fn apply_add(state: &mut AppState, store: &Store, action: Action) {
    if action == Action::OpenAdd {
        if state.add.is_none() {
            state.add = Some(AddPane::default());
        }
        return;
    }
    let Some(add) = &mut state.add else {
        return;
    };
    if let Some((field, typed)) = &mut add.editing {
        let field = *field;
        match action {
            Action::AddChar(c) if c != '\t' => typed.push(c),
            Action::AddBackspace => {
                typed.pop();
            }
            Action::AddBack => {
                add.editing = None;
                add.error = None;
            }
            Action::AddNewline | Action::AddCheck => {
                let typed = typed.trim().to_owned();
                match correct(&mut add.fields, field, &typed) {
                    Ok(()) => {
                        add.editing = None;
                        add.error = None;
                        check_added(add, store, state.paste_limit);
                    }
                    Err(e) => add.error = Some(e),
                }
            }
            _ => {}
        }
        return;
    }
    if add.review.is_none() {
        let limit = usize::try_from(state.paste_limit).unwrap_or(usize::MAX);
        match action {
            // Past the limit the text stops growing, and Ctrl-D says it is too large.
            Action::AddChar(c) if add.text.len() <= limit => add.text.push(c),
            Action::AddNewline if add.text.len() <= limit => add.text.push('\n'),
            Action::AddBackspace => {
                add.text.pop();
            }
            Action::AddCheck => check_added(add, store, state.paste_limit),
            Action::AddBack => state.add = None,
            _ => {}
        }
        return;
    }
    let edit = |field: AddField, fields: &crate::intake::Fields| {
        let now = match field {
            AddField::Headline => fields.headline.clone(),
            AddField::Outlet => fields.outlet.clone(),
            AddField::Date => fields.date.map(|d| d.to_string()),
        };
        Some((field, now.unwrap_or_default()))
    };
    match action {
        Action::AddEditHeadline => add.editing = edit(AddField::Headline, &add.fields),
        Action::AddEditOutlet => add.editing = edit(AddField::Outlet, &add.fields),
        Action::AddEditDate => add.editing = edit(AddField::Date, &add.fields),
        Action::AddBack => {
            add.review = None;
            add.error = None;
        }
        Action::AddSave | Action::AddSaveAnyway => {
            if let Some(review) = &add.review {
                match &review.duplicate {
                    Some(d) if action == Action::AddSave => {
                        add.error = Some(format!("{d}; f saves it anyway"));
                    }
                    _ => state.add_save = Some((review.name.clone(), review.text.clone())),
                }
            }
        }
        _ => {}
    }
}

/// Set a corrected field from what was typed (nothing typed takes the correction away).
fn correct(fields: &mut crate::intake::Fields, field: AddField, typed: &str) -> Result<(), String> {
    let text = crate::sanitize::line(typed).trim().to_owned();
    let value = (!text.is_empty()).then_some(text);
    match field {
        AddField::Headline => fields.headline = value,
        AddField::Outlet => fields.outlet = value,
        AddField::Date => {
            fields.date = match value {
                None => None,
                Some(v) => Some(crate::article::PartialDate::parse_iso(&v).ok_or_else(|| {
                    format!("'{v}' is not a date; type 2019-11-23, 2019-11 or 2019")
                })?),
            };
        }
    }
    Ok(())
}

/// Draft the pane's text with its corrections, as `gisa add` does: the review, or why the text
/// cannot be added.
fn check_added(add: &mut AddPane, store: &Store, limit: u64) {
    let drafted = crate::intake::draft(
        add.text.clone().into_bytes(),
        &add.fields,
        store.aliases(),
        store.lexicon(),
        limit,
    );
    match drafted {
        Ok(draft) => {
            let how = [
                "press h to give it",
                "press o to give it",
                "press d to give it",
            ];
            let duplicate = crate::intake::find_duplicate(store, &draft.article)
                .map(|d| crate::intake::describe(store, &d));
            add.review = Some(AddReview {
                rows: crate::intake::understood(&draft, &store.lexicon().topics, how),
                name: crate::intake::file_name(&draft.article),
                text: draft.text,
                duplicate,
            });
            add.error = None;
        }
        Err(e) => {
            add.review = None;
            add.error = Some(e.to_string());
        }
    }
}

/// What works anywhere and always redraws: suspend, back, the sidebar and the help, a resize,
/// a paste where no text is taken.
fn apply_global(state: &mut AppState, store: &Store, action: Action) {
    match action {
        Action::Suspend => state.suspend = true,
        Action::Back => back(state, store),
        Action::ToggleSidebar => toggle_sidebar(state),
        Action::ToggleHelp => state.help = if state.help.is_some() { None } else { Some(0) },
        Action::Resize(w, h) => state.size = (w, h),
        Action::PasteIgnored => {
            state.notice = Some(
                "pasted text is taken by the add pane (a) and the query line (/) only".to_owned(),
            );
        }
        _ => {}
    }
}

/// Back out of whatever is open: a picker or view, the folded sidebar, the help, then another
/// pane (to the list), then the filter.
fn back(state: &mut AppState, store: &Store) {
    if state.picker.is_some() {
        state.picker = None;
    } else if state.view.is_some() {
        state.view = None;
    } else if state.sidebar_overlay {
        state.sidebar_overlay = false;
        state.focus = Focus::Reader;
    } else if state.help.is_some() {
        state.help = None;
    } else if state.focus != Focus::List {
        state.focus = Focus::List;
    } else if !state.filter.is_empty() {
        set_filter(state, store, Filter::default());
    }
}

/// Show the sidebar: focus it where it is a pane, else open or close it over the reader.
fn toggle_sidebar(state: &mut AppState) {
    let (w, h) = state.size;
    if Arrangement::for_size(w, h, state.wide_from) == Arrangement::Wide {
        state.focus = Focus::Sidebar;
    } else if state.sidebar_overlay {
        state.sidebar_overlay = false;
        state.focus = Focus::Reader;
    } else {
        state.sidebar_overlay = true;
        state.focus = Focus::Sidebar;
    }
}

/// What the mouse asks for: a row clicked, the reader scrolled by the wheel, a pane clicked.
/// `sync` clamps the selection and the scroll and drops a focus on a pane that is not shown.
fn apply_mouse(state: &mut AppState, action: Action) {
    match action {
        Action::SelectRow(row) => {
            state.selected = row.min(state.visible.len().saturating_sub(1));
            state.focus = Focus::List;
        }
        Action::ScrollBy(lines) => {
            let by = isize::try_from(lines).unwrap_or(0);
            state.reader.scroll = state.reader.scroll.saturating_add_signed(by);
        }
        Action::FocusPane(pane) => state.focus = pane,
        _ => {}
    }
}

/// Marks, copying and the line length: things done to the selected article. Always redraws.
fn apply_article(state: &mut AppState, store: &Store, action: Action) -> bool {
    match action {
        Action::ToggleRead => {
            if let Some(a) = state.selected_article().and_then(|i| store.get(i)) {
                let read = state.marks.toggle_read(&a.id);
                state.notice = Some(if read { "marked read" } else { "marked unread" }.to_owned());
            }
        }
        Action::ToggleBookmark => {
            if let Some(a) = state.selected_article().and_then(|i| store.get(i)) {
                let on = state.marks.toggle_bookmark(&a.id);
                state.notice = Some(if on { "bookmarked" } else { "bookmark removed" }.to_owned());
            }
        }
        Action::CopyCitation => {
            copy_citation(state, store);
        }
        Action::WiderText => {
            state.text_width = state.text_width.saturating_add(TEXT_STEP).min(MAX_TEXT);
            state.notice = Some(format!("lines up to {} columns", state.text_width));
        }
        Action::NarrowerText => {
            state.text_width = state.text_width.saturating_sub(TEXT_STEP).max(MIN_TEXT);
            state.notice = Some(format!("lines up to {} columns", state.text_width));
        }
        _ => {}
    }
    true
}

/// The sidebar cursor and following links back and forth. Always redraws.
fn apply_link(state: &mut AppState, store: &Store, action: Action) -> bool {
    match action {
        Action::SidebarDown => {
            let last = state.sidebar.items().saturating_sub(1);
            state.sidebar.cursor = (state.sidebar.cursor + 1).min(last);
            return true;
        }
        Action::SidebarUp => {
            state.sidebar.cursor = state.sidebar.cursor.saturating_sub(1);
            return true;
        }
        Action::SidebarFirst => {
            state.sidebar.cursor = 0;
            return true;
        }
        Action::SidebarLast => {
            state.sidebar.cursor = state.sidebar.items().saturating_sub(1);
            return true;
        }
        Action::FollowLink => match state.sidebar.item() {
            Some(SidebarItem::Related(r)) => {
                if let Some(target) = state.sidebar.related.get(r).map(|r| r.article) {
                    go_to(state, store, target);
                }
            }
            Some(SidebarItem::Entity(e)) => spotlight(state, e),
            None => {}
        },
        Action::NextMention => jump_to_mention(state, true),
        Action::PrevMention => jump_to_mention(state, false),
        Action::HistoryBack => {
            if let Some(place) = state.back.pop() {
                let here = place_of(state);
                state.forward.push(here);
                restore(state, store, place);
            }
            return true;
        }
        Action::HistoryForward => {
            if let Some(place) = state.forward.pop() {
                let here = place_of(state);
                state.back.push(here);
                restore(state, store, place);
            }
            return true;
        }
        _ => {}
    }
    true
}

/// The query line. Always redraws.
fn apply_query(state: &mut AppState, store: &Store, action: Action) -> bool {
    match action {
        Action::StartQuery => {
            state.help = None;
            state.query = Some(QueryLine {
                text: state.filter.to_string(),
                error: None,
                anchor: state.selected_article(),
            });
            return true;
        }
        Action::QueryInput(c) => {
            if let Some(q) = &mut state.query
                && q.text.chars().count() < MAX_QUERY
            {
                q.text.push(c);
            }
            requery(state, store);
            return true;
        }
        Action::QueryBackspace => {
            if let Some(q) = &mut state.query {
                q.text.pop();
            }
            requery(state, store);
            return true;
        }
        Action::QueryClear => {
            if let Some(q) = &mut state.query {
                q.text.clear();
            }
            requery(state, store);
            return true;
        }
        Action::QueryAccept => {
            state.query = None;
            return true;
        }
        Action::QueryCancel => {
            state.query = None;
            set_filter(state, store, Filter::default());
            return true;
        }
        _ => {}
    }
    true
}

/// `+` and `-` change the reader's line length by this many columns, within these bounds (the
/// same as `reader.width` in config).
const TEXT_STEP: u16 = 4;
const MIN_TEXT: u16 = 20;
const MAX_TEXT: u16 = 400;

/// Put the selected article's citation on the way to the clipboard (the loop writes it).
fn copy_citation(state: &mut AppState, store: &Store) {
    let Some(a) = state.selected_article().and_then(|i| store.get(i)) else {
        state.notice = Some("no article to copy".to_owned());
        return;
    };
    if !state.osc52 {
        state.notice = Some("copying is off (reader.osc52 = false in config)".to_owned());
        return;
    }
    let citation = crate::clipboard::citation(a);
    state.to_terminal = Some(crate::clipboard::osc52(&citation));
    state.notice = Some(format!("copied: {}", crate::sanitize::line(&citation)));
}

/// Make entity `e`'s mentions stand out (or stop, when it already does), and show the first.
fn spotlight(state: &mut AppState, e: usize) {
    if state.reader.spotlight == Some(e) {
        state.reader.spotlight = None;
        return;
    }
    state.reader.spotlight = Some(e);
    let article = state.sidebar.text.as_deref();
    if let Some(entity) = article.and_then(|a| a.entities.get(e)) {
        let n = entity.mentions.len();
        state.notice = Some(format!(
            "{}: {n} mention{} (n/N to jump)",
            entity.name,
            if n == 1 { "" } else { "s" }
        ));
    }
    state.reader.mention_line = None;
    jump_to_mention(state, true);
}

/// Scroll the reader so the next (or previous) line with a mention of the spotlighted name is
/// near the top, going round at the end.
fn jump_to_mention(state: &mut AppState, forward: bool) {
    let r = &mut state.reader;
    let Some(e) = r.spotlight else {
        state.notice = Some("choose a name in the sidebar first (Tab, j/k, Enter)".to_owned());
        return;
    };
    let lines: Vec<usize> = r
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.marks.iter().any(|m| m.entity == e))
        .map(|(i, _)| i)
        .collect();
    let here = r.mention_line;
    let next = if forward {
        lines
            .iter()
            .find(|&&l| here.is_none_or(|h| l > h))
            .or(lines.first())
    } else {
        lines
            .iter()
            .rev()
            .find(|&&l| here.is_none_or(|h| l < h))
            .or(lines.last())
    };
    if let Some(&line) = next {
        r.mention_line = Some(line);
        r.scroll = line.saturating_sub(2);
    }
}

/// Open the dossier or the timeline, move in it, go where a row points, or close it.
fn apply_view(state: &mut AppState, store: &Store, action: Action) {
    let article = state.selected_article();
    match action {
        Action::OpenDossier => {
            // The name under the sidebar cursor, else the one standing out in the reader.
            let entity = match state.sidebar.item() {
                Some(SidebarItem::Entity(e)) if state.focus == Focus::Sidebar => Some(e),
                _ => state.reader.spotlight,
            };
            match (article, entity) {
                (Some(a), Some(e)) => state.view = views::dossier(store, a, e),
                _ => {
                    state.notice =
                        Some("choose a name in the sidebar first (Tab, j/k), then d".to_owned());
                }
            }
        }
        Action::OpenTimeline => match article.and_then(|a| views::timeline(store, a)) {
            Some(v) if !v.rows.is_empty() => state.view = Some(v),
            _ => state.notice = Some("this article carries no topics".to_owned()),
        },
        Action::OpenProblems => match views::problems(store) {
            Some(v) => state.view = Some(v),
            None => state.notice = Some("no problems: every file loaded cleanly".to_owned()),
        },
        Action::ViewDown | Action::ViewUp => {
            if let Some(v) = &mut state.view {
                let last = v.rows.len().saturating_sub(1);
                v.cursor = if action == Action::ViewDown {
                    (v.cursor + 1).min(last)
                } else {
                    v.cursor.saturating_sub(1)
                };
            }
        }
        Action::ViewClose => state.view = None,
        Action::ViewOpen => {
            let target = state
                .view
                .as_ref()
                .and_then(|v| v.rows.get(v.cursor))
                .and_then(|r| r.target.clone());
            let Some(target) = target else { return };
            state.view = None;
            match target {
                ViewTarget::Mention {
                    article,
                    entity_key,
                    nth,
                } => {
                    go_to(state, store, article);
                    let index = state
                        .sidebar
                        .text
                        .as_deref()
                        .filter(|_| state.sidebar.article == Some(article))
                        .and_then(|a| a.entities.iter().position(|e| *e.key == *entity_key));
                    if let Some(e) = index {
                        state.reader.spotlight = Some(e);
                        state.reader.mention_line = None;
                        for _ in 0..=nth {
                            jump_to_mention(state, true);
                        }
                    }
                }
                ViewTarget::Article(article) => {
                    let here = place_of(state);
                    state.back.push(here);
                    state.forward.clear();
                    go_to(state, store, article);
                }
                ViewTarget::Filter(query) => {
                    if let Ok(filter) = Filter::parse(&query) {
                        let here = place_of(state);
                        state.back.push(here);
                        state.forward.clear();
                        set_filter(state, store, filter);
                        state.focus = Focus::List;
                    }
                }
            }
        }
        _ => {}
    }
}

/// Years with their article counts, newest first, after "all years"; the cursor on the year the
/// filter has, if it is one year.
fn year_picker(state: &AppState, store: &Store) -> Picker {
    let mut items = vec![("all years".to_owned(), store.len(), None)];
    let mut years: Vec<(u16, usize)> = store.years().collect();
    years.reverse();
    items.extend(
        years
            .iter()
            .map(|(y, n)| (y.to_string(), *n, Some(y.to_string()))),
    );
    let current = state
        .filter
        .years
        .filter(|r| r.from == r.to)
        .map(|r| r.from.to_string());
    let cursor = items
        .iter()
        .position(|(_, _, v)| *v == current)
        .unwrap_or(0);
    Picker {
        kind: PickerKind::Year,
        items,
        cursor,
    }
}

/// Outlets and publishers with their article counts, most first, after "all outlets".
fn outlet_picker(state: &AppState, store: &Store) -> Picker {
    let mut outlets = store.outlets();
    outlets.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut items = vec![("all outlets".to_owned(), store.len(), None)];
    items.extend(
        outlets
            .into_iter()
            .map(|(name, n)| (name.clone(), n, Some(name))),
    );
    let current = state.filter.outlet.as_deref().map(str::to_lowercase);
    let cursor = items
        .iter()
        .position(|(_, _, v)| v.as_deref().map(str::to_lowercase) == current)
        .unwrap_or(0);
    Picker {
        kind: PickerKind::Outlet,
        items,
        cursor,
    }
}

/// Open a picker, move in it, choose, or close it.
fn apply_picker(state: &mut AppState, store: &Store, action: Action) {
    match action {
        Action::OpenYearPicker => state.picker = Some(year_picker(state, store)),
        Action::OpenOutletPicker => state.picker = Some(outlet_picker(state, store)),
        _ => {}
    }
    let Some(picker) = &mut state.picker else {
        return;
    };
    match action {
        Action::PickerDown => {
            picker.cursor = (picker.cursor + 1).min(picker.items.len().saturating_sub(1));
        }
        Action::PickerUp => picker.cursor = picker.cursor.saturating_sub(1),
        Action::PickerClose => state.picker = None,
        Action::PickerChoose => {
            let kind = picker.kind;
            let value = picker.items.get(picker.cursor).and_then(|i| i.2.clone());
            state.picker = None;
            let mut filter = state.filter.clone();
            match kind {
                PickerKind::Year => {
                    filter.years = value.and_then(|v| crate::query::YearRange::parse(&v).ok());
                }
                PickerKind::Outlet => filter.outlet = value,
            }
            set_filter(state, store, filter);
        }
        _ => {}
    }
}

/// The most places `Backspace` can go back through.
const MAX_HISTORY: usize = 100;

/// Where the reader is now.
fn place_of(state: &AppState) -> Place {
    Place {
        article: state.selected_article(),
        filter: state.filter.clone(),
        focus: state.focus,
        scroll: state.reader.scroll,
        sidebar_cursor: state.sidebar.cursor,
    }
}

/// Open `article` in the reader as a followed link: remember where we were, and show every
/// article again if the filter hides this one.
fn go_to(state: &mut AppState, store: &Store, article: usize) {
    let here = place_of(state);
    if state.back.len() >= MAX_HISTORY {
        state.back.remove(0);
    }
    state.back.push(here);
    state.forward.clear();
    if !state.visible.contains(&article) {
        set_filter(state, store, Filter::default());
    }
    if let Some(i) = state.visible.iter().position(|&v| v == article) {
        state.selected = i;
    }
    state.focus = Focus::Reader;
    sync(state, store);
    state.reader.scroll = 0;
}

/// Go back (or forward) to a remembered place: its filter, article, pane and scroll.
fn restore(state: &mut AppState, store: &Store, place: Place) {
    if place.filter != state.filter {
        set_filter(state, store, place.filter);
    }
    if let Some(i) = place
        .article
        .and_then(|a| state.visible.iter().position(|&v| v == a))
    {
        state.selected = i;
    }
    state.focus = place.focus;
    sync(state, store);
    state.reader.scroll = place.scroll.min(state.reader.max_scroll());
    state.sidebar.cursor = place
        .sidebar_cursor
        .min(state.sidebar.items().saturating_sub(1));
}

/// Filter the list by the query line as it stands. A query still being typed (`year:20`,
/// `outlet:`, an open quote) leaves the list as it was, quietly; one that cannot be right, or
/// names an outlet or topic the archive does not have, leaves it too and says why.
fn requery(state: &mut AppState, store: &Store) {
    let Some(text) = state.query.as_ref().map(|q| q.text.clone()) else {
        return;
    };
    let outcome = match Filter::parse(&text) {
        Ok(filter) => store
            .validate(&filter)
            .map(|()| Some(filter))
            .map_err(|e| e.to_string()),
        Err(e) => Filter::parse_partial(&text)
            .map(|_| None)
            .map_err(|_| e.to_string()),
    };
    let error = outcome.as_ref().err().cloned();
    if let Some(q) = &mut state.query {
        q.error = error;
    }
    if let Ok(Some(filter)) = outcome {
        set_filter(state, store, filter);
    }
}

/// Show the articles `filter` lets through, keeping the selected article selected when it is
/// still listed.
fn set_filter(state: &mut AppState, store: &Store, filter: Filter) {
    let anchor = state.query.as_ref().and_then(|q| q.anchor);
    let current = state.selected_article();
    state.visible = store.filter(&filter);
    state.filter = filter;
    let position = |a: Option<usize>| a.and_then(|a| state.visible.iter().position(|&v| v == a));
    state.selected = position(anchor).or(position(current)).unwrap_or(0);
}

/// The background load's news, and the watch's on the folder.
fn apply_load(state: &mut AppState, store: &Store, action: Action) {
    match action {
        Action::LoadListed(files) => state.loading = Some(Loading { done: 0, files }),
        Action::LoadGrew(done) => {
            if let Some(l) = &mut state.loading {
                l.done = done;
            }
            grown(state, store);
        }
        Action::LoadFinished(millis) => {
            state.loading = None;
            loaded(state, store, millis);
        }
        Action::ExportView => {
            state.export = true;
        }
        Action::Reload => {
            state.reload = true;
            state.notice = Some(if state.loading.is_some() {
                "the folder is read again once the load is done".to_owned()
            } else {
                "reading the articles folder again...".to_owned()
            });
        }
        Action::ArchiveChanged { applied, asked } => {
            archive_changed(state, store, applied, asked);
        }
        Action::Trouble(t) => {
            state.notice = Some(
                match t {
                    Trouble::WatchLimit => "not watching the articles folder for changes: the system's limit on watched folders is reached (fs.inotify.max_user_watches); r reads it again",
                    Trouble::NotWatched => "not watching the articles folder for changes (this file system does not report them); r reads it again",
                    Trouble::Unreadable => "the articles folder cannot be read again; the list shows it as it was",
                }
                .to_owned(),
            );
        }
        _ => {}
    }
}

/// The store has taken in more articles: list them under the same filter, keep the selected
/// article selected on the same screen row (or the top of the list, if that is where the
/// selection was and nothing is open), open the article asked for with --open once it is in,
/// and rank the open article's related stories again among them all.
fn grown(state: &mut AppState, store: &Store) {
    let at_top = state.selected == 0 && state.list_offset == 0 && state.focus == Focus::List;
    let current = state.selected_article();
    let row = state.selected.saturating_sub(state.list_offset);
    if state.query.is_some() {
        // A query still being typed may name an outlet that has only now come in.
        requery(state, store);
    }
    state.visible = store.filter(&state.filter);
    if let Some(id) = state.pending_open.as_deref()
        && let Some(slot) = store.slot_of(id)
    {
        state.pending_open = None;
        open_at_start(state, store, slot);
        return;
    }
    if !at_top && let Some(i) = current.and_then(|a| position_of(state, store, a)) {
        state.selected = i;
        state.list_offset = i.saturating_sub(row);
    }
    // Ranked again once the archive has grown by a tenth since (and when the load ends), not
    // on every batch: ranking is the costliest part of taking a batch in.
    if store.len() > state.sidebar.ranked_among + state.sidebar.ranked_among / 10 {
        rank_again(state, store);
    }
}

/// Files of the folder were read again and the store changed under the reader: articles came,
/// went, or took new slots. Every slot the state holds follows its article (or lets go of it,
/// when its file is gone); the list keeps its filter, the selection its article and row, the
/// reader its place in an article read again; the related stories are ranked again. The
/// status bar says what changed (`+2 articles, 1 updated`).
fn archive_changed(
    state: &mut AppState,
    store: &Store,
    applied: crate::load::refresh::Applied,
    asked: bool,
) {
    let crate::load::refresh::Applied {
        added,
        updated,
        removed,
    } = applied;
    let follow = |slot: usize| store.successor(slot);
    let current = state.selected_article();
    let row = state.selected.saturating_sub(state.list_offset);
    let open_gone = current.is_some() && current.and_then(follow).is_none();
    if let Some(q) = &mut state.query {
        q.anchor = q.anchor.and_then(follow);
    }
    if state.query.is_some() {
        requery(state, store);
    }
    state.visible = store.filter(&state.filter);
    if let Some(i) = current
        .and_then(follow)
        .and_then(|a| position_of(state, store, a))
    {
        state.selected = i;
        // A list shown from its top stays so, and shows what came in on top (the selection
        // moves down with its article); one scrolled down keeps its article on its row.
        if state.list_offset > 0 {
            state.list_offset = i.saturating_sub(row);
        }
    }
    let selected = state.selected_article();
    let same = state.sidebar.article.and_then(follow) == selected;
    let cursor = state.sidebar.cursor;
    state.sidebar = sidebar_for(store, selected);
    if same {
        state.sidebar.cursor = cursor.min(state.sidebar.items().saturating_sub(1));
    }
    // The reader keeps its place (the same line) in an article read again, wrapped anew from
    // its new text; a name picked out in it may not be there any more.
    let r = &mut state.reader;
    if let Some(old) = r.article
        && let Some(new) = follow(old)
        && new != old
        && selected == Some(new)
    {
        r.article = Some(new);
        r.lines = state
            .sidebar
            .text
            .as_deref()
            .map(|a| reader::wrap_article(a, r.width))
            .unwrap_or_default();
        r.spotlight = None;
        r.mention_line = None;
    }
    state.opened = state.opened.and_then(follow);
    for place in state.back.iter_mut().chain(state.forward.iter_mut()) {
        place.article = place.article.and_then(follow);
    }
    if let Some(view) = &mut state.view {
        for r in &mut view.rows {
            r.target = match r.target.take() {
                Some(ViewTarget::Mention {
                    article,
                    entity_key,
                    nth,
                }) => follow(article).map(|article| ViewTarget::Mention {
                    article,
                    entity_key,
                    nth,
                }),
                Some(ViewTarget::Article(a)) => follow(a).map(ViewTarget::Article),
                other => other,
            };
        }
    }
    let mut parts = Vec::new();
    if added > 0 {
        parts.push(format!(
            "+{added} article{}",
            if added == 1 { "" } else { "s" }
        ));
    }
    if updated > 0 {
        parts.push(format!("{updated} updated"));
    }
    if removed > 0 {
        parts.push(format!("{removed} removed"));
    }
    let mut notice = if parts.is_empty() {
        "the articles folder has not changed".to_owned()
    } else {
        parts.join(", ")
    };
    if open_gone {
        notice.push_str("; the selected article's file is gone");
    }
    if asked || !parts.is_empty() {
        state.notice = Some(notice);
    }
}

/// Rank the open article's related stories again, among every article in the store now.
fn rank_again(state: &mut AppState, store: &Store) {
    if let Some(a) = state
        .sidebar
        .article
        .filter(|&a| Some(a) == state.selected_article())
    {
        state.sidebar.related = match state.sidebar.text.as_deref() {
            Some(whole) => store.related_to(a, whole, sidebar::RELATED_LIMIT),
            None => store.related(a, sidebar::RELATED_LIMIT),
        };
        state.sidebar.ranked_among = store.len();
        state.sidebar.cursor = state
            .sidebar
            .cursor
            .min(state.sidebar.items().saturating_sub(1));
    }
}

/// The load is over: say how it went, and settle an article asked for with --open that was
/// not found by its exact id (a prefix is only unique once every id is known).
fn loaded(state: &mut AppState, store: &Store, millis: u64) {
    let n = store.len();
    let mut notice = format!(
        "loaded {n} article{} in {}.{} s",
        if n == 1 { "" } else { "s" },
        millis / 1000,
        millis % 1000 / 100
    );
    if let Some(id) = state.pending_open.take() {
        match store.find(&id) {
            Ok(slot) => open_at_start(state, store, slot),
            Err(e) => notice = e.to_string(),
        }
    }
    if state.sidebar.ranked_among < n {
        rank_again(state, store);
    }
    state.notice = Some(notice);
}

/// Select `article` and give the reader the focus, as `--open` asks.
fn open_at_start(state: &mut AppState, store: &Store, article: usize) {
    if let Some(i) = position_of(state, store, article) {
        state.selected = i;
        state.focus = Focus::Reader;
    }
}

/// Where `article` is in the list, if the filter lets it through (the list is in reading
/// order, so this is a binary search).
fn position_of(state: &AppState, store: &Store, article: usize) -> Option<usize> {
    let rank = store.rank(article);
    state
        .visible
        .binary_search_by_key(&rank, |&v| store.rank(v))
        .ok()
}

/// The pane after (or before) the focused one, among those the current size shows.
fn cycle(state: &AppState, forward: bool) -> Focus {
    let panes = Arrangement::for_size(state.size.0, state.size.1, state.wide_from).panes();
    let n = panes.len();
    let here = panes.iter().position(|f| *f == state.focus).unwrap_or(0);
    let next = if forward { here + 1 } else { here + n - 1 };
    panes.get(next % n).copied().unwrap_or(Focus::List)
}

/// Make the derived parts of the state agree with the selection, the focus and the size.
fn sync(state: &mut AppState, store: &Store) {
    let (w, h) = state.size;
    let area = Rect::new(0, 0, w, h);
    let arrangement = Arrangement::for_size(w, h, state.wide_from);
    if arrangement == Arrangement::Wide {
        state.sidebar_overlay = false; // the sidebar is a pane again
    }
    let overlaid = state.sidebar_overlay && state.focus == Focus::Sidebar;
    if !overlaid && !arrangement.panes().contains(&state.focus) {
        state.focus = Focus::List;
    }
    if state.sidebar_overlay && state.focus != Focus::Sidebar {
        state.sidebar_overlay = false;
    }
    if let Some(scroll) = &mut state.help {
        *scroll = (*scroll).min(ui::help::max_scroll(ui::overlay_area(area), &state.keymap));
    }

    // The list: keep the selection in range and on screen.
    let rows = ui::layout(area, Focus::List, state.wide_from)
        .list
        .map_or(0, |r| usize::from(list::rows_area(r).height));
    state.list_height = rows;
    let len = state.visible.len();
    state.selected = state.selected.min(len.saturating_sub(1));
    if state.selected < state.list_offset {
        state.list_offset = state.selected;
    } else if rows > 0 && state.selected >= state.list_offset + rows {
        state.list_offset = state.selected + 1 - rows;
    }
    state.list_offset = state.list_offset.min(len.saturating_sub(rows.max(1)));

    // The reader: the selected article, wrapped to the width it is drawn at.
    let text = ui::layout(area, Focus::Reader, state.wide_from)
        .reader
        .map(|pane| reader::text_area(pane, state.text_width))
        .unwrap_or_default();
    let (width, height) = (usize::from(text.width), usize::from(text.height));
    let article = state.selected_article();
    // The sidebar first: it holds the whole article (text, mentions) that the reader wraps.
    if state.sidebar.article != article {
        state.sidebar = sidebar_for(store, article);
        if let Some(e) = &state.sidebar.error {
            state.notice = Some(e.clone());
        }
    }
    let r = &mut state.reader;
    if article != r.article || width != r.width {
        let old_len = r.lines.len();
        r.lines = state
            .sidebar
            .text
            .as_deref()
            .map(|a| reader::wrap_article(a, width))
            .unwrap_or_default();
        r.scroll = if article == r.article && old_len > 0 {
            // Same article, new width: stay at about the same place in it.
            r.scroll.min(old_len) * r.lines.len() / old_len
        } else {
            0
        };
        if r.article != article {
            r.spotlight = None;
            r.mention_line = None;
        }
        r.article = article;
        r.width = width;
    }
    r.height = height;
    r.scroll = r.scroll.min(r.max_scroll());

    // Opening an article (the reader takes the focus on it) marks it read, once per opening, so
    // `u` can mark it unread again while it is open.
    if state.focus == Focus::Reader {
        if state.opened != article {
            if let Some(a) = article.and_then(|i| store.get(i)) {
                state.marks.set_read(&a.id, true);
            }
            state.opened = article;
        }
    } else {
        state.opened = None;
    }
}

/// What the sidebar shows for an article. Ranking related stories is real work, so it is done
/// here, once per selected article, and never while drawing.
fn sidebar_for(store: &Store, article: Option<usize>) -> SidebarState {
    let Some(i) = article else {
        return SidebarState::default();
    };
    let a = match store.article(i) {
        Ok(a) => a,
        Err(e) => {
            return SidebarState {
                article,
                error: Some(format!("cannot show this article: {e}")),
                ..SidebarState::default()
            };
        }
    };
    let mut entities: Vec<usize> = (0..a.entities.len()).collect();
    // Stable: among equal counts, the order first met stays.
    entities.sort_by_key(|&e| {
        let entity = &a.entities[e];
        (
            entity.kind.shown_rank(),
            std::cmp::Reverse(entity.mentions.len()),
        )
    });
    SidebarState {
        article,
        entities,
        related: store.related_to(i, &a, sidebar::RELATED_LIMIT),
        ranked_among: store.len(),
        cursor: 0,
        text: Some(a),
        error: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::extract::outlet::OutletAliases;

    fn article(id: &str, date: Option<&str>, paragraphs: usize) -> Article {
        let body = (0..paragraphs)
            .map(|i| format!("Paragraph {i} of article {id}, long enough to wrap onto more than one line of text."))
            .collect();
        Article::sample(id, &format!("Headline {id}"), "Reuters", date, body)
    }

    fn store(n: usize) -> Store {
        let articles = (0..n)
            .map(|i| article(&format!("a{i:02}"), Some(&format!("{}", 2000 + i)), 30))
            .collect();
        Store::new(articles, vec![], OutletAliases::default())
    }

    fn started(store: &Store, w: u16, h: u16) -> AppState {
        let mut state = AppState::new(store, None);
        assert!(update(&mut state, store, Action::Resize(w, h)));
        state
    }

    /// Articles a00..a(n-1), dated 2000.., for a store filled in batches.
    fn articles(range: std::ops::Range<usize>) -> Vec<Article> {
        range
            .map(|i| article(&format!("a{i:02}"), Some(&format!("{}", 2000 + i)), 3))
            .collect()
    }

    /// A reader started on an empty store that is loading `files` files.
    fn loading(w: u16, h: u16, files: usize) -> (Store, AppState) {
        let s = Store::empty(OutletAliases::default(), crate::lexicon::Lexicon::default());
        let mut st = started(&s, w, h);
        st.loading = Some(Loading::default());
        assert!(update(&mut st, &s, Action::LoadListed(files)));
        assert_eq!(st.loading, Some(Loading { done: 0, files }));
        (s, st)
    }

    /// Take `changes` into the store as the reader does, and tell `update`.
    fn changed(
        st: &mut AppState,
        s: &mut Store,
        changes: Vec<crate::load::refresh::Changed>,
        asked: bool,
    ) {
        let applied = crate::load::refresh::apply(s, changes);
        assert!(update(st, s, Action::ArchiveChanged { applied, asked }));
    }

    fn read_again(a: Article) -> crate::load::refresh::Changed {
        crate::load::refresh::Changed::Read {
            rel: a.file.clone(),
            article: Some(Box::new(a)),
            problems: vec![],
        }
    }

    #[test]
    fn an_article_read_again_stays_open_at_its_place_and_the_list_keeps_its_filter() {
        let mut s = store(12);
        let mut st = started(&s, 120, 40);
        set_filter(&mut st, &s, Filter::parse("year:2003..2010").unwrap());
        update(&mut st, &s, Action::SelectNext);
        update(&mut st, &s, Action::SelectNext);
        update(&mut st, &s, Action::OpenArticle);
        update(&mut st, &s, Action::PageDown);
        let open = st.selected_article().unwrap();
        let id = s.articles()[open].id.clone();
        assert_eq!(id, "a08");
        let scroll = st.reader.scroll;
        assert!(scroll > 0);
        let mut new = article("a08", Some("2008"), 30);
        new.body[0] = "A corrected first paragraph.".to_owned();
        let brand_new = article("a20", Some("2005"), 3);
        let outside = article("a21", Some("2015"), 3);
        changed(
            &mut st,
            &mut s,
            vec![read_again(new), read_again(brand_new), read_again(outside)],
            false,
        );
        assert_eq!(st.notice.as_deref(), Some("+2 articles, 1 updated"));
        let now = st.selected_article().unwrap();
        assert_ne!(now, open, "read into a new slot");
        assert_eq!(s.articles()[now].id, "a08");
        assert_eq!(st.focus, Focus::Reader);
        assert_eq!(st.reader.article, Some(now));
        assert_eq!(st.reader.scroll, scroll, "the same place in it");
        assert!(
            st.reader
                .lines
                .iter()
                .any(|l| l.text.contains("A corrected first paragraph"))
        );
        let ids: Vec<&str> = st
            .visible
            .iter()
            .map(|&i| s.articles()[i].id.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "a10", "a09", "a08", "a07", "a06", "a05", "a20", "a04", "a03"
            ],
            "the filter holds: a21 (2015) is not listed"
        );
    }

    #[test]
    fn a_list_shown_from_its_top_shows_what_comes_in_on_top_and_a_scrolled_one_holds_its_row() {
        let mut s = store(60);
        let mut st = started(&s, 120, 20);
        assert_eq!(st.list_offset, 0);
        let first = st.selected_article().unwrap();
        changed(
            &mut st,
            &mut s,
            vec![read_again(article("z1", Some("2099"), 3))],
            false,
        );
        assert_eq!(st.list_offset, 0);
        assert_eq!(s.articles()[st.visible[0]].id, "z1", "on top, in view");
        assert_eq!(
            st.selected_article(),
            Some(first),
            "the cursor stays on its article"
        );
        assert_eq!(st.selected, 1);
        // Scrolled down the list: the selected article keeps its screen row.
        for _ in 0..30 {
            update(&mut st, &s, Action::SelectNext);
        }
        let (offset, row) = (st.list_offset, st.selected - st.list_offset);
        assert!(offset > 0);
        changed(
            &mut st,
            &mut s,
            vec![read_again(article("z2", Some("2098"), 3))],
            false,
        );
        assert_eq!(st.selected - st.list_offset, row);
        assert_eq!(st.list_offset, offset + 1);
    }

    #[test]
    fn when_the_selected_article_is_deleted_the_next_takes_its_row_and_the_status_says_so() {
        let mut s = store(5);
        let mut st = started(&s, 120, 40);
        update(&mut st, &s, Action::SelectNext);
        update(&mut st, &s, Action::OpenArticle);
        let gone = st.selected_article().unwrap();
        let place = place_of(&st);
        st.back.push(place);
        let file = s.articles()[gone].file.clone();
        changed(
            &mut st,
            &mut s,
            vec![crate::load::refresh::Changed::Gone { rel: file }],
            false,
        );
        assert_eq!(
            st.notice.as_deref(),
            Some("1 removed; the selected article's file is gone")
        );
        assert_eq!(st.visible.len(), 4);
        assert_eq!(st.selected, 1);
        let now = st.selected_article().unwrap();
        assert_ne!(now, gone);
        assert_eq!(st.reader.article, Some(now));
        assert_eq!(st.sidebar.article, Some(now));
        assert_eq!(st.back[0].article, None, "history lets go of it");
        // Nothing in the sidebar points at the gone article.
        assert!(st.sidebar.related.iter().all(|r| r.article != gone));
    }

    #[test]
    fn r_asks_for_the_folder_once_and_an_unchanged_folder_is_said() {
        let mut s = store(3);
        let mut st = started(&s, 80, 24);
        assert!(update(&mut st, &s, Action::Reload));
        assert!(st.reload);
        st.reload = false;
        changed(&mut st, &mut s, vec![], true);
        assert_eq!(
            st.notice.as_deref(),
            Some("the articles folder has not changed")
        );
        // The watch's own news with nothing in it says nothing.
        st.notice = None;
        changed(&mut st, &mut s, vec![], false);
        assert_eq!(st.notice, None);
    }

    fn type_into(st: &mut AppState, s: &Store, text: &str) {
        for c in text.chars() {
            let a = if c == '\n' {
                Action::AddNewline
            } else {
                Action::AddChar(c)
            };
            update(st, s, a);
        }
    }

    const PASTE: &str = "Exports fall for a third month\nMarch 5, 2024\nTOKYO (Kyodo) - Japan's exports fell in March as shipments of chips to China slowed, data showed.\n";

    #[test]
    fn the_add_pane_checks_a_paste_takes_a_corrected_date_and_asks_to_save_it() {
        let s = store(3);
        let mut st = started(&s, 120, 40);
        update(&mut st, &s, Action::OpenAdd);
        assert_eq!(st.input(), crate::tui::keymap::Input::AddText);
        // Nothing pasted: said, and the pane stays on the text.
        update(&mut st, &s, Action::AddCheck);
        assert!(
            st.add
                .as_ref()
                .unwrap()
                .error
                .as_deref()
                .unwrap()
                .contains("empty")
        );
        type_into(&mut st, &s, PASTE);
        update(&mut st, &s, Action::AddCheck);
        assert_eq!(st.input(), crate::tui::keymap::Input::AddReview);
        let review = st.add.as_ref().unwrap().review.clone().unwrap();
        assert_eq!(review.name, "2024-03-05-exports-fall-for-a-third-month.txt");
        assert!(
            review
                .rows
                .contains(&("outlet".to_owned(), "Kyodo".to_owned())),
            "{:?}",
            review.rows
        );
        assert_eq!(review.duplicate, None);
        // A wrong date is refused and kept for mending; a right one is taken and shown given.
        update(&mut st, &s, Action::AddEditDate);
        assert_eq!(st.input(), crate::tui::keymap::Input::AddText);
        type_into(&mut st, &s, "2024-02-30");
        update(&mut st, &s, Action::AddNewline);
        assert!(
            st.add
                .as_ref()
                .unwrap()
                .error
                .as_deref()
                .unwrap()
                .contains("is not a date")
        );
        for _ in 0..2 {
            update(&mut st, &s, Action::AddBackspace);
        }
        type_into(&mut st, &s, "28");
        update(&mut st, &s, Action::AddNewline);
        let add = st.add.as_ref().unwrap();
        assert_eq!(add.error, None);
        let review = add.review.clone().unwrap();
        assert!(
            review
                .rows
                .contains(&("date".to_owned(), "2024-02-28 (given)".to_owned())),
            "{:?}",
            review.rows
        );
        assert_eq!(review.name, "2024-02-28-exports-fall-for-a-third-month.txt");
        assert!(
            review
                .text
                .starts_with("+++\ndate = \"2024-02-28\"\n+++\nExports fall")
        );
        update(&mut st, &s, Action::AddSave);
        assert_eq!(st.add_save, Some((review.name, review.text)));
    }

    #[test]
    fn a_paste_over_the_limit_is_said_to_be_too_large_not_cut_short() {
        let s = store(1);
        let mut st = started(&s, 120, 40);
        st.paste_limit = 60;
        update(&mut st, &s, Action::OpenAdd);
        type_into(&mut st, &s, PASTE);
        assert!(st.add.as_ref().unwrap().text.len() <= 62);
        update(&mut st, &s, Action::AddCheck);
        let add = st.add.as_ref().unwrap();
        assert!(add.review.is_none());
        assert!(
            add.error.as_deref().unwrap().contains("larger than"),
            "{:?}",
            add.error
        );
    }

    #[test]
    fn the_add_pane_asks_before_saving_a_duplicate_and_esc_steps_back() {
        let mut s = store(2);
        let mut st = started(&s, 120, 40);
        let mut a = Article::sample(
            "exports",
            "Exports fall for a third month",
            "Kyodo",
            Some("2024-03-05"),
            vec!["TOKYO (Kyodo) - Japan's exports fell in March as shipments of chips to China slowed, data showed.".to_owned()],
        );
        a.file = "exports.txt".to_owned();
        s.add(vec![a], vec![]);
        update(&mut st, &s, Action::OpenAdd);
        type_into(&mut st, &s, PASTE);
        update(&mut st, &s, Action::AddCheck);
        let review = st.add.as_ref().unwrap().review.clone().unwrap();
        assert!(
            review.duplicate.as_deref().unwrap().contains("exports.txt"),
            "{review:?}"
        );
        update(&mut st, &s, Action::AddSave);
        assert_eq!(st.add_save, None);
        assert!(
            st.add
                .as_ref()
                .unwrap()
                .error
                .as_deref()
                .unwrap()
                .ends_with("f saves it anyway")
        );
        update(&mut st, &s, Action::AddSaveAnyway);
        assert!(st.add_save.is_some());
        st.add_save = None;
        // Esc: from the review back to the text (kept), then the pane closes.
        update(&mut st, &s, Action::AddBack);
        assert_eq!(st.input(), crate::tui::keymap::Input::AddText);
        assert_eq!(st.add.as_ref().unwrap().text, PASTE);
        update(&mut st, &s, Action::AddBack);
        assert!(st.add.is_none());
    }

    #[test]
    fn the_list_fills_in_while_loading_and_the_top_stays_on_top() {
        let (mut s, mut st) = loading(120, 40, 10);
        assert!(st.visible.is_empty() && st.selected_article().is_none());
        // Older articles first, then newer ones: the list stays in reading order, and an
        // untouched selection stays on the newest.
        s.add(articles(0..4), vec![]);
        assert!(update(&mut st, &s, Action::LoadGrew(4)));
        assert_eq!(listed(&st, &s), ["a03", "a02", "a01", "a00"]);
        assert_eq!(st.reader.article, s.slot_of("a03"));
        s.add(articles(4..10), vec![]);
        update(&mut st, &s, Action::LoadGrew(10));
        assert_eq!(st.visible.len(), 10);
        assert_eq!((st.selected, st.selected_article()), (0, s.slot_of("a09")));
        assert_eq!(st.reader.article, s.slot_of("a09"));
        assert_eq!(
            st.loading,
            Some(Loading {
                done: 10,
                files: 10
            })
        );
        assert!(update(&mut st, &s, Action::LoadFinished(1234)));
        assert_eq!(st.loading, None);
        assert_eq!(st.notice.as_deref(), Some("loaded 10 articles in 1.2 s"));
        // The notice lasts until a key.
        update(&mut st, &s, Action::SelectNext);
        assert_eq!(st.notice, None);
    }

    #[test]
    fn a_selected_article_stays_selected_on_its_row_while_newer_ones_come_in() {
        // 12 rows: the list shows 9.
        let (mut s, mut st) = loading(120, 12, 30);
        s.add(articles(0..20), vec![]);
        update(&mut st, &s, Action::LoadGrew(20));
        for _ in 0..12 {
            update(&mut st, &s, Action::SelectNext);
        }
        for _ in 0..3 {
            update(&mut st, &s, Action::SelectPrev);
        }
        let chosen = st.selected_article();
        let row = st.selected - st.list_offset;
        assert_eq!(s.get(chosen.unwrap()).unwrap().id, "a10");
        assert_eq!(row, 5, "mid-pane");
        // A count being typed and a notice survive the load's news.
        update(&mut st, &s, Action::Count(3));
        st.notice = Some("copied".to_owned());
        s.add(articles(20..30), vec![]);
        assert!(update(&mut st, &s, Action::LoadGrew(30)));
        assert_eq!(st.selected_article(), chosen);
        assert_eq!(st.selected - st.list_offset, row, "same screen row");
        assert_eq!(st.reader.article, chosen);
        assert_eq!(st.count, Some(3));
        assert_eq!(st.notice.as_deref(), Some("copied"));
        update(&mut st, &s, Action::SelectNext);
        assert_eq!(s.get(st.selected_article().unwrap()).unwrap().id, "a07");
    }

    #[test]
    fn a_filter_holds_while_articles_come_in() {
        let (mut s, mut st) = loading(120, 40, 20);
        s.add(articles(0..5), vec![]);
        update(&mut st, &s, Action::LoadGrew(5));
        set_filter(&mut st, &s, Filter::parse("year:2003..2012").unwrap());
        assert_eq!(listed(&st, &s), ["a04", "a03"]);
        s.add(articles(5..20), vec![]);
        update(&mut st, &s, Action::LoadGrew(20));
        assert_eq!(st.visible.len(), 10);
        assert_eq!(listed(&st, &s)[0], "a12");
        assert!(listed(&st, &s).iter().all(|id| id.as_str() >= "a03"));
    }

    #[test]
    fn open_is_honoured_when_its_article_comes_in() {
        let (mut s, mut st) = loading(120, 40, 20);
        st.pending_open = Some("a05".to_owned());
        s.add(articles(0..5), vec![]);
        update(&mut st, &s, Action::LoadGrew(5));
        assert_eq!(st.focus, Focus::List, "not in yet");
        s.add(articles(5..10), vec![]);
        update(&mut st, &s, Action::LoadGrew(10));
        assert_eq!(st.selected_article(), s.slot_of("a05"));
        assert_eq!(
            (st.focus, st.reader.article),
            (Focus::Reader, s.slot_of("a05"))
        );
        assert_eq!(st.pending_open, None);
        // It stays open while the rest come in.
        s.add(articles(10..20), vec![]);
        update(&mut st, &s, Action::LoadGrew(20));
        assert_eq!(st.reader.article, s.slot_of("a05"));
    }

    #[test]
    fn open_by_prefix_waits_for_the_end_and_a_missing_one_is_said() {
        let (mut s, mut st) = loading(120, 40, 10);
        st.pending_open = Some("a0".to_owned());
        s.add(articles(0..10), vec![]);
        update(&mut st, &s, Action::LoadGrew(10));
        update(&mut st, &s, Action::LoadFinished(50));
        assert_eq!(st.focus, Focus::List);
        let notice = st.notice.clone().unwrap();
        assert!(notice.starts_with("'a0' matches 10 articles"), "{notice}");

        let (mut s, mut st) = loading(120, 40, 10);
        st.pending_open = Some("a07x".to_owned());
        s.add(articles(0..10), vec![]);
        update(&mut st, &s, Action::LoadGrew(10));
        update(&mut st, &s, Action::LoadFinished(50));
        assert!(st.notice.unwrap().starts_with("no article 'a07x'"));

        // A unique prefix opens once every id is known.
        let (mut s, mut st) = loading(120, 40, 12);
        st.pending_open = Some("a1".to_owned());
        s.add(articles(0..12), vec![]);
        update(&mut st, &s, Action::LoadGrew(12));
        assert_eq!(st.focus, Focus::List);
        s.add(vec![article("b1", None, 1)], vec![]);
        st.pending_open = Some("a11".to_owned()[..3].to_owned());
        update(&mut st, &s, Action::LoadFinished(50));
        assert_eq!(st.selected_article(), s.slot_of("a11"));
        assert_eq!(st.focus, Focus::Reader);
    }

    #[test]
    fn a_key_before_the_article_comes_in_cancels_open() {
        let (mut s, mut st) = loading(120, 40, 10);
        st.pending_open = Some("a05".to_owned());
        s.add(articles(0..3), vec![]);
        update(&mut st, &s, Action::LoadGrew(3));
        update(&mut st, &s, Action::SelectNext);
        assert_eq!(st.pending_open, None);
        s.add(articles(3..10), vec![]);
        update(&mut st, &s, Action::LoadGrew(10));
        assert_eq!(st.focus, Focus::List);
        assert_eq!(s.get(st.selected_article().unwrap()).unwrap().id, "a01");
    }

    #[test]
    fn related_stories_of_the_open_article_are_ranked_again_as_articles_come_in() {
        let lexicon = crate::config::Config::from_toml(
            crate::config::DEFAULT_TOML,
            std::path::Path::new("config.toml"),
            std::path::Path::new(""),
        )
        .unwrap()
        .lexicon;
        let mut s = Store::empty(OutletAliases::default(), lexicon.clone());
        let mut st = started(&s, 120, 40);
        st.loading = Some(Loading::default());
        let analysed = |id: &str, body: &str| {
            let mut a = Article::sample(id, id, "AP", Some("2019-11-23"), vec![body.to_owned()]);
            lexicon.analyze(&mut a);
            a
        };
        let gsomia = "Japan and South Korea kept the GSOMIA intelligence pact alive.";
        s.add(vec![analysed("a", gsomia)], vec![]);
        update(&mut st, &s, Action::LoadGrew(1));
        update(&mut st, &s, Action::OpenArticle);
        assert!(st.sidebar.related.is_empty());
        s.add(vec![analysed("b", gsomia)], vec![]);
        update(&mut st, &s, Action::LoadGrew(2));
        assert_eq!(st.reader.article, s.slot_of("a"));
        assert_eq!(
            st.sidebar
                .related
                .iter()
                .map(|r| r.article)
                .collect::<Vec<_>>(),
            [s.slot_of("b").unwrap()]
        );
        // Unrelated articles until the store is 20: then one more related story is a growth of
        // a twentieth, not ranked until the store has grown by a tenth, or the load ends.
        let filler = |n: usize| analysed(&format!("f{n:02}"), "Rain fell on the harbour.");
        s.add((0..18).map(filler).collect(), vec![]);
        update(&mut st, &s, Action::LoadGrew(20));
        s.add(vec![analysed("c", gsomia)], vec![]);
        update(&mut st, &s, Action::LoadGrew(21));
        assert_eq!(
            st.sidebar.related.len(),
            1,
            "not ranked again for a twentieth"
        );
        update(&mut st, &s, Action::LoadFinished(5));
        assert_eq!(
            st.sidebar.related.len(),
            2,
            "ranked again when the load ends"
        );
    }

    #[test]
    fn selection_stays_in_bounds() {
        let s = store(3);
        let mut st = started(&s, 120, 40);
        assert_eq!(st.selected, 0);
        assert!(
            !update(&mut st, &s, Action::SelectPrev),
            "no move, no redraw"
        );
        assert!(update(&mut st, &s, Action::SelectNext));
        assert!(update(&mut st, &s, Action::SelectNext));
        assert_eq!(st.selected, 2);
        assert!(!update(&mut st, &s, Action::SelectNext));
        assert_eq!(st.selected, 2);
        update(&mut st, &s, Action::SelectFirst);
        assert_eq!(st.selected, 0);
        update(&mut st, &s, Action::SelectLast);
        assert_eq!(st.selected, 2);
        update(&mut st, &s, Action::SelectPageUp);
        assert_eq!(st.selected, 0);
        update(&mut st, &s, Action::SelectPageDown);
        assert_eq!(st.selected, 2);
    }

    #[test]
    fn the_reader_follows_the_selection_at_once() {
        let s = store(3);
        let mut st = started(&s, 120, 40);
        assert_eq!(st.reader.article, Some(st.visible[0]));
        update(&mut st, &s, Action::ScrollDown);
        update(&mut st, &s, Action::SelectNext);
        assert_eq!(st.reader.article, Some(st.visible[1]));
        assert_eq!(st.reader.scroll, 0, "a new article starts at the top");
        let headline = &st.reader.lines[0].text;
        assert_eq!(headline, s.get(st.visible[1]).unwrap().title());
    }

    #[test]
    fn list_offset_keeps_the_selection_visible() {
        let s = store(50);
        let mut st = started(&s, 120, 12);
        let rows = st.list_height;
        assert!(rows > 0 && rows < 50);
        for _ in 0..30 {
            update(&mut st, &s, Action::SelectNext);
            assert!(st.selected >= st.list_offset && st.selected < st.list_offset + rows);
        }
        update(&mut st, &s, Action::SelectLast);
        assert_eq!(st.list_offset, 50 - rows);
        update(&mut st, &s, Action::SelectFirst);
        assert_eq!(st.list_offset, 0);
        update(&mut st, &s, Action::SelectLast);
        // Growing the terminal leaves no blank rows under the last article.
        update(&mut st, &s, Action::Resize(120, 100));
        assert_eq!(st.list_offset, 0);
    }

    #[test]
    fn scrolling_clamps_to_the_article() {
        let s = store(1);
        let mut st = started(&s, 120, 20);
        update(&mut st, &s, Action::OpenArticle);
        assert_eq!(st.focus, Focus::Reader);
        let max = st.reader.max_scroll();
        assert!(max > 0, "fixture must be longer than the pane");
        assert!(!update(&mut st, &s, Action::ScrollUp));
        assert!(!update(&mut st, &s, Action::PageUp));
        assert!(update(&mut st, &s, Action::ScrollDown));
        assert_eq!(st.reader.scroll, 1);
        assert!(update(&mut st, &s, Action::PageDown));
        assert_eq!(st.reader.scroll, 1 + st.reader.height - 1);
        assert!(update(&mut st, &s, Action::ScrollBottom));
        assert_eq!(st.reader.scroll, max);
        assert_eq!(st.reader.percent(), 100);
        assert!(!update(&mut st, &s, Action::ScrollDown));
        assert!(!update(&mut st, &s, Action::PageDown));
        assert_eq!(st.reader.scroll, max);
        update(&mut st, &s, Action::ScrollTop);
        assert_eq!((st.reader.scroll, st.reader.percent()), (0, 0));
    }

    #[test]
    fn resizing_rewraps_and_keeps_the_place() {
        let s = store(1);
        let mut st = started(&s, 120, 30);
        let wide = st.reader.lines.len();
        update(&mut st, &s, Action::ScrollBottom);
        let at = st.reader.scroll;
        update(&mut st, &s, Action::Resize(70, 30));
        assert!(st.reader.lines.len() > wide, "narrower pane, more lines");
        assert!(st.reader.scroll > at, "still near the end");
        assert!(st.reader.scroll <= st.reader.max_scroll());
        for line in &st.reader.lines {
            assert!(ui::display_width(&line.text) <= st.reader.width);
        }
    }

    #[test]
    fn text_width_is_capped_at_80() {
        let s = store(1);
        let st = started(&s, 250, 30);
        assert_eq!(st.reader.width, 80);
    }

    #[test]
    fn focus_cycles_through_the_shown_panes() {
        let s = store(2);
        let mut st = started(&s, 120, 40);
        let mut seen = vec![st.focus];
        for _ in 0..3 {
            update(&mut st, &s, Action::FocusNext);
            seen.push(st.focus);
        }
        assert_eq!(
            seen,
            [Focus::List, Focus::Reader, Focus::Sidebar, Focus::List]
        );
        update(&mut st, &s, Action::FocusPrev);
        assert_eq!(st.focus, Focus::Sidebar);
        update(&mut st, &s, Action::Back);
        assert_eq!(st.focus, Focus::List);

        // At 80 columns the sidebar is folded away and skipped.
        update(&mut st, &s, Action::Resize(80, 24));
        update(&mut st, &s, Action::FocusPrev);
        assert_eq!(st.focus, Focus::Reader);
        update(&mut st, &s, Action::FocusNext);
        assert_eq!(st.focus, Focus::List);
    }

    #[test]
    fn folding_the_focused_sidebar_moves_the_focus_to_the_list() {
        let s = store(2);
        let mut st = started(&s, 120, 40);
        update(&mut st, &s, Action::FocusPrev);
        assert_eq!(st.focus, Focus::Sidebar);
        update(&mut st, &s, Action::Resize(80, 24));
        assert_eq!(st.focus, Focus::List);
    }

    #[test]
    fn empty_store_never_panics() {
        let s = store(0);
        let mut st = started(&s, 80, 24);
        for action in [
            Action::SelectNext,
            Action::SelectPrev,
            Action::SelectLast,
            Action::SelectPageDown,
            Action::SelectPageUp,
            Action::SelectFirst,
            Action::OpenArticle,
            Action::ScrollDown,
            Action::PageDown,
            Action::ScrollBottom,
            Action::ScrollUp,
            Action::FocusNext,
            Action::FocusPrev,
            Action::Back,
            Action::Resize(0, 0),
            Action::Resize(1, 1),
        ] {
            update(&mut st, &s, action);
            assert_eq!(st.selected, 0);
            assert_eq!(st.selected_article(), None);
            assert!(st.reader.lines.is_empty());
        }
    }

    #[test]
    fn tiny_sizes_do_not_break_the_state() {
        let s = store(5);
        let mut st = started(&s, 0, 0);
        update(&mut st, &s, Action::SelectLast);
        update(&mut st, &s, Action::ScrollBottom);
        for (w, h) in [(1, 1), (10, 3), (29, 5), (30, 6), (120, 40)] {
            update(&mut st, &s, Action::Resize(w, h));
            assert_eq!(st.selected, 4);
            assert!(st.reader.scroll <= st.reader.max_scroll());
        }
        assert!(!st.reader.lines.is_empty());
    }

    #[test]
    fn open_at_start_selects_and_focuses_the_reader() {
        let s = store(5);
        let mut st = AppState::new(&s, Some(3));
        update(&mut st, &s, Action::Resize(120, 40));
        assert_eq!(st.selected_article(), Some(3));
        assert_eq!(st.focus, Focus::Reader);
        assert_eq!(st.reader.article, Some(3));
        let missing = AppState::new(&s, Some(99));
        assert_eq!((missing.selected, missing.focus), (0, Focus::List));
    }

    #[test]
    fn quit_sets_the_flag() {
        let s = store(1);
        let mut st = started(&s, 80, 24);
        assert!(update(&mut st, &s, Action::Quit));
        assert!(st.quit);
    }

    #[test]
    fn opening_another_article_refreshes_the_sidebar() {
        let s = crate::tui::ui::tests::analysed_store();
        let mut st = started(&s, 120, 40);
        let first = st.selected_article();
        assert_eq!(st.sidebar.article, first);
        assert_eq!(
            st.sidebar.related,
            s.related(first.unwrap(), sidebar::RELATED_LIMIT)
        );
        assert!(
            !st.sidebar.related.is_empty(),
            "the fixture must relate its stories"
        );
        let before = st.sidebar.related.clone();

        update(&mut st, &s, Action::SelectLast);
        let last = st.selected_article().unwrap();
        assert_eq!(st.sidebar.article, Some(last));
        assert_eq!(st.sidebar.related, s.related(last, sidebar::RELATED_LIMIT));
        assert_ne!(st.sidebar.related, before);
        assert!(st.sidebar.related.iter().all(|r| r.article != last));
        assert_eq!(
            st.sidebar.entities.len(),
            s.article(last).unwrap().entities.len()
        );
    }

    #[test]
    fn sidebar_entities_are_grouped_by_kind_then_most_mentioned_first() {
        let s = crate::tui::ui::tests::analysed_store();
        let nagoya = s.find("010_nagoya").unwrap();
        let mut st = AppState::new(&s, Some(nagoya));
        update(&mut st, &s, Action::Resize(120, 40));
        let a = s.article(nagoya).unwrap();
        let shown: Vec<(usize, usize, usize)> = st
            .sidebar
            .entities
            .iter()
            .map(|&e| {
                let entity = &a.entities[e];
                (entity.kind.shown_rank(), entity.mentions.len(), e)
            })
            .collect();
        assert!(shown.len() > 5, "{shown:?}");
        for pair in shown.windows(2) {
            let ((g1, n1, e1), (g2, n2, e2)) = (pair[0], pair[1]);
            assert!(
                g1 < g2 || (g1 == g2 && (n1 > n2 || (n1 == n2 && e1 < e2))),
                "{pair:?}"
            );
        }
        let first = &a.entities[st.sidebar.entities[0]];
        assert_eq!(first.kind, crate::entities::Kind::Person);
    }

    #[test]
    fn an_empty_store_has_an_empty_sidebar() {
        let s = store(0);
        let st = started(&s, 120, 40);
        assert_eq!(st.sidebar.article, None);
        assert!(st.sidebar.related.is_empty() && st.sidebar.entities.is_empty());
    }

    #[test]
    fn the_end_of_a_huge_article_is_reachable() {
        // More wrapped rows than a u16 can count: Paragraph::scroll could not get here.
        let mut a = article("huge", Some("2020"), 0);
        // Two 11-letter words per 26-column line at 30x8: 70,000 lines.
        a.body = vec!["abcdefghijk ".repeat(140_000) + "THE-END"];
        let s = Store::new(vec![a], vec![], OutletAliases::default());
        let mut st = AppState::new(&s, Some(0));
        update(&mut st, &s, Action::Resize(30, 8));
        assert!(st.reader.lines.len() > usize::from(u16::MAX));
        update(&mut st, &s, Action::ScrollBottom);
        assert!(st.reader.scroll > usize::from(u16::MAX));
        assert_eq!(st.reader.scroll + st.reader.height, st.reader.lines.len());
        let last = st.reader.lines.last().map(|l| l.text.as_str());
        assert_eq!(last, Some("THE-END"));
        assert!(
            st.reader
                .lines
                .iter()
                .all(|l| ui::display_width(&l.text) <= 26)
        );
    }

    fn typed(st: &mut AppState, s: &Store, text: &str) {
        for c in text.chars() {
            update(st, s, Action::QueryInput(c));
        }
    }

    fn listed(st: &AppState, s: &Store) -> Vec<String> {
        st.visible
            .iter()
            .map(|&i| s.get(i).unwrap().id.clone())
            .collect()
    }

    #[test]
    fn the_query_line_filters_as_you_type_and_keeps_the_selection() {
        let s = store(12); // a00..a11 dated 2000..2011, newest first
        let mut st = started(&s, 120, 40);
        update(&mut st, &s, Action::SelectNext); // a10
        update(&mut st, &s, Action::StartQuery);
        assert_eq!(st.input(), crate::tui::keymap::Input::Query);
        typed(&mut st, &s, "year:2009..2010");
        assert_eq!(listed(&st, &s), ["a10", "a09"]);
        assert_eq!(
            st.selected_article().map(|i| s.get(i).unwrap().id.as_str()),
            Some("a10")
        );
        // Half-typed: the list stays as it was, and nothing is wrong yet.
        update(&mut st, &s, Action::QueryBackspace);
        assert_eq!(st.query.as_ref().unwrap().error, None);
        assert_eq!(listed(&st, &s), ["a10", "a09"]);
        // Wrong: the list stays as it was and the line says why.
        update(&mut st, &s, Action::QueryInput('x'));
        assert!(st.query.as_ref().unwrap().error.is_some());
        assert_eq!(listed(&st, &s), ["a10", "a09"]);
        update(&mut st, &s, Action::QueryBackspace);
        update(&mut st, &s, Action::QueryInput('1'));
        assert_eq!(listed(&st, &s), ["a11", "a10", "a09"]);
        // Enter keeps it; the query line closes; `/` opens it again with the filter in it.
        update(&mut st, &s, Action::QueryAccept);
        assert!(st.query.is_none());
        assert_eq!(st.filter.to_string(), "year:2009..2011");
        update(&mut st, &s, Action::StartQuery);
        assert_eq!(st.query.as_ref().unwrap().text, "year:2009..2011");
        // Esc in the query line drops the filter.
        update(&mut st, &s, Action::QueryCancel);
        assert!(st.query.is_none() && st.filter.is_empty());
        assert_eq!(st.visible.len(), 12);
    }

    #[test]
    fn an_unknown_outlet_and_nothing_found_are_told_apart() {
        let s = store(3);
        let mut st = started(&s, 120, 40);
        update(&mut st, &s, Action::StartQuery);
        typed(&mut st, &s, "outlet:nowhere");
        let error = st.query.as_ref().unwrap().error.clone().unwrap();
        assert!(
            error.contains("no articles from outlet 'nowhere'"),
            "{error}"
        );
        // The list shows the last query that parsed: the word `outlet`, found nowhere.
        assert!(st.visible.is_empty());
        update(&mut st, &s, Action::QueryClear);
        typed(&mut st, &s, "zebra");
        assert_eq!(st.query.as_ref().unwrap().error, None);
        assert!(st.visible.is_empty());
        assert_eq!(st.reader.article, None);
    }

    #[test]
    fn esc_backs_out_one_step_at_a_time() {
        let s = store(5);
        let mut st = started(&s, 120, 40);
        update(&mut st, &s, Action::StartQuery);
        typed(&mut st, &s, "year:2003");
        update(&mut st, &s, Action::QueryAccept);
        update(&mut st, &s, Action::OpenArticle);
        update(&mut st, &s, Action::ToggleHelp);
        assert_eq!((st.help, st.focus), (Some(0), Focus::Reader));
        update(&mut st, &s, Action::Back);
        assert_eq!((st.help, st.focus), (None, Focus::Reader));
        update(&mut st, &s, Action::Back);
        assert_eq!(st.focus, Focus::List);
        assert_eq!(st.visible.len(), 1);
        update(&mut st, &s, Action::Back);
        assert!(st.filter.is_empty());
        assert_eq!(st.visible.len(), 5);
    }

    #[test]
    fn the_query_line_takes_at_most_a_few_hundred_characters() {
        let s = store(2);
        let mut st = started(&s, 120, 40);
        update(&mut st, &s, Action::StartQuery);
        for _ in 0..2000 {
            update(&mut st, &s, Action::QueryInput('x'));
        }
        assert_eq!(st.query.as_ref().unwrap().text.chars().count(), MAX_QUERY);
    }

    #[test]
    fn following_a_related_story_and_coming_back() {
        let s = crate::tui::ui::tests::analysed_store();
        // Short enough that the article scrolls.
        let mut st = started(&s, 120, 20);
        let nagoya = s.find("010_nagoya").unwrap();
        // Filter to 2019 only: the related 2022 story is hidden by the filter.
        update(&mut st, &s, Action::StartQuery);
        typed(&mut st, &s, "year:2019");
        update(&mut st, &s, Action::QueryAccept);
        assert_eq!(st.selected_article(), Some(nagoya));
        update(&mut st, &s, Action::OpenArticle);
        update(&mut st, &s, Action::ScrollDown);
        assert_eq!(st.reader.scroll, 1);
        update(&mut st, &s, Action::FocusNext);
        assert_eq!(st.focus, Focus::Sidebar);
        // Down past the names to the first related story, and open it.
        update(&mut st, &s, Action::SidebarLast);
        while st.sidebar.cursor > st.sidebar.entities.len() {
            update(&mut st, &s, Action::SidebarUp);
        }
        let target = st.sidebar.related[0].article;
        let cursor = st.sidebar.cursor;
        update(&mut st, &s, Action::FollowLink);
        assert_eq!(st.selected_article(), Some(target));
        assert_eq!(st.focus, Focus::Reader);
        assert!(
            st.filter.is_empty(),
            "the filter hid the story, so it is dropped"
        );
        assert_eq!(st.reader.scroll, 0);
        // Back: the 2019 filter, the article, the pane, the scroll and the cursor return.
        update(&mut st, &s, Action::HistoryBack);
        assert_eq!(st.selected_article(), Some(nagoya));
        assert_eq!(st.filter.to_string(), "year:2019");
        assert_eq!((st.focus, st.reader.scroll), (Focus::Sidebar, 1));
        assert_eq!(st.sidebar.cursor, cursor);
        // And forward again.
        update(&mut st, &s, Action::HistoryForward);
        assert_eq!(st.selected_article(), Some(target));
        // Nothing further either way does nothing.
        update(&mut st, &s, Action::HistoryForward);
        assert_eq!(st.selected_article(), Some(target));
        update(&mut st, &s, Action::HistoryBack);
        update(&mut st, &s, Action::HistoryBack);
        assert_eq!(st.selected_article(), Some(nagoya));
    }

    #[test]
    fn the_sidebar_cursor_stays_on_its_items() {
        let s = crate::tui::ui::tests::analysed_store();
        let mut st = started(&s, 120, 40);
        update(&mut st, &s, Action::FocusPrev);
        assert_eq!(st.focus, Focus::Sidebar);
        update(&mut st, &s, Action::SidebarUp);
        assert_eq!(st.sidebar.cursor, 0);
        for _ in 0..100 {
            update(&mut st, &s, Action::SidebarDown);
        }
        assert_eq!(st.sidebar.cursor, st.sidebar.items() - 1);
        // On a name, Enter follows nothing (names are for the next step: highlights).
        update(&mut st, &s, Action::SidebarFirst);
        let before = st.selected_article();
        update(&mut st, &s, Action::FollowLink);
        assert_eq!(st.selected_article(), before);
        assert!(st.back.is_empty());
    }

    #[test]
    fn opening_marks_read_and_u_m_toggle() {
        let s = store(3);
        let mut st = started(&s, 120, 40);
        let first = s.get(st.visible[0]).unwrap().id.clone();
        let second = s.get(st.visible[1]).unwrap().id.clone();
        // Moving over the list shows articles but reads none.
        update(&mut st, &s, Action::SelectNext);
        update(&mut st, &s, Action::SelectPrev);
        assert!(!st.marks.is_read(&first) && !st.marks.is_dirty());
        update(&mut st, &s, Action::OpenArticle);
        assert!(st.marks.is_read(&first) && st.marks.is_dirty());
        update(&mut st, &s, Action::ToggleRead);
        assert!(!st.marks.is_read(&first));
        assert_eq!(st.notice.as_deref(), Some("marked unread"));
        update(&mut st, &s, Action::Back);
        update(&mut st, &s, Action::SelectNext);
        update(&mut st, &s, Action::ToggleBookmark);
        assert!(st.marks.is_bookmarked(&second));
        assert_eq!(st.notice.as_deref(), Some("bookmarked"));
        // The notice lasts until the next key.
        update(&mut st, &s, Action::SelectPrev);
        assert_eq!(st.notice, None);
    }

    #[test]
    fn c_copies_the_citation_as_osc_52_unless_turned_off() {
        let s = store(1);
        let mut st = started(&s, 120, 40);
        update(&mut st, &s, Action::CopyCitation);
        let seq = st.to_terminal.take().unwrap();
        assert!(
            seq.starts_with("\u{1b}]52;c;") && seq.ends_with('\u{7}'),
            "{seq:?}"
        );
        assert!(
            st.notice
                .as_deref()
                .unwrap()
                .starts_with("copied: Headline a00")
        );
        st.osc52 = false;
        update(&mut st, &s, Action::CopyCitation);
        assert_eq!(st.to_terminal, None);
        assert!(
            st.notice
                .as_deref()
                .unwrap()
                .contains("reader.osc52 = false")
        );
    }

    #[test]
    fn plus_and_minus_change_the_line_length_within_bounds() {
        let s = store(1);
        let mut st = started(&s, 200, 40);
        let before = st.reader.width;
        update(&mut st, &s, Action::WiderText);
        assert_eq!(st.text_width, 84);
        assert_eq!(st.reader.width, before + 4, "re-wrapped at once");
        for _ in 0..200 {
            update(&mut st, &s, Action::NarrowerText);
        }
        assert_eq!(st.text_width, MIN_TEXT);
        assert_eq!(st.reader.width, usize::from(MIN_TEXT));
        for _ in 0..200 {
            update(&mut st, &s, Action::WiderText);
        }
        assert_eq!(st.text_width, MAX_TEXT);
        assert!(
            st.reader.width < usize::from(MAX_TEXT),
            "never wider than the pane"
        );
    }

    #[test]
    fn a_name_chosen_in_the_sidebar_stands_out_and_n_goes_round_its_mentions() {
        let s = crate::tui::ui::tests::analysed_store();
        let mut st = started(&s, 120, 12); // short: the article scrolls
        let nagoya = s.find("010_nagoya").unwrap();
        st.selected = st.visible.iter().position(|&v| v == nagoya).unwrap();
        update(&mut st, &s, Action::FocusPrev);
        assert_eq!(st.focus, Focus::Sidebar);
        // The first name in the sidebar order.
        let Some(SidebarItem::Entity(e)) = st.sidebar.item() else {
            panic!("the cursor starts on a name");
        };
        let name = s.article(nagoya).unwrap().entities[e].name.clone();
        update(&mut st, &s, Action::FollowLink);
        assert_eq!(st.reader.spotlight, Some(e));
        assert!(st.notice.as_deref().unwrap().starts_with(&*name));
        let with: Vec<usize> = st
            .reader
            .lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.marks.iter().any(|m| m.entity == e))
            .map(|(i, _)| i)
            .collect();
        assert!(
            with.len() >= 2,
            "{name} is mentioned on several lines: {with:?}"
        );
        assert_eq!(st.reader.mention_line, Some(with[0]));
        for &line in &with[1..] {
            update(&mut st, &s, Action::NextMention);
            assert_eq!(st.reader.mention_line, Some(line));
            assert_eq!(
                st.reader.scroll,
                line.saturating_sub(2).min(st.reader.max_scroll())
            );
        }
        update(&mut st, &s, Action::NextMention);
        assert_eq!(st.reader.mention_line, Some(with[0]), "round to the first");
        update(&mut st, &s, Action::PrevMention);
        assert_eq!(st.reader.mention_line, with.last().copied());
        // Enter on it again turns it off; another article clears it.
        update(&mut st, &s, Action::FollowLink);
        assert_eq!(st.reader.spotlight, None);
        update(&mut st, &s, Action::FollowLink);
        update(&mut st, &s, Action::Back);
        update(&mut st, &s, Action::SelectPrev); // Nagoya (2019) is the last row
        assert_ne!(st.selected_article(), Some(nagoya));
        assert_eq!(st.reader.spotlight, None);
        update(&mut st, &s, Action::NextMention);
        assert!(st.notice.as_deref().unwrap().contains("choose a name"));
    }

    #[test]
    fn pickers_set_their_part_of_the_filter_with_counts() {
        let s = crate::tui::ui::tests::analysed_store();
        let mut st = started(&s, 120, 40);
        update(&mut st, &s, Action::OpenYearPicker);
        assert_eq!(st.input(), crate::tui::keymap::Input::Picker);
        let p = st.picker.as_ref().unwrap();
        let items: Vec<(&str, usize)> = p.items.iter().map(|(l, n, _)| (l.as_str(), *n)).collect();
        assert_eq!(
            items,
            [
                ("all years", 5),
                ("2023", 1),
                ("2022", 1),
                ("2021", 2),
                ("2019", 1)
            ]
        );
        // Down to 2021 and choose it.
        for _ in 0..3 {
            update(&mut st, &s, Action::PickerDown);
        }
        update(&mut st, &s, Action::PickerChoose);
        assert!(st.picker.is_none());
        assert_eq!(st.filter.to_string(), "year:2021");
        assert_eq!(st.visible.len(), 2);
        // The outlet picker adds its part; the year stays.
        update(&mut st, &s, Action::OpenOutletPicker);
        let yonhap = st
            .picker
            .as_ref()
            .unwrap()
            .items
            .iter()
            .position(|(l, _, _)| l == "Yonhap")
            .unwrap();
        st.picker.as_mut().unwrap().cursor = yonhap;
        update(&mut st, &s, Action::PickerChoose);
        assert_eq!(st.filter.to_string(), "year:2021 outlet:Yonhap");
        assert_eq!(st.visible.len(), 1);
        // Reopened, the picker starts on the current choice; "all" takes the part away.
        update(&mut st, &s, Action::OpenYearPicker);
        assert_eq!(st.picker.as_ref().unwrap().cursor, 3);
        for _ in 0..10 {
            update(&mut st, &s, Action::PickerUp);
        }
        update(&mut st, &s, Action::PickerChoose);
        assert_eq!(st.filter.to_string(), "outlet:Yonhap");
        // Esc closes without a change.
        update(&mut st, &s, Action::OpenOutletPicker);
        update(&mut st, &s, Action::PickerDown);
        update(&mut st, &s, Action::PickerClose);
        assert_eq!(st.filter.to_string(), "outlet:Yonhap");
        assert!(st.picker.is_none());
    }

    #[test]
    fn counts_repeat_the_next_move() {
        let s = store(30);
        let mut st = started(&s, 120, 40);
        update(&mut st, &s, Action::Count(1));
        update(&mut st, &s, Action::Count(2));
        assert_eq!(st.count, Some(12));
        update(&mut st, &s, Action::SelectNext);
        assert_eq!((st.selected, st.count), (12, None));
        update(&mut st, &s, Action::Count(5));
        update(&mut st, &s, Action::SelectPrev);
        assert_eq!(st.selected, 7);
        // A leading zero is no count; a count before a key that does not move is dropped.
        update(&mut st, &s, Action::Count(0));
        assert_eq!(st.count, None);
        update(&mut st, &s, Action::Count(3));
        update(&mut st, &s, Action::OpenArticle);
        assert_eq!(st.count, None);
        update(&mut st, &s, Action::ScrollDown);
        assert_eq!(st.reader.scroll, 1);
        // Huge counts stop at the end, quickly.
        update(&mut st, &s, Action::Back);
        for _ in 0..9 {
            update(&mut st, &s, Action::Count(9));
        }
        assert_eq!(st.count, Some(MAX_COUNT));
        update(&mut st, &s, Action::SelectNext);
        assert_eq!(st.selected, 29);
    }

    #[test]
    fn the_folded_sidebar_shows_over_the_reader_and_goes_away() {
        let s = crate::tui::ui::tests::analysed_store();
        let mut st = started(&s, 100, 30); // below 120: no sidebar pane
        update(&mut st, &s, Action::OpenArticle);
        update(&mut st, &s, Action::ToggleSidebar);
        assert!(st.sidebar_overlay);
        assert_eq!(st.focus, Focus::Sidebar);
        update(&mut st, &s, Action::SidebarDown);
        assert_eq!(st.sidebar.cursor, 1, "the overlay takes the sidebar's keys");
        update(&mut st, &s, Action::Back);
        assert!(!st.sidebar_overlay);
        assert_eq!(st.focus, Focus::Reader);
        // Growing wide enough makes it a pane again; the overlay is not needed.
        update(&mut st, &s, Action::ToggleSidebar);
        update(&mut st, &s, Action::Resize(130, 30));
        assert!(!st.sidebar_overlay);
        assert_eq!(st.focus, Focus::Sidebar);
        // A configured threshold moves the fold.
        st.wide_from = 140;
        update(&mut st, &s, Action::Resize(130, 30));
        assert_eq!(
            st.focus,
            Focus::List,
            "no sidebar pane at 130 when it needs 140"
        );
    }

    #[test]
    fn the_dossier_of_a_name_goes_to_each_mention_and_back() {
        let s = crate::tui::ui::tests::analysed_store();
        let mut st = started(&s, 120, 40);
        let nagoya = s.find("010_nagoya").unwrap();
        st.selected = st.visible.iter().position(|&v| v == nagoya).unwrap();
        update(&mut st, &s, Action::OpenDossier);
        assert!(st.view.is_none(), "no name chosen yet");
        assert!(st.notice.is_some());
        // Motegi: in the Nagoya story and in the 2021 working-level story.
        update(&mut st, &s, Action::FocusPrev);
        let motegi = st
            .sidebar
            .entities
            .iter()
            .position(|&e| {
                s.article(nagoya).unwrap().entities[e].name.as_ref() == "Toshimitsu Motegi"
            })
            .unwrap();
        st.sidebar.cursor = motegi;
        update(&mut st, &s, Action::OpenDossier);
        let view = st.view.clone().unwrap();
        assert!(
            view.title.starts_with("Toshimitsu Motegi (person) ·"),
            "{}",
            view.title
        );
        assert!(view.title.ends_with("in 2 articles"), "{}", view.title);
        // Oldest first: the 2019 story's heading, its mentions, then the 2021 story.
        assert!(
            view.rows[0].text.starts_with("2019-11-23"),
            "{:?}",
            view.rows[0]
        );
        let second = view
            .rows
            .iter()
            .position(|r| r.text.starts_with("2021-03-31"))
            .unwrap();
        assert!(view.rows[1..second].iter().all(|r| r.text.contains("«")));
        // Go to the 2021 story's first mention: the reader opens there with Motegi standing out.
        st.view.as_mut().unwrap().cursor = second + 1;
        update(&mut st, &s, Action::ViewOpen);
        let working = s.find("013_working").unwrap();
        assert_eq!(st.selected_article(), Some(working));
        let e = st.reader.spotlight.unwrap();
        assert_eq!(
            s.article(working).unwrap().entities[e].name.as_ref(),
            "Toshimitsu Motegi"
        );
        assert!(st.view.is_none());
        update(&mut st, &s, Action::HistoryBack);
        assert_eq!(st.selected_article(), Some(nagoya));
    }

    #[test]
    fn the_timeline_shows_topics_per_year_and_filters_to_one() {
        let s = crate::tui::ui::tests::analysed_store();
        let mut st = started(&s, 120, 40);
        let nagoya = s.find("010_nagoya").unwrap();
        st.selected = st.visible.iter().position(|&v| v == nagoya).unwrap();
        update(&mut st, &s, Action::OpenTimeline);
        let view = st.view.clone().unwrap();
        let gsomia = view
            .rows
            .iter()
            .position(|r| r.text.starts_with("GSOMIA / intelligence sharing ·"))
            .unwrap();
        // The 2019 and 2022 stories carry it: one bar each, as long as the longest.
        let years: Vec<(&str, Option<(usize, usize)>)> = view.rows[gsomia + 1..gsomia + 3]
            .iter()
            .map(|r| (r.text.as_str(), r.bar))
            .collect();
        assert_eq!(years, [("2019", Some((1, 1))), ("2022", Some((1, 1)))]);
        st.view.as_mut().unwrap().cursor = gsomia + 2;
        update(&mut st, &s, Action::ViewOpen);
        assert_eq!(st.filter.to_string(), "year:2022 topic:gsomia");
        assert_eq!(st.visible.len(), 1);
        assert_eq!(st.focus, Focus::List);
        update(&mut st, &s, Action::HistoryBack);
        assert!(st.filter.is_empty());
        update(&mut st, &s, Action::OpenTimeline);
        update(&mut st, &s, Action::Back);
        assert!(st.view.is_none());
    }
}
