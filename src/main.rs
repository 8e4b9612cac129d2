//! The `gisa` binary: parse the command line, load config and store, dispatch. Nothing else.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use gisa::cli::{AddArgs, Cli, Command};
use gisa::commands::{self, Failure};
use gisa::config::Config;
use gisa::store::Store;

/// The load allocates many small strings and vectors on every core at once; mimalloc does that in
/// fewer instructions than the system allocator and hands pages back to the kernel in bulk.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Scripts that quote an empty argument list pass one empty argument (`gisa ''`); it means
    // nothing, so it is dropped rather than taken for a subcommand named ''.
    let cli = Cli::parse_from(std::env::args_os().filter(|a| !a.is_empty()));
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            if !f.message.is_empty() {
                // Not eprintln!: it panics when standard error is gone (a dropped SSH session).
                let _ = writeln!(std::io::stderr(), "gisa: {}", f.message);
            }
            ExitCode::from(f.status)
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    // Without the cache every file is analysed: compile the extractor's patterns on the other
    // cores while the config is read. (With it, the load compiles them when a file needs them:
    // a start taken whole from the cache never does.)
    if cli.no_cache {
        gisa::extract::warm_up_soon();
    }
    let mut config = Config::load(cli.config.as_deref()).map_err(|e| Failure::new(e, 2))?;
    if let Some(dir) = cli.articles {
        config.articles = dir;
    }
    if cli.no_cache {
        config.load.cache = false;
    }
    // The store lives until the process ends, and is not taken apart before it does: freeing
    // a large archive's millions of strings one by one took half a second of a 3.9 s run at
    // 100,000 articles, for memory the exit hands back at once.
    let load = || -> Result<&'static Store, Failure> {
        gisa::load::load(&config)
            .map(|store| &*Box::leak(Box::new(store)))
            .map_err(|e| Failure::new(e, 1))
    };
    let Some(command) = cli.command else {
        // A bad [keys] entry is a config error: say so before the load and the terminal.
        let keymap = gisa::tui::keymap_for(&config).map_err(|e| Failure::new(e, 2))?;
        // The articles load behind the reader's first screen; a folder that cannot be read at
        // all is said here, before the terminal is taken over.
        gisa::load::check_folder(&config.articles).map_err(|e| Failure::new(e, 1))?;
        let options = gisa::tui::Options {
            keymap,
            reader: config.reader,
            marks_path: gisa::marks::state_path(&config.articles, &|k| std::env::var_os(k)),
            articles: config.articles.clone(),
        };
        return match gisa::tui::run(&config, cli.open, &options) {
            Ok(None) => Ok(()),
            // Ended by a signal or a hang-up: the shell convention, 128 + the signal's number.
            Ok(Some(sig)) => Err(Failure::new(
                String::new(),
                u8::try_from(128 + sig).unwrap_or(1),
            )),
            Err(e) => Err(Failure::new(e, 1)),
        };
    };
    let mut out = std::io::stdout().lock();
    match command {
        Command::List { filter, json } => {
            // Check the query before the (possibly long) load.
            let filter = filter.filter()?;
            commands::list::run(load()?, &filter, json, &mut out)?;
        }
        Command::Show { id, json } => commands::show::run(load()?, &id, json, &mut out)?,
        Command::Check { timings: false } => commands::check::run(load()?, &mut out)?,
        Command::Check { timings: true } => {
            let (store, timings) =
                gisa::load::load_with_timings(&config).map_err(|e| Failure::new(e, 1))?;
            let store: &Store = Box::leak(Box::new(store));
            let checked = commands::check::run(store, &mut out);
            commands::check::print_timings(&timings, &mut out)?;
            checked?;
        }
        Command::Entities { id, kind, json } => {
            commands::entities::run(load()?, id.as_deref(), kind, json, &mut out)?;
        }
        Command::Related { id, limit, json } => {
            commands::related::run(load()?, &id, limit, json, &mut out)?;
        }
        Command::Dossier {
            name,
            topic,
            json,
            format,
        } => {
            let form = if json {
                commands::dossier::Form::Json
            } else {
                format.unwrap_or_default()
            };
            commands::dossier::run(load()?, &name, topic, form, &mut out)?;
        }
        Command::Add(args) => add(&config, args, &mut out)?,
        Command::Export {
            filter,
            format,
            output,
            no_related,
        } => {
            let filter = filter.filter()?;
            let related = !no_related;
            commands::export::run(
                load()?,
                &filter,
                format,
                related,
                output.as_deref(),
                &mut out,
            )?;
        }
        Command::Timeline {
            topic,
            entity,
            json,
        } => commands::timeline::run(load()?, topic.as_deref(), entity.as_deref(), json, &mut out)?,
    }
    out.flush().map_err(Failure::from)
}

/// `gisa add`: the paste comes from standard input, the archive loads meanwhile.
fn add(config: &Config, args: AddArgs, out: &mut impl Write) -> Result<(), Failure> {
    use std::io::IsTerminal;
    use std::os::fd::AsFd;
    let request = commands::add::Request {
        files: args.files,
        fields: gisa::intake::Fields {
            headline: args.headline,
            outlet: args.outlet,
            date: args.date,
        },
        force: args.force,
        dry_run: args.dry_run,
    };
    let stdin = std::io::stdin();
    let mut input = commands::add::Input {
        terminal: stdin.is_terminal().then(|| stdin.as_fd()),
        reader: &mut stdin.lock(),
    };
    let load = || gisa::load::load(config).map_err(|e| Failure::new(e, 1));
    commands::add::run(
        config,
        &request,
        load,
        &mut input,
        out,
        &mut std::io::stderr(),
    )
}
