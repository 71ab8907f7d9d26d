//! Typed calls for the staff workspace and the customer's side of support
//! (issue 6: PR-10, PR-11, PR-16, PR-17).

use reqwest::Method;
use steward_types::comms::{CommunicationPreferences, PrefChange};
use steward_types::deletion::{DeletionRequest, LegalHold, NewLegalHold};
use steward_types::desktop::{CommsSaveOutcome, ProfileState, SaveOutcome};
use steward_types::profile::Profile;
use steward_types::staff::{
    ActingSession, AuditPage, AuditQuery, CallerCheck, CallerCheckRequest, CallerCodeRequest,
    CallerCodeSent, CaseSummary, CustomerSearchResult, CustomerView, Justification, NewTicket,
    NewTicketMessage, ResetLinkSent, RevealRequest, Revealed, StaffAccessGrantRequest,
    StaffAccessLog, StaffAccessSettings, StaffAccessSettingsUpdate, SupportPinRequest,
    SupportPinStatus, Ticket, TicketList, TicketQuery, TicketStatus, TicketStatusUpdate,
};
use steward_types::verification::{NewVerificationRequest, VerificationOverview};
use uuid::Uuid;

use crate::client::StewardClient;
use crate::error::Result;

fn customer(id: Uuid, rest: &str) -> String {
    format!("/v1/staff/customers/{id}{rest}")
}

/// `key=value&...` for the present values, encoded.
fn query(pairs: &[(&str, Option<String>)]) -> String {
    let mut q = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        if let Some(v) = v {
            q.append_pair(k, v);
        }
    }
    let q = q.finish();
    if q.is_empty() {
        q
    } else {
        format!("?{q}")
    }
}

impl StewardClient {
    // The customer's side.
    pub async fn support_pin(&self) -> Result<SupportPinStatus> {
        self.get_json("/v1/me/support-pin").await
    }

    pub async fn set_support_pin(&self, pin: &str) -> Result<SupportPinStatus> {
        let body = SupportPinRequest { pin: pin.into() };
        self.send_json(Method::PUT, "/v1/me/support-pin", Some(&body))
            .await
    }

    pub async fn clear_support_pin(&self) -> Result<SupportPinStatus> {
        self.send_json::<(), _>(Method::DELETE, "/v1/me/support-pin", None)
            .await
    }

    pub async fn staff_access(&self, account_id: Uuid) -> Result<StaffAccessLog> {
        self.get_json(&format!("/v1/accounts/{account_id}/staff-access"))
            .await
    }

    pub async fn set_staff_approval(
        &self,
        account_id: Uuid,
        require_approval: bool,
    ) -> Result<StaffAccessSettings> {
        let body = StaffAccessSettingsUpdate { require_approval };
        self.send_json(
            Method::PUT,
            &format!("/v1/accounts/{account_id}/staff-access/settings"),
            Some(&body),
        )
        .await
    }

    pub async fn grant_staff_access(
        &self,
        account_id: Uuid,
        hours: u32,
    ) -> Result<StaffAccessSettings> {
        let body = StaffAccessGrantRequest { hours };
        self.send_json(
            Method::POST,
            &format!("/v1/accounts/{account_id}/staff-access/grant"),
            Some(&body),
        )
        .await
    }

    pub async fn revoke_staff_access(&self, account_id: Uuid) -> Result<StaffAccessSettings> {
        self.send_json::<(), _>(
            Method::DELETE,
            &format!("/v1/accounts/{account_id}/staff-access/grant"),
            None,
        )
        .await
    }

    pub async fn tickets(&self, account_id: Uuid) -> Result<TicketList> {
        self.get_json(&format!("/v1/accounts/{account_id}/tickets"))
            .await
    }

    pub async fn open_ticket(&self, account_id: Uuid, ticket: &NewTicket) -> Result<Ticket> {
        self.send_json(
            Method::POST,
            &format!("/v1/accounts/{account_id}/tickets"),
            Some(ticket),
        )
        .await
    }

    pub async fn ticket(&self, account_id: Uuid, ticket_id: Uuid) -> Result<Ticket> {
        self.get_json(&format!("/v1/accounts/{account_id}/tickets/{ticket_id}"))
            .await
    }

    pub async fn reply_ticket(
        &self,
        account_id: Uuid,
        ticket_id: Uuid,
        body: &str,
    ) -> Result<Ticket> {
        let msg = NewTicketMessage {
            body: body.into(),
            internal: false,
        };
        self.send_json(
            Method::POST,
            &format!("/v1/accounts/{account_id}/tickets/{ticket_id}/messages"),
            Some(&msg),
        )
        .await
    }

    // Staff.
    pub async fn search_customers(&self, q: &str) -> Result<CustomerSearchResult> {
        self.get_json(&format!(
            "/v1/staff/customers{}",
            query(&[("q", Some(q.to_owned()))])
        ))
        .await
    }

    pub async fn customer(&self, account_id: Uuid) -> Result<CustomerView> {
        self.get_json(&customer(account_id, "")).await
    }

    pub async fn reveal(&self, account_id: Uuid, request: &RevealRequest) -> Result<Revealed> {
        self.send_json(
            Method::POST,
            &customer(account_id, "/reveal"),
            Some(request),
        )
        .await
    }

    pub async fn send_caller_code(
        &self,
        account_id: Uuid,
        user_id: Uuid,
    ) -> Result<CallerCodeSent> {
        let body = CallerCodeRequest { user_id };
        self.send_json(
            Method::POST,
            &customer(account_id, "/caller-checks/code"),
            Some(&body),
        )
        .await
    }

    pub async fn check_caller(
        &self,
        account_id: Uuid,
        request: &CallerCheckRequest,
    ) -> Result<CallerCheck> {
        self.send_json(
            Method::POST,
            &customer(account_id, "/caller-checks"),
            Some(request),
        )
        .await
    }

    pub async fn start_acting(
        &self,
        account_id: Uuid,
        why: &Justification,
    ) -> Result<ActingSession> {
        self.send_json(Method::POST, &customer(account_id, "/acting"), Some(why))
            .await
    }

    pub async fn stop_acting(&self, account_id: Uuid) -> Result<()> {
        self.send_authorized(Method::DELETE, &customer(account_id, "/acting"), |rb| rb)
            .await
            .map(|_| ())
    }

    pub async fn staff_profile(&self, account_id: Uuid) -> Result<ProfileState> {
        self.profile_at(&customer(account_id, "/profile")).await
    }

    pub async fn staff_save_profile(
        &self,
        account_id: Uuid,
        profile: &Profile,
        etag: &str,
    ) -> Result<SaveOutcome> {
        self.save_profile_at(&customer(account_id, "/profile"), profile, etag)
            .await
    }

    pub async fn staff_communications(
        &self,
        account_id: Uuid,
        user_id: Uuid,
    ) -> Result<CommunicationPreferences> {
        self.get_json(&customer(
            account_id,
            &format!("/users/{user_id}/communications"),
        ))
        .await
    }

    pub async fn staff_save_communications(
        &self,
        account_id: Uuid,
        user_id: Uuid,
        changes: Vec<PrefChange>,
        version: i64,
    ) -> Result<CommsSaveOutcome> {
        self.save_communications_at(
            &customer(account_id, &format!("/users/{user_id}/communications")),
            changes,
            version,
        )
        .await
    }

    pub async fn staff_tickets(&self, q: &TicketQuery) -> Result<TicketList> {
        self.get_json(&format!(
            "/v1/staff/tickets{}",
            query(&[
                ("status", q.status.map(|s| s.as_str().to_owned())),
                ("account_id", q.account_id.map(|a| a.to_string())),
            ])
        ))
        .await
    }

    pub async fn staff_ticket(&self, ticket_id: Uuid) -> Result<Ticket> {
        self.get_json(&format!("/v1/staff/tickets/{ticket_id}"))
            .await
    }

    pub async fn staff_reply_ticket(
        &self,
        ticket_id: Uuid,
        message: &NewTicketMessage,
    ) -> Result<Ticket> {
        self.send_json(
            Method::POST,
            &format!("/v1/staff/tickets/{ticket_id}/messages"),
            Some(message),
        )
        .await
    }

    pub async fn set_ticket_status(&self, ticket_id: Uuid, status: TicketStatus) -> Result<Ticket> {
        let body = TicketStatusUpdate { status };
        self.send_json(
            Method::PUT,
            &format!("/v1/staff/tickets/{ticket_id}/status"),
            Some(&body),
        )
        .await
    }

    pub async fn case_summary(&self, ticket_id: Uuid) -> Result<CaseSummary> {
        self.get_json(&format!("/v1/staff/tickets/{ticket_id}/summary"))
            .await
    }

    pub async fn audit(&self, q: &AuditQuery) -> Result<AuditPage> {
        self.get_json(&format!(
            "/v1/staff/audit{}",
            query(&[
                ("account_id", q.account_id.map(|a| a.to_string())),
                ("staff_user_id", q.staff_user_id.map(|a| a.to_string())),
                ("action", q.action.map(|a| a.as_str().to_owned())),
                ("before", q.before.map(|b| b.to_string())),
            ])
        ))
        .await
    }

    pub async fn staff_request_verification(
        &self,
        account_id: Uuid,
        request: &NewVerificationRequest,
    ) -> Result<VerificationOverview> {
        self.send_json(
            Method::POST,
            &format!("/v1/staff/accounts/{account_id}/verifications"),
            Some(request),
        )
        .await
    }

    pub async fn start_password_reset(
        &self,
        account_id: Uuid,
        user_id: Uuid,
        why: &Justification,
    ) -> Result<ResetLinkSent> {
        self.send_json(
            Method::POST,
            &customer(account_id, &format!("/users/{user_id}/password-reset")),
            Some(why),
        )
        .await
    }

    pub async fn deletion_requests(&self) -> Result<Vec<DeletionRequest>> {
        self.get_json("/v1/staff/deletion-requests").await
    }

    pub async fn complete_deletion(&self, request_id: Uuid) -> Result<DeletionRequest> {
        self.send_json::<(), _>(
            Method::POST,
            &format!("/v1/staff/deletion-requests/{request_id}/complete"),
            None,
        )
        .await
    }

    pub async fn place_legal_hold(&self, account_id: Uuid, explanation: &str) -> Result<LegalHold> {
        let body = NewLegalHold {
            explanation: explanation.into(),
        };
        self.send_json(
            Method::PUT,
            &format!("/v1/staff/accounts/{account_id}/legal-hold"),
            Some(&body),
        )
        .await
    }

    pub async fn lift_legal_hold(&self, account_id: Uuid) -> Result<()> {
        self.send_authorized(
            Method::DELETE,
            &format!("/v1/staff/accounts/{account_id}/legal-hold"),
            |rb| rb,
        )
        .await
        .map(|_| ())
    }
}
