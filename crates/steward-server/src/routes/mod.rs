//! Resource handlers, one file per resource. The route table is in `app.rs`.

pub mod health;
pub mod me;
