//! theodoi's domain rules, pure and without IO: where a task stands on a
//! given day, which reporting periods a recurring task owes, and (later)
//! who may do what. Every status is computed for the day asked and never
//! stored, so the answer for any past or future day is always true to the
//! facts recorded.

pub mod access;
pub mod period;
pub mod spans;
pub mod status;
pub mod vi;

pub use access::{allowed, Action, Actor, UserRole};
pub use period::{missing_periods, Period};
pub use spans::{spans, Span, SpanState};
pub use status::{status_on, Claim, Decision, StatusOnDay, TaskFacts, TaskStatus, DEFAULT_DUE_SOON_DAYS};
