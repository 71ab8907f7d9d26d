//! Resource handlers, one file per resource. The route table is in `route_table.rs`.

pub mod billing;
pub mod cards;
pub mod comms;
pub mod cookies;
pub mod deletion;
pub mod exports;
pub mod health;
pub mod invoices;
pub mod me;
pub mod notices;
pub mod profile;
pub mod security;
pub mod sessions;
pub mod sharing;
pub mod staff;
pub mod support;
pub mod team;
pub mod verification;
