//! A synthetic news corpus for measuring gisa (issue 7, "Measure first").
//!
//! ```text
//! cargo run --release --example gencorpus -- OUT_DIR [--count N] [--seed S] [--truth FILE]
//! ```
//!
//! Writes N articles (default 100000) as `.txt` files under `OUT_DIR`, at most 1000 to a folder
//! (`OUT_DIR/000/000000_<hex>.txt`, `OUT_DIR/001/…`), and prints how many files, bytes and words it
//! wrote and how long it took. `OUT_DIR` must be outside any git work tree and empty or missing; it
//! is created. Exit status: 0 done, 1 an I/O error (the message names the path), 2 refused.
//!
//! `--truth FILE` also writes one tab-separated line per article, to score the extractor against:
//! the file's path inside `OUT_DIR`, then what a careful reader would say its headline, outlet
//! (canonical name), publisher, date (ISO, at the precision the text supports: `2019-11-23`,
//! `2019-11` or `2019`) and dateline are (empty when the text does not say), and the tag of the
//! known quirk the page carries, if any (see `Quirk`). Compare it with `gisa list --json`.
//!
//! The articles imitate text pasted from news pages in the forms `gisa`'s extractor reads: site
//! banners, menus and section labels above the headline; bylines and date lines in some thirty
//! formats; agency datelines (`SEOUL, March 6 (Reuters) -`, `TOKYO (AP) —`, `(Bloomberg) —`);
//! syndication lines (`Press Trust of India New Delhi`); photo captions and credits; related-story
//! blocks and teasers; share, subscribe and copyright lines; blank-line, single-line and
//! hard-wrapped paragraphs; CRLF line ends; `+++` front matter. A small, tagged minority carries
//! page shapes the extractor is known to misread (see `Quirk`), so a benchmark meets them too.
//!
//! Names come from gisa's built-in gazetteer (`config.toml`, read through
//! `gisa::config::DEFAULT_TOML`, so the generator follows it rather than keeping a copy) plus
//! invented people, organisations, towns and agreements drawn with a Zipf skew from populations of
//! tens of thousands (the story's countries, with demonyms and capitals, are a fixed list that
//! overlaps the gazetteer's places). Sentences come from some 240 templates, headlines from 120:
//! the story threads of `config.toml` (their cue phrases written into the templates), and
//! economy, weather, sport, science, society and politics filler so not everything is related.
//!
//! Determinism: the output is a function of N, the seed and the built-in `config.toml` only.
//! Randomness is a hand-written `SplitMix64` seeded per article from (seed, index), so article i
//! is the same whatever N is and `--count 2000` is a prefix of the default run. No `rand`, no
//! `HashMap` iteration, no floating point in the corpus, no clock, locale or environment input:
//! the same arguments give byte-identical files on every machine and every run.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::sync::LazyLock;
use std::time::Instant;

use gisa::article::{MONTH_NAMES, days_in_month};
use gisa::config::{ConfigFile, DEFAULT_TOML};

const USAGE: &str = "usage: cargo run --release --example gencorpus -- OUT_DIR [--count N] [--seed S] [--truth FILE]";
const DEFAULT_COUNT: usize = 100_000;
const DEFAULT_SEED: u64 = 1;
/// Files per subfolder.
const PER_FOLDER: usize = 1000;

// ---------------------------------------------------------------------------------------------
// Command line, output folder, main loop
// ---------------------------------------------------------------------------------------------

/// Why the run stopped: a message and the exit code (2: refused or misused, 1: I/O).
struct Failure {
    message: String,
    code: u8,
}

impl Failure {
    fn refuse(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: 2,
        }
    }

    fn io(path: &Path, error: &std::io::Error) -> Failure {
        Failure {
            message: format!("{}: {error}", path.display()),
            code: 1,
        }
    }
}

struct Options {
    out: PathBuf,
    count: usize,
    seed: u64,
    truth: Option<PathBuf>,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("gencorpus: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

fn run() -> Result<(), Failure> {
    let Some(options) = parse_args(std::env::args().skip(1))? else {
        println!("{USAGE}");
        return Ok(());
    };
    let started = Instant::now();
    let lexicon = Lexicon::from_config()?;
    let out = prepare_out_dir(&options.out)?;
    let mut truth = match &options.truth {
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|e| Failure::io(path, &e))?;
            Some((path.clone(), std::io::BufWriter::new(file)))
        }
        None => None,
    };
    let generator = Generator::new(lexicon);
    let mut text = String::with_capacity(64 * 1024);
    let mut crlf = String::with_capacity(64 * 1024);
    let mut scratch = Scratch::default();
    let (mut bytes, mut words) = (0u64, 0u64);
    let mut folder = out.clone();
    for i in 0..options.count {
        if i % PER_FOLDER == 0 {
            folder = out.join(format!("{:03}", i / PER_FOLDER));
            std::fs::create_dir(&folder).map_err(|e| Failure::io(&folder, &e))?;
        }
        text.clear();
        let article = generator.article(options.seed, i, &mut text, &mut scratch);
        let name = format!("{i:06}_{:016x}.txt", article.file_hash);
        let path = folder.join(&name);
        let written = if article.crlf {
            crlf.clear();
            for line in text.split_inclusive('\n') {
                crlf.push_str(line.strip_suffix('\n').unwrap_or(line));
                if line.ends_with('\n') {
                    crlf.push_str("\r\n");
                }
            }
            crlf.as_str()
        } else {
            text.as_str()
        };
        std::fs::write(&path, written).map_err(|e| Failure::io(&path, &e))?;
        bytes += written.len() as u64;
        words += word_count(&text) as u64;
        if let Some((truth_path, w)) = &mut truth {
            let rel = format!("{:03}/{name}", i / PER_FOLDER);
            article
                .truth
                .write_tsv(w, &rel)
                .map_err(|e| Failure::io(truth_path, &e))?;
        }
    }
    if let Some((truth_path, mut w)) = truth {
        w.flush().map_err(|e| Failure::io(&truth_path, &e))?;
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "wrote {} files in {} folders to {}",
        options.count,
        options.count.div_ceil(PER_FOLDER),
        out.display()
    );
    println!(
        "{} bytes ({}.{} MB), {words} words, {seconds:.1} s (seed {})",
        bytes,
        bytes / 1_000_000,
        bytes / 100_000 % 10,
        options.seed
    );
    Ok(())
}

/// Words as gisa counts them: whitespace-separated, with a letter or digit.
fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// `Ok(None)`: help was asked for.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Options>, Failure> {
    let mut out = None;
    let mut count = DEFAULT_COUNT;
    let mut seed = DEFAULT_SEED;
    let mut truth = None;
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| Failure::refuse(format!("{name} needs a value\n{USAGE}")))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--count" | "-n" => {
                let v = value("--count")?;
                count = v.parse().map_err(|_| {
                    Failure::refuse(format!("--count takes a whole number, not '{v}'"))
                })?;
            }
            "--seed" | "-s" => {
                let v = value("--seed")?;
                seed = v.parse().map_err(|_| {
                    Failure::refuse(format!("--seed takes a whole number, not '{v}'"))
                })?;
            }
            "--truth" => truth = Some(PathBuf::from(value("--truth")?)),
            _ if flag.starts_with('-') && flag.len() > 1 => {
                return Err(Failure::refuse(format!("unknown option '{arg}'\n{USAGE}")));
            }
            _ if out.is_none() => out = Some(PathBuf::from(arg)),
            _ => return Err(Failure::refuse(format!("one OUT_DIR only\n{USAGE}"))),
        }
    }
    let out = out.ok_or_else(|| Failure::refuse(format!("OUT_DIR is missing\n{USAGE}")))?;
    Ok(Some(Options {
        out,
        count,
        seed,
        truth,
    }))
}

/// Refuse an output folder inside a git work tree or with anything in it; create it if missing.
/// Returns its real path.
fn prepare_out_dir(out: &Path) -> Result<PathBuf, Failure> {
    let cwd = std::env::current_dir().map_err(|e| Failure::io(Path::new("."), &e))?;
    // Lexically absolute and without `.` or `..`, then the deepest existing part made real
    // (symlinks followed), so `/tmp/link-into-repo/x` is caught too.
    let mut absolute = PathBuf::new();
    for part in cwd.join(out).components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                absolute.pop();
            }
            other => absolute.push(other),
        }
    }
    let mut existing = absolute.as_path();
    let mut missing = Vec::new();
    while !existing.exists() {
        let (Some(name), Some(parent)) = (existing.file_name(), existing.parent()) else {
            break;
        };
        missing.push(name.to_owned());
        existing = parent;
    }
    let mut real = existing
        .canonicalize()
        .map_err(|e| Failure::io(existing, &e))?;
    for name in missing.iter().rev() {
        real.push(name);
    }
    if let Some(repo) = real.ancestors().find(|a| a.join(".git").exists()) {
        return Err(Failure::refuse(format!(
            "{} is inside the git work tree at {}; write the corpus outside any repository",
            real.display(),
            repo.display()
        )));
    }
    if real.exists() {
        if !real.is_dir() {
            return Err(Failure::refuse(format!(
                "{} exists and is not a folder",
                real.display()
            )));
        }
        let mut entries = std::fs::read_dir(&real).map_err(|e| Failure::io(&real, &e))?;
        if entries.next().is_some() {
            return Err(Failure::refuse(format!(
                "{} already contains files; name a new or empty folder",
                real.display()
            )));
        }
    }
    std::fs::create_dir_all(&real).map_err(|e| Failure::io(&real, &e))?;
    Ok(real)
}

// ---------------------------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------------------------

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// The `SplitMix64` finaliser.
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A well-mixed 64-bit value from two.
fn hash2(a: u64, b: u64) -> u64 {
    mix64(mix64(a.wrapping_add(GOLDEN)) ^ b.wrapping_mul(GOLDEN))
}

/// FNV-1a, for a fixed order of names that is not alphabetical.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xCBF2_9CE4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    })
}

/// `SplitMix64`: tiny, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix64(self.0)
    }

    /// Uniform in `0..n` (`n > 0`), by multiply-shift.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True `per_mille` times in a thousand.
    fn chance(&mut self, per_mille: usize) -> bool {
        self.below(1000) < per_mille
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn pick_str<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// An index into `weights`, chosen in proportion to them.
    fn weighted(&mut self, weights: &[usize]) -> usize {
        let mut r = self.below(weights.iter().sum());
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
}

/// Zipf-distributed ranks (exponent 1): rank k is drawn in proportion to 1/(k+1). Integer
/// weights, so every platform draws the same ranks.
struct Zipf {
    cumulative: Vec<u64>,
}

impl Zipf {
    fn new(n: usize) -> Zipf {
        let mut total = 0u64;
        let cumulative = (0..n.max(1) as u64)
            .map(|k| {
                total += (1u64 << 40) / (k + 1);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(1);
        let r = ((u128::from(rng.next_u64()) * u128::from(total)) >> 64) as u64;
        self.cumulative.partition_point(|&c| c <= r)
    }
}

// ---------------------------------------------------------------------------------------------
// What gisa knows: the built-in gazetteer and outlets
// ---------------------------------------------------------------------------------------------

/// A gazetteer entry or outlet: canonical name and aliases.
struct Known {
    name: String,
    aliases: Vec<String>,
}

/// The built-in `config.toml`'s entities and outlets. Its tables are `BTreeMap`s, so the order is
/// fixed; each list is then put in a fixed pseudo-random order so Zipf ranks are not alphabetical.
struct Lexicon {
    people: Vec<Known>,
    organisations: Vec<Known>,
    companies: Vec<Known>,
    places: Vec<Known>,
    agreements: Vec<Known>,
    outlets: Vec<Known>,
}

/// Last words that make a gazetteer organisation a company (`Nippon Steel`, `SK Hynix`).
const COMPANY_WORDS: &[&str] = &["Steel", "Industries", "Electronics", "Hynix", "TEPCO"];

impl Lexicon {
    fn from_config() -> Result<Lexicon, Failure> {
        let file: ConfigFile = toml::from_str(DEFAULT_TOML).map_err(|e| Failure {
            message: format!("gisa's built-in config.toml does not parse: {e}"),
            code: 1,
        })?;
        let list = |table: &std::collections::BTreeMap<String, Vec<String>>| {
            let mut v: Vec<Known> = table
                .iter()
                .map(|(name, aliases)| Known {
                    name: name.clone(),
                    aliases: aliases.clone(),
                })
                .collect();
            v.sort_by_key(|k| fnv(&k.name));
            v
        };
        let (companies, organisations): (Vec<Known>, Vec<Known>) =
            list(&file.entities.organisation)
                .into_iter()
                .partition(|k| {
                    k.name
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| COMPANY_WORDS.contains(&w))
                });
        let lexicon = Lexicon {
            people: list(&file.entities.person),
            organisations,
            companies,
            places: list(&file.entities.place),
            agreements: list(&file.entities.agreement),
            outlets: list(&file.outlets),
        };
        if lexicon.people.is_empty()
            || lexicon.places.is_empty()
            || lexicon.organisations.is_empty()
        {
            return Err(Failure::refuse(
                "gisa's built-in gazetteer has no people, places or organisations to draw on",
            ));
        }
        Ok(lexicon)
    }

    /// Does `banner` start with the name of an outlet and go on with a capitalised word or three
    /// (`Nikkei Asia`, `KBS World`, `Asahi Shimbun`)? The extractor reads such a banner as a
    /// syndication line (`AP Seoul`): see [`Quirk::OutletPrefixBanner`].
    fn outlet_prefix(&self, banner: &str) -> bool {
        let known = |name: &str| {
            self.outlets.iter().any(|k| {
                k.name.eq_ignore_ascii_case(name)
                    || k.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
            })
        };
        banner.match_indices(' ').any(|(i, _)| {
            let rest = &banner[i + 1..];
            known(&banner[..i])
                && rest.split(' ').count() <= 3
                && rest.split(' ').all(|w| {
                    w.starts_with(char::is_uppercase)
                        && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.')
                })
        })
    }

    /// An outlet's canonical entry by canonical name.
    fn outlet(&self, canonical: &str) -> Option<&Known> {
        self.outlets.iter().find(|k| k.name == canonical)
    }
}

/// Does a place or organisation take `the` in running text?
fn takes_the(name: &str) -> bool {
    const FIRST: &[&str] = &[
        "United",
        "Korean",
        "East",
        "West",
        "European",
        "Republic",
        "Democratic",
        "People's",
        "Netherlands",
        "Philippines",
        "National",
        "Liberal",
        "People",
        "White",
        "State",
        "Pentagon",
        "Bank",
        "Supreme",
        "Sea",
        "Gaza",
        "Liancourt",
        "UN",
        "U.N.",
        "U.S.",
        "International",
        "North",
        "Group",
        "Association",
        "Treaty",
        "General",
        "Spirit",
    ];
    const LAST: &[&str] = &["Strip", "islets", "Rocks", "Peninsula", "Sea", "Bank"];
    let first = name.split(' ').next().unwrap_or("");
    let last = name.rsplit(' ').next().unwrap_or("");
    FIRST.contains(&first) && !matches!(name, "North Korea" | "Republic of Korea")
        || LAST.contains(&last)
        || name.contains(" Party")
        || name.contains(" of ") && !name.starts_with("Korea")
}

// ---------------------------------------------------------------------------------------------
// Invented names
// ---------------------------------------------------------------------------------------------

/// A list of single words, kept as one string so this file stays readable.
type Words = LazyLock<Vec<&'static str>>;

fn words(list: &'static str) -> Vec<&'static str> {
    list.split_whitespace().collect()
}

/// Korean surnames, the common ones repeated so they come up as often as in life. All are in
/// gisa's list of surnames that come first; `Yoon` is left out because the gazetteer uses it alone.
static KOREAN_SURNAMES: Words = LazyLock::new(|| {
    words(
        "Kim Kim Kim Kim Kim Lee Lee Lee Lee Park Park Park Choi Choi Jung Kang Cho Jang Lim Han \
         Oh Seo Shin Kwon Hwang Ahn Song Yoo Hong Jeon Ko Moon Yang Son Bae Baek Heo Nam Shim Noh \
         Ha Kwak Sung Cha Joo Woo Koo Min Ryu Na Jin Chae Won Bang Kong Hyun Byun Yeom",
    )
});
/// Romanised syllables of Korean given names (each matches gisa's syllable shape).
static KOREAN_SYLLABLES: Words = LazyLock::new(|| {
    words(
        "min jun seo yeon ji woo hyun soo jae hee young eun hye kyung sung ho jin won sook mi na \
         ra bin hoon chul dong gyu tae seok hwan chan yong joon sang myung in yun han gun hyeok \
         woong ryeong seul bum geun jeong hwa ja ok",
    )
});
static JAPANESE_GIVEN: Words = LazyLock::new(|| {
    words(
        "Haruto Yuto Sota Yuki Hiroshi Takeshi Kenji Daisuke Akira Naoki Satoshi Kazuo Makoto \
         Ryota Shota Kenta Koji Masato Tetsuya Yusuke Hiroki Takumi Sho Ren Yui Aoi Hina Sakura \
         Yuna Mei Akiko Keiko Yoko Naomi Emi Mariko Tomoko Hanako Ayumi Noriko Chiaki Kaori \
         Misaki Rin Haruka Takashi Jiro Minoru Osamu Shinji",
    )
});
/// Japanese family names (none that the gazetteer knows alone: no Abe, Suga, Kishida...).
static JAPANESE_FAMILY: Words = LazyLock::new(|| {
    words(
        "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida \
         Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Shimizu Yamazaki Mori Ikeda Hashimoto \
         Ishikawa Ogawa Fujita Okada Goto Hasegawa Murakami Kondo Ishii Sakamoto Endo Aoki Fujii \
         Nishimura Fukuda Ota Miura Okamoto Matsuda Nakajima Harada Ono Tamura Takeuchi Kaneko \
         Wada Nakayama Ishida Ueda Morita Hara Shibata Sakai Kudo Yokoyama Miyazaki Miyamoto \
         Uchida Takagi",
    )
});
static WESTERN_FIRST: Words = LazyLock::new(|| {
    words(
        "James John Robert Michael David William Richard Thomas Daniel Matthew Andrew Mark Paul \
         Steven Kevin Brian Jason Ryan Eric Peter Sarah Emily Jessica Jennifer Laura Rachel \
         Hannah Anna Emma Olivia Catherine Rebecca Megan Julia Alice Claire Helen Karen Susan \
         Lisa Ben Tom Chris Simon Martin Greg Neil Adam Victoria Nicole",
    )
});
static WESTERN_LAST: Words = LazyLock::new(|| {
    words(
        "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Moore Jackson \
         White Harris Clark Lewis Walker Hall Allen Young Wright Scott Baker Adams Nelson Hill \
         Campbell Mitchell Roberts Carter Phillips Evans Turner Parker Collins Edwards Stewart \
         Morris Murphy Cook Rogers Morgan Cooper Peterson Reed Bailey Kelly Howard Ward Cox \
         Richardson Wood Watson Brooks Bennett Gray Hughes Sanders Foster Barnes Fisher Henderson \
         Coleman Simmons Patterson Reynolds Hamilton Graham Wallace Ellis Harrison Gibson \
         McDonald Marshall Owens Murray Ford Stone Warren Dixon Hunt Palmer Mason Hayes Crawford \
         Boyd Knight",
    )
});
static CHINESE_SURNAMES: Words = LazyLock::new(|| {
    words(
        "Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Zhu Gao Lin Guo Luo Zheng Liang \
         Xie Tang Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Jiang Cai Du Ye Wei Lu Ding \
         Shen Yao",
    )
});
static CHINESE_GIVEN: Words = LazyLock::new(|| {
    words(
        "Wei Jun Hui Ming Lei Jie Tao Yan Fang Xiaoming Jianguo Haiyan Zhiwei Lihua Guoqiang \
         Xiuying Yufei Jing Qiang Bo Ping Dawei Xiaoling Chunhua Wenjie Yuhang Zihan Haoran \
         Yiming Xin",
    )
});
/// Names with accents and other letters beyond ASCII.
static OTHER_FIRST: Words = LazyLock::new(|| {
    words(
        "José María François Søren Jürgen Chloé André Renée Łukasz Inês Zoë Björn Héctor Agnès \
         Ólafur Mateusz Ayşe Mehmet Priya Rahul",
    )
});
static OTHER_LAST: Words = LazyLock::new(|| {
    words(
        "García Müller Lefèvre Nørgaard Dubois Fernández Kowalski Öztürk Jiménez Schäfer Sánchez \
         Gonçalves Rodríguez Novák Dvořák Çelik Sharma Iyer Silva Brandão",
    )
});

/// Where an invented person is from: the shape of the name and the country of the title.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Culture {
    Korean,
    Japanese,
    Western,
    Chinese,
    Other,
}

/// An invented person's name: full, and the part used alone later.
fn invented_name(h: u64, culture: Culture, out: &mut String) -> (usize, usize) {
    let (a, b, c) = (mix64(h), mix64(h ^ 1), mix64(h ^ 2));
    let at = |list: &[&str], x: u64| list[(x % list.len() as u64) as usize].to_owned();
    let start = out.len();
    match culture {
        Culture::Korean => {
            out.push_str(&at(&KOREAN_SURNAMES, a));
            out.push(' ');
            let first = at(&KOREAN_SYLLABLES, b);
            let mut chars = first.chars();
            if let Some(c0) = chars.next() {
                out.extend(c0.to_uppercase());
                out.push_str(chars.as_str());
            }
            out.push('-');
            out.push_str(&at(&KOREAN_SYLLABLES, c));
            let surname_end = start + out[start..].find(' ').unwrap_or(0);
            (start, surname_end)
        }
        Culture::Chinese => {
            out.push_str(&at(&CHINESE_SURNAMES, a));
            let surname_end = out.len();
            out.push(' ');
            out.push_str(&at(&CHINESE_GIVEN, b));
            (start, surname_end)
        }
        Culture::Japanese | Culture::Western | Culture::Other => {
            let (first, last) = match culture {
                Culture::Japanese => (&JAPANESE_GIVEN, &JAPANESE_FAMILY),
                Culture::Western => (&WESTERN_FIRST, &WESTERN_LAST),
                _ => (&OTHER_FIRST, &OTHER_LAST),
            };
            out.push_str(&at(first, a));
            out.push(' ');
            let surname_start = out.len();
            out.push_str(&at(last, b));
            (surname_start, out.len())
        }
    }
}

fn culture_of(h: u64) -> Culture {
    match h % 100 {
        0..=41 => Culture::Korean,
        42..=63 => Culture::Japanese,
        64..=83 => Culture::Western,
        84..=95 => Culture::Chinese,
        _ => Culture::Other,
    }
}

/// Roles: a title written before a name, and an appositive written after it. Every appositive has
/// an office word (minister, director, spokesperson, analyst...) within its first four words.
const ROLES: &[(&str, &str)] = &[
    ("Foreign Minister", "the foreign minister"),
    ("Vice Foreign Minister", "a vice foreign minister"),
    (
        "Deputy Foreign Minister",
        "deputy foreign minister for economic affairs",
    ),
    ("Trade Minister", "the trade minister"),
    ("Industry Minister", "the industry minister"),
    ("Defense Minister", "the defense minister"),
    ("Finance Minister", "the finance minister"),
    ("Unification Minister", "the unification minister"),
    ("Chief Negotiator", "the chief negotiator"),
    (
        "Director General",
        "director general for Asian and Pacific affairs at the foreign ministry",
    ),
    (
        "ministry spokesperson",
        "a spokesperson for the foreign ministry",
    ),
    (
        "Professor",
        "a professor of international relations at {univ}",
    ),
    ("analyst", "an analyst at {inst}"),
    ("Chairman", "chairman of {firm}"),
    ("CEO", "chief executive of {firm}"),
    ("Governor", "the governor of {prov}"),
    ("Mayor", "the mayor of {town}"),
    ("lawmaker", "a lawmaker from the ruling party"),
    ("opposition lawmaker", "a senior opposition lawmaker"),
    ("Gen.", "a retired general"),
    ("Ambassador", "a former ambassador to the United Nations"),
    ("economist", "chief economist at {inst}"),
    ("prosecutor", "a senior prosecutor"),
    ("Judge", "the presiding judge"),
    ("", "a senior adviser to the president"),
    ("", "an economist at {inst}"),
    ("", "director of {inst}"),
    ("", "a negotiator for the trade ministry"),
];

/// Company name stems: Korean, Japanese and made-up English words.
static FIRM_STEMS: Words = LazyLock::new(|| {
    words(
        "Daehan Hanil Samjin Kumho Dongbang Seohae Hanbit Mirae Taeyang Saehan Haneul Gukje \
         Pyeonghwa Dongyang Sejin Kyungnam Yeongnam Toyo Nihon Kansai Sakura Fujimi Chiyoda \
         Hokuto Shinwa Meiwa Tohoku Marunaka Kyowa Yamato Orion Meridian Northstar Atlas Vertex \
         Crescent Sterling Keystone Harbor Evergreen Silverline Bluewave Goldcrest Ironbridge \
         Lumina Novatek Zenith Apex Cobalt Granite",
    )
});
const FIRM_SUFFIXES: &[&str] = &[
    "Heavy Industries",
    "Electronics",
    "Motors",
    "Shipbuilding",
    "Chemical",
    "Securities",
    "Holdings",
    "Steel",
    "Airlines",
    "Telecom",
    "Pharmaceuticals",
    "Energy",
    "Semiconductor",
    "Corp.",
];
/// Think tanks: `{prefix} {field} Institute` or, with an acronym, `{prefix} Institute for {field}`.
const INST_PREFIXES: &[&str] = &[
    "Korea",
    "Asia",
    "Pacific",
    "Sejong",
    "Asan",
    "Hanbit",
    "Japan",
    "East Asia",
    "Global",
    "Northeast Asia",
];
const INST_FIELDS: &[&str] = &[
    "Defense Analyses",
    "National Unification",
    "International Economic Policy",
    "Maritime Affairs",
    "Energy Economics",
    "Strategic Studies",
    "Science and Technology Policy",
    "Public Health",
    "Labor Studies",
    "Trade Policy",
    "Security Studies",
    "Climate Research",
    "Urban Planning",
    "Semiconductor Research",
    "Industrial Economics",
    "Ocean Science",
    "Peace Studies",
    "Population Research",
];
const MINISTRIES: &[&str] = &[
    "Ministry of Foreign Affairs",
    "Ministry of Economy and Finance",
    "Ministry of Trade and Industry",
    "Ministry of National Defense",
    "Ministry of Unification",
    "Ministry of Justice",
    "Ministry of Health and Welfare",
    "Ministry of Land and Transport",
    "Ministry of Environment",
    "Ministry of Oceans and Fisheries",
    "Ministry of Economy, Trade and Industry",
    "Ministry of Education",
    "Ministry of Science and ICT",
    "Ministry of Culture, Sports and Tourism",
    "Ministry of Agriculture",
    "Ministry of Employment and Labor",
];
/// Town name parts: Korean-looking and Japanese-looking.
static TOWN_HEADS_KR: Words = LazyLock::new(|| {
    words(
        "Gyeong Hwa Nam Chang Dang Jeong Gang Yeong Sam Pyeong Mun Gwang Hae Ok Cheong Dae Sin Ui \
         Jin Seong",
    )
});
static TOWN_TAILS_KR: Words =
    LazyLock::new(|| words("san seong won ju cheon yang po ryeong gok do hae an gye dong jin"));
static TOWN_HEADS_JP: Words = LazyLock::new(|| {
    words("Kawa Yama Naka Taka Matsu Hana Kita Minami Shira Asa Nishi Higashi Oka Kuro Fuji")
});
static TOWN_TAILS_JP: Words =
    LazyLock::new(|| words("shima saki moto hara mura sawa zaki gawa yama ta oka no"));
static TEAM_MASCOTS: Words = LazyLock::new(|| {
    words(
        "Tigers Lions Eagles Bears Giants Wyverns Twins Dolphins Phoenix Hawks Dragons Swallows \
         Marines Stars Thunder Sharks",
    )
});
static TYPHOONS: Words = LazyLock::new(|| {
    words(
        "Hinnamnor Khanun Lan Mawar Nanmadol Maysak Haishen Chanthu Omais Lingling Tapah Mitag \
         Danas Soulik Kong-rey Trami",
    )
});

/// A town: Korean or Japanese looking, by `h`.
fn town_name(h: u64, out: &mut String) -> bool {
    let japanese = h % 5 < 2;
    let (heads, tails) = if japanese {
        (&TOWN_HEADS_JP, &TOWN_TAILS_JP)
    } else {
        (&TOWN_HEADS_KR, &TOWN_TAILS_KR)
    };
    out.push_str(heads[(mix64(h) % heads.len() as u64) as usize]);
    out.push_str(tails[(mix64(h ^ 7) % tails.len() as u64) as usize]);
    japanese
}

/// Initials of the capitalised words: `Korea Institute for National Unification` -> `KINU`.
fn initials(name: &str, out: &mut String) {
    for w in name.split([' ', ',']) {
        if let Some(c) = w.chars().next().filter(|c| c.is_uppercase()) {
            out.push(c);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Countries, dates
// ---------------------------------------------------------------------------------------------

/// A country of a story. These overlap the gazetteer's places on purpose (they are written into
/// sentences with their demonyms and capitals, which the gazetteer does not give).
struct Country {
    name: &'static str,
    the: bool,
    demonym: &'static str,
    capital: &'static str,
    culture: Culture,
}

const SOUTH_KOREA: usize = 0;
const JAPAN: usize = 1;
const UNITED_STATES: usize = 2;
const CHINA: usize = 3;
const NORTH_KOREA: usize = 4;

static COUNTRIES: &[Country] = &[
    country(
        "South Korea",
        false,
        "South Korean",
        "Seoul",
        Culture::Korean,
    ),
    country("Japan", false, "Japanese", "Tokyo", Culture::Japanese),
    country(
        "United States",
        true,
        "U.S.",
        "Washington",
        Culture::Western,
    ),
    country("China", false, "Chinese", "Beijing", Culture::Chinese),
    country(
        "North Korea",
        false,
        "North Korean",
        "Pyongyang",
        Culture::Korean,
    ),
    country("Russia", false, "Russian", "Moscow", Culture::Other),
    country("Taiwan", false, "Taiwanese", "Taipei", Culture::Chinese),
    country("India", false, "Indian", "New Delhi", Culture::Other),
    country(
        "Australia",
        false,
        "Australian",
        "Canberra",
        Culture::Western,
    ),
    country("Philippines", true, "Philippine", "Manila", Culture::Other),
    country("Vietnam", false, "Vietnamese", "Hanoi", Culture::Other),
    country("Indonesia", false, "Indonesian", "Jakarta", Culture::Other),
    country("Germany", false, "German", "Berlin", Culture::Other),
    country("France", false, "French", "Paris", Culture::Other),
    country(
        "United Kingdom",
        true,
        "British",
        "London",
        Culture::Western,
    ),
    country("Canada", false, "Canadian", "Ottawa", Culture::Western),
    country(
        "Singapore",
        false,
        "Singaporean",
        "Singapore",
        Culture::Chinese,
    ),
    country("Thailand", false, "Thai", "Bangkok", Culture::Other),
    country(
        "Mongolia",
        false,
        "Mongolian",
        "Ulaanbaatar",
        Culture::Other,
    ),
    country("Poland", false, "Polish", "Warsaw", Culture::Other),
];

const fn country(
    name: &'static str,
    the: bool,
    demonym: &'static str,
    capital: &'static str,
    culture: Culture,
) -> Country {
    Country {
        name,
        the,
        demonym,
        capital,
        culture,
    }
}

/// Extra dateline cities: (city, country for `NAGOYA, JAPAN`).
const DATELINE_CITIES: &[(&str, &str)] = &[
    ("Nagoya", "Japan"),
    ("Busan", "South Korea"),
    ("Osaka", "Japan"),
    ("Geneva", "Switzerland"),
    ("United Nations", "United States"),
    ("New York", "United States"),
    ("Hiroshima", "Japan"),
    ("Singapore", "Singapore"),
    ("Hong Kong", "China"),
    ("Sejong", "South Korea"),
    ("Incheon", "South Korea"),
    ("Fukuoka", "Japan"),
    ("Sapporo", "Japan"),
    ("Gwangju", "South Korea"),
    ("Jakarta", "Indonesia"),
    ("Bangkok", "Thailand"),
];

/// AP style: `Jan.`, `March`, `Sept.`.
const AP_MONTHS: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];
const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

#[derive(Clone, Copy)]
struct Date {
    y: u16,
    m: u8,
    d: u8,
    hh: u8,
    mm: u8,
}

impl Date {
    fn random(rng: &mut Rng) -> Date {
        // 2000-2025, recent years more often: an archive grows.
        let y = if rng.chance(400) {
            rng.range(2000, 2025)
        } else {
            rng.range(2015, 2025)
        } as u16;
        let m = rng.range(1, 12) as u8;
        let d = rng.range(1, usize::from(days_in_month(y, m))) as u8;
        Date {
            y,
            m,
            d,
            hh: rng.range(0, 23) as u8,
            mm: rng.range(0, 59) as u8,
        }
    }

    /// Sunday = 0 (Sakamoto's method).
    fn weekday(self) -> usize {
        const T: [usize; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let m = usize::from(self.m);
        let y = usize::from(self.y) - usize::from(m < 3);
        (y + y / 4 - y / 100 + y / 400 + T[m - 1] + usize::from(self.d)) % 7
    }

    fn month(self) -> &'static str {
        MONTH_NAMES[usize::from(self.m) - 1]
    }

    fn mon3(self) -> &'static str {
        &MONTH_NAMES[usize::from(self.m) - 1][..3]
    }

    fn ap_month(self) -> &'static str {
        AP_MONTHS[usize::from(self.m) - 1]
    }

    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    /// `5:04 AM`
    fn clock12(self, out: &mut String) {
        let h = match self.hh % 12 {
            0 => 12,
            h => h,
        };
        let _ = write!(
            out,
            "{h}:{:02} {}",
            self.mm,
            if self.hh < 12 { "AM" } else { "PM" }
        );
    }

    /// The next day (for an `Updated` line).
    fn next_day(self) -> Date {
        let mut n = self;
        if n.d < days_in_month(n.y, n.m) {
            n.d += 1;
        } else if n.m < 12 {
            n.m += 1;
            n.d = 1;
        } else {
            n.y += 1;
            n.m = 1;
            n.d = 1;
        }
        n
    }
}

/// How much of a date the text supports.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Precision {
    Day,
    Month,
    Year,
}

fn at_precision(d: Date, p: Precision) -> String {
    match p {
        Precision::Day => d.iso(),
        Precision::Month => format!("{:04}-{:02}", d.y, d.m),
        Precision::Year => format!("{:04}", d.y),
    }
}

// ---------------------------------------------------------------------------------------------
// Sentence templates
// ---------------------------------------------------------------------------------------------
//
// Slots: {A} {B} countries of the story (with `the` where needed), {A's} {B's} possessives,
// {Ad} {Bd} demonyms, {Ac} {Bc} capitals, {C} another country; {who} a person as subject (first
// mention with a title or an appositive), {whom} a person elsewhere (title only); {athlete};
// {org} {firm} {firm2} {inst} {court} {ministry} {univ} {agr} {place} {town} {prov} {team}
// {team2} {cb} (central bank); numbers {n} {nw} {big} {pct} {rate} {money} {km} {age} {temp}
// {mag} {score} {votes} {fx} {ord} {q4} {fert}; time {day} {month} {yr} (a past year) {year}
// {futyear}; {ty} typhoon; {q} {qc} quotes, {'} apostrophe, {--} a dash, in the article's style.

/// Story threads of `config.toml`, then filler subjects.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Topic {
    Gsomia,
    ForcedLabour,
    ExportControls,
    Fukushima,
    ComfortWomen,
    Dokdo,
    Summits,
    Trilateral,
    Missiles,
    Economy,
    Weather,
    Sport,
    Tech,
    Society,
    Politics,
}

const THREADS: [Topic; 9] = [
    Topic::Gsomia,
    Topic::ForcedLabour,
    Topic::ExportControls,
    Topic::Fukushima,
    Topic::ComfortWomen,
    Topic::Dokdo,
    Topic::Summits,
    Topic::Trilateral,
    Topic::Missiles,
];
const FILLER: [Topic; 6] = [
    Topic::Economy,
    Topic::Weather,
    Topic::Sport,
    Topic::Tech,
    Topic::Society,
    Topic::Politics,
];

impl Topic {
    /// The `config.toml` topic id, for front-matter tags.
    fn id(self) -> &'static str {
        match self {
            Topic::Gsomia => "gsomia",
            Topic::ForcedLabour => "forced-labour",
            Topic::ExportControls => "export-controls",
            Topic::Fukushima => "fukushima",
            Topic::ComfortWomen => "comfort-women",
            Topic::Dokdo => "dokdo",
            Topic::Summits => "summits",
            Topic::Trilateral => "trilateral",
            Topic::Missiles => "north-korea-missiles",
            Topic::Economy => "economy",
            Topic::Weather => "weather",
            Topic::Sport => "sport",
            Topic::Tech => "technology",
            Topic::Society => "society",
            Topic::Politics => "politics",
        }
    }

    /// A story between Seoul and Tokyo over history or trade.
    fn korea_japan(self) -> bool {
        matches!(
            self,
            Topic::Gsomia
                | Topic::ForcedLabour
                | Topic::ExportControls
                | Topic::ComfortWomen
                | Topic::Dokdo
                | Topic::Trilateral
        )
    }

    fn sentences(self) -> &'static [&'static str] {
        match self {
            Topic::Gsomia => GSOMIA,
            Topic::ForcedLabour => FORCED_LABOUR,
            Topic::ExportControls => EXPORT_CONTROLS,
            Topic::Fukushima => FUKUSHIMA,
            Topic::ComfortWomen => COMFORT_WOMEN,
            Topic::Dokdo => DOKDO,
            Topic::Summits => SUMMITS,
            Topic::Trilateral => TRILATERAL,
            Topic::Missiles => MISSILES,
            Topic::Economy => ECONOMY,
            Topic::Weather => WEATHER,
            Topic::Sport => SPORT,
            Topic::Tech => TECH,
            Topic::Society => SOCIETY,
            Topic::Politics => POLITICS,
        }
    }

    fn headlines(self) -> &'static [&'static str] {
        match self {
            Topic::Gsomia => H_GSOMIA,
            Topic::ForcedLabour => H_FORCED_LABOUR,
            Topic::ExportControls => H_EXPORT_CONTROLS,
            Topic::Fukushima => H_FUKUSHIMA,
            Topic::ComfortWomen => H_COMFORT_WOMEN,
            Topic::Dokdo => H_DOKDO,
            Topic::Summits => H_SUMMITS,
            Topic::Trilateral => H_TRILATERAL,
            Topic::Missiles => H_MISSILES,
            Topic::Economy => H_ECONOMY,
            Topic::Weather => H_WEATHER,
            Topic::Sport => H_SPORT,
            Topic::Tech => H_TECH,
            Topic::Society => H_SOCIETY,
            Topic::Politics => H_POLITICS,
        }
    }
}

const GSOMIA: &[&str] = &[
    "{A} said on {day} it would keep the General Security of Military Information Agreement (GSOMIA) with {B}, reversing an earlier decision to let the pact lapse.",
    "The intelligence-sharing pact, signed in 2016, allows the two neighbours to exchange military information on North Korean missile launches.",
    "{who} said the decision to suspend the termination of GSOMIA was conditional and could be reversed at any time.",
    "Washington had pressed {Ac} to stay in the intelligence-sharing deal, which it sees as a pillar of regional security cooperation.",
    "Under the agreement, the two militaries share classified military information through {nw} separate channels.",
    "Officials in {Bc} welcomed the move but said the dispute over intelligence sharing had exposed deep mistrust.",
    "{who} told lawmakers that GSOMIA would be renewed automatically unless either side gave {nw} months{'} notice.",
    "The pact was due to expire at midnight on {day} unless one side reversed course, said {whom}.",
    "Critics in {A} argued that the intelligence-sharing agreement had yielded little that could not be obtained through the United States.",
    "{Ad} defense officials said they had exchanged military information {n} times under the pact in {yr}.",
    "A senior official at the {ministry} said the fate of GSOMIA was tied to the wider dispute over trade.",
    "Both governments have said they will restore the intelligence-sharing pact to full working order by the end of the year.",
    "The military intelligence-sharing pact had been automatically renewed every year since it was signed, {who} said.",
];

const FORCED_LABOUR: &[&str] = &[
    "{A's} top court ordered {firm} to compensate {n} Koreans who were forced to work at its factories during World War Two.",
    "The plaintiffs, most of them now in their nineties, say they were conscripted and never paid.",
    "{B} says all claims were settled under the 1965 treaty, which normalised diplomatic ties and included $800 million in grants and loans.",
    "Under the plan, a government-backed foundation would pay compensation to victims of forced labour instead of the {Bd} companies.",
    "{who} said the compensation fund would be financed by donations from {Ad} firms that benefited from the 1965 accord.",
    "Lawyers for the former forced labourers said they would seek to liquidate assets seized from {firm}.",
    "Some of the victims refused the payments, demanding a direct apology and compensation from the companies themselves.",
    "The issue of wartime labour has clouded relations since the {court} ruled in favour of the plaintiffs in {yr}.",
    "Historians estimate that hundreds of thousands of Koreans were conscripted to work in mines and factories across the empire.",
    "{who} told reporters the government would not accept any solution that ignored the victims of forced labor.",
    "Civic groups rallied outside the {Bd} embassy on {day}, calling on {Bc} to compensate the surviving laborers forced to work in its mines.",
    "The {court} is expected to rule on {nw} more forced labour cases before the end of {year}.",
    "The court dismissed claims by {big} former workers, saying their right to compensation had expired.",
    "Nippon Steel and Mitsubishi Heavy Industries have refused to pay, citing the position of the {Bd} government.",
];

const EXPORT_CONTROLS: &[&str] = &[
    "{B} tightened export controls on {nw} materials used to make semiconductors and displays, including hydrogen fluoride and photoresist.",
    "The move removed {A} from {B's} white list of preferred trading partners, ending its fast-track trade status.",
    "{firm} said its stocks of fluorinated polyimide were running low after the export curbs took effect.",
    "{who} called the trade restrictions retaliation for the court rulings and urged {Bc} to withdraw them.",
    "Shipments of hydrogen fluoride to {A} fell {pct} in {month}, customs data showed.",
    "{A} responded by dropping {B} from its own whitelist and filing a complaint with the WTO.",
    "Chipmakers including Samsung Electronics and SK Hynix have sought other suppliers since the export restrictions were announced.",
    "The trade ministry said its review of export processes would take about {n} weeks.",
    "{who} said restoring {A's} trade status would depend on progress in talks between the two governments.",
    "Analysts at the {inst} estimated that the export controls had cut chip output by less than {pct}.",
    "Officials from the two sides met in {Bc} for {nw} hours of talks on the export curbs but failed to narrow their differences.",
    "Business groups in both countries warned that prolonged trade restrictions would disrupt supply chains across Asia.",
    "{B} lifted the curbs on photoresist and fluorinated polyimide in {month}, {who} said.",
];

const FUKUSHIMA: &[&str] = &[
    "Japan began releasing treated water from the wrecked Fukushima nuclear power plant into the Pacific Ocean on {day}.",
    "TEPCO says the water is filtered to remove most radioactive elements except tritium, which is diluted before release.",
    "{A} has kept a ban on seafood imports from {nw} prefectures near Fukushima since {yr}.",
    "Fishing cooperatives in {prov} said the release of wastewater would ruin their livelihoods.",
    "The IAEA concluded that the plan to discharge the radioactive water was consistent with international safety standards.",
    "{who} said the government would test seawater samples every day for traces of contaminated water.",
    "Protesters gathered outside the Japanese embassy in {Ac}, holding signs that read {q}No to ocean dumping{qc}.",
    "Sales at fish markets in {town} fell {pct} in the week after the first discharge of treated water, traders said.",
    "Scientists at the {inst} said tritium levels near the outlet remained far below the limits set by the World Health Organization.",
    "The discharge of the Fukushima wastewater is expected to take about {nw} decades.",
    "{A's} opposition parties accused the government of failing to protect consumers from radioactive water.",
    "Tanks at the plant hold more than {big} tonnes of water used to cool the damaged reactors.",
    "Japan{'}s fisheries ministry set aside {money} to support fishermen hurt by the release of treated water.",
];

const COMFORT_WOMEN: &[&str] = &[
    "The {court} ordered the Japanese government to pay {money} to {nw} women forced into sexual slavery during the war.",
    "Historians say up to 200,000 women, many of them Korean, were forced to work in military brothels.",
    "The 2015 comfort women agreement was meant to settle the issue {q}finally and irreversibly{qc}, but many survivors rejected it.",
    "Only {nw} registered survivors of Japan{'}s wartime brothels are still alive, according to the {ministry}.",
    "A bronze statue symbolising the comfort women stands across the street from the Japanese embassy in {Ac}.",
    "{who} said the government would respect the court{'}s ruling on the comfort women but seek a diplomatic solution.",
    "Weekly protests demanding an apology for sexual slavery have been held in {Ac} since 1992.",
    "Japan maintains that the issue was settled under the 2015 agreement on comfort women and the 1965 treaty.",
    "A woman who testified about her years in the military brothels died on {day} at the age of {age}.",
    "A museum in {town} dedicated to the victims of sexual slavery reopened after a {n}-month renovation.",
    "Textbook revisions that played down the role of the military brothels drew protests from Seoul and Beijing.",
    "{who} called on Tokyo to acknowledge its responsibility for the system of comfort women.",
    "The 2015 comfort women deal included a {money} fund that {A} later dissolved, {who} said.",
];

const DOKDO: &[&str] = &[
    "Japan renewed its territorial claim to Dokdo, which it calls Takeshima, in an annual diplomatic report released on {day}.",
    "South Korea has controlled the easternmost islets, known internationally as the Liancourt Rocks, since 1954.",
    "The foreign ministry summoned a senior diplomat from the Japanese embassy in Seoul to protest against the territorial claims.",
    "{who} said Dokdo was {q}clearly South Korean territory historically, geographically and under international law{qc}.",
    "South Korean marines held a drill near the islets on {day}, prompting a protest from Tokyo.",
    "Japanese textbooks approved this year describe Takeshima as an inherent part of Japan{'}s territory.",
    "A group of {n} lawmakers visited Dokdo on {day}, the first such trip in {nw} years.",
    "Fishermen from {town} have long worked the rich waters around the Dokdo islets.",
    "Shimane Prefecture marks {q}Takeshima Day{qc} every February, an event Seoul calls provocative.",
    "{who} told reporters that the territorial claim would not be discussed at next week{'}s meeting.",
    "The islets lie roughly halfway between the two countries in the Sea of Japan, which Koreans call the East Sea.",
    "Maps showing Dokdo as Korean territory went on display at an exhibition in {town}.",
    "Tokyo lodged a protest after a Korean research ship surveyed the waters near Dokdo, {who} said.",
];

const SUMMITS: &[&str] = &[
    "{who} and {who} agreed at a summit in {Ac} on {day} to step up cooperation on supply chains and security.",
    "It was the first formal summit between the two leaders in {nw} years.",
    "The summit talks lasted about {n}0 minutes longer than scheduled, officials said.",
    "{who} said the summit would open a new chapter in relations with {B}.",
    "The leaders issued a joint statement after the summit, pledging to resume regular visits.",
    "{Ac} is expected to host the next summit in {month}, according to the {ministry}.",
    "Analysts said the flurry of summitry reflected shared concerns about China{'}s growing military power.",
    "The two leaders held summit talks on the sidelines of the G20 meeting in {place}.",
    "Protesters gathered near the venue as the summit began, demanding an apology over historical issues.",
    "{who} described the summit as {q}productive and forward-looking{qc}.",
    "A senior official said the two sides had agreed on the wording of a summit declaration late on {day}.",
    "The summit was the {ord} meeting between the two leaders this year.",
    "Ahead of the summits, {whom} said both sides wanted {q}tangible results{qc}.",
];

const TRILATERAL: &[&str] = &[
    "South Korea, Japan and the United States held trilateral naval drills in international waters on {day}.",
    "The three-way security partnership was formalised at Camp David in 2023.",
    "{who} said Seoul-Tokyo-Washington cooperation was essential to deterring threats from Pyongyang.",
    "Defense chiefs of the three countries agreed to hold trilateral exercises on a regular basis.",
    "The Camp David accord commits the three countries to consult one another promptly in a crisis.",
    "Analysts at the {inst} said trilateral cooperation had reached its highest level in decades.",
    "A trilateral meeting of foreign ministers is planned on the sidelines of an ASEAN forum in {month}.",
    "Beijing criticised the three-way security arrangement as an attempt to build an {q}Asian NATO{qc}.",
    "{who} told reporters the trilateral hotline had been tested for the first time on {day}.",
    "The trilateral framework also covers economic security, including supply chains for critical minerals.",
    "Officials said the three countries would share missile warning data in real time under the trilateral arrangement.",
    "Under the Spirit of Camp David, the leaders pledged to meet at least once a year.",
];

const MISSILES: &[&str] = &[
    "North Korea fired a ballistic missile into the sea off its east coast on {day}, the Joint Chiefs of Staff said.",
    "The missile flew about {km} km and reached an altitude of {n}00 km before landing in the Sea of Japan.",
    "It was the {ord} missile launch by Pyongyang this year.",
    "Analysts said the launch appeared to test a new intercontinental ballistic missile capable of reaching the U.S. mainland.",
    "Kim Jong Un has vowed to expand his nuclear arsenal and rejected calls to return to talks.",
    "{who} said there were signs the North was preparing for its seventh nuclear test.",
    "The UN Security Council has banned North Korea from developing nuclear weapons and ballistic missiles.",
    "Japan{'}s coast guard warned ships to watch for falling debris after the ICBM launch.",
    "{who} condemned the missile launches as a clear violation of UN resolutions.",
    "The three countries agreed to share missile data in real time to better track launches.",
    "State media said the test was part of efforts to counter {q}nuclear threats{qc} from Washington.",
    "Experts at the {inst} said the missile programme had advanced faster than expected despite sanctions.",
    "North Korea has conducted six nuclear tests since 2006, the last in September 2017.",
    "{Ad} and U.S. forces staged joint air drills hours after the launch, {who} said.",
];

const ECONOMY: &[&str] = &[
    "The {cb} kept its benchmark interest rate unchanged at {rate} on {day}.",
    "Consumer prices rose {pct} in {month} from a year earlier, slightly faster than economists had expected.",
    "The benchmark stock index closed {pct} higher on {day}, led by shares of {firm}.",
    "The won weakened to {fx} per dollar, its lowest level in {nw} months.",
    "Exports rose for the {ord} straight month, driven by strong demand for chips and cars.",
    "{firm} reported a {pct} rise in quarterly operating profit, beating market forecasts.",
    "The government plans to spend {money} on housing and job programmes next year.",
    "Unemployment fell to {rate} in {month}, the lowest level since {yr}.",
    "Economists at the {inst} cut their growth forecast for the year to {rate}.",
    "Shares of {firm} jumped {pct} after the company announced a new battery plant near {town}.",
    "Household debt reached a record {money} at the end of the {q4} quarter.",
    "The finance ministry said it would issue {money} in bonds to fund the extra budget.",
    "Oil prices climbed {pct} on {day}, lifting energy stocks across the region.",
    "Retail sales slipped {pct} in {month} as shoppers cut back on spending.",
    "Foreign investors sold a net {money} of local stocks last week, exchange data showed.",
    "{firm} said it would cut about {big} jobs as part of a restructuring plan.",
    "Officials expect the {agr} to lift two-way trade by {pct} within five years.",
];

const WEATHER: &[&str] = &[
    "Heavy rain lashed {prov} on {day}, flooding roads and forcing {big} people to leave their homes.",
    "The weather agency issued a heat wave warning for {town} as temperatures climbed to {temp} degrees Celsius.",
    "Typhoon {ty} is expected to make landfall near {town} late on {day}, forecasters said.",
    "A magnitude {mag} earthquake struck off the coast of {prov} early on {day}, but no tsunami warning was issued.",
    "Fine dust levels in {town} reached {q}very bad{qc} on {day}, prompting warnings to stay indoors.",
    "Snow blanketed much of the country overnight, disrupting flights at {n} airports.",
    "Authorities said {n} people were missing after a landslide hit a mountain village in {prov}.",
    "Forecasters expect the rainy season to end about a week earlier than usual.",
    "Wildfires in {prov} have burned more than {big} hectares of forest since {day}.",
    "Cold wave advisories were issued for parts of {prov} as temperatures dropped to minus {n} degrees.",
    "Rescue workers used boats to reach residents trapped on rooftops in {town}.",
];

const SPORT: &[&str] = &[
    "The {team} beat the {team2} {score} on {day} to move {nw} points clear at the top of the table.",
    "The national football team will face {C} in a friendly in {town} next month.",
    "{athlete} scored twice in the second half to give the {team} a {score} win.",
    "{athlete} won gold in the women{'}s 1,500 metres at the world championships in {place}.",
    "Baseball officials said the new season would open in {month} with {n} games.",
    "Tickets for the final sold out within {n} minutes, organisers said.",
    "The coach said the team would use the tournament to test younger players.",
    "The {team} signed {athlete} on a {nw}-year contract worth a reported {money}.",
    "The marathon drew more than {big} runners despite the rain.",
    "The Olympic committee said {n}0 athletes would represent the country at the Games.",
    "{athlete} said the team had {q}nothing to lose{qc} going into the final.",
];

const TECH: &[&str] = &[
    "{firm} unveiled a smartphone with a foldable display at an event in {town}.",
    "The science ministry said the country{'}s first lunar orbiter had entered orbit around the moon.",
    "Researchers at {univ} developed a battery that charges in under {n} minutes, according to a paper published in Nature.",
    "{firm} plans to invest {money} in a new chip plant over the next decade.",
    "The government will spend {money} to train artificial intelligence engineers by {futyear}.",
    "A data breach at {firm} exposed the personal details of about {big} customers.",
    "Researchers at the {inst} said the country lagged behind its rivals in robotics patents.",
    "{firm} said its new memory chips would enter mass production in the {q4} quarter.",
    "The space agency postponed the rocket launch by {n} days because of strong winds.",
    "Regulators fined {firm} {money} for collecting user data without consent.",
];

const SOCIETY: &[&str] = &[
    "The film won the top prize at the {town} International Film Festival on {day}.",
    "The number of foreign tourists visiting {town} rose {pct} from a year earlier.",
    "A record {big} people visited an exhibition of Joseon-era ceramics at the national museum.",
    "The country{'}s fertility rate fell to a record low of {fert} last year.",
    "Schools in {prov} will close for {nw} days because of an outbreak of influenza.",
    "{who} said the government would expand subsidies for families with young children.",
    "Hanok villages in {town} are drawing more young visitors, local officials said.",
    "The city of {town} will open {n} new public libraries by {futyear}.",
    "Rents in the capital rose {pct} last year, pushing more young people to the suburbs.",
    "Volunteers delivered briquettes to elderly residents living alone in {town}.",
    "The census showed that people aged 65 or older made up {pct} of the population.",
];

const POLITICS: &[&str] = &[
    "The National Assembly passed the bill by a vote of {votes} to {n} on {day}.",
    "Approval ratings for the government fell to {pct}, according to a Gallup Korea poll released on {day}.",
    "The opposition boycotted the parliamentary session, accusing the ruling party of pushing through the budget.",
    "{who} resigned on {day} after weeks of criticism over the handling of the crisis.",
    "Prosecutors raided the offices of the {org} as part of an investigation into alleged bribery.",
    "Voters will go to the polls in {month} to elect mayors, governors and local councillors.",
    "The ruling party named {whom} as its candidate for mayor of {town}.",
    "The {court} sentenced a former official to {n} years in prison for abuse of power.",
    "The Liberal Democratic Party lost {n} seats in the upper house election.",
    "The People Power Party and the Democratic Party of Korea traded accusations over the budget.",
    "Lawmakers from both parties agreed to set up a special committee on electoral reform.",
    "Parliament ratified the {agr} by a vote of {votes} to {n}.",
];

/// Background for Seoul-Tokyo stories.
const BACKGROUND_KJ: &[&str] = &[
    "Relations between {A} and {B} have swung between cooperation and mistrust for decades.",
    "The two countries normalised diplomatic ties in 1965 under the Treaty on Basic Relations.",
    "The dispute dates back to Japan{'}s 1910-1945 colonial rule of the Korean Peninsula.",
    "Public opinion in both countries remains divided, polls show.",
    "The neighbours are both allies of the United States and host tens of thousands of American troops.",
    "Ties hit their lowest point in decades in 2019 over trade and wartime history.",
    "{Ad} and {Bd} diplomats are expected to meet again in {month}.",
    "Trade between the two countries was worth about {money} last year.",
];

/// Background for any story.
const BACKGROUND: &[&str] = &[
    "Officials did not give further details.",
    "The ministry did not respond to a request for comment.",
    "It was not immediately clear when the talks would resume.",
    "{who} is due to visit {Bc} later this month.",
    "Similar talks were last held in {Bc} in {yr}.",
    "The announcement came a day after {who} met {whom} in {Ac}.",
    "Both sides said they would continue working-level consultations.",
    "The meeting lasted about {n}0 minutes, according to a pool report.",
    "{A's} foreign ministry said it was closely monitoring the situation.",
    "Earlier in the week, {who} said the government was open to dialogue.",
    "The plan {--} first floated in {yr} {--} has yet to win parliamentary approval.",
    "The two governments have held {nw} rounds of talks since {yr}.",
    "A spokesperson for the {org} declined to comment.",
    "The {org} said it would publish a full report in {month}.",
    "The {agr} remains in force, {who} said.",
    "Negotiators have yet to agree on the final text of the {agr}.",
    "Both sides cited the {agr} in statements issued on {day}.",
    "The decision is expected to be finalised at a cabinet meeting on {day}.",
];

const QUOTES: &[&str] = &[
    "{q}We will respond firmly to any action that harms our national interest,{qc} {who} said.",
    "{q}This is a first step, not the last one,{qc} said {whom}.",
    "{q}The door to dialogue remains open,{qc} {who} told reporters in {Ac}.",
    "{q}We hope the other side will respond with sincerity,{qc} {who} said in a statement.",
    "{q}There is still a big gap between the two sides,{qc} said {whom}.",
    "{q}Nobody wins from a prolonged dispute,{qc} {who} said.",
    "{q}It is regrettable,{qc} {who} told a regular briefing, adding that the government would {q}take all necessary measures{qc}.",
    "{q}We cannot accept this,{qc} said {whom}. {q}It goes against everything we agreed.{qc}",
    "{q}I think both leaders understand the stakes,{qc} {who} said.",
    "{q}The situation is very fluid,{qc} {who} said, declining to give details.",
    "{q}We are watching closely,{qc} {who} said.",
    "{q}History cannot be erased,{qc} said {whom}.",
    "{q}The economy needs stability more than anything,{qc} said {whom}.",
    "{q}It will take time,{qc} {who} acknowledged.",
    "{q}We have made progress, but there is work to do,{qc} {who} added.",
    "{q}This decision was made after careful review,{qc} {who} said.",
    "{q}Our position has not changed,{qc} {who} told reporters.",
    "{q}We urge restraint from all sides,{qc} said {whom}.",
    "{q}It is too early to say,{qc} {who} said when asked whether the talks would resume.",
    "{q}The public deserves a clear explanation,{qc} {who} said.",
    "{q}We will keep working with our partners,{qc} {who} said on {day}.",
    "{q}I don{'}t think anyone expected this,{qc} {who} said.",
];

/// Sentences with Korean or Japanese words, for a minority of articles.
const FLAVOUR: &[&str] = &[
    "Many families travelled home for Chuseok (추석), the autumn harvest holiday.",
    "The business lobby Keidanren (経団連) welcomed the decision.",
    "Supporters chanted {q}Daehan Minguk{qc} (대한민국) outside the stadium.",
    "Exports of kimchi (김치) rose {pct} in the first half, customs data showed.",
    "Shops in {town} sold out of omiyage (お土産), the gifts travellers bring home.",
    "Visits by officials to Yasukuni Shrine (靖国神社) drew criticism from Seoul and Beijing.",
    "The Korea Meteorological Administration (기상청) said the rain would ease by {day}.",
    "Crowds gathered for the hanami (花見) season in {town} despite the cold.",
    "Commentators described the mood with the word {q}han{qc} (한), a deep sense of grievance.",
];

/// Subheads in the body, in capitals.
const SUBHEADS: &[&str] = &[
    "BIG GAP",
    "NEW CHAPTER",
    "DEEP MISTRUST",
    "NEXT STEPS",
    "LONG ROAD",
    "MIXED SIGNALS",
    "PRESSURE MOUNTS",
    "WHAT COMES NEXT",
    "MARKET REACTION",
    "OLD WOUNDS",
];

/// Photo caption texts (the credit is added by the page style).
const CAPTIONS: &[&str] = &[
    "{Ad} and {Bd} officials shake hands before their meeting",
    "Protesters hold placards during a rally outside the {Bd} embassy",
    "A worker walks past shipping containers at a port",
    "Members of the media wait outside the foreign ministry",
    "People watch a television broadcast of a news report",
    "Soldiers stand guard at a checkpoint",
    "The flags of {A} and {B} are seen at a hotel",
    "Shoppers walk through a market",
    "Delegates arrive for the talks",
    "A woman looks at a display of old photographs",
];

// Headlines. `{name}` is the surname of the story's first person; a tail may follow (see
// `HEADLINE_TAILS`).
const H_GSOMIA: &[&str] = &[
    "{A} to keep intelligence-sharing pact with {B} for now",
    "GSOMIA deadline looms as {A} and {B} trade barbs",
    "{Ad} government suspends decision to end GSOMIA",
    "U.S. urges {A} to stay in military intelligence pact with {B}",
    "{A}, {B} restore intelligence-sharing deal to full operation",
    "{name} says GSOMIA decision is conditional",
    "{Ac} weighs future of intelligence-sharing pact with {nw} days to go",
    "Lawmakers split over GSOMIA as deadline nears",
    "{B} welcomes {A}'s U-turn on military information pact",
];
const H_FORCED_LABOUR: &[&str] = &[
    "{Ad} court orders {firm} to compensate wartime labourers",
    "{A} unveils fund to compensate forced labour victims",
    "Victims reject {Ac}'s plan for forced labour compensation",
    "{B} protests ruling on wartime labor, says 1965 treaty settled claims",
    "Forced labour victims seek seizure of {firm} assets",
    "{name} vows to resolve forced labour row by {futyear}",
    "Court rejects claims of {big} former wartime workers",
    "{firm} refuses to pay conscripted workers despite ruling",
    "Forced labour survivor, {age}, demands apology from {B}",
];
const H_EXPORT_CONTROLS: &[&str] = &[
    "{B} tightens export controls on chip materials to {A}",
    "{A} removes {B} from white list in tit-for-tat move",
    "{B} restores {A} to list of preferred trading partners",
    "{firm} scrambles for hydrogen fluoride as export curbs bite",
    "Talks on export curbs end without breakthrough in {Bc}",
    "{name} calls {B}'s trade restrictions retaliation",
    "Photoresist shipments to {A} fall {pct} in {month}",
    "{A} takes export curbs dispute to WTO",
    "{firm} finds new supplier of fluorinated polyimide",
];
const H_FUKUSHIMA: &[&str] = &[
    "Japan begins releasing Fukushima treated water into the Pacific",
    "{A} keeps ban on seafood from {nw} Fukushima-area prefectures",
    "IAEA backs plan to release Fukushima water",
    "Fishermen in {prov} fear fallout from wastewater release",
    "Seafood sales slump in {town} after Fukushima discharge",
    "{name} says tritium levels safe after {ord} release",
    "Protesters in {Ac} rally against Fukushima water plan",
    "TEPCO to release {big} tonnes of treated water in {month}",
];
const H_COMFORT_WOMEN: &[&str] = &[
    "Court orders Japan to compensate comfort women",
    "Survivor of wartime brothels dies at {age}",
    "{Ac} protests textbook changes on comfort women",
    "Statue for comfort women unveiled in {town}",
    "Activists mark {n}00th weekly protest over sexual slavery",
    "{name} urges Tokyo to honour 2015 comfort women deal",
    "Museum for victims of sexual slavery reopens in {town}",
    "Only {nw} comfort women survivors remain, ministry says",
];
const H_DOKDO: &[&str] = &[
    "Japan renews claim to Dokdo in diplomatic report",
    "{A} protests Japan's claim to Dokdo islets",
    "{n} lawmakers visit Dokdo despite Tokyo protest",
    "Seoul holds drills near Dokdo, Tokyo lodges protest",
    "Textbooks describe Takeshima as Japanese territory",
    "{name} says Dokdo not up for discussion",
    "Fishermen from {town} return to waters off Dokdo",
    "Exhibition of Dokdo maps opens in {town}",
];
const H_SUMMITS: &[&str] = &[
    "{A}, {B} leaders agree to step up cooperation at summit",
    "{Ad} and {Bd} leaders to hold first summit in {nw} years",
    "Summit talks in {Ac} end without joint statement",
    "Leaders of {A} and {B} meet in {Ac}, pledge closer ties",
    "{B} leader heads to {Ac} for summit",
    "{name} hails {q}productive{qc} summit with {B}",
    "{Ad}-{Bd} summit set for {month}",
    "{ord} summit of the year yields deal on supply chains",
];
const H_TRILATERAL: &[&str] = &[
    "{A}, Japan, US hold trilateral naval drills",
    "Three-way security ties tested as tensions rise",
    "Camp David partners to share missile warning data",
    "Trilateral hotline tested for first time",
    "Foreign ministers of {A}, Japan and US to meet in {month}",
    "{name} says trilateral cooperation at {q}highest level{qc}",
    "Beijing slams trilateral drills off {prov}",
    "Trilateral defence talks to resume in {Bc}",
];
const H_MISSILES: &[&str] = &[
    "North Korea fires ballistic missile into East Sea: JCS",
    "North Korea launches suspected ICBM",
    "{Ad} military says North fired {nw} short-range missiles",
    "UN Security Council to meet on North Korean missile launch",
    "Signs point to North Korean nuclear test, officials say",
    "North Korean missile flies {km} km before splashdown",
    "{name} condemns North Korea's {ord} launch this year",
    "{A} and US stage air drills after missile launch",
];
const H_ECONOMY: &[&str] = &[
    "{A's} central bank holds rates at {rate}",
    "Stocks close {pct} higher as chipmakers rally",
    "Inflation in {A} eases to {pct} in {month}",
    "{firm} posts record quarterly profit",
    "Exports rise for {ord} straight month",
    "Won slides to {nw}-month low against dollar",
    "{firm} to cut {big} jobs in restructuring",
    "Household debt hits record {money}",
    "{firm2} shares jump on plans for plant near {town}",
];
const H_WEATHER: &[&str] = &[
    "Heavy rain forces evacuations in {prov}",
    "Typhoon {ty} heads for {town}",
    "Heat wave grips {town} as temperatures reach {temp}C",
    "Magnitude {mag} quake strikes off {prov}",
    "Landslide leaves {n} missing in {prov}",
    "Wildfire in {prov} burns {big} hectares",
    "Snow disrupts flights at {n} airports",
    "Fine dust warning issued for {town}",
];
const H_SPORT: &[&str] = &[
    "{team} beat {team2} to extend lead",
    "National team to face {C} in friendly in {town}",
    "Tickets for {town} final sell out in {n} minutes",
    "{team} sign new captain on {nw}-year deal",
    "Record field of {big} runners braves the rain",
    "{team} edge {team2} {score}",
    "{n}0 athletes named for the Games",
    "Baseball season to open in {month}",
];
const H_TECH: &[&str] = &[
    "{firm} unveils foldable phone",
    "{firm} to invest {money} in new chip plant",
    "Data breach at {firm} hits {big} customers",
    "Lunar orbiter enters orbit around the moon",
    "Rocket launch delayed by {n} days",
    "Regulators fine {firm} {money} over user data",
    "{univ} team unveils {n}-minute battery",
    "{firm} to mass-produce new memory chips",
];
const H_SOCIETY: &[&str] = &[
    "Fertility rate falls to record low of {fert}",
    "Tourist numbers in {town} up {pct}",
    "Influenza outbreak shuts schools in {prov}",
    "Young visitors flock to hanok villages in {town}",
    "Record {big} visitors for Joseon-era ceramics show",
    "{town} to open {n} new public libraries",
    "Rents in the capital rise {pct}",
    "Elderly make up {pct} of population, census shows",
];
const H_POLITICS: &[&str] = &[
    "Parliament passes bill by {votes} votes after all-night session",
    "Government approval rating falls to {pct}",
    "Opposition boycotts budget session",
    "Prosecutors raid {org} in bribery probe",
    "Ruling party loses {n} seats in upper house vote",
    "{name} resigns over handling of crisis",
    "Ruling party picks candidate for {town} mayor",
    "Former official jailed for {n} years for abuse of power",
];
/// Phrases a headline may end with.
const HEADLINE_TAILS: &[&str] = &[
    " as tensions rise",
    " amid row with {B}",
    ", officials say",
    ", sources say",
    " after {day} talks",
    " despite protests",
    " for first time in {nw} years",
    " as {Ac} weighs response",
    " ahead of {month} deadline",
    ", report says",
];

// ---------------------------------------------------------------------------------------------
// Page furniture
// ---------------------------------------------------------------------------------------------

const TOP_FURNITURE: &[&str] = &[
    "Skip to main content",
    "Advertisement",
    "Menu",
    "Search",
    "Sign in",
    "Subscribe",
    "header banner",
    "Top banner",
    "Listen to this article 3 min",
    "5 min read",
    "Skip to content",
];
const SECTION_LABELS: &[&str] = &[
    "WORLD",
    "ASIA PACIFIC",
    "NORTH KOREA",
    "POLITICS",
    "BUSINESS",
    "NATIONAL",
    "DIPLOMACY",
    "MARKETS",
    "ASIA-PACIFIC",
    "SCIENCE & TECH",
    "ECONOMY",
];
const MENU_ITEMS: &[&str] = &[
    "Home",
    "National",
    "Politics",
    "North Korea",
    "Business",
    "Finance",
    "Life&Style",
    "Entertainment",
    "Sports",
    "World",
    "Opinion",
    "Social affairs",
];
const SHARE_LINES: &[&str] = &[
    "Share this article",
    "Share",
    "Facebook",
    "Twitter",
    "Email",
    "Copy link",
    "Print",
    "Sign up for our morning newsletter",
    "Follow us on Twitter",
    "Subscribe now",
    "Click here to subscribe",
];
const MID_FURNITURE: &[&str] = &[
    "Advertisement",
    "Story continues below advertisement",
    "Advertisement - Scroll to continue",
];
const RELATED_HEADERS: &[&str] = &[
    "Related Stories",
    "Related story",
    "RELATED:",
    "Read more",
    "Also read",
    "You may also like",
    "More from Asia",
    "Related Articles",
    "Recommended",
];
/// Outlets gisa does not know. The two-word ones sit above a headline harmlessly; the three-word
/// ones are [`Quirk::UnknownBanner`].
const UNKNOWN_OUTLETS: &[&str] = &[
    "Seoul Ledger",
    "Harbor Wire",
    "Asia Dispatch",
    "Pacific Courier",
    "Hanbit Daily",
    "Eastern Gazette",
    "Meridian Post",
    "Tokyo Observer",
];
const UNKNOWN_OUTLETS_LONG: &[&str] = &[
    "The Pacific Courier",
    "Northeast Asia Monitor",
    "The Seoul Ledger",
    "Korea Business Wire",
];
const KOREAN_PAPERS: &[&str] = &[
    "The Korea Herald",
    "The Korea Times",
    "Korea JoongAng Daily",
    "The Chosun Ilbo",
    "Hankyoreh",
];
const JAPANESE_PAPERS: &[&str] = &[
    "The Japan Times",
    "Nikkei Asia",
    "The Asahi Shimbun",
    "The Mainichi",
    "The Yomiuri Shimbun",
    "The Japan Today",
    "NHK",
];
/// Sites that carry agency copy.
const AGGREGATORS: &[&str] = &[
    "Business Standard",
    "Yahoo News",
    "Nasdaq",
    "US News & World Report",
    "The Economic Times",
    "Times of India",
];
/// Outlets with a house style of their own here; the generic site style draws from the rest.
const STYLED: &[&str] = &[
    "AP",
    "AFP",
    "Reuters",
    "Bloomberg",
    "Yonhap",
    "Kyodo",
    "Jiji",
    "Xinhua",
    "PTI",
    "IANS",
    "ANI",
    "dpa",
    "UPI",
    "France 24",
];

/// A page shape the extractor is known to misread (see the report): kept rare and tagged in the
/// truth file so that scores can be read with and without them.
#[derive(Clone, Copy)]
enum Quirk {
    /// `Home | National | Politics | World` above the headline.
    MenuLine,
    /// A three-word banner of an outlet gisa does not know, above the headline.
    UnknownBanner,
    /// `Seoul [South Korea], Nov 23 (ANI):` (brackets in the dateline).
    AniBrackets,
    /// `New Delhi, Nov 23 (PTI) India said...` (no dash after the signature).
    PtiNoDash,
    /// `Source: Xinhua| 2019-11-23 17:31:40|Editor: huaxia`: not read as a date line, so it stays
    /// in the body (the date still comes out, through the dateline's day).
    XinhuaSource,
    /// `ⓒ 2023 The Korea Herald` (a circled c, not ©).
    CircledCopyright,
    /// `Copyright © 2019 Nikkei Inc.` beside the `Nikkei Asia` banner.
    NikkeiInc,
    /// `This photo shows ... [YONHAP]` on a paper's own page: the photo's agency, not the paper.
    AgencyPhotoOnSite,
    /// `ALSO READ | headline` inside the body.
    AlsoReadPipe,
    /// Paragraphs hard-wrapped at 72 columns, where a wrapped line may start with a capital.
    HardWrapped,
    /// `Nov. 5 (UPI) --`: a signature with a month and day but no place.
    UpiNoPlace,
    /// `Berlin (dpa) -`: an agency whose name is written in lower case.
    DpaLowercase,
    /// `2019-11-23T08:15:00Z` as the date line.
    IsoTimestamp,
    /// A banner that is an outlet's name plus a word (`Nikkei Asia`, `KBS World`).
    OutletPrefixBanner,
}

impl Quirk {
    fn tag(self) -> &'static str {
        match self {
            Quirk::MenuLine => "menu-line",
            Quirk::UnknownBanner => "unknown-banner",
            Quirk::AniBrackets => "ani-brackets",
            Quirk::PtiNoDash => "pti-no-dash",
            Quirk::XinhuaSource => "xinhua-source",
            Quirk::CircledCopyright => "circled-copyright",
            Quirk::NikkeiInc => "nikkei-inc",
            Quirk::AgencyPhotoOnSite => "agency-photo-on-site",
            Quirk::AlsoReadPipe => "also-read-pipe",
            Quirk::HardWrapped => "hard-wrapped",
            Quirk::UpiNoPlace => "upi-no-place",
            Quirk::DpaLowercase => "dpa-lowercase",
            Quirk::IsoTimestamp => "iso-timestamp",
            Quirk::OutletPrefixBanner => "outlet-prefix-banner",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------

/// Invented people, drawn with a Zipf skew: a few are everywhere, most appear once or twice.
const PEOPLE_POPULATION: usize = 150_000;
const REPORTER_POPULATION: usize = 4_000;
const FIRM_POPULATION: usize = 2_000;
const INST_POPULATION: usize = 1_000;
const TOWN_POPULATION: usize = 600;

struct Generator {
    lexicon: Lexicon,
    people: Zipf,
    reporters: Zipf,
    firms: Zipf,
    institutes: Zipf,
    towns: Zipf,
    known_people: Zipf,
    known_places: Zipf,
    known_organisations: Zipf,
    known_companies: Zipf,
    known_agreements: Zipf,
    /// Outlets of the generic site style: `config.toml`'s, less those styled here.
    site_outlets: Vec<usize>,
}

/// Buffers reused from one article to the next.
#[derive(Default)]
struct Scratch {
    paragraphs: Vec<String>,
    cast: Vec<Member>,
    used: Vec<(usize, usize)>,
}

/// What a careful reader would say the article's fields are.
#[derive(Default)]
struct Truth {
    headline: String,
    outlet: Option<String>,
    publisher: Option<String>,
    date: Option<String>,
    dateline: Option<String>,
    quirk: Option<&'static str>,
}

impl Truth {
    fn new(headline: String, outlet: Option<&str>, dateline: Option<String>) -> Truth {
        Truth {
            headline,
            outlet: outlet.map(str::to_owned),
            dateline,
            ..Truth::default()
        }
    }

    fn write_tsv(&self, w: &mut impl std::io::Write, file: &str) -> std::io::Result<()> {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        writeln!(
            w,
            "{file}\t{}\t{}\t{}\t{}\t{}\t{}",
            self.headline,
            o(&self.outlet),
            o(&self.publisher),
            o(&self.date),
            o(&self.dateline),
            self.quirk.unwrap_or("")
        )
    }
}

/// One generated article's metadata.
struct Generated {
    file_hash: u64,
    crlf: bool,
    truth: Truth,
}

/// A person of the story.
#[derive(Default)]
struct Member {
    full: String,
    /// The name used alone after the first mention.
    short: String,
    /// Written before the name on first mention (`Vice Foreign Minister`), may be empty.
    title: String,
    /// Written after the name on first mention (`an analyst at ...`), may be empty.
    appositive: String,
    introduced: bool,
}

impl Generator {
    fn new(lexicon: Lexicon) -> Generator {
        let site_outlets = (0..lexicon.outlets.len())
            .filter(|&i| {
                let name = lexicon.outlets[i].name.as_str();
                !STYLED.contains(&name)
                    && !KOREAN_PAPERS.contains(&name)
                    && !JAPANESE_PAPERS.contains(&name)
                    && !AGGREGATORS.contains(&name)
            })
            .collect();
        Generator {
            people: Zipf::new(PEOPLE_POPULATION),
            reporters: Zipf::new(REPORTER_POPULATION),
            firms: Zipf::new(FIRM_POPULATION),
            institutes: Zipf::new(INST_POPULATION),
            towns: Zipf::new(TOWN_POPULATION),
            known_people: Zipf::new(lexicon.people.len()),
            known_places: Zipf::new(lexicon.places.len()),
            known_organisations: Zipf::new(lexicon.organisations.len()),
            known_companies: Zipf::new(lexicon.companies.len()),
            known_agreements: Zipf::new(lexicon.agreements.len()),
            site_outlets,
            lexicon,
        }
    }

    /// Article `index` of the run with `seed`, written to `out`.
    fn article(
        &self,
        seed: u64,
        index: usize,
        out: &mut String,
        scratch: &mut Scratch,
    ) -> Generated {
        let mut rng = Rng(hash2(seed, index as u64));
        let file_hash = rng.next_u64();
        let topic = if rng.chance(600) {
            *rng.pick(&THREADS)
        } else {
            FILLER[rng.weighted(&[30, 15, 15, 12, 10, 18])]
        };
        let (a, b) = pair(&mut rng, topic);
        let mut story = Story {
            g: self,
            rng,
            topic,
            second: None,
            a: &COUNTRIES[a],
            b: &COUNTRIES[b],
            date: Date::random(&mut Rng(hash2(seed ^ 0xDA7E, index as u64))),
            dated: false,
            typographic: false,
            percent_word: false,
            dash: "-",
            firm: String::new(),
            town: String::new(),
            prov: String::new(),
            team: String::new(),
            cast: std::mem::take(&mut scratch.cast),
            last_person: usize::MAX,
            used: std::mem::take(&mut scratch.used),
            quirk: None,
        };
        story.setup();
        let mut paragraphs = std::mem::take(&mut scratch.paragraphs);
        let crlf = story.rng.chance(50);
        let front_matter = story.rng.chance(10);
        if front_matter {
            let _ = write!(
                out,
                "+++\ntags = [\"{}\", \"synthetic\"]\n+++\n",
                story.topic.id()
            );
        }
        let truth = story.page(out, &mut paragraphs);
        scratch.paragraphs = paragraphs;
        scratch.cast = std::mem::take(&mut story.cast);
        scratch.used = std::mem::take(&mut story.used);
        Generated {
            file_hash,
            crlf,
            truth,
        }
    }
}

/// The two countries of a story.
fn pair(rng: &mut Rng, topic: Topic) -> (usize, usize) {
    if topic.korea_japan() {
        return (SOUTH_KOREA, JAPAN);
    }
    match topic {
        Topic::Fukushima => (*rng.pick(&[SOUTH_KOREA, SOUTH_KOREA, CHINA]), JAPAN),
        Topic::Missiles => (
            *rng.pick(&[SOUTH_KOREA, SOUTH_KOREA, JAPAN, UNITED_STATES]),
            NORTH_KOREA,
        ),
        Topic::Summits if rng.chance(500) => (SOUTH_KOREA, JAPAN),
        _ => {
            // Home countries of the archive come up most.
            let a = if rng.chance(600) {
                *rng.pick(&[SOUTH_KOREA, SOUTH_KOREA, JAPAN, UNITED_STATES, CHINA])
            } else {
                rng.below(COUNTRIES.len())
            };
            let mut b = rng.below(COUNTRIES.len());
            if b == a {
                b = (a + 1 + rng.below(COUNTRIES.len() - 1)) % COUNTRIES.len();
            }
            (a, b)
        }
    }
}

/// One article being written: its story, cast and style.
struct Story<'g> {
    g: &'g Generator,
    rng: Rng,
    topic: Topic,
    /// Another thread the story touches.
    second: Option<Topic>,
    a: &'static Country,
    b: &'static Country,
    date: Date,
    /// The text states a date (about 95%).
    dated: bool,
    /// Curly quotes, real dashes, `©`, `¥`: the page kept its typography (about a third).
    typographic: bool,
    percent_word: bool,
    /// `-`, `—`, `--` or `–` between spaces inside sentences.
    dash: &'static str,
    firm: String,
    town: String,
    prov: String,
    team: String,
    cast: Vec<Member>,
    /// The cast member named last.
    last_person: usize,
    /// (pool, template) already used in this article.
    used: Vec<(usize, usize)>,
    quirk: Option<Quirk>,
}

impl Story<'_> {
    fn setup(&mut self) {
        self.dated = self.rng.chance(950);
        self.typographic = self.rng.chance(350);
        self.percent_word = self.rng.chance(300);
        self.dash = if self.typographic {
            *self.rng.pick(&["—", "–"])
        } else {
            *self.rng.pick(&["-", "--"])
        };
        if self.rng.chance(250) {
            let others: Vec<Topic> = THREADS
                .iter()
                .copied()
                .filter(|t| *t != self.topic)
                .collect();
            self.second = Some(*self.rng.pick(&others));
        }
        self.used.clear();
        let mut s = String::new();
        self.new_firm(&mut s);
        self.firm = s;
        let mut s = String::new();
        self.new_town(&mut s);
        self.town = s;
        let mut s = String::new();
        let h = self.rng.next_u64();
        let japanese = town_name(h, &mut s);
        s.push_str(if japanese { " Prefecture" } else { " Province" });
        self.prov = s;
        let mut s = String::new();
        town_name(self.rng.next_u64(), &mut s);
        s.push(' ');
        s.push_str(self.rng.pick_str(&TEAM_MASCOTS));
        self.team = s;
        self.cast_people();
    }

    /// Known people from the gazetteer and invented ones.
    fn cast_people(&mut self) {
        for m in &mut self.cast {
            m.full.clear();
            m.short.clear();
            m.title.clear();
            m.appositive.clear();
        }
        let mut n = 0;
        let known = self.rng.weighted(&[45, 35, 20]);
        let mut taken: Vec<usize> = Vec::new();
        for _ in 0..known {
            let k = self.g.known_people.sample(&mut self.rng);
            if taken.contains(&k) {
                continue;
            }
            taken.push(k);
            let slot = self.member_slot(n);
            self.known_person(k, slot);
            n += 1;
        }
        for _ in 0..self.rng.range(1, 4) {
            let k = self.g.people.sample(&mut self.rng);
            let slot = self.member_slot(n);
            self.invented_person(k, slot);
            n += 1;
        }
        self.cast.truncate(n);
    }

    fn member_slot(&mut self, n: usize) -> usize {
        if n == self.cast.len() {
            self.cast.push(Member::default());
        }
        let m = &mut self.cast[n];
        m.full.clear();
        m.short.clear();
        m.title.clear();
        m.appositive.clear();
        m.introduced = false;
        n
    }

    fn known_person(&mut self, k: usize, slot: usize) {
        let entry = &self.g.lexicon.people[k];
        // Sometimes a longer alias (`Kim Jong-un`, `Prime Minister Kishida`), else the name.
        let long_aliases: Vec<&String> = entry.aliases.iter().filter(|a| a.contains(' ')).collect();
        let full = if !long_aliases.is_empty() && self.rng.chance(250) {
            (*self.rng.pick(&long_aliases)).clone()
        } else {
            entry.name.clone()
        };
        let words: Vec<&str> = entry.name.split(' ').collect();
        let surname_first = words.len() > 1
            && (KOREAN_SURNAMES.contains(&words[0])
                || CHINESE_SURNAMES.contains(&words[0])
                || words[0] == "Yoon");
        let short = if surname_first {
            words[0]
        } else {
            words.last().copied().unwrap_or("")
        };
        let m = &mut self.cast[slot];
        m.full = full;
        m.short.push_str(short);
    }

    fn invented_person(&mut self, k: usize, slot: usize) {
        let h = hash2(0x5EED_F00D, k as u64);
        let culture = culture_of(h);
        let mut full = String::new();
        let (surname_start, surname_end) = invented_name(h, culture, &mut full);
        let (title, appositive) = ROLES[(mix64(h ^ 3) % ROLES.len() as u64) as usize];
        // The person's country qualifies the title now and then.
        let demonym = COUNTRIES
            .iter()
            .filter(|c| c.culture == culture)
            .nth((mix64(h ^ 4) % 2) as usize)
            .or(COUNTRIES.iter().find(|c| c.culture == culture))
            .map_or("", |c| c.demonym);
        let mut title_text = String::new();
        if !title.is_empty() {
            if mix64(h ^ 5).is_multiple_of(3) && title.starts_with(char::is_uppercase) {
                title_text.push_str(demonym);
                title_text.push(' ');
            }
            title_text.push_str(title);
        }
        let mut appositive_text = String::new();
        self.expand(appositive, &mut appositive_text);
        let member = &mut self.cast[slot];
        member.short.push_str(&full[surname_start..surname_end]);
        member.full = full;
        member.title = title_text;
        member.appositive = appositive_text;
    }

    /// A person, as subject (`subject`: may take an appositive) or elsewhere.
    fn person(&mut self, out: &mut String, subject: bool) {
        if self.cast.is_empty() {
            let k = self.g.people.sample(&mut self.rng);
            let slot = self.member_slot(0);
            self.invented_person(k, slot);
        }
        // Someone not yet introduced, or someone else than the last person named (no `Kim met Kim`).
        let last = self.last_person;
        let fresh = self.cast.iter().position(|m| !m.introduced);
        let others: Vec<usize> = (0..self.cast.len())
            .filter(|&i| self.cast[i].introduced && i != last)
            .collect();
        let i = match fresh {
            Some(i) if others.is_empty() || self.rng.chance(550) => i,
            _ if !others.is_empty() => *self.rng.pick(&others),
            _ => last.min(self.cast.len() - 1),
        };
        self.last_person = i;
        let apposition = self.rng.chance(500);
        let again = self.rng.chance(120);
        let m = &mut self.cast[i];
        if m.introduced {
            out.push_str(if again { &m.full } else { &m.short });
            return;
        }
        m.introduced = true;
        let use_title = !m.title.is_empty() && (m.appositive.is_empty() || !subject || !apposition);
        if use_title {
            out.push_str(&m.title);
            out.push(' ');
            out.push_str(&m.full);
        } else if subject && !m.appositive.is_empty() {
            out.push_str(&m.full);
            out.push_str(", ");
            out.push_str(&m.appositive);
            out.push(',');
        } else {
            out.push_str(&m.full);
        }
    }

    /// An athlete: always new, introduced with the team and `captain`.
    fn athlete(&mut self, out: &mut String) {
        let k = self.g.people.sample(&mut self.rng);
        let h = hash2(0xA7_417E, k as u64);
        let mut name = String::new();
        invented_name(h, culture_of(h), &mut name);
        let _ = write!(out, "{} captain {name}", self.team);
    }

    fn reporter(&mut self, out: &mut String) {
        let k = self.g.reporters.sample(&mut self.rng);
        let h = hash2(0x2E_9027E2, k as u64);
        invented_name(h, culture_of(h), out);
    }

    fn new_firm(&mut self, out: &mut String) {
        if !self.g.lexicon.companies.is_empty() && self.rng.chance(250) {
            let k = self.g.known_companies.sample(&mut self.rng);
            out.push_str(&self.g.lexicon.companies[k].name);
            return;
        }
        let h = hash2(0xF1_2A, self.g.firms.sample(&mut self.rng) as u64);
        out.push_str(FIRM_STEMS[(mix64(h) % FIRM_STEMS.len() as u64) as usize]);
        out.push(' ');
        out.push_str(FIRM_SUFFIXES[(mix64(h ^ 1) % FIRM_SUFFIXES.len() as u64) as usize]);
    }

    fn new_town(&mut self, out: &mut String) {
        let h = hash2(0x70_3E, self.g.towns.sample(&mut self.rng) as u64);
        town_name(h, out);
    }

    /// A think tank; with an acronym in parentheses on first use in the article.
    fn institute(&mut self, out: &mut String) {
        let h = hash2(0x1_2577, self.g.institutes.sample(&mut self.rng) as u64);
        let prefix = INST_PREFIXES[(mix64(h) % INST_PREFIXES.len() as u64) as usize];
        let field = INST_FIELDS[(mix64(h ^ 1) % INST_FIELDS.len() as u64) as usize];
        if mix64(h ^ 2).is_multiple_of(3) {
            let start = out.len();
            let _ = write!(out, "{prefix} Institute for {field}");
            let name = out[start..].to_owned();
            out.push_str(" (");
            initials(&name, out);
            out.push(')');
        } else {
            let _ = write!(out, "{prefix} {field} Institute");
        }
    }

    fn court(&mut self, out: &mut String) {
        if self.rng.chance(300) {
            out.push_str(self.rng.pick_str(&[
                "Supreme Court",
                "Seoul High Court",
                "Seoul Central District Court",
            ]));
            return;
        }
        let mut town = String::new();
        self.new_town(&mut town);
        let _ = write!(
            out,
            "{town} {}",
            self.rng
                .pick(&["District Court", "High Court", "Family Court"])
        );
    }

    fn university(&mut self, out: &mut String) {
        let mut town = String::new();
        self.new_town(&mut town);
        if self.rng.chance(300) {
            let _ = write!(out, "the University of {town}");
        } else {
            let _ = write!(out, "{town} National University");
        }
    }

    /// A known or invented organisation, with `the` where it takes one.
    fn organisation(&mut self, out: &mut String) {
        if self.rng.chance(450) {
            let k = self.g.known_organisations.sample(&mut self.rng);
            let entry = &self.g.lexicon.organisations[k];
            let name = if !entry.aliases.is_empty() && self.rng.chance(250) {
                self.rng.pick(&entry.aliases).as_str()
            } else {
                entry.name.as_str()
            };
            // Templates write `the {org}`: drop it again where the name takes none.
            if !takes_the(name) && out.ends_with("the ") {
                out.truncate(out.len() - 4);
            }
            out.push_str(name);
            return;
        }
        match self.rng.below(3) {
            0 => self.institute(out),
            1 => out.push_str(self.rng.pick_str(MINISTRIES)),
            _ => {
                let mut town = String::new();
                self.new_town(&mut town);
                let kind = self.rng.pick(&[
                    "Chamber of Commerce",
                    "Fisheries Cooperative",
                    "Farmers Association",
                    "Medical Association",
                    "Teachers Union",
                    "Bar Association",
                ]);
                let _ = write!(out, "{town} {kind}");
            }
        }
    }

    fn agreement(&mut self, out: &mut String) {
        if !self.g.lexicon.agreements.is_empty() && self.rng.chance(500) {
            let k = self.g.known_agreements.sample(&mut self.rng);
            let entry = &self.g.lexicon.agreements[k];
            let name = if !entry.aliases.is_empty() && self.rng.chance(300) {
                self.rng.pick(&entry.aliases)
            } else {
                &entry.name
            };
            out.push_str(name);
            return;
        }
        let mut town = String::new();
        self.new_town(&mut town);
        let _ = match self.rng.below(4) {
            0 => write!(out, "{town} Accord"),
            1 => write!(out, "{town} Declaration"),
            2 => write!(out, "Treaty of {town}"),
            _ => write!(out, "{town} Fisheries Agreement"),
        };
    }

    /// A place from the gazetteer (or its alias), or an invented town.
    fn place(&mut self, out: &mut String) {
        if self.rng.chance(450) {
            self.new_town(out);
            return;
        }
        let k = self.g.known_places.sample(&mut self.rng);
        let entry = &self.g.lexicon.places[k];
        let name = if !entry.aliases.is_empty() && self.rng.chance(150) {
            self.rng.pick(&entry.aliases)
        } else {
            &entry.name
        };
        if takes_the(name) {
            out.push_str("the ");
        }
        out.push_str(name);
    }

    fn country_name(c: &Country, out: &mut String) {
        if c.the {
            out.push_str("the ");
        }
        out.push_str(c.name);
    }

    fn possessive(&self, c: &Country, out: &mut String) {
        Story::country_name(c, out);
        out.push(self.apostrophe());
        if !c.name.ends_with('s') {
            out.push('s');
        }
    }

    /// Tag the article with a quirk (the first one stays).
    fn flag(&mut self, quirk: Quirk) {
        self.quirk.get_or_insert(quirk);
    }

    /// `—` on a typographic page, `--` on a plain one.
    fn em_dash(&self) -> &'static str {
        if self.typographic { "—" } else { "--" }
    }

    fn en_dash(&self) -> &'static str {
        if self.typographic { "–" } else { "-" }
    }

    fn copyright_sign(&self) -> &'static str {
        if self.typographic { "©" } else { "(c)" }
    }

    fn apostrophe(&self) -> char {
        if self.typographic { '’' } else { '\'' }
    }

    /// Expand a template into `out`.
    fn expand(&mut self, template: &str, out: &mut String) {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                return;
            };
            self.slot(&after[..close], out);
            rest = &after[close + 1..];
        }
        out.push_str(rest);
    }

    /// One slot. An unknown name is written back as `{name}`, so a typo shows in the output.
    fn slot(&mut self, name: &str, out: &mut String) {
        let (a, b) = (self.a, self.b);
        match name {
            "A" => Story::country_name(a, out),
            "B" => Story::country_name(b, out),
            "A's" => self.possessive(a, out),
            "B's" => self.possessive(b, out),
            "Ad" => out.push_str(a.demonym),
            "Bd" => out.push_str(b.demonym),
            "Ac" => out.push_str(a.capital),
            "Bc" => out.push_str(b.capital),
            "C" => {
                let c = self.rng.pick(COUNTRIES);
                Story::country_name(c, out);
            }
            "who" => self.person(out, true),
            "name" => {
                if self.cast.is_empty() {
                    self.person(out, false);
                } else {
                    out.push_str(&self.cast[0].short);
                }
            }
            "whom" => self.person(out, false),
            "athlete" => self.athlete(out),
            "org" => self.organisation(out),
            "firm" if self.rng.chance(750) => out.push_str(&self.firm),
            "firm" | "firm2" => self.new_firm(out),
            "inst" => self.institute(out),
            "court" => self.court(out),
            "ministry" => out.push_str(self.rng.pick_str(MINISTRIES)),
            "univ" => self.university(out),
            "agr" => self.agreement(out),
            "place" => self.place(out),
            "town" => out.push_str(&self.town),
            "prov" => out.push_str(&self.prov),
            "team" => out.push_str(&self.team),
            "team2" => {
                town_name(self.rng.next_u64(), out);
                out.push(' ');
                out.push_str(self.rng.pick_str(&TEAM_MASCOTS));
            }
            "cb" => match a.name {
                "South Korea" => out.push_str("Bank of Korea"),
                "Japan" => out.push_str("Bank of Japan"),
                "United States" => out.push_str("Federal Reserve"),
                "China" => out.push_str("People's Bank of China"),
                _ => {
                    let _ = write!(out, "{} central bank", a.demonym);
                }
            },
            "ty" => out.push_str(self.rng.pick_str(&TYPHOONS)),
            "q" => out.push(if self.typographic { '“' } else { '"' }),
            "qc" => out.push(if self.typographic { '”' } else { '"' }),
            "'" => out.push(self.apostrophe()),
            "--" => out.push_str(self.dash),
            _ => self.number_slot(name, out),
        }
    }

    /// Numbers and times.
    fn number_slot(&mut self, name: &str, out: &mut String) {
        const WORDS: &[&str] = &[
            "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve",
        ];
        const ORDINALS: &[&str] = &[
            "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        ];
        let r = &mut self.rng;
        let _ = match name {
            "n" => write!(out, "{}", r.range(2, 12)),
            "nw" => write!(out, "{}", r.pick(WORDS)),
            "big" => write!(out, "{},{}00", r.range(1, 99), r.range(0, 9)),
            "pct" if self.percent_word => {
                write!(out, "{}.{} percent", r.range(0, 9), r.range(1, 9))
            }
            "pct" => write!(out, "{}.{}%", r.range(0, 9), r.range(1, 9)),
            "rate" => write!(
                out,
                "{}.{}%",
                r.range(1, 5),
                r.pick(&["0", "25", "5", "75"])
            ),
            "money" => match r.below(4) {
                0 => write!(out, "${}.{} billion", r.range(1, 30), r.range(0, 9)),
                1 => write!(out, "{}.{} trillion won", r.range(1, 20), r.range(0, 9)),
                2 if self.typographic => write!(out, "¥{} billion", r.range(10, 900)),
                2 => write!(out, "{} billion yen", r.range(10, 900)),
                _ if self.typographic => {
                    write!(out, "€{}.{} million", r.range(1, 500), r.range(0, 9))
                }
                _ => write!(out, "{}.{} million euros", r.range(1, 500), r.range(0, 9)),
            },
            "km" => write!(out, "{}", r.range(2, 12) * 100 + r.range(0, 9) * 10),
            "age" => write!(out, "{}", r.range(88, 99)),
            "temp" => write!(out, "{}", r.range(33, 39)),
            "mag" => write!(out, "{}.{}", r.range(4, 6), r.range(0, 9)),
            "score" => write!(out, "{}-{}", r.range(1, 4), r.range(0, 1)),
            "votes" => write!(out, "{}", r.range(150, 250)),
            "fx" => write!(out, "1,{}.{}", r.range(100, 450), r.range(0, 9)),
            "ord" => write!(out, "{}", r.pick(ORDINALS)),
            "q4" => write!(out, "{}", r.pick(&["first", "second", "third", "fourth"])),
            "fert" => write!(out, "0.{}", r.range(70, 98)),
            "day" => write!(out, "{}", r.pick(&WEEKDAYS[1..6])),
            "month" => write!(out, "{}", r.pick(&MONTH_NAMES)),
            "yr" => write!(out, "{}", self.date.y - r.range(1, 12) as u16),
            "year" => write!(out, "{}", self.date.y),
            "futyear" => write!(out, "{}", self.date.y + r.range(2, 8) as u16),
            other => write!(out, "{{{other}}}"),
        };
    }

    /// A sentence from `pool` (number `id`), avoiding templates this article has used; returns
    /// its words.
    fn sentence(&mut self, id: usize, pool: &'static [&'static str], out: &mut String) -> usize {
        // A template not yet used in this article, while there are any.
        let used = &self.used;
        let unused = (0..pool.len())
            .filter(|&t| !used.contains(&(id, t)))
            .count();
        let t = if unused == 0 {
            self.rng.below(pool.len())
        } else {
            let k = self.rng.below(unused);
            (0..pool.len())
                .filter(|&t| !used.contains(&(id, t)))
                .nth(k)
                .unwrap_or(0)
        };
        self.used.push((id, t));
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        let start = out.len();
        self.expand(pool[t], out);
        // `the United States said` at the start of a sentence.
        if let Some(first) = out.get_mut(start..=start) {
            first.make_ascii_uppercase();
        }
        out[start..].split(' ').count()
    }
}

// ---------------------------------------------------------------------------------------------
// The body
// ---------------------------------------------------------------------------------------------

/// Pool ids for [`Story::sentence`]'s memory of used templates.
const POOL_BACKGROUND: usize = 100;
const POOL_BACKGROUND_KJ: usize = 101;
const POOL_QUOTES: usize = 102;
const POOL_FLAVOUR: usize = 103;

impl Story<'_> {
    /// Body paragraphs into `paras[..n]`; returns n. The first is the lead, without dateline.
    fn body(&mut self, paras: &mut Vec<String>, target_words: usize) -> usize {
        let flavour = self.rng.chance(40);
        let mut n = 0;
        let mut words = 0;
        let mut since_subhead = 0;
        while words < target_words || n < 3 {
            if n == paras.len() {
                paras.push(String::new());
            }
            let mut p = std::mem::take(&mut paras[n]);
            p.clear();
            if n >= 5 && since_subhead >= 6 && target_words > 700 && self.rng.chance(120) {
                let head = self.rng.pick(SUBHEADS);
                if self.typographic {
                    let _ = write!(p, "‘{head}’");
                } else {
                    p.push_str(head);
                }
                since_subhead = 0;
            } else {
                let sentences = if n == 0 {
                    1
                } else {
                    self.rng.weighted(&[0, 35, 45, 20])
                };
                for s in 0..sentences {
                    words += self.body_sentence(n, s, flavour, &mut p);
                }
                since_subhead += 1;
            }
            paras[n] = p;
            n += 1;
        }
        n
    }

    fn body_sentence(&mut self, para: usize, s: usize, flavour: bool, out: &mut String) -> usize {
        let topic = self.topic;
        if para == 0 || (para == 1 && s == 0) {
            return self.sentence(topic as usize, topic.sentences(), out);
        }
        let r = self.rng.below(100);
        match r {
            0..=29 => self.sentence(topic as usize, topic.sentences(), out),
            30..=39 => {
                let t = self.second.unwrap_or(topic);
                self.sentence(t as usize, t.sentences(), out)
            }
            40..=57 => self.sentence(POOL_QUOTES, QUOTES, out),
            58..=74 if topic.korea_japan() && self.rng.chance(500) => {
                self.sentence(POOL_BACKGROUND_KJ, BACKGROUND_KJ, out)
            }
            58..=74 => self.sentence(POOL_BACKGROUND, BACKGROUND, out),
            75..=95 => {
                let t = *self.rng.pick(&FILLER);
                self.sentence(t as usize, t.sentences(), out)
            }
            _ if flavour => self.sentence(POOL_FLAVOUR, FLAVOUR, out),
            _ => self.sentence(topic as usize, topic.sentences(), out),
        }
    }

    /// How long the body should be: about 300 to 1,500 words, most between 450 and 750.
    fn target_words(&mut self) -> usize {
        let mut w = 290 + self.rng.range(0, 230) + self.rng.range(0, 230);
        if self.rng.chance(120) {
            w += self.rng.range(0, 700);
        }
        w.min(1500)
    }

    /// A headline for the story's topic (or another one, for related-story blocks).
    fn headline(&mut self, topic: Topic, out: &mut String) {
        let start = out.len();
        let pool = topic.headlines();
        let t = self.rng.below(pool.len());
        self.expand(pool[t], out);
        if self.rng.chance(450) && !out[start..].contains(':') {
            let tail = self.rng.pick_str(HEADLINE_TAILS);
            self.expand(tail, out);
        }
        if let Some(first) = out.get_mut(start..=start) {
            first.make_ascii_uppercase();
        }
    }

    /// A caption text (without its credit).
    fn caption(&mut self, out: &mut String) {
        let t = *self.rng.pick(CAPTIONS);
        let start = out.len();
        self.expand(t, out);
        if let Some(first) = out.get_mut(start..=start) {
            first.make_ascii_uppercase();
        }
    }

    /// A related-stories block: a header and 2-4 headlines or teasers.
    fn related_block(&mut self, out: &mut String) {
        out.push_str(self.rng.pick_str(RELATED_HEADERS));
        out.push_str("\n\n");
        let labels = self.rng.chance(200);
        for _ in 0..self.rng.range(2, 4) {
            if labels {
                out.push_str(self.rng.pick_str(SECTION_LABELS));
                out.push_str("\n\n");
            }
            let topic = if self.rng.chance(500) {
                *self.rng.pick(&THREADS)
            } else {
                *self.rng.pick(&FILLER)
            };
            let start = out.len();
            self.headline(topic, out);
            if self.rng.chance(400) && out.len() - start > 30 {
                // A teaser cut mid-word.
                let mut cut = start + 28;
                while !out.is_char_boundary(cut) {
                    cut -= 1;
                }
                out.truncate(cut);
                out.push_str("...");
            }
            out.push_str("\n\n");
        }
    }

    fn furniture_line(&mut self, list: &[&str], out: &mut String) {
        out.push_str(self.rng.pick_str(list));
        out.push('\n');
    }
}

// ---------------------------------------------------------------------------------------------
// Pages: house styles
// ---------------------------------------------------------------------------------------------

/// How paragraphs are laid out.
#[derive(Clone, Copy)]
enum Layout {
    /// A blank line between paragraphs.
    Blank,
    /// One line per paragraph, no blank lines.
    Tight,
    /// Two blank lines between paragraphs.
    Loose,
    /// A line holding a no-break space between paragraphs now and then.
    Nbsp,
}

/// What the page writer puts around the body.
#[derive(Default)]
struct BodyOptions<'a> {
    /// Written before the lead paragraph (`SEOUL (Reuters) - `).
    lead_prefix: Option<&'a str>,
    /// Written after the last paragraph (` (END)`).
    end_tag: Option<&'a str>,
    /// Furniture between paragraphs: an advertisement or a related block.
    mid_furniture: bool,
    mid_related: bool,
    wrap: bool,
}

impl Story<'_> {
    /// The page: a house style picked by weight, then its body.
    fn page(&mut self, out: &mut String, paras: &mut Vec<String>) -> Truth {
        let style = self
            .rng
            .weighted(&[150, 110, 110, 60, 100, 110, 70, 80, 20, 120, 45, 25]);
        let target = self.target_words();
        let n = self.body(paras, target);
        let paras = &paras[..n];
        let mut truth = match style {
            0 => self.reuters(out, paras),
            1 => self.ap(out, paras),
            2 => self.yonhap(out, paras),
            3 => self.bloomberg(out, paras),
            4 => self.agency(out, paras),
            5 => self.korean_paper(out, paras),
            6 => self.japanese_paper(out, paras),
            7 => self.syndicated(out, paras),
            8 => self.france24(out, paras),
            9 => self.site(out, paras),
            10 => self.unknown_outlet(out, paras),
            _ => self.plain(out, paras),
        };
        if !self.dated {
            truth.date = None;
        }
        truth.quirk = self.quirk.map(Quirk::tag);
        truth
    }

    /// Write the headline line and return it (for the truth).
    fn headline_line(&mut self, out: &mut String, form: HeadlineForm) -> String {
        let mut h = String::new();
        self.headline(self.topic, &mut h);
        let h = match form {
            HeadlineForm::Plain => h,
            HeadlineForm::Title => title_case(&h),
            HeadlineForm::Yonhap => {
                let mut y = h
                    .replace("South Korea", "S. Korea")
                    .replace("North Korea", "N. Korea");
                if !y.contains(':') && self.rng.chance(200) {
                    y.push_str(self.rng.pick_str(&[
                        ": official",
                        ": sources",
                        ": ministry",
                        ": report",
                    ]));
                }
                match self.rng.below(20) {
                    0..=3 => format!("(LEAD) {y}"),
                    4 => format!("(2nd LD) {y}"),
                    5 => format!("(URGENT) {y}"),
                    _ => y,
                }
            }
            HeadlineForm::Reuters => match self.rng.below(20) {
                0 => format!("UPDATE {}-{h}", self.rng.range(1, 3)),
                1 => format!("EXCLUSIVE-{h}"),
                _ => h,
            },
        };
        out.push_str(&h);
        out.push('\n');
        h
    }

    /// A byline of one or two reporters.
    fn byline_names(&mut self, out: &mut String) {
        self.reporter(out);
        if self.rng.chance(200) {
            out.push_str(" and ");
            self.reporter(out);
        }
    }

    /// A date line in one of `forms` (see [`date_line`]); returns the precision it supports.
    fn date_line(&mut self, forms: &[usize], out: &mut String) -> Precision {
        let form = *self.rng.pick(forms);
        let p = date_line(self.date, form, out);
        out.push('\n');
        p
    }

    /// The body with its layout.
    fn write_body(
        &mut self,
        out: &mut String,
        paras: &[String],
        layout: Layout,
        o: &BodyOptions<'_>,
    ) {
        let sep = match layout {
            Layout::Blank | Layout::Nbsp => "\n\n",
            Layout::Tight => "\n",
            Layout::Loose => "\n\n\n",
        };
        let mid = if paras.len() > 4 {
            self.rng.range(2, paras.len() - 2)
        } else {
            usize::MAX
        };
        for (i, p) in paras.iter().enumerate() {
            let start = out.len();
            if i == 0
                && let Some(prefix) = o.lead_prefix
            {
                out.push_str(prefix);
            }
            out.push_str(p);
            if i + 1 == paras.len()
                && let Some(tag) = o.end_tag
            {
                out.push_str(tag);
            }
            if o.wrap {
                hard_wrap(out, start, 72);
            }
            out.push_str(sep);
            if matches!(layout, Layout::Nbsp) && self.rng.chance(150) {
                out.push_str("\u{a0}\n\n");
            }
            // Mid-body furniture comes before a sentence paragraph, never before a subhead.
            let next_is_sentence = paras
                .get(i + 1)
                .is_some_and(|n| n.ends_with(['.', '”', '"']));
            if i == mid && next_is_sentence {
                if o.mid_related {
                    self.related_block(out);
                } else if o.mid_furniture {
                    self.furniture_line(MID_FURNITURE, out);
                    out.push_str(sep);
                }
            }
        }
    }

    /// Credits in Reuters style.
    fn reuters_credits(&mut self, out: &mut String) {
        let mut r = String::new();
        self.reporter(&mut r);
        let mut e = String::new();
        self.reporter(&mut e);
        let mut e2 = String::new();
        self.reporter(&mut e2);
        let city = self.a.capital;
        let _ = match self.rng.below(4) {
            0 => write!(out, "(Reporting by {r}; Editing by {e})"),
            1 => write!(out, "(Reporting by {r} in {city}; Editing by {e} and {e2})"),
            2 => write!(
                out,
                "Reporting by {r}; Additional reporting by {e2}; Editing by {e}"
            ),
            _ => write!(out, "(Reporting by {r}; Writing by {e2}; Editing by {e})"),
        };
        out.push_str("\n\n");
    }
}

#[derive(Clone, Copy)]
enum HeadlineForm {
    Plain,
    Title,
    Yonhap,
    Reuters,
}

/// Headline-style capitals: every word but the small ones.
fn title_case(s: &str) -> String {
    const SMALL: &[&str] = &[
        "a", "an", "the", "of", "to", "in", "on", "for", "and", "at", "as", "by", "with", "from",
    ];
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if i > 0 && SMALL.contains(&word) {
            out.push_str(word);
            continue;
        }
        let mut up = true;
        for c in word.chars() {
            if up {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            up = c == '-';
        }
    }
    out
}

/// Wrap `out[start..]` at `width` columns with single newlines.
fn hard_wrap(out: &mut String, start: usize, width: usize) {
    let text = out[start..].to_owned();
    out.truncate(start);
    let mut column = 0;
    for word in text.split(' ') {
        let len = word.chars().count();
        if column > 0 && column + 1 + len > width {
            out.push('\n');
            column = 0;
        } else if column > 0 {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += len;
    }
}

/// Write `d` as a date line in form `form`; returns the precision the line supports.
fn date_line(d: Date, form: usize, out: &mut String) -> Precision {
    let wd = WEEKDAYS[d.weekday()];
    let mut clock = String::new();
    d.clock12(&mut clock);
    let (y, m, dd, hh, mm) = (d.y, d.m, d.d, d.hh, d.mm);
    let _ = match form {
        0 => write!(out, "{} {dd}, {y}", d.ap_month()),
        1 => write!(out, "{}", d.iso()),
        2 => write!(out, "{dd} {} {y}", d.month()),
        3 => write!(out, "{} {dd}, {y} {clock} GMT+9", d.month()),
        4 => write!(out, "Updated: {} {hh:02}:{mm:02}", d.iso()),
        5 => write!(
            out,
            "Published {clock} EST, {} {} {dd}, {y}",
            &wd[..3],
            d.month()
        ),
        6 => write!(out, "First Published: {} {dd} {y} | {clock} IST", d.mon3()),
        7 => write!(out, "{} {dd}, {y} - {hh:02}:{mm:02}", d.month()),
        8 => write!(out, "{wd} {dd} {} {y} {hh:02}.{mm:02} GMT", d.month()),
        9 => write!(out, "Posted : {y}.{m:02}.{dd:02} {hh:02}:{mm:02}"),
        10 => write!(
            out,
            "Last updated on {} {dd}, {y} at {}",
            d.month(),
            clock.to_lowercase()
        ),
        11 => write!(out, "Updated {} {dd}, {y} {} ET", d.ap_month(), ap_clock(d)),
        12 => write!(out, "{y}/{m:02}/{dd:02} {hh:02}:{mm:02}"),
        13 => write!(out, "{} {dd}{}, {y}", d.month(), ordinal_suffix(dd)),
        14 => write!(out, "{m:02}/{dd:02}/{y} {clock}"),
        15 => write!(out, "{}T{hh:02}:{mm:02}:00Z", d.iso()),
        16 => write!(out, "{}, {} {dd}, {y}, {clock}", &wd[..3], d.mon3()),
        17 => write!(out, "Published: {} {y}", d.month()),
        18 => write!(out, "{dd} {} {y} {hh:02}:{mm:02} KST", d.mon3()),
        19 => write!(out, "Issued on: {dd:02}/{m:02}/{y} - {hh:02}:{mm:02}"),
        20 => write!(out, "{} {dd}, {y} {hh:02}:{mm:02} JST", d.month()),
        21 => write!(out, "Published : {} {dd}, {y} - {hh:02}:{mm:02}", d.month()),
        22 => write!(out, "{} {hh:02}:{mm:02} By Yonhap", d.iso()),
        23 => write!(out, "{} {dd}, {y} - {hh:02}:{mm:02} By Yonhap", d.month()),
        24 => write!(out, "{} {dd}, {y} at {clock} GMT+9", d.month()),
        25 => write!(out, "{}-{m:02}-{dd:02} {hh:02}:{mm:02}:{:02}", y, mm / 2),
        26 => write!(out, "{} {dd}, {y} / {clock}", d.ap_month()),
        _ => write!(out, "Published on {dd:02}/{m:02}/{y} at {hh:02}:{mm:02}"),
    };
    match form {
        17 => Precision::Month,
        // Day and month in an order the text does not settle: only the year is certain.
        14 | 19 | 27 if dd <= 12 => Precision::Year,
        _ => Precision::Day,
    }
}

/// `9:00 p.m.`
fn ap_clock(d: Date) -> String {
    let h = match d.hh % 12 {
        0 => 12,
        h => h,
    };
    format!(
        "{h}:{:02} {}",
        d.mm,
        if d.hh < 12 { "a.m." } else { "p.m." }
    )
}

fn ordinal_suffix(d: u8) -> &'static str {
    match d {
        1 | 21 | 31 => "st",
        2 | 22 => "nd",
        3 | 23 => "rd",
        _ => "th",
    }
}

/// Date-line forms by house style.
const REUTERS_DATES: &[usize] = &[3, 7, 16, 24, 11];
const AP_DATES: &[usize] = &[5, 11, 0];
const YONHAP_DATES: &[usize] = &[22, 23, 9, 4, 1];
const PAPER_DATES_KR: &[usize] = &[21, 9, 1, 4, 0, 12, 18];
const PAPER_DATES_JP: &[usize] = &[20, 12, 0, 2, 3];
const SITE_DATES: &[usize] = &[0, 1, 2, 3, 5, 7, 8, 10, 11, 13, 14, 16, 17, 24, 26];

impl Story<'_> {
    fn set_date(&self, truth: &mut Truth, p: Precision) {
        if self.dated && truth.date.is_none() {
            truth.date = Some(at_precision(self.date, p));
        }
    }

    /// A dateline city: the first country's capital, or another city.
    fn dateline_city(&mut self) -> (&'static str, &'static str) {
        if self.rng.chance(250) {
            *self.rng.pick(DATELINE_CITIES)
        } else {
            (self.a.capital, self.a.name)
        }
    }

    /// `March 6` / `Nov 23` / `Oct. 4` for a dateline.
    fn dateline_day(&mut self, ap: bool) -> String {
        if ap {
            format!("{} {}", self.date.ap_month(), self.date.d)
        } else {
            format!("{} {}", self.date.mon3(), self.date.d)
        }
    }

    fn reuters(&mut self, out: &mut String, paras: &[String]) -> Truth {
        if self.rng.chance(150) {
            return self.reuters_via_site(out, paras);
        }
        if self.rng.chance(300) {
            self.furniture_line(TOP_FURNITURE, out);
            if self.rng.chance(500) {
                self.furniture_line(SECTION_LABELS, out);
            }
            out.push('\n');
        }
        let headline = self.headline_line(out, HeadlineForm::Reuters);
        out.push('\n');
        if self.rng.chance(450) {
            out.push_str("By ");
            if self.rng.chance(100) {
                out.push_str("Reuters");
            } else {
                self.byline_names(out);
            }
            out.push('\n');
        }
        let (city, country) = self.dateline_city();
        let mut truth = Truth::new(headline, Some("Reuters"), Some(city.to_uppercase()));
        let date_line = self.dated && self.rng.chance(700);
        if date_line {
            let p = self.date_line(REUTERS_DATES, out);
            self.set_date(&mut truth, p);
        }
        out.push('\n');
        let with_day = self.rng.chance(600);
        let caption = self.rng.chance(200);
        if caption {
            self.caption(out);
            if self.dated {
                let _ = write!(
                    out,
                    " in {city}, {country} {} {}, {}",
                    self.date.month(),
                    self.date.d,
                    self.date.y
                );
            }
            let mut p = String::new();
            self.reporter(&mut p);
            if self.rng.chance(500) {
                let _ = writeln!(out, ". REUTERS/{p}\n");
            } else {
                let _ = writeln!(out, ". {p}/Pool via REUTERS\n");
            }
        }
        let dash = self.en_dash();
        let prefix = if with_day {
            format!(
                "{}, {} (Reuters) {dash} ",
                city.to_uppercase(),
                self.dateline_day(false)
            )
        } else {
            format!("{} (Reuters) {dash} ", city.to_uppercase())
        };
        let o = BodyOptions {
            lead_prefix: Some(&prefix),
            mid_related: self.rng.chance(150),
            ..BodyOptions::default()
        };
        self.write_body(out, paras, Layout::Blank, &o);
        if self.rng.chance(850) {
            self.reuters_credits(out);
        }
        if self.rng.chance(100) {
            out.push_str("Our Standards: The Thomson Reuters Trust Principles.\n");
        }
        if self.dated && (!date_line || self.rng.chance(150)) {
            let stated = date_line || caption && with_day || self.rng.chance(800);
            if stated {
                let _ = writeln!(out, "{} {} Reuters", self.copyright_sign(), self.date.y);
                let p = if with_day {
                    Precision::Day
                } else {
                    Precision::Year
                };
                self.set_date(&mut truth, p);
            } else {
                // No year anywhere: the text does not say when.
                self.dated = false;
            }
        }
        if !date_line && caption && with_day {
            self.set_date(&mut truth, Precision::Day);
        }
        truth
    }

    /// Reuters copy on a regional site (`NAGOYA, JAPAN, Nov 23:`, `By Reuters`, lead twice).
    fn reuters_via_site(&mut self, out: &mut String, paras: &[String]) -> Truth {
        out.push_str("header banner\n");
        self.furniture_line(SECTION_LABELS, out);
        out.push('\n');
        let headline = self.headline_line(out, HeadlineForm::Plain);
        out.push('\n');
        let (city, country) = self.dateline_city();
        let prefix = if self.dated {
            format!(
                "{}, {}, {}: ",
                city.to_uppercase(),
                country.to_uppercase(),
                self.dateline_day(false)
            )
        } else {
            format!("{}, {}: ", city.to_uppercase(), country.to_uppercase())
        };
        let _ = writeln!(out, "{prefix}{}", paras[0]);
        self.caption(out);
        if self.dated {
            let _ = write!(
                out,
                " in {city}, {country} {} {}, {}",
                self.date.month(),
                self.date.d,
                self.date.y
            );
        }
        let mut p = String::new();
        self.reporter(&mut p);
        let _ = writeln!(out, ". {p}/Pool via REUTERS");
        out.push_str("By Reuters\n\n");
        let o = BodyOptions {
            lead_prefix: Some(&prefix),
            mid_related: self.rng.chance(400),
            ..BodyOptions::default()
        };
        self.write_body(out, paras, Layout::Loose, &o);
        let mut truth = Truth::new(headline, Some("Reuters"), Some(city.to_uppercase()));
        self.set_date(&mut truth, Precision::Day);
        truth
    }

    fn ap(&mut self, out: &mut String, paras: &[String]) -> Truth {
        if self.rng.chance(200) {
            let top = *self
                .rng
                .pick(&["Advertisement", "AP News", "Skip to main content"]);
            if top == "AP News" {
                self.flag(Quirk::OutletPrefixBanner);
            }
            let _ = writeln!(out, "{top}\n");
        }
        let headline = self.headline_line(out, HeadlineForm::Plain);
        out.push('\n');
        if self.rng.chance(850) {
            match self.rng.below(4) {
                0 => {
                    let mut r = String::new();
                    self.reporter(&mut r);
                    let _ = writeln!(out, "BY {}", r.to_uppercase());
                }
                1 => {
                    out.push_str("By ");
                    self.byline_names(out);
                    out.push('\n');
                }
                _ => {
                    out.push_str("By ");
                    self.reporter(out);
                    out.push_str(
                        self.rng
                            .pick_str(&[", The Associated Press", ", Associated Press"]),
                    );
                    out.push('\n');
                }
            }
        }
        let (city, country) = self.dateline_city();
        let mut truth = Truth::new(headline, Some("AP"), Some(city.to_uppercase()));
        let date_line = self.dated && self.rng.chance(850);
        if date_line {
            let p = self.date_line(AP_DATES, out);
            self.set_date(&mut truth, p);
        }
        out.push('\n');
        if self.rng.chance(450) {
            self.caption(out);
            let earlier = Date::random(&mut self.rng);
            let mut p = String::new();
            self.reporter(&mut p);
            let _ = writeln!(
                out,
                " in {city}, {country}, on {} {}, {}. (AP Photo/{p}{})\n",
                earlier.ap_month(),
                earlier.d,
                earlier.y,
                if self.rng.chance(300) { ", File" } else { "" }
            );
        }
        let prefix = if self.rng.chance(200) && !country.is_empty() {
            format!(
                "{}, {country} (AP) {} ",
                city.to_uppercase(),
                self.em_dash()
            )
        } else {
            format!("{} (AP) {} ", city.to_uppercase(), self.em_dash())
        };
        let o = BodyOptions {
            lead_prefix: Some(&prefix),
            mid_furniture: self.rng.chance(200),
            ..BodyOptions::default()
        };
        self.write_body(out, paras, Layout::Blank, &o);
        if self.rng.chance(200) {
            let mut r = String::new();
            self.reporter(&mut r);
            let _ = writeln!(
                out,
                "___\n\nAssociated Press writer {r} in {} contributed to this report.\n",
                self.b.capital
            );
        }
        if self.dated && (!date_line || self.rng.chance(500)) {
            let _ = writeln!(
                out,
                "Copyright {} The Associated Press. All rights reserved.",
                self.date.y
            );
            self.set_date(&mut truth, Precision::Year);
        }
        truth
    }

    fn yonhap(&mut self, out: &mut String, paras: &[String]) -> Truth {
        match self.rng.below(20) {
            0..=8 => out.push_str("From\nSend to\n\n"),
            9 => out.push_str("yna.co.kr\n\n"),
            10 => out.push_str("Yonhap News Agency\n\n"),
            _ => {}
        }
        let headline = self.headline_line(out, HeadlineForm::Yonhap);
        out.push('\n');
        let (city, _) = self.dateline_city();
        let mut truth = Truth::new(headline, Some("Yonhap"), Some(city.to_uppercase()));
        if self.dated {
            let p = self.date_line(YONHAP_DATES, out);
            self.set_date(&mut truth, p);
            out.push('\n');
        }
        if self.rng.chance(350) {
            if self.rng.chance(500) {
                let label = self.rng.pick(&[
                    "Ministry of Foreign Affairs",
                    "Joint Chiefs of Staff",
                    "Bank of Korea",
                    "Ministry of Unification",
                    "National Assembly",
                    "Cheong Wa Dae",
                ]);
                let _ = writeln!(out, "{label} (Yonhap)");
            } else {
                self.caption(out);
                out.push_str(" in this file photo. (Yonhap)\n");
            }
        }
        let prefix = if self.dated {
            format!(
                "{}, {} (Yonhap) -- ",
                city.to_uppercase(),
                self.dateline_day(true)
            )
        } else {
            format!("{} (Yonhap) -- ", city.to_uppercase())
        };
        let end = match self.rng.below(20) {
            0..=7 => Some(" (END)"),
            8..=10 => Some(" (Yonhap)"),
            _ => None,
        };
        let o = BodyOptions {
            lead_prefix: Some(&prefix),
            end_tag: end,
            ..BodyOptions::default()
        };
        self.write_body(out, paras, Layout::Blank, &o);
        truth
    }

    fn bloomberg(&mut self, out: &mut String, paras: &[String]) -> Truth {
        let headline = self.headline_line(out, HeadlineForm::Title);
        out.push('\n');
        if self.rng.chance(700) {
            // The standfirst: the lead's first sentence, which the lead repeats.
            let first = paras[0].split(". ").next().unwrap_or(&paras[0]);
            let _ = writeln!(out, "{}\n", first.trim_end_matches('.'));
        }
        let mut truth = Truth::new(headline, Some("Bloomberg"), None);
        if self.dated && self.rng.chance(400) {
            out.push_str("By ");
            self.reporter(out);
            out.push('\n');
            let p = self.date_line(&[24], out);
            self.set_date(&mut truth, p);
            out.push('\n');
        }
        let prefix = format!("(Bloomberg) {} ", self.em_dash());
        let o = BodyOptions {
            lead_prefix: Some(&prefix),
            ..BodyOptions::default()
        };
        if self.typographic {
            self.write_body(out, paras, Layout::Nbsp, &o);
            out.push_str("\u{a0}\n\n\u{a0}\n\n");
        } else {
            self.write_body(out, paras, Layout::Blank, &o);
        }
        if self.rng.chance(700) {
            let _ = write!(out, "{}With assistance from ", self.em_dash());
            self.reporter(out);
            if self.rng.chance(500) {
                out.push_str(" and ");
                self.reporter(out);
            }
            out.push_str(".\n\n");
        }
        if self.rng.chance(150) {
            let mut r = String::new();
            self.reporter(&mut r);
            let mail: String = r
                .chars()
                .filter(char::is_ascii_alphabetic)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            let _ = writeln!(
                out,
                "To contact the reporter on this story: {r} in {} at {mail}@bloomberg.net\n",
                self.a.capital
            );
        }
        if self.rng.chance(700) {
            out.push_str("More stories like this are available on bloomberg.com\n\n");
        }
        if self.dated {
            let _ = writeln!(
                out,
                "{}{} Bloomberg L.P.",
                self.copyright_sign(),
                self.date.y
            );
            self.set_date(&mut truth, Precision::Year);
        }
        truth
    }
}

/// Other agencies: (canonical, signature as written, dateline in capitals, month style).
struct AgencySpec {
    canonical: &'static str,
    signature: &'static str,
    capitals: bool,
    /// `Nov. 5` (true) or `Nov 5` (false); `None`: no month-day.
    ap_day: Option<bool>,
    dash: &'static str,
    dates: &'static [usize],
    weight: usize,
}

const AGENCIES: &[AgencySpec] = &[
    agency("AFP", "AFP", false, None, "-", &[27, 2, 19], 25),
    agency("Kyodo", "Kyodo", true, Some(false), "--", &[20, 0, 1], 20),
    agency("Jiji", "Jiji Press", false, Some(true), "--", &[20, 12], 8),
    agency("Xinhua", "Xinhua", true, Some(true), "--", &[25, 1], 15),
    agency("dpa", "dpa", false, None, "-", &[2, 8], 7),
    agency("UPI", "UPI", true, Some(true), "--", &[26, 0], 8),
    agency("PTI", "PTI", false, Some(false), "-", &[6, 16], 7),
    agency("ANI", "ANI", false, Some(false), ":", &[6, 16], 5),
    agency("IANS", "IANS", false, Some(false), "-", &[6, 2], 5),
];

#[allow(clippy::too_many_arguments)]
const fn agency(
    canonical: &'static str,
    signature: &'static str,
    capitals: bool,
    ap_day: Option<bool>,
    dash: &'static str,
    dates: &'static [usize],
    weight: usize,
) -> AgencySpec {
    AgencySpec {
        canonical,
        signature,
        capitals,
        ap_day,
        dash,
        dates,
        weight,
    }
}

impl Story<'_> {
    fn agency(&mut self, out: &mut String, paras: &[String]) -> Truth {
        let weights: Vec<usize> = AGENCIES.iter().map(|a| a.weight).collect();
        let spec = &AGENCIES[self.rng.weighted(&weights)];
        let headline = self.headline_line(out, HeadlineForm::Plain);
        out.push('\n');
        let (city, country) = self.dateline_city();
        let shown_city = if spec.capitals {
            city.to_uppercase()
        } else {
            city.to_owned()
        };
        let mut truth = Truth::new(headline, Some(spec.canonical), Some(shown_city.clone()));
        if self.dated {
            if spec.canonical == "Xinhua" && self.rng.chance(300) {
                let d = self.date;
                let _ = writeln!(
                    out,
                    "Source: Xinhua| {} {:02}:{:02}:{:02}|Editor: huaxia",
                    d.iso(),
                    d.hh,
                    d.mm,
                    d.mm / 2
                );
                self.flag(Quirk::XinhuaSource);
                // Not a date line, but the dateline's day finds its year in it.
                self.set_date(&mut truth, Precision::Day);
            } else {
                let p = self.date_line(spec.dates, out);
                self.set_date(&mut truth, p);
            }
            out.push('\n');
        }
        let day = match spec.ap_day {
            Some(ap) if self.dated => format!(", {}", self.dateline_day(ap)),
            _ => String::new(),
        };
        let prefix = match spec.canonical {
            "UPI" if self.dated && self.rng.chance(500) => {
                self.flag(Quirk::UpiNoPlace);
                truth.dateline = None;
                format!("{} (UPI) -- ", self.dateline_day(true))
            }
            "ANI" => {
                self.flag(Quirk::AniBrackets);
                format!("{city} [{country}]{day} (ANI): ")
            }
            "PTI" if self.rng.chance(500) => {
                self.flag(Quirk::PtiNoDash);
                format!("{city}{day} (PTI) ")
            }
            _ => format!("{shown_city}{day} ({}) {} ", spec.signature, spec.dash),
        };
        if spec.canonical == "dpa" {
            self.flag(Quirk::DpaLowercase);
        }
        let o = BodyOptions {
            lead_prefix: Some(&prefix),
            ..BodyOptions::default()
        };
        self.write_body(out, paras, Layout::Blank, &o);
        if matches!(spec.canonical, "AFP" | "dpa") && self.dated && self.rng.chance(500) {
            let _ = writeln!(
                out,
                "{} {} {}",
                self.copyright_sign(),
                self.date.y,
                spec.canonical
            );
            self.set_date(&mut truth, Precision::Year);
        }
        truth
    }

    /// A site line for an outlet: its name, an alias or its domain.
    fn site_name(&mut self, canonical: &str) -> String {
        let g = self.g;
        let name = match g.lexicon.outlet(canonical) {
            Some(k) if !k.aliases.is_empty() && self.rng.chance(350) => {
                self.rng.pick(&k.aliases).clone()
            }
            _ => canonical.to_owned(),
        };
        if g.lexicon.outlet_prefix(&name) {
            self.flag(Quirk::OutletPrefixBanner);
        }
        name
    }

    fn korean_paper(&mut self, out: &mut String, paras: &[String]) -> Truth {
        let paper = *self.rng.pick(KOREAN_PAPERS);
        let site = self.site_name(paper);
        let _ = writeln!(out, "{site}");
        if self.rng.chance(15) {
            out.push_str("Home | National | Politics | Foreign Affairs\n");
            self.flag(Quirk::MenuLine);
        } else if self.rng.chance(500) {
            for _ in 0..self.rng.range(2, 4) {
                self.furniture_line(MENU_ITEMS, out);
            }
        }
        out.push('\n');
        let headline = self.headline_line(out, HeadlineForm::Plain);
        out.push('\n');
        let mut reporter = String::new();
        self.reporter(&mut reporter);
        let joongang = paper == "Korea JoongAng Daily";
        if self.rng.chance(800) {
            if joongang {
                let _ = writeln!(
                    out,
                    "BY {} [reporter@joongang.co.kr]",
                    reporter.to_uppercase()
                );
            } else {
                let _ = writeln!(out, "By {reporter}");
            }
        }
        let mut truth = Truth::new(headline, Some(paper), None);
        if self.dated {
            let p = self.date_line(PAPER_DATES_KR, out);
            self.set_date(&mut truth, p);
            if self.rng.chance(400) {
                date_line(self.date.next_day(), 4, out);
                out.push('\n');
            }
        }
        out.push('\n');
        let syndicated = self.rng.chance(150);
        let lead = syndicated || self.rng.chance(300);
        let (city, _) = self.dateline_city();
        let prefix = if syndicated && self.dated {
            truth.outlet = Some("Yonhap".into());
            truth.publisher = Some(paper.into());
            format!(
                "{}, {} (Yonhap) -- ",
                city.to_uppercase(),
                self.dateline_day(true)
            )
        } else if syndicated {
            truth.outlet = Some("Yonhap".into());
            truth.publisher = Some(paper.into());
            format!("{} (Yonhap) -- ", city.to_uppercase())
        } else {
            format!("{} -- ", city.to_uppercase())
        };
        if lead {
            truth.dateline = Some(city.to_uppercase());
        }
        if self.rng.chance(400) {
            self.caption(out);
            if lead && self.rng.chance(600) {
                out.push_str(". (Yonhap)\n\n");
            } else if joongang && self.rng.chance(150) && !syndicated {
                out.push_str(" [YONHAP]\n\n");
                self.flag(Quirk::AgencyPhotoOnSite);
            } else if joongang {
                out.push_str(" [JOONGANG PHOTO]\n\n");
            } else {
                let mut p = String::new();
                self.reporter(&mut p);
                let _ = write!(out, " (Photo: {p})\n\n");
            }
        }
        let o = BodyOptions {
            lead_prefix: lead.then_some(prefix.as_str()),
            mid_related: self.rng.chance(200),
            ..BodyOptions::default()
        };
        self.write_body(out, paras, Layout::Blank, &o);
        if self.rng.chance(300) && !joongang {
            let mail: String = reporter
                .chars()
                .filter(char::is_ascii_alphabetic)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            let domain = match paper {
                "The Korea Herald" => "heraldcorp.com",
                "The Korea Times" => "koreatimes.co.kr",
                "The Chosun Ilbo" => "chosun.com",
                _ => "hani.co.kr",
            };
            let _ = writeln!(out, "By {reporter} ({mail}@{domain})\n");
        }
        if self.dated && self.rng.chance(50) {
            let _ = writeln!(out, "ⓒ {} {paper}", self.date.y);
            self.flag(Quirk::CircledCopyright);
        }
        truth
    }

    fn japanese_paper(&mut self, out: &mut String, paras: &[String]) -> Truth {
        let paper = *self.rng.pick(JAPANESE_PAPERS);
        let site = self.site_name(paper);
        let _ = writeln!(out, "{site}");
        if self.rng.chance(400) {
            self.furniture_line(SECTION_LABELS, out);
        }
        out.push('\n');
        let form = if paper == "Nikkei Asia" {
            HeadlineForm::Title
        } else {
            HeadlineForm::Plain
        };
        let headline = self.headline_line(out, form);
        out.push('\n');
        if self.rng.chance(500) {
            out.push_str("By ");
            self.byline_names(out);
            out.push('\n');
        }
        let mut truth = Truth::new(headline, Some(paper), None);
        if self.dated {
            let p = self.date_line(PAPER_DATES_JP, out);
            self.set_date(&mut truth, p);
        }
        out.push('\n');
        let (city, _) = self.dateline_city();
        let kyodo = self.rng.chance(200);
        let prefix = if kyodo {
            truth.outlet = Some("Kyodo".into());
            truth.publisher = Some(paper.into());
            truth.dateline = Some(city.to_uppercase());
            if self.dated {
                format!(
                    "{}, {} (Kyodo) -- ",
                    city.to_uppercase(),
                    self.dateline_day(false)
                )
            } else {
                format!("{} (Kyodo) -- ", city.to_uppercase())
            }
        } else if self.rng.chance(400) {
            truth.dateline = Some(city.to_uppercase());
            format!("{} -- ", city.to_uppercase())
        } else {
            String::new()
        };
        let o = BodyOptions {
            lead_prefix: Some(&prefix),
            mid_furniture: self.rng.chance(200),
            ..BodyOptions::default()
        };
        self.write_body(out, paras, Layout::Blank, &o);
        if self.dated && self.rng.chance(400) {
            if paper == "Nikkei Asia" {
                let _ = writeln!(
                    out,
                    "Copyright{} {} Nikkei Inc. All rights reserved.",
                    if self.typographic { " ©" } else { "" },
                    self.date.y
                );
                if !kyodo {
                    self.flag(Quirk::NikkeiInc);
                }
            } else {
                let sign = if self.typographic { " ©" } else { "" };
                let _ = writeln!(out, "Copyright{sign} {} {paper}", self.date.y);
            }
        }
        truth
    }

    fn syndicated(&mut self, out: &mut String, paras: &[String]) -> Truth {
        let publisher = *self.rng.pick(AGGREGATORS);
        let _ = writeln!(out, "{}\n", self.site_name(publisher));
        let headline = self.headline_line(out, HeadlineForm::Plain);
        out.push('\n');
        let indian = matches!(
            publisher,
            "Business Standard" | "The Economic Times" | "Times of India"
        );
        let mut truth = Truth::new(headline, None, None);
        truth.publisher = Some(publisher.into());
        if indian {
            // The standfirst, without a full stop.
            let first = paras[0].split(". ").next().unwrap_or(&paras[0]);
            let _ = writeln!(out, "{}\n", first.trim_end_matches('.'));
            let agency = *self.rng.pick(&["PTI", "IANS", "Reuters", "AP", "AFP"]);
            let photo = self.rng.pick(&["PTI", "Reuters", "AP", "AFP", "Bloomberg"]);
            self.caption(out);
            let _ = writeln!(out, " (Photo: {photo})\n");
            let city = self.a.capital;
            let shown = match agency {
                "PTI" => self.rng.pick(&["Press Trust of India", "PTI"]).to_string(),
                "AP" => "AP".into(),
                other => other.into(),
            };
            if agency == "AP" {
                let _ = writeln!(out, "{shown} {city} ({})", self.a.name);
            } else {
                let _ = writeln!(out, "{shown} {city}");
            }
            truth.outlet = Some(agency.into());
            truth.dateline = Some(city.into());
            let also_read = self.rng.chance(100);
            self.write_body(out, paras, Layout::Tight, &BodyOptions::default());
            if also_read {
                self.flag(Quirk::AlsoReadPipe);
                out.push_str("ALSO READ | ");
                let t = *self.rng.pick(&THREADS);
                self.headline(t, out);
                out.push('\n');
            }
            let _ = writeln!(
                out,
                "\n(Only the headline and picture of this report may have been reworked by the {} staff; the rest of the content is auto-generated from a syndicated feed.)\n",
                publisher.trim_start_matches("The ")
            );
            if self.dated {
                let p = self.date_line(&[6], out);
                self.set_date(&mut truth, p);
            }
            out.push_str("\nExplore News\n");
            return truth;
        }
        let agency = *self.rng.pick(&["Reuters", "AP", "AFP"]);
        if self.rng.chance(500) {
            let _ = writeln!(out, "{agency}\n");
        }
        if self.dated {
            let p = self.date_line(&[16, 3, 11], out);
            self.set_date(&mut truth, p);
            out.push('\n');
        }
        let (city, _) = self.dateline_city();
        let prefix = match agency {
            "Reuters" => format!("{} (Reuters) - ", city.to_uppercase()),
            "AP" => format!("{} (AP) {} ", city.to_uppercase(), self.em_dash()),
            _ => format!("{city} (AFP) - "),
        };
        truth.outlet = Some(agency.into());
        truth.dateline = Some(if agency == "AFP" {
            city.into()
        } else {
            city.to_uppercase()
        });
        let o = BodyOptions {
            lead_prefix: Some(&prefix),
            ..BodyOptions::default()
        };
        self.write_body(out, paras, Layout::Blank, &o);
        truth
    }

    fn france24(&mut self, out: &mut String, paras: &[String]) -> Truth {
        out.push_str("Skip to main content\nFrance 24\nASIA-PACIFIC\n\n");
        let headline = self.headline_line(out, HeadlineForm::Plain);
        out.push('\n');
        let mut truth = Truth::new(headline, Some("AFP"), None);
        truth.publisher = Some("France 24".into());
        if self.dated {
            let p = self.date_line(&[19], out);
            self.set_date(&mut truth, p);
            let _ = writeln!(
                out,
                "Modified: {:02}/{:02}/{} - {:02}:{:02}",
                self.date.d,
                self.date.m,
                self.date.y,
                (self.date.hh + 2) % 24,
                self.date.mm
            );
        }
        out.push('\n');
        self.caption(out);
        let mut p = String::new();
        self.reporter(&mut p);
        let _ = writeln!(out, ". © {p}, AFP\n");
        let (city, _) = self.dateline_city();
        truth.dateline = Some(city.into());
        let prefix = format!("{city} (AFP) – ");
        let o = BodyOptions {
            lead_prefix: Some(&prefix),
            ..BodyOptions::default()
        };
        self.write_body(out, paras, Layout::Blank, &o);
        if self.dated {
            let _ = writeln!(out, "© {} AFP", self.date.y);
        }
        truth
    }

    /// A newspaper, broadcaster or magazine of `config.toml` with no house style here.
    fn site(&mut self, out: &mut String, paras: &[String]) -> Truth {
        let g = self.g;
        let canonical = if g.site_outlets.is_empty() {
            "BBC".to_owned()
        } else {
            g.lexicon.outlets[*self.rng.pick(&g.site_outlets)]
                .name
                .clone()
        };
        if self.rng.chance(400) {
            for _ in 0..self.rng.range(1, 2) {
                self.furniture_line(TOP_FURNITURE, out);
            }
        }
        let banner = self.rng.chance(850);
        if banner {
            let _ = writeln!(out, "{}", self.site_name(&canonical));
        }
        if self.rng.chance(300) {
            self.furniture_line(SECTION_LABELS, out);
        }
        out.push('\n');
        let headline = self.headline_line(out, HeadlineForm::Plain);
        out.push('\n');
        if self.rng.chance(600) {
            out.push_str("By ");
            self.byline_names(out);
            out.push('\n');
        }
        let mut truth = Truth::new(headline, banner.then_some(canonical.as_str()), None);
        let date_line = self.dated && self.rng.chance(900);
        if date_line && self.rng.chance(30) {
            let p = self.date_line(&[15], out);
            self.set_date(&mut truth, p);
            self.flag(Quirk::IsoTimestamp);
        } else if date_line {
            let p = self.date_line(SITE_DATES, out);
            self.set_date(&mut truth, p);
        }
        out.push('\n');
        if self.rng.chance(300) {
            self.caption(out);
            let mut p = String::new();
            self.reporter(&mut p);
            let _ = match self.rng.below(3) {
                0 => writeln!(out, ". (Photo by {p}/Getty Images)\n"),
                1 => writeln!(out, " (Photo: {p})\n"),
                _ => writeln!(out, ".\nPhoto: {p}\n"),
            };
        }
        let (city, _) = self.dateline_city();
        let lead = self.rng.chance(250);
        let prefix = format!("{} {} ", city.to_uppercase(), self.em_dash());
        if lead {
            truth.dateline = Some(city.to_uppercase());
        }
        let layout = *self
            .rng
            .pick(&[Layout::Blank, Layout::Blank, Layout::Tight, Layout::Loose]);
        let wrap = matches!(layout, Layout::Blank) && self.rng.chance(150);
        if wrap {
            self.flag(Quirk::HardWrapped);
        }
        let o = BodyOptions {
            lead_prefix: lead.then_some(prefix.as_str()),
            mid_furniture: self.rng.chance(250),
            wrap,
            ..BodyOptions::default()
        };
        self.write_body(out, paras, layout, &o);
        if self.dated && (!date_line || self.rng.chance(250)) {
            let _ = writeln!(
                out,
                "{} {} {canonical}\n",
                self.copyright_sign(),
                self.date.y
            );
            truth.outlet = Some(canonical.clone());
            self.set_date(&mut truth, Precision::Year);
        }
        if self.rng.chance(300) {
            self.related_block(out);
        }
        if self.rng.chance(300) {
            for _ in 0..self.rng.range(1, 3) {
                self.furniture_line(SHARE_LINES, out);
            }
        }
        truth
    }

    fn unknown_outlet(&mut self, out: &mut String, paras: &[String]) -> Truth {
        let long = self.rng.chance(100);
        let name = if long {
            self.flag(Quirk::UnknownBanner);
            *self.rng.pick(UNKNOWN_OUTLETS_LONG)
        } else {
            *self.rng.pick(UNKNOWN_OUTLETS)
        };
        let _ = writeln!(out, "{name}\n");
        let headline = self.headline_line(out, HeadlineForm::Plain);
        out.push('\n');
        if self.rng.chance(600) {
            out.push_str("By ");
            self.byline_names(out);
            out.push('\n');
        }
        let mut truth = Truth::new(headline, None, None);
        let date_line = self.dated && self.rng.chance(800);
        if date_line {
            let p = self.date_line(SITE_DATES, out);
            self.set_date(&mut truth, p);
        }
        out.push('\n');
        self.write_body(out, paras, Layout::Blank, &BodyOptions::default());
        if self.dated && (!date_line || self.rng.chance(700)) {
            let _ = writeln!(
                out,
                "{} {} {name}. All rights reserved.",
                self.copyright_sign(),
                self.date.y
            );
            truth.outlet = Some(name.into());
            self.set_date(&mut truth, Precision::Year);
        }
        truth
    }

    /// Text with no outlet at all: a headline, perhaps a date, the story.
    fn plain(&mut self, out: &mut String, paras: &[String]) -> Truth {
        let headline = self.headline_line(out, HeadlineForm::Plain);
        out.push('\n');
        let mut truth = Truth::new(headline, None, None);
        if self.dated {
            let p = self.date_line(SITE_DATES, out);
            self.set_date(&mut truth, p);
            out.push('\n');
        }
        let layout = *self.rng.pick(&[Layout::Blank, Layout::Tight]);
        self.write_body(out, paras, layout, &BodyOptions::default());
        truth
    }
}
