//! The command line: arguments become validated values once, here; each command calls the
//! library and turns its outcome into output and an exit code (0 ok, 1 the site has errors,
//! 2 usage, configuration or I/O failure).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::CheckOptions;
use crate::check::external::External;
use crate::config::{Config, Overrides};
use crate::content::Kind;
use crate::diagnostics::{Diagnostic, Severity};
use crate::pipeline::{self, BuildArgs, Outcome};
use crate::report::{self, Format};
use crate::site::{Audience, Options};

mod editors;
mod site_root;

use editors::{new, schema};
use site_root::{SiteRoot, folder_arg};

/// vitrine builds a multilingual catalogue site from Markdown and YAML records.
#[derive(Debug, Parser)]
#[command(name = "vitrine", version = crate::builtin::VERSION, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default).
    ///
    /// The new site is written beside the old one and swapped in only when the whole build
    /// succeeded: a build with errors leaves the previous output untouched.
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Output folder [default: <root>/public]
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Address the site is published at, overriding `base_url` in site.yaml
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Check the whole site and report every problem, without writing anything.
    ///
    /// Renders every page, keeping only its links and ids, and checks internal links and
    /// #anchors, assets, alt text and duplicate output paths, besides everything `build`
    /// checks.
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Also check links to other sites (needs the network and `curl`)
        #[arg(long)]
        external: bool,
        /// Seconds allowed to each external request
        #[arg(long, value_name = "SECONDS", default_value_t = 10)]
        timeout: u64,
        /// Address the site is published at, overriding `base_url` in site.yaml
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// File remembering external links that worked, for a week
        /// [default: <root>/.vitrine/external-links.tsv]
        #[arg(long, value_name = "FILE")]
        cache: Option<PathBuf>,
    },
    /// Preview the site: serve it from memory, rebuild on every change, reload open pages.
    ///
    /// Nothing is written to disk. While the site has errors, the last good build stays
    /// online with the errors shown over every page.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Port to listen on (0 picks a free one)
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Address to listen on; the default keeps the preview private to this computer.
        /// Any other address shows the preview to the network (a warning says so)
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Allow a non-loopback --bind together with --drafts or --audience network, which
        /// would otherwise be refused: drafts and network-only records would be shown to
        /// everyone who can reach this computer
        #[arg(long)]
        expose: bool,
        /// Open the preview in the default browser (with xdg-open, open or start)
        #[arg(long)]
        open: bool,
    },
    /// Create a record folder with every required field, ready to fill in.
    New {
        /// Kind of record
        #[arg(value_enum)]
        kind: KindArg,
        /// Id of the record: lower-case letters, digits and dashes (e.g. la-haine)
        id: String,
        /// Site folder (holds site.yaml)
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
    },
    /// Write JSON Schemas of the site's YAML files, for editors that check fields as you type.
    ///
    /// One schema per kind of record.yaml, bulk file, collection.yaml, site.yaml and the front
    /// matter of language files, with the site's own themes, roles, institutions, languages.
    /// Editors using yaml-language-server (VS Code's YAML extension, the GitLab Web IDE…)
    /// read them from the `# yaml-language-server: $schema=…` line `vitrine new` writes.
    Schema {
        /// Site folder (holds site.yaml)
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Folder to write the schemas to [default: <root>/schemas]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Write nothing; exit with 1 if the folder's schemas are not those of the site
        #[arg(long)]
        check: bool,
    },
    /// Write admin/config.yml, the configuration of the browser CMS editors use at /admin/.
    ///
    /// Generated from the same types as `vitrine schema`, from site.yaml (its languages and
    /// its `cms:` section) and data/; admin/overlay.yml may change labels and hints.
    Cms {
        /// Site folder (holds site.yaml)
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Write nothing; exit with 1 if admin/config.yml is not the site's
        #[arg(long, conflicts_with = "rename_texts")]
        check: bool,
        /// Also rename the texts `<lang>.md` to `index.<lang>.md`, the spelling the CMS
        /// lists and writes (vitrine reads both), in records, pages and collections
        #[arg(long)]
        rename_texts: bool,
    },
    /// Start a new site in an empty folder: site.yaml, an example record, the free pages,
    /// the editors' schemas and README, and with --ci the publishing pipeline.
    ///
    /// The theme and the roles come with vitrine. The folder must be empty or not exist;
    /// nothing is ever overwritten.
    Init {
        /// Folder of the new site (created if needed)
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Language codes, the default language first
        #[arg(long, value_delimiter = ',', default_value = "fr,en")]
        languages: Vec<String>,
        /// Name of the site [default: "Catalogue", in each language]
        #[arg(long)]
        title: Option<String>,
        /// Address the site will be published at
        #[arg(
            long,
            value_name = "URL",
            default_value = "https://catalogue.example.org/"
        )]
        base_url: String,
        /// Also write the pipeline that checks, builds and publishes the site
        #[arg(long, value_enum)]
        ci: Option<CiArg>,
        /// Also set up the browser CMS at /admin/, committing to this Git host (needs --repo)
        #[arg(long, value_enum, requires = "repo")]
        cms: Option<CmsArg>,
        /// The site's repository on the Git host of --cms, as owner/name
        #[arg(long, value_name = "OWNER/NAME", requires = "cms")]
        repo: Option<String>,
    },
    /// The theme built into vitrine.
    Theme {
        #[command(subcommand)]
        command: ThemeCommand,
    },
}

#[derive(Debug, Subcommand)]
enum ThemeCommand {
    /// Write the theme built into vitrine to a folder, to change it wholesale.
    ///
    /// `vitrine theme export themes/default` gives the site its own copy, used from then on
    /// instead of the built-in one. Refuses to overwrite any file.
    Export {
        /// Folder to write the theme to (created if needed)
        dir: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
struct SiteArgs {
    /// Site folder (holds site.yaml)
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Include records marked `draft: true`
    #[arg(long)]
    drafts: bool,
    /// Who the build is for: `network` also publishes network-only records
    #[arg(long, value_enum, default_value_t = AudienceArg::Public)]
    audience: AudienceArg,
    /// Publish records whose `published` date is after the build's date
    #[arg(long)]
    future: bool,
    /// Day the build is for, YYYY-MM-DD: decides which webinars are past, which records are
    /// not published yet and which are no longer available [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<jiff::civil::Date>,
    /// Folder kept between builds, for resized pictures [default: .vitrine in the site]
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// How to print problems: `human`, `json` (one object per line, on stdout) or `github`
    /// (workflow annotations, on stdout)
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum CiArg {
    /// GitHub Actions, publishing to GitHub Pages
    Github,
    /// GitLab CI, publishing to GitLab Pages
    Gitlab,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum CmsArg {
    /// GitHub
    Github,
    /// GitLab (PKCE sign-in)
    Gitlab,
    /// Gitea or Forgejo
    Gitea,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Json,
    Github,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum AudienceArg {
    Public,
    Network,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum KindArg {
    Film,
    Book,
    Music,
    Webinar,
    Production,
}

impl KindArg {
    fn kind(self) -> Kind {
        match self {
            KindArg::Film => Kind::Film,
            KindArg::Book => Kind::Book,
            KindArg::Music => Kind::Music,
            KindArg::Webinar => Kind::Webinar,
            KindArg::Production => Kind::Production,
        }
    }
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse()
        .map_err(|_| format!("`{text}` is not a date of the form YYYY-MM-DD"))
}

/// The output folder: `public/` in the site unless given.
fn output_folder(root: &SiteRoot, given: Option<PathBuf>) -> (PathBuf, PathBuf) {
    folder_arg(given, (root.path.join("public"), root.given.join("public")))
}

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let given = match &cli.command {
        Command::Build { site, .. } | Command::Check { site, .. } | Command::Serve { site, .. } => {
            &site.root
        }
        Command::New { root, .. } | Command::Schema { root, .. } | Command::Cms { root, .. } => {
            root
        }
        Command::Theme {
            command: ThemeCommand::Export { dir },
        } => return crate::init::export_command(dir),
        Command::Init {
            dir,
            languages,
            title,
            base_url,
            ci,
            cms,
            repo,
        } => {
            let options = crate::init::InitOptions {
                languages: languages.clone(),
                title: title.clone(),
                base_url: base_url.clone(),
                ci: ci.map(|c| match c {
                    CiArg::Github => crate::init::Ci::Github,
                    CiArg::Gitlab => crate::init::Ci::Gitlab,
                }),
                cms: cms
                    .zip(repo.clone())
                    .map(|(backend, repo)| crate::init::InitCms {
                        backend: match backend {
                            CmsArg::Github => crate::schema::cms::GitHost::Github,
                            CmsArg::Gitlab => crate::schema::cms::GitHost::Gitlab,
                            CmsArg::Gitea => crate::schema::cms::GitHost::Gitea,
                        },
                        repo,
                    }),
            };
            return crate::init::command(dir, &options);
        }
    };
    let root = match SiteRoot::resolve(given) {
        Ok(root) => root,
        Err(code) => return code,
    };
    match cli.command {
        Command::Build {
            site,
            output,
            base_url,
        } => {
            let output = output_folder(&root, output);
            let overrides = Overrides { base_url };
            build(
                &site,
                &root,
                Some(output),
                overrides,
                CheckOptions::default(),
            )
        }
        Command::Check {
            site,
            external,
            timeout,
            cache,
            base_url,
        } => {
            let external = external.then(|| External {
                timeout: std::time::Duration::from_secs(timeout),
                cache: cache.unwrap_or_else(|| root.path.join(".vitrine/external-links.tsv")),
                now: jiff::Timestamp::now().as_second(),
            });
            build(
                &site,
                &root,
                None,
                Overrides { base_url },
                CheckOptions { external },
            )
        }
        Command::Serve {
            site,
            port,
            bind,
            expose,
            open,
        } => match exposure(&site, bind, expose) {
            Ok(()) => serve(&site, &root, port, bind, open),
            Err(code) => code,
        },
        Command::New { kind, id, .. } => new(kind.kind(), &id, &root),
        Command::Schema { out, check, .. } => schema(&root, out, check),
        Command::Cms {
            check,
            rename_texts,
            ..
        } => editors::cms(&root, check, rename_texts),
        // Run above, before any site folder is resolved.
        Command::Theme { .. } | Command::Init { .. } => ExitCode::SUCCESS,
    }
}

/// Decides whether the preview may listen on `bind`: loopback always; another address with
/// a warning; with drafts or network-only records, only when `--expose` says it is meant.
fn exposure(site: &SiteArgs, bind: std::net::IpAddr, expose: bool) -> Result<(), ExitCode> {
    if bind.is_loopback() {
        return Ok(());
    }
    let private = site.drafts || matches!(site.audience, AudienceArg::Network);
    if private && !expose {
        eprintln!(
            "error: --bind {bind} would show drafts or network-only records to everyone who can reach this computer\n  help: preview them on 127.0.0.1 (the default), or add --expose if this is meant"
        );
        return Err(ExitCode::from(2));
    }
    eprintln!(
        "warning: --bind {bind}: the preview is open to other computers on the network, and it has no login\n  help: keep the default (127.0.0.1) unless others must see it"
    );
    Ok(())
}

fn serve(
    site: &SiteArgs,
    root: &SiteRoot,
    port: u16,
    bind: std::net::IpAddr,
    open: bool,
) -> ExitCode {
    let args = crate::serve::ServeArgs {
        build: build_args(
            site,
            root,
            None,
            Overrides::default(),
            CheckOptions::default(),
        ),
        bind,
        port,
    };
    let log = |line: &str| eprintln!("{line}");
    let server = match crate::serve::Server::start(args, &log) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "error: {e}\n  help: choose another port with --port, or stop the program using this one"
            );
            return ExitCode::from(2);
        }
    };
    let base = Config::load(&root.path, &Overrides::default())
        .map(|c| c.base_path)
        .unwrap_or_else(|_| "/".into());
    let url = format!("http://{}{base}", server.addr);
    println!("serving {url} (Ctrl-C to stop)");
    use std::io::Write as _;
    let _flushed = std::io::stdout().flush();
    if open {
        open_browser(&url);
    }
    match server.run(&log) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Asks the desktop to open `url`; says so when it cannot.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("could not start {opener}: open {url} in your browser");
    }
}

fn build_args(
    site: &SiteArgs,
    root: &SiteRoot,
    output: Option<PathBuf>,
    overrides: Overrides,
    checks: CheckOptions,
) -> BuildArgs {
    let today = site
        .date
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    BuildArgs {
        root: root.path.clone(),
        output,
        overrides,
        options: Options {
            drafts: site.drafts,
            audience: match site.audience {
                AudienceArg::Public => Audience::Public,
                AudienceArg::Network => Audience::Network,
            },
            today,
            future: site.future,
        },
        checks,
        cache: site.cache_dir.clone(),
    }
}

fn build(
    site: &SiteArgs,
    root: &SiteRoot,
    output: Option<(PathBuf, PathBuf)>,
    overrides: Overrides,
    checks: CheckOptions,
) -> ExitCode {
    let (output, shown) = output.unzip();
    let args = build_args(site, root, output, overrides, checks);
    if let Some(output) = &args.output {
        crate::output::clean_up_on_interrupt(output);
    }
    let started = Instant::now();
    let terminal = std::io::stderr().is_terminal();
    let progress = |stage: &str| {
        if terminal && started.elapsed().as_secs_f64() > 1.0 {
            eprint!("\r\x1b[2K{stage}…");
        }
    };
    let outcome = pipeline::build(&args, &progress);
    if terminal && started.elapsed().as_secs_f64() > 1.0 {
        eprint!("\r\x1b[2K");
    }
    let printer = Printer {
        root,
        format: match site.format {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
            FormatArg::Github => Format::Github,
        },
        colour: report::use_colour(terminal, std::env::var_os("NO_COLOR").as_deref()),
    };
    match outcome {
        Outcome::Done(summary, warnings, report) => {
            printer.print(&warnings);
            if shown.is_none() {
                match printer.format {
                    Format::Human => print!("{}", report.coverage.render()),
                    Format::Json => {
                        let coverage = serde_json::json!({ "coverage": report.coverage });
                        println!("{coverage}");
                    }
                    Format::Github => {}
                }
            }
            let verb = if shown.is_some() { "built" } else { "checked" };
            let place = shown
                .map(|o| format!(" into {}", o.display()))
                .unwrap_or_default();
            let (encoded, reused) = summary.images;
            let images = if encoded + reused > 0 {
                format!(" ({encoded} picture files encoded, {reused} from the cache)")
            } else {
                String::new()
            };
            let summary = format!(
                "{verb} {} records, {} pages, {} languages in {:.2} s{place}{images}{}",
                summary.records,
                summary.pages,
                summary.languages,
                summary.elapsed.as_secs_f64(),
                warning_count(&warnings),
            );
            // Machine formats keep stdout for diagnostics only.
            if printer.format == Format::Human {
                println!("{summary}");
            } else {
                eprintln!("{summary}");
            }
            ExitCode::SUCCESS
        }
        Outcome::ContentErrors(d) => {
            printer.print(&d);
            eprintln!("{}; nothing was written", count_line(&d));
            ExitCode::from(1)
        }
        Outcome::ConfigErrors(d) => {
            printer.print(&d);
            eprintln!("{}; nothing was written", count_line(&d));
            ExitCode::from(2)
        }
        Outcome::Locked(crate::output::LockError::Busy { output, pid, lock }) => {
            let who = pid.map_or_else(|| "another process".into(), |p| format!("process {p}"));
            eprintln!(
                "error: another build is writing {} ({who} holds {})\n  help: wait for it to finish, or stop it; two builds into one output would mix their files",
                output.display(),
                lock.display()
            );
            ExitCode::from(2)
        }
        Outcome::Locked(crate::output::LockError::Refused(e)) => {
            eprintln!("error: {e}\n  help: {}", e.help());
            ExitCode::from(2)
        }
        Outcome::Locked(crate::output::LockError::Io(e)) => {
            eprintln!("error: {e}\n  help: check the permissions of the output's folder");
            ExitCode::from(2)
        }
        Outcome::WriteFailed(e) => {
            eprintln!(
                "error: {e}\n  help: the previous output was left as it was; check the disk space and permissions"
            );
            ExitCode::from(2)
        }
    }
}

/// Prints diagnostics in the chosen format: human text on stderr, machine formats on stdout.
struct Printer<'a> {
    root: &'a SiteRoot,
    format: Format,
    colour: bool,
}

impl Printer<'_> {
    fn print(&self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            if self.format == Format::Human {
                let source = crate::content::load::text_to_show(&self.root.path.join(&d.file));
                let text = report::format(
                    d,
                    self.format,
                    &self.root.given,
                    source.as_deref(),
                    self.colour,
                );
                eprintln!("{text}");
            } else {
                let text = report::format(d, self.format, &self.root.given, None, false);
                println!("{text}");
            }
        }
    }
}

fn warning_count(d: &[Diagnostic]) -> String {
    match d.len() {
        0 => String::new(),
        1 => ", 1 warning".into(),
        n => format!(", {n} warnings"),
    }
}

fn count_line(d: &[Diagnostic]) -> String {
    let errors = d.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = d.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if warnings == 0 {
        plural(errors, "error")
    } else {
        format!(
            "{}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        )
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_publishing_guide_has_valid_yaml() {
        // Its commands are run as written by tests/readme.rs.
        let guide = include_str!("../docs/publishing.md");
        let mut blocks = 0;
        let mut block: Option<(String, String)> = None;
        for line in guide.lines() {
            match (&mut block, line.strip_prefix("```")) {
                (None, Some(lang)) => block = Some((lang.to_string(), String::new())),
                (Some((lang, text)), Some(_)) => {
                    if lang == "yaml" {
                        let parsed: Result<serde_json::Value, _> = serde_saphyr::from_str(text);
                        assert!(parsed.is_ok(), "invalid YAML block: {parsed:?}\n{text}");
                        blocks += 1;
                    }
                    block = None;
                }
                (Some((_, text)), None) => {
                    text.push_str(line);
                    text.push('\n');
                }
                (None, None) => {}
            }
        }
        assert!(blocks >= 3, "{blocks} YAML blocks");
    }
}
