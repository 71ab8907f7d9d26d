//! Typed calls for administrators: staff accounts and service partners
//! (issue 6; PR-6, PR-7). Partner writes carry the partner's version as
//! `If-Match`; a stale one comes back as `PreconditionFailed`.

use reqwest::{header, Method};
use steward_types::partners::{NewPartner, Partner, PartnerDetails, PartnerList};
use steward_types::staff_members::{
    NewStaffMember, StaffInvited, StaffList, StaffMember, StaffMemberUpdate,
};
use uuid::Uuid;

use crate::api::decode_json;
use crate::client::StewardClient;
use crate::error::Result;

fn partner(id: &str) -> String {
    let id: String = url::form_urlencoded::byte_serialize(id.as_bytes()).collect();
    format!("/v1/staff/partners/{id}")
}

impl StewardClient {
    pub async fn staff_members(&self) -> Result<StaffList> {
        self.get_json("/v1/staff/members").await
    }

    /// Add a member; their link to choose a password goes to their address.
    pub async fn add_staff_member(&self, member: &NewStaffMember) -> Result<StaffInvited> {
        self.send_json(Method::POST, "/v1/staff/members", Some(member))
            .await
    }

    pub async fn update_staff_member(
        &self,
        user_id: Uuid,
        update: &StaffMemberUpdate,
    ) -> Result<StaffMember> {
        self.send_json(
            Method::PATCH,
            &format!("/v1/staff/members/{user_id}"),
            Some(update),
        )
        .await
    }

    pub async fn partners(&self) -> Result<PartnerList> {
        self.get_json("/v1/staff/partners").await
    }

    pub async fn add_partner(&self, new: &NewPartner) -> Result<Partner> {
        self.send_json(Method::POST, "/v1/staff/partners", Some(new))
            .await
    }

    /// Edit the partner as it was at `version`.
    pub async fn update_partner(
        &self,
        id: &str,
        details: &PartnerDetails,
        version: i64,
    ) -> Result<Partner> {
        let tag = format!("\"{version}\"");
        let resp = self
            .send_authorized(Method::PUT, &partner(id), |rb| {
                rb.header(header::IF_MATCH, &tag).json(details)
            })
            .await?;
        decode_json(resp).await
    }

    /// Retire the partner as it was at `version`: nothing goes to them after.
    pub async fn retire_partner(&self, id: &str, version: i64) -> Result<Partner> {
        let tag = format!("\"{version}\"");
        let resp = self
            .send_authorized(Method::DELETE, &partner(id), |rb| {
                rb.header(header::IF_MATCH, &tag)
            })
            .await?;
        decode_json(resp).await
    }
}
