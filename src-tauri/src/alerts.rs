//! Desktop notifications (issue 9): a new policy notice or verification
//! request raises one system notification while the console runs, whichever
//! section is open. The console looks every few minutes; what was there at
//! the first look after sign-in counts as seen (the console shows it anyway).

use std::collections::HashSet;
use std::time::Duration;

use steward_types::notices::NoticeInbox;
use steward_types::verification::VerificationRequest;
use steward_types::Language;
use uuid::Uuid;

use crate::console::Console;

/// How often the console looks; `STEWARD_ALERT_SECS` overrides it (tests).
pub fn interval() -> Duration {
    let secs = std::env::var("STEWARD_ALERT_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    Duration::from_secs(secs.max(1))
}

/// One system notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub title: String,
    pub body: String,
}

/// What the signed-in user has been told about, per session.
#[derive(Debug, Default)]
pub struct Seen {
    /// The session these are for; another one starts afresh.
    session: Option<String>,
    notices: HashSet<String>,
    requests: HashSet<Uuid>,
}

impl Seen {
    /// Unread notices and open verification requests not seen before. The
    /// first look of a session only takes note.
    pub fn news(
        &mut self,
        session: &str,
        language: Language,
        inbox: &NoticeInbox,
        requests: &[VerificationRequest],
    ) -> Vec<Alert> {
        let first = self.session.as_deref() != Some(session);
        if first {
            *self = Self {
                session: Some(session.to_string()),
                ..Self::default()
            };
        }
        let mut alerts = Vec::new();
        for notice in inbox.notices.iter().filter(|n| n.read_at.is_none()) {
            if self.notices.insert(notice.policy.version.clone()) && !first {
                alerts.push(notice_alert(language, &notice.policy.title));
            }
        }
        for request in requests.iter().filter(|r| r.completed_at.is_none()) {
            if self.requests.insert(request.id) && !first {
                alerts.push(verification_alert(language, &request.reason));
            }
        }
        alerts
    }
}

fn notice_alert(language: Language, title: &str) -> Alert {
    Alert {
        title: match language {
            Language::En => "New privacy policy notice",
            Language::De => "Neuer Hinweis zur Datenschutzerklärung",
        }
        .into(),
        body: format!(
            "{title}. {}",
            match language {
                Language::En => "Open Steward to read it and see your choices.",
                Language::De =>
                    "Öffnen Sie Steward, um ihn zu lesen und Ihre Wahlmöglichkeiten zu sehen.",
            }
        ),
    }
}

fn verification_alert(language: Language, reason: &str) -> Alert {
    Alert {
        title: match language {
            Language::En => "Please confirm your details",
            Language::De => "Bitte bestätigen Sie Ihre Angaben",
        }
        .into(),
        body: format!(
            "{reason}. {}",
            match language {
                Language::En => "Open Steward to confirm them.",
                Language::De => "Öffnen Sie Steward, um sie zu bestätigen.",
            }
        ),
    }
}

/// Looks every [`interval`] for the app's lifetime and shows what is new.
pub fn spawn<R: tauri::Runtime>(app: tauri::AppHandle<R>) {
    use tauri::Manager;
    use tauri_plugin_notification::NotificationExt;
    tauri::async_runtime::spawn(async move {
        let mut seen = Seen::default();
        loop {
            tokio::time::sleep(interval()).await;
            let console = app.state::<Console>();
            for alert in console.look_for_alerts(&mut seen).await {
                let shown = app
                    .notification()
                    .builder()
                    .title(&alert.title)
                    .body(&alert.body)
                    .show();
                if let Err(e) = shown {
                    tracing::warn!(error = %e, "could not show a desktop notification");
                }
            }
        }
    });
}

impl Console {
    /// One look: the alerts due now, or none when signed out, offline or
    /// refused (a look that fails simply waits for the next).
    pub async fn look_for_alerts(&self, seen: &mut Seen) -> Vec<Alert> {
        let Ok((client, saved)) = self.active().await else {
            return Vec::new();
        };
        let Ok(me) = client.me().await else {
            return Vec::new();
        };
        let Ok(inbox) = client.notices().await else {
            return Vec::new();
        };
        let mut requests = Vec::new();
        for account in &me.accounts {
            // Members who may not see verifications are refused: skip them.
            if let Ok(overview) = client.verifications(account.account_id).await {
                requests.extend(overview.requests);
            }
        }
        seen.news(&saved.connection.id, me.language, &inbox, &requests)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use steward_types::notices::{Notice, PolicyConcern, PolicyVersion};
    use steward_types::profile::{Actor, ActorKind};

    use super::*;

    fn notice(version: &str, read: bool) -> Notice {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
            .single()
            .expect("time");
        Notice {
            policy: PolicyVersion {
                version: version.into(),
                title: format!("Changes in {version}"),
                summary: String::new(),
                concerns: PolicyConcern::PersonalInformation,
                opt_outs: Vec::new(),
                review_section: None,
                published_at: at,
                effective_at: at,
            },
            read_at: read.then_some(at),
            acknowledged_at: None,
        }
    }

    fn inbox(notices: Vec<Notice>) -> NoticeInbox {
        NoticeInbox {
            unread: 0,
            notices,
            current_version: "privacy-policy-2013".into(),
        }
    }

    fn request(id: u128, done: bool) -> VerificationRequest {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
            .single()
            .expect("time");
        VerificationRequest {
            id: Uuid::from_u128(id),
            requested_by: Actor {
                user_id: None,
                name: "Steward".into(),
                kind: ActorKind::System,
            },
            reason: "Yearly check".into(),
            created_at: at,
            due_at: at,
            completed_at: done.then_some(at),
            checks: Vec::new(),
        }
    }

    #[test]
    fn only_what_arrives_after_the_first_look_is_announced_once() {
        let mut seen = Seen::default();
        let first = seen.news(
            "s1",
            Language::En,
            &inbox(vec![notice("v1", false)]),
            &[request(1, false)],
        );
        assert!(first.is_empty(), "the first look only takes note");

        let later = inbox(vec![
            notice("v2", false),
            notice("v1", false),
            notice("v0", true),
        ]);
        let requests = [request(1, false), request(2, false), request(3, true)];
        let alerts = seen.news("s1", Language::En, &later, &requests);
        assert_eq!(
            alerts,
            vec![
                Alert {
                    title: "New privacy policy notice".into(),
                    body: "Changes in v2. Open Steward to read it and see your choices.".into(),
                },
                Alert {
                    title: "Please confirm your details".into(),
                    body: "Yearly check. Open Steward to confirm them.".into(),
                },
            ]
        );
        assert!(
            seen.news("s1", Language::En, &later, &requests).is_empty(),
            "once"
        );
    }

    #[test]
    fn another_session_starts_afresh_and_speaks_the_users_language() {
        let mut seen = Seen::default();
        seen.news("s1", Language::En, &inbox(vec![]), &[]);
        assert!(seen
            .news("s2", Language::De, &inbox(vec![notice("v1", false)]), &[])
            .is_empty());
        let alerts = seen.news("s2", Language::De, &inbox(vec![notice("v2", false)]), &[]);
        assert_eq!(alerts.len(), 1);
        assert_eq!(alerts[0].title, "Neuer Hinweis zur Datenschutzerklärung");
    }
}
