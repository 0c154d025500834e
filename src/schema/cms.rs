//! The `cms:` section of `site.yaml`: where the browser CMS (`vitrine cms`, `/admin/`) reads
//! and commits the site's files. Only its shape lives here; `crate::cms` turns it into the
//! CMS's `backend` settings and checks what one field cannot say alone.

use schemars::JsonSchema;
use serde::Deserialize;

use serde_saphyr::Spanned;

use super::markers as js;

/// `cms:` in `site.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "cms")]
pub struct CmsSection {
    /// The Git host: `github`, `gitlab` or `gitea` (also Forgejo).
    pub backend: GitHost,
    /// The repository, `owner/name` (GitLab: `group/subgroup/project`).
    #[schemars(with = "String")]
    pub repo: Spanned<String>,
    /// The branch editors commit to. Default: the repository's default branch.
    #[serde(default)]
    pub branch: Option<String>,
    /// The OAuth application id, for sign-in with PKCE (GitLab, Gitea/Forgejo). Default:
    /// none (editors sign in with a personal access token).
    #[serde(default)]
    pub app_id: Option<String>,
    /// `true`: each change is proposed as a merge (pull) request to review, not committed
    /// to the branch (GitHub and GitLab). Default: `false`.
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub review: Option<Spanned<bool>>,
    /// The address of a self-hosted GitLab, Gitea or Forgejo. Default: the public service.
    #[serde(default)]
    #[schemars(with = "Option<js::Url>")]
    pub base_url: Option<Spanned<String>>,
}

/// A Git host the CMS commits through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum GitHost {
    /// github.com or GitHub Enterprise.
    Github,
    /// gitlab.com or a self-hosted GitLab.
    Gitlab,
    /// Gitea or Forgejo (Codeberg…).
    Gitea,
}

impl GitHost {
    /// The backend's name in the CMS's configuration.
    pub fn name(self) -> &'static str {
        match self {
            GitHost::Github => "github",
            GitHost::Gitlab => "gitlab",
            GitHost::Gitea => "gitea",
        }
    }
}
