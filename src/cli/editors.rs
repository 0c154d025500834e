//! The commands for editors' tools: `vitrine new` (a record to fill), `vitrine schema`
//! (JSON Schemas for editors' text editors) and `vitrine cms` (the browser CMS's
//! configuration). Each writes files into the site, or with `--check` says whether the
//! committed ones are current.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::site_root::{SiteRoot, folder_arg, print_diagnostics, usage};
use crate::config::{Config, Overrides};
use crate::content::{Kind, is_valid_id};
use crate::content::{json_schema, scaffold};

pub(super) fn new(kind: Kind, id: &str, root: &SiteRoot) -> ExitCode {
    if !is_valid_id(id) {
        eprintln!(
            "error: `{id}` is not a valid record id\n  help: use lower-case letters, digits and dashes, e.g. `la-haine-1995`"
        );
        return ExitCode::from(2);
    }
    let config = match Config::load(&root.path, &Overrides::default()) {
        Ok(c) => c,
        Err(d) => {
            print_diagnostics(&root.path, &d);
            return ExitCode::from(2);
        }
    };
    let today = jiff::ZonedDateTime::now().date();
    // A site edited through the browser CMS gets files as the CMS writes them.
    let shape = if root.path.join(crate::cms::CONFIG_FILE).is_file() {
        scaffold::Shape::Cms
    } else {
        scaffold::Shape::Commented
    };
    match scaffold::create(&root.path, &config, (kind, id), today, shape) {
        Ok(files) => {
            for f in files {
                let shown = root.shown(&f);
                println!("created {}", crate::diagnostics::display_path(&shown));
            }
            // The new record.yaml names its schema: make sure it is there and current.
            let schemas = match site_schemas(root, &config) {
                Ok(files) => files,
                Err(code) => return code,
            };
            let folder = Path::new(json_schema::FOLDER);
            match json_schema::write(&root.path.join(folder), &schemas) {
                Ok(written) => {
                    for f in written {
                        let shown = root.shown(&folder.join(f));
                        println!("wrote {}", crate::diagnostics::display_path(&shown));
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => usage(&format!("cannot write {}: {e}", folder.display())),
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// The site's schemas, or the exit code of why they cannot be made.
fn site_schemas(
    root: &SiteRoot,
    config: &Config,
) -> Result<Vec<json_schema::SchemaFile>, ExitCode> {
    let site = json_schema::Site::load(&root.path, config).map_err(|d| {
        print_diagnostics(&root.path, &d);
        ExitCode::from(1)
    })?;
    Ok(json_schema::schemas(&site))
}

pub(super) fn schema(root: &SiteRoot, out: Option<PathBuf>, check: bool) -> ExitCode {
    let config = match Config::load(&root.path, &Overrides::default()) {
        Ok(c) => c,
        Err(d) => {
            print_diagnostics(&root.path, &d);
            return ExitCode::from(2);
        }
    };
    let files = match site_schemas(root, &config) {
        Ok(files) => files,
        Err(code) => return code,
    };
    let folder = Path::new(json_schema::FOLDER);
    let (dir, shown) = folder_arg(out.clone(), (root.path.join(folder), root.shown(folder)));
    let name = |file: &str| crate::diagnostics::display_path(&shown.join(file));
    if check {
        let stale = json_schema::stale(&dir, &files);
        if stale.is_empty() {
            println!("{}/ is up to date ({} files)", name(""), files.len());
            return ExitCode::SUCCESS;
        }
        for s in &stale {
            match s {
                json_schema::Stale::Missing(f) => eprintln!("error: {} is missing", name(f)),
                json_schema::Stale::OutOfDate(f) => eprintln!(
                    "error: {} is out of date: the site's files or vitrine changed since it was written",
                    name(f)
                ),
            }
        }
        let mut command = "vitrine schema".to_string();
        if root.given != Path::new(".") {
            command += &format!(" --root {}", root.given.display());
        }
        if let Some(out) = &out {
            command += &format!(" --out {}", out.display());
        }
        eprintln!("  help: run `{command}` and commit the result");
        return ExitCode::from(1);
    }
    match json_schema::write(&dir, &files) {
        Ok(written) if written.is_empty() => {
            println!("{}/ is up to date ({} files)", name(""), files.len());
            ExitCode::SUCCESS
        }
        Ok(written) => {
            for f in written {
                println!("wrote {}", name(&f));
            }
            ExitCode::SUCCESS
        }
        Err(e) => usage(&format!("cannot write {}: {e}", name(""))),
    }
}

/// `vitrine cms`: writes `admin/config.yml`, or with `check` says whether it is current;
/// with `rename_texts`, first gives the site's texts the spelling the CMS lists.
pub(super) fn cms(root: &SiteRoot, check: bool, rename_texts: bool) -> ExitCode {
    let config = match Config::load(&root.path, &Overrides::default()) {
        Ok(c) => c,
        Err(d) => {
            print_diagnostics(&root.path, &d);
            return ExitCode::from(2);
        }
    };
    let shown = crate::diagnostics::display_path(&root.shown(Path::new(crate::cms::CONFIG_FILE)));
    let text = match crate::cms::generate(&root.path, &config) {
        Ok(text) => text,
        // A site without a CMS has no configuration to keep current: the pipelines run the
        // check on every site.
        Err(crate::cms::Failure::NoSection)
            if check && !root.path.join(crate::cms::CONFIG_FILE).exists() =>
        {
            println!("no CMS: site.yaml has no `cms:` section and there is no {shown}");
            return ExitCode::SUCCESS;
        }
        Err(crate::cms::Failure::NoSection) => {
            return usage(concat!(
                "site.yaml has no `cms:` section: the CMS needs to know where to commit\n",
                "  help: add to site.yaml, with your Git host and repository:\n\n",
                "  cms:\n",
                "    backend: gitlab          # github, gitlab or gitea (also Forgejo)\n",
                "    repo: network/catalogue  # the repository, owner/name\n",
                "    app_id: …                # GitLab, Gitea: the OAuth application's id (PKCE)\n\n",
                "  docs/editing.md says how to create the application on each host",
            ));
        }
        Err(crate::cms::Failure::Site(d)) => {
            print_diagnostics(&root.path, &d);
            return ExitCode::from(1);
        }
    };
    let mut command = "vitrine cms".to_string();
    if root.given != Path::new(".") {
        command += &format!(" --root {}", root.given.display());
    }
    // Only once the configuration could be made: a command that fails changes nothing.
    let texts = crate::cms::texts::plan(&root.path, &config);
    if rename_texts {
        if let Err(code) = rename(root, &texts) {
            return code;
        }
    } else if let Some(warning) =
        crate::cms::texts::unlisted_warning(&texts, &format!("{command} --rename-texts"))
    {
        print_diagnostics(&root.path, &[warning]);
    }
    match (check, crate::cms::stale(&root.path, &text)) {
        (_, None) => {
            println!("{shown} is up to date");
            ExitCode::SUCCESS
        }
        (true, Some(stale)) => {
            match stale {
                crate::cms::Stale::Missing => eprintln!("error: {shown} is missing"),
                crate::cms::Stale::OutOfDate => eprintln!(
                    "error: {shown} is out of date: site.yaml, data/, admin/overlay.yml or vitrine changed since it was written"
                ),
            }
            eprintln!("  help: run `{command}` and commit the result");
            ExitCode::from(1)
        }
        (false, Some(_)) => match crate::cms::write(&root.path, &text) {
            Ok(_) => {
                println!("wrote {shown}");
                ExitCode::SUCCESS
            }
            Err(e) => usage(&format!("cannot write {shown}: {e}")),
        },
    }
}

/// Renames the texts of `plan`, or says which folders hold both spellings and renames none.
fn rename(root: &SiteRoot, plan: &crate::cms::texts::Plan) -> Result<(), ExitCode> {
    if !plan.conflicts.is_empty() {
        print_diagnostics(&root.path, &plan.conflicts);
        return Err(ExitCode::from(1));
    }
    if let Err(e) = plan.apply(&root.path) {
        let shown = crate::diagnostics::display_path(&root.shown(&e.path));
        return Err(usage(&format!(
            "cannot rename {shown}: {}; nothing was renamed",
            e.source
        )));
    }
    match plan.renames.len() {
        0 => println!("no text to rename: every text is spelled index.<lang>.md"),
        1 => println!("renamed 1 text file from <lang>.md to index.<lang>.md"),
        n => println!("renamed {n} text files from <lang>.md to index.<lang>.md"),
    }
    Ok(())
}
