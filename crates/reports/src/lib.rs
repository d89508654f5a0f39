//! theodoi's papers: the periodic progress report and the urging letters
//! in the NĐ 30/2020/NĐ-CP Appendix I layout (DOCX and PDF), the plan and
//! the report as spreadsheets (XLSX) and the plan as Akoma Ntoso.
//!
//! Each paper is built once as a [`model::Doc`] and written by a writer
//! per format, so the DOCX and the PDF cannot say different things. The
//! facts come from the store ([`data::ReportData::load`]); everything after
//! that is synchronous and pure.

pub mod akn;
pub mod data;
pub mod docx;
pub mod error;
pub mod model;
pub mod nd30;
pub mod pdf;
pub mod progress;
pub mod urge;
pub mod xlsx;
mod xml;

pub use data::{ReportData, ReportRequest};
pub use error::{ReportError, Result};
