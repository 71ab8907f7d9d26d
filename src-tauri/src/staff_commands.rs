//! Tauri commands for support (PR-10, PR-17) and the staff workspace
//! (PR-10, PR-11, PR-16): each forwards to the active session's client.

use steward_types::comms::{CommunicationPreferences, PrefChange};
use steward_types::deletion::{DeletionRequest, LegalHold};
use steward_types::desktop::{CommandError, CommsSaveOutcome, ProfileState, SaveOutcome};
use steward_types::notices::{NewPolicyVersion, PolicyVersion};
use steward_types::partners::{NewPartner, Partner, PartnerDetails, PartnerList};
use steward_types::profile::Profile;
use steward_types::staff::{
    ActingSession, AuditPage, AuditQuery, CallerCheck, CallerCheckRequest, CallerCodeSent,
    CaseSummary, CustomerSearchResult, CustomerView, Justification, NewTicket, NewTicketMessage,
    ResetLinkSent, RevealRequest, Revealed, StaffAccessLog, StaffAccessSettings, SupportPinStatus,
    Ticket, TicketList, TicketQuery, TicketStatus,
};
use steward_types::staff_members::{
    NewStaffMember, StaffInvited, StaffList, StaffMember, StaffMemberUpdate,
};
use steward_types::verification::{NewVerificationRequest, VerificationOverview};
use tauri::State;
use uuid::Uuid;

use crate::console::Console;

type Result<T> = std::result::Result<T, CommandError>;

/// A command that forwards its arguments to one client method.
macro_rules! forward {
    ($name:ident($($arg:ident: $ty:ty),*) -> $out:ty => $method:ident($($call:expr),*)) => {
        #[tauri::command]
        pub async fn $name(console: State<'_, Console>, $($arg: $ty),*) -> Result<$out> {
            console
                .call(|c| async move { c.$method($($call),*).await })
                .await
        }
    };
}

forward!(load_support_pin() -> SupportPinStatus => support_pin());
forward!(set_support_pin(pin: String) -> SupportPinStatus => set_support_pin(&pin));
forward!(clear_support_pin() -> SupportPinStatus => clear_support_pin());
forward!(load_staff_access(account_id: Uuid) -> StaffAccessLog => staff_access(account_id));
forward!(set_staff_approval(account_id: Uuid, require_approval: bool) -> StaffAccessSettings
    => set_staff_approval(account_id, require_approval));
forward!(grant_staff_access(account_id: Uuid, hours: u32) -> StaffAccessSettings
    => grant_staff_access(account_id, hours));
forward!(revoke_staff_access(account_id: Uuid) -> StaffAccessSettings => revoke_staff_access(account_id));
forward!(list_tickets(account_id: Uuid) -> TicketList => tickets(account_id));
forward!(open_ticket(account_id: Uuid, ticket: NewTicket) -> Ticket => open_ticket(account_id, &ticket));
forward!(get_ticket(account_id: Uuid, ticket_id: Uuid) -> Ticket => ticket(account_id, ticket_id));
forward!(reply_ticket(account_id: Uuid, ticket_id: Uuid, body: String) -> Ticket
    => reply_ticket(account_id, ticket_id, &body));

forward!(search_customers(q: String) -> CustomerSearchResult => search_customers(&q));
forward!(load_customer(account_id: Uuid) -> CustomerView => customer(account_id));
forward!(reveal_customer(account_id: Uuid, request: RevealRequest) -> Revealed
    => reveal(account_id, &request));
forward!(send_caller_code(account_id: Uuid, user_id: Uuid) -> CallerCodeSent
    => send_caller_code(account_id, user_id));
forward!(check_caller(account_id: Uuid, request: CallerCheckRequest) -> CallerCheck
    => check_caller(account_id, &request));
forward!(start_acting(account_id: Uuid, why: Justification) -> ActingSession
    => start_acting(account_id, &why));
forward!(stop_acting(account_id: Uuid) -> () => stop_acting(account_id));
forward!(staff_load_profile(account_id: Uuid) -> ProfileState => staff_profile(account_id));
forward!(staff_save_profile(account_id: Uuid, profile: Profile, etag: String) -> SaveOutcome
    => staff_save_profile(account_id, &profile, &etag));
forward!(staff_load_communications(account_id: Uuid, user_id: Uuid) -> CommunicationPreferences
    => staff_communications(account_id, user_id));
forward!(staff_save_communications(account_id: Uuid, user_id: Uuid, changes: Vec<PrefChange>, version: i64)
    -> CommsSaveOutcome => staff_save_communications(account_id, user_id, changes, version));
forward!(staff_list_tickets(query: TicketQuery) -> TicketList => staff_tickets(&query));
forward!(staff_get_ticket(ticket_id: Uuid) -> Ticket => staff_ticket(ticket_id));
forward!(staff_reply_ticket(ticket_id: Uuid, message: NewTicketMessage) -> Ticket
    => staff_reply_ticket(ticket_id, &message));
forward!(set_ticket_status(ticket_id: Uuid, status: TicketStatus) -> Ticket
    => set_ticket_status(ticket_id, status));
forward!(case_summary(ticket_id: Uuid) -> CaseSummary => case_summary(ticket_id));
forward!(list_audit(query: AuditQuery) -> AuditPage => audit(&query));
forward!(list_staff() -> StaffList => staff_members());
forward!(update_staff(user_id: Uuid, update: StaffMemberUpdate) -> StaffMember
    => update_staff_member(user_id, &update));
forward!(add_staff(member: NewStaffMember) -> StaffInvited => add_staff_member(&member));
forward!(list_partners() -> PartnerList => partners());
forward!(add_partner(partner: NewPartner) -> Partner => add_partner(&partner));
forward!(update_partner(id: String, details: PartnerDetails, version: i64) -> Partner
    => update_partner(&id, &details, version));
forward!(retire_partner(id: String, version: i64) -> Partner => retire_partner(&id, version));
forward!(staff_request_verification(account_id: Uuid, request: NewVerificationRequest) -> VerificationOverview
    => staff_request_verification(account_id, &request));
forward!(start_password_reset(account_id: Uuid, user_id: Uuid, why: Justification) -> ResetLinkSent
    => start_password_reset(account_id, user_id, &why));
forward!(list_deletion_requests() -> Vec<DeletionRequest> => deletion_requests());
forward!(complete_deletion(request_id: Uuid) -> DeletionRequest => complete_deletion(request_id));
forward!(place_legal_hold(account_id: Uuid, explanation: String) -> LegalHold
    => place_legal_hold(account_id, &explanation));
forward!(lift_legal_hold(account_id: Uuid) -> () => lift_legal_hold(account_id));
forward!(list_policy_versions() -> Vec<PolicyVersion> => policy_versions());
forward!(publish_policy_version(input: NewPolicyVersion) -> PolicyVersion => publish_policy_version(&input));
