//! Storage for support tickets and their messages (PR-10).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::StoreResult;

#[derive(Debug, Clone)]
pub struct TicketRow {
    pub id: Uuid,
    pub number: i64,
    pub account_id: Uuid,
    pub account_name: String,
    pub subject: String,
    pub status: String,
    pub opened_by: Option<Uuid>,
    pub opened_by_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct MessageRow {
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub author_user_id: Option<Uuid>,
    pub author_name: String,
    /// `customer` or `staff`.
    pub author_kind: String,
    pub body: String,
    pub internal: bool,
    pub at: DateTime<Utc>,
}

#[async_trait]
pub trait TicketStore: Send + Sync {
    /// Numbers the ticket and stores it with its first message.
    async fn create_ticket(&self, ticket: &TicketRow, first: &MessageRow) -> StoreResult<i64>;
    async fn ticket(&self, id: Uuid) -> StoreResult<Option<TicketRow>>;
    /// Most recently updated first.
    async fn account_tickets(&self, account_id: Uuid) -> StoreResult<Vec<TicketRow>>;
    /// Most recently updated first, optionally by status and account.
    async fn ticket_queue(
        &self,
        status: Option<&str>,
        account_id: Option<Uuid>,
        limit: i64,
    ) -> StoreResult<Vec<TicketRow>>;
    async fn open_ticket_count(&self, account_id: Uuid) -> StoreResult<i64>;
    /// In order; internal notes only when `with_internal`.
    async fn ticket_messages(&self, id: Uuid, with_internal: bool) -> StoreResult<Vec<MessageRow>>;
    /// Adds the message and, when given, sets the status, in one transaction.
    async fn add_ticket_message(&self, msg: &MessageRow, status: Option<&str>) -> StoreResult<()>;
    async fn set_ticket_status(
        &self,
        id: Uuid,
        status: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
}
