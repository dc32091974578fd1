//! `kairyluu officers invite|list|disable` and `kairyluu agencies link-group`.

use anyhow::{Context, anyhow, bail};
use chrono::{Duration, Utc};
use teloxide::prelude::*;
use tickets::domain::{Actor, AgencyCode, Role};
use tickets::store::NewInvite;

use crate::app::App;
use crate::cli::{AgenciesCommand, OfficersCommand};
use crate::officer::InviteToken;
use crate::settings::Loaded;

pub async fn run(loaded: Loaded, command: OfficersCommand) -> anyhow::Result<()> {
    match command {
        OfficersCommand::Invite { agency, role, valid_days } => {
            let agency = known_agency(&loaded, &agency)?;
            let role: Role = role.parse().map_err(|_| anyhow!("unknown role `{role}`: use officer or head"))?;
            if valid_days == 0 {
                bail!("--valid-days must be at least 1");
            }
            // Asked first: a link that cannot be printed should leave no invite behind.
            let username = bot_username(&loaded).await?;
            let app = App::build(loaded).await?;
            let token = InviteToken::generate();
            let now = Utc::now();
            let hash = token.hash();
            let mut tx = app.store.begin().await?;
            let id = tx
                .create_invite(&NewInvite {
                    token_hash: &hash,
                    agency: &agency,
                    role,
                    created_at: now,
                    expires_at: now + Duration::days(i64::from(valid_days)),
                })
                .await?;
            tx.audit(
                None,
                Actor::ADMIN,
                "officer_invited",
                Some(&format!("agency={agency} role={role} invite={id}")),
                now,
            )
            .await?;
            tx.commit().await?;
            println!("{}", token.link(&username));
            eprintln!("valid for {valid_days} days, once: whoever opens it becomes {role} of {agency}");
            Ok(())
        }
        OfficersCommand::List { agency } => {
            let agency = agency.as_deref().map(|a| known_agency(&loaded, a)).transpose()?;
            let app = App::build(loaded).await?;
            let officers = app.store.bound_officers(agency.as_ref()).await?;
            println!("{:<6} {:<18} {:<8} {:<5} {:<9} SINCE", "ID", "AGENCY", "ROLE", "LANG", "STATE");
            for bound in officers {
                let officer = bound.officer;
                println!(
                    "{:<6} {:<18} {:<8} {:<5} {:<9} {}",
                    officer.id,
                    officer.agency.as_str(),
                    officer.role.code(),
                    bound.lang.code(),
                    if officer.active { "active" } else { "disabled" },
                    officer.created_at.format("%Y-%m-%d"),
                );
            }
            Ok(())
        }
        OfficersCommand::Disable { id } => {
            let app = App::build(loaded).await?;
            let mut tx = app.store.begin().await?;
            if !tx.set_officer_active(id, false).await? {
                bail!("no officer with id {id} (see `kairyluu officers list`)");
            }
            tx.audit(None, Actor::ADMIN, "officer_disabled", Some(&format!("officer={id}")), Utc::now()).await?;
            tx.commit().await?;
            println!("officer {id} disabled");
            Ok(())
        }
        OfficersCommand::Admin { id, revoke } => {
            let app = App::build(loaded).await?;
            if !app.store.set_console_admin(id, !revoke, Utc::now()).await? {
                bail!("no officer with id {id} (see `kairyluu officers list`)");
            }
            let what = if revoke { "no longer administers" } else { "now administers" };
            println!("officer {id} {what} the web console");
            Ok(())
        }
    }
}

pub async fn agencies(loaded: Loaded, command: AgenciesCommand) -> anyhow::Result<()> {
    match command {
        AgenciesCommand::LinkGroup { agency, chat_id } => {
            let agency = known_agency(&loaded, &agency)?;
            // Supergroup ids are negative (-100…); a positive id is a private chat.
            if chat_id >= 0 {
                bail!("--chat-id {chat_id} is not a group: supergroup ids are negative, e.g. -1001234567890");
            }
            let app = App::build(loaded).await?;
            let now = Utc::now();
            let mut tx = app.store.begin().await?;
            tx.link_group(&agency, chat_id, now).await?;
            tx.audit(None, Actor::ADMIN, "group_linked", Some(&format!("agency={agency}")), now).await?;
            tx.commit().await?;
            println!("{agency} now works in topics of group {chat_id}");
            Ok(())
        }
    }
}

fn known_agency(loaded: &Loaded, code: &str) -> anyhow::Result<AgencyCode> {
    let agency: AgencyCode = code.parse()?;
    if loaded.agencies.get(&agency).is_none() {
        bail!("unknown agency `{code}` (see `kairyluu agencies`)");
    }
    Ok(agency)
}

/// The bot's username: from the configuration, else from the Bot API.
pub(crate) async fn bot_username(loaded: &Loaded) -> anyhow::Result<String> {
    let telegram = &loaded.settings.telegram;
    let configured = telegram.bot_username.trim().trim_start_matches('@');
    if !configured.is_empty() {
        return Ok(configured.to_owned());
    }
    if telegram.token.is_empty() {
        bail!("cannot make a link without the bot's username: set telegram.bot_username or TELOXIDE_TOKEN");
    }
    let url = url::Url::parse(&telegram.api_url).context("telegram.api_url is not a URL")?;
    let me = Bot::new(telegram.token.expose())
        .set_api_url(url)
        .get_me()
        .await
        .context("cannot ask the Bot API for the bot's username (getMe)")?;
    Ok(me.username().to_owned())
}
