//! The agency names this genre uses, with their variants, and the
//! abbreviations written in tables. Matching is on folded words with "và",
//! commas and dashes left out, so "Sở Lao động, Thương binh và Xã hội",
//! "Sở Lao động - Thương binh và Xã hội" and "Sở LĐ-TB&XH" meet one entry.

use super::token::Tokens;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Folded abbreviation → written-out form. Lower-case words are meant to
/// sit inside a name ("Sở Nông nghiệp và phát triển nông thôn" is still
/// replaced by the lexicon's spelling).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("ubnd", "Ủy ban nhân dân"),
    ("hdnd", "Hội đồng nhân dân"),
    ("ptnt", "Phát triển nông thôn"),
    ("nn&ptnt", "Nông nghiệp và Phát triển nông thôn"),
    ("nnptnt", "Nông nghiệp và Phát triển nông thôn"),
    ("nn&mt", "Nông nghiệp và Môi trường"),
    ("kkt", "Khu kinh tế"),
    ("kcn", "khu công nghiệp"),
    ("tdtt", "thể dục thể thao"),
    ("kh&dt", "Kế hoạch và Đầu tư"),
    ("kh-dt", "Kế hoạch và Đầu tư"),
    ("khdt", "Kế hoạch và Đầu tư"),
    ("gd&dt", "Giáo dục và Đào tạo"),
    ("gd-dt", "Giáo dục và Đào tạo"),
    ("gddt", "Giáo dục và Đào tạo"),
    ("tt&tt", "Thông tin và Truyền thông"),
    ("tttt", "Thông tin và Truyền thông"),
    ("ld-tb&xh", "Lao động - Thương binh và Xã hội"),
    ("ldtb&xh", "Lao động - Thương binh và Xã hội"),
    ("ldtbxh", "Lao động - Thương binh và Xã hội"),
    ("vh,tt&dl", "Văn hóa, Thể thao và Du lịch"),
    ("vhtt&dl", "Văn hóa, Thể thao và Du lịch"),
    ("vh-tt&dl", "Văn hóa, Thể thao và Du lịch"),
    ("vhttdl", "Văn hóa, Thể thao và Du lịch"),
    ("tn&mt", "Tài nguyên và Môi trường"),
    ("tnmt", "Tài nguyên và Môi trường"),
    ("kh&cn", "Khoa học và Công nghệ"),
    ("khcn", "Khoa học và Công nghệ"),
    ("gtvt", "Giao thông vận tải"),
    ("pt&th", "Phát thanh và Truyền hình"),
    ("pt-th", "Phát thanh và Truyền hình"),
    ("bch", "Bộ Chỉ huy"),
    ("bchqs", "Bộ Chỉ huy Quân sự"),
    ("bdbp", "Bộ đội Biên phòng"),
    ("mttq", "Mặt trận Tổ quốc"),
    ("ubmttq", "Ủy ban Mặt trận Tổ quốc"),
    ("ubtvqh", "Ủy ban Thường vụ Quốc hội"),
    ("dbqh", "đại biểu Quốc hội"),
    ("tp", "thành phố"),
    ("tx", "thị xã"),
    ("tw", "Trung ương"),
    ("bhxh", "Bảo hiểm xã hội"),
    ("tncs", "Thanh niên Cộng sản"),
    ("hcm", "Hồ Chí Minh"),
    ("nhnn", "Ngân hàng Nhà nước"),
    ("kbnn", "Kho bạc Nhà nước"),
];

/// Abbreviations with their written-out forms folded once, so a cell does
/// not fold "Ủy ban nhân dân" again for every "UBND".
static EXPANSIONS: LazyLock<Vec<(&'static str, &'static str, String)>> =
    LazyLock::new(|| ABBREVIATIONS.iter().map(|&(a, full)| (a, full, super::token::fast_fold(full))).collect());

/// The written-out form of an abbreviation, from its folded spelling, with
/// that form folded.
pub(crate) fn expand_abbreviation(folded: &str) -> Option<(&'static str, &'static str)> {
    EXPANSIONS
        .iter()
        .find(|(a, _, _)| super::token::same_bytes(a.as_bytes(), folded.as_bytes()))
        .map(|(_, full, f)| (*full, f.as_str()))
}

/// Named agencies: canonical spelling first, then variants the folding
/// and abbreviation expansion do not already cover.
const AGENCIES: &[&[&str]] = &[
    // Provincial departments, before and after the 2025 mergers.
    &["Sở Kế hoạch và Đầu tư"],
    &["Sở Tài chính"],
    &["Sở Xây dựng"],
    &["Sở Giao thông vận tải"],
    &["Sở Giao thông vận tải - Xây dựng"],
    &["Sở Công Thương"],
    &["Sở Nông nghiệp và Phát triển nông thôn"],
    &["Sở Nông nghiệp và Môi trường"],
    &["Sở Tài nguyên và Môi trường"],
    &["Sở Khoa học và Công nghệ"],
    &["Sở Thông tin và Truyền thông"],
    &["Sở Giáo dục và Đào tạo"],
    &["Sở Y tế"],
    &["Sở Lao động - Thương binh và Xã hội"],
    &["Sở Nội vụ"],
    &["Sở Tư pháp"],
    &["Sở Văn hóa, Thể thao và Du lịch"],
    &["Sở Văn hóa và Thể thao"],
    &["Sở Du lịch"],
    &["Sở Ngoại vụ"],
    &["Sở Dân tộc và Tôn giáo"],
    &["Sở Quy hoạch - Kiến trúc"],
    &["Sở An toàn thực phẩm"],
    &["Thanh tra tỉnh"],
    &["Văn phòng Ủy ban nhân dân tỉnh"],
    &["Văn phòng Hội đồng nhân dân tỉnh"],
    &["Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh"],
    &["Ủy ban nhân dân tỉnh"],
    &["Hội đồng nhân dân tỉnh"],
    &["Chủ tịch Ủy ban nhân dân tỉnh"],
    &["Ban Dân tộc"],
    &["Ban Dân tộc tỉnh"],
    &["Công an tỉnh"],
    &["Công an thành phố"],
    &["Bộ Chỉ huy Quân sự tỉnh"],
    &["Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Bộ đội Biên phòng tỉnh"],
    &["Đài Phát thanh và Truyền hình tỉnh"],
    &["Liên đoàn Lao động tỉnh"],
    &["Tỉnh đoàn"],
    &["Hội Nông dân tỉnh"],
    &["Hội Liên hiệp Phụ nữ tỉnh"],
    &["Hội Cựu chiến binh tỉnh"],
    &["Tỉnh đoàn Thanh niên Cộng sản Hồ Chí Minh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh"],
    &["Liên minh Hợp tác xã tỉnh"],
    &["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Mặt trận Tổ quốc tỉnh", "Ủy ban Mặt trận Tổ quốc tỉnh"],
    &["Cục Thuế tỉnh"],
    &["Cục Thống kê tỉnh"],
    &["Cục Hải quan tỉnh"],
    &["Kho bạc Nhà nước tỉnh"],
    &["Ngân hàng Nhà nước chi nhánh tỉnh"],
    &["Bảo hiểm xã hội tỉnh"],
    &["Trường Chính trị tỉnh"],
    &["Cục Di sản Văn hóa"],
    // Central government.
    &["Chính phủ"],
    &["Thủ tướng Chính phủ"],
    &["Văn phòng Chính phủ"],
    &["Bộ Công an"],
    &["Bộ Quốc phòng"],
    &["Bộ Ngoại giao"],
    &["Bộ Nội vụ"],
    &["Bộ Tư pháp"],
    &["Bộ Tài chính"],
    &["Bộ Công Thương"],
    &["Bộ Nông nghiệp và Môi trường"],
    &["Bộ Nông nghiệp và Phát triển nông thôn"],
    &["Bộ Tài nguyên và Môi trường"],
    &["Bộ Xây dựng"],
    &["Bộ Giao thông vận tải"],
    &["Bộ Kế hoạch và Đầu tư"],
    &["Bộ Khoa học và Công nghệ"],
    &["Bộ Thông tin và Truyền thông"],
    &["Bộ Giáo dục và Đào tạo"],
    &["Bộ Y tế"],
    &["Bộ Lao động - Thương binh và Xã hội"],
    &["Bộ Văn hóa, Thể thao và Du lịch"],
    &["Bộ Dân tộc và Tôn giáo"],
    &["Ủy ban Dân tộc"],
    &["Thanh tra Chính phủ"],
    &["Ngân hàng Nhà nước Việt Nam"],
    &["Kiểm toán nhà nước"],
    &["Bảo hiểm xã hội Việt Nam"],
    &["Đài Tiếng nói Việt Nam"],
    &["Đài Truyền hình Việt Nam"],
    &["Thông tấn xã Việt Nam"],
    &["Viện Hàn lâm Khoa học và Công nghệ Việt Nam"],
    &["Viện Hàn lâm Khoa học xã hội Việt Nam"],
    &["Ủy ban Quản lý vốn nhà nước tại doanh nghiệp"],
    &["Phòng Thương mại và Công nghiệp Việt Nam"],
    &["Tòa án nhân dân tối cao"],
    &["Viện kiểm sát nhân dân tối cao"],
    &["Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"],
    &["Tổng Liên đoàn Lao động Việt Nam"],
    &["Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh"],
    // The National Assembly and its bodies.
    &["Quốc hội"],
    &["Ủy ban Thường vụ Quốc hội"],
    &["Văn phòng Quốc hội"],
    &["Hội đồng Dân tộc"],
    &["Ủy ban Pháp luật"],
    &["Ủy ban Pháp luật và Tư pháp"],
    &["Ủy ban Tư pháp"],
    &["Ủy ban Kinh tế"],
    &["Ủy ban Kinh tế và Tài chính"],
    &["Ủy ban Tài chính, Ngân sách"],
    &["Ủy ban Quốc phòng và An ninh"],
    &["Ủy ban Quốc phòng, An ninh và Đối ngoại"],
    &["Ủy ban Văn hóa, Giáo dục"],
    &["Ủy ban Văn hóa và Xã hội"],
    &["Ủy ban Xã hội"],
    &["Ủy ban Khoa học, Công nghệ và Môi trường"],
    &["Ủy ban Đối ngoại"],
    &["Ban Công tác đại biểu"],
    &["Ban Dân nguyện"],
    &["Ban Dân nguyện và Giám sát"],
    &["Viện Nghiên cứu lập pháp"],
];

/// Classes of agencies: canonical class name first, then variants.
const COLLECTIVES: &[&[&str]] = &[
    &[
        "Các sở, ban, ngành cấp tỉnh",
        "sở, ban, ngành cấp tỉnh",
        "các sở, ban, ngành, đơn vị cấp tỉnh",
        "các sở, ban, ngành",
        "sở, ban, ngành",
        "các sở, ngành",
        "các sở, ngành cấp tỉnh",
        "sở, ngành cấp tỉnh",
        "các sở, ban, ngành tỉnh",
        "các sở, ngành tỉnh",
        "các sở, ban, ngành thuộc tỉnh",
        "các sở, ban, ngành của tỉnh",
    ],
    &["Các sở, ban, ngành, đoàn thể cấp tỉnh", "các sở, ban, ngành, đoàn thể", "các sở, ban, ngành, đoàn thể tỉnh"],
    &[
        "Ủy ban nhân dân cấp huyện",
        "UBND các huyện, thị xã, thành phố",
        "UBND huyện, thị xã, thành phố",
        "UBND các huyện, thị xã, thành phố trực thuộc tỉnh",
        "UBND các quận, huyện, thị xã, thành phố",
        "UBND các quận, huyện, thị xã",
        "UBND các quận, huyện",
        "UBND các huyện, thành phố",
        "UBND các huyện, thị xã",
        "UBND các huyện, thị, thành phố",
        "UBND các huyện",
        "UBND huyện, thị, thành phố",
    ],
    &[
        "Ủy ban nhân dân cấp xã",
        "UBND các xã, phường, thị trấn",
        "UBND xã, phường, thị trấn",
        "UBND các xã, phường, đặc khu",
        "UBND xã, phường, đặc khu",
        "UBND các phường, xã, đặc khu",
        "UBND phường, xã, đặc khu",
        "UBND các xã, phường",
        "UBND các phường, xã",
        "UBND xã, phường",
        "UBND các xã",
    ],
    &[
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
        "UBND cấp tỉnh",
        "UBND cấp tỉnh ở địa phương",
        "UBND các tỉnh, thành phố",
        "UBND các tỉnh, thành phố trực thuộc Trung ương",
        "UBND các tỉnh, thành",
        "UBND các tỉnh",
    ],
    &["Ủy ban nhân dân các cấp"],
    &["Các bộ, ngành, địa phương", "các bộ, ngành và địa phương", "các bộ, ngành, các địa phương"],
    &[
        "Các sở, ban, ngành, địa phương",
        "các sở, ngành, địa phương",
        "các sở, ngành và địa phương",
        "các sở, ban, ngành và địa phương",
    ],
    &[
        "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
        "các bộ, cơ quan ngang bộ",
        "các bộ, ngành",
        "các bộ, ngành Trung ương",
        "bộ, ngành Trung ương",
        "các bộ, ngành ở Trung ương",
        "các bộ ở Trung ương",
        "các bộ",
        "các bộ, ngành, cơ quan Trung ương",
    ],
    &["Các cơ quan thông tấn, báo chí trên địa bàn tỉnh", "các cơ quan thông tấn, báo chí"],
    &["Các Ủy ban của Quốc hội"],
    &["Các cơ quan thuộc Ủy ban Thường vụ Quốc hội"],
];

/// One lexicon entry.
#[derive(Debug)]
pub(crate) struct Entry {
    pub canonical: &'static str,
    pub collective: bool,
}

/// A variant's folded words and the index of its entry.
type Variant = (Vec<Vec<u8>>, usize);

struct Lexicon {
    entries: Vec<Entry>,
    /// First match word → (variant words, entry index), longest first;
    /// sorted by first word for a binary search.
    by_first: Vec<(Vec<u8>, Vec<Variant>)>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

fn build() -> Lexicon {
    let mut lexicon = Lexicon { entries: Vec::new(), by_first: Vec::new() };
    let mut by_first: HashMap<Vec<u8>, Vec<Variant>> = HashMap::new();
    let groups = AGENCIES.iter().map(|g| (g, false)).chain(COLLECTIVES.iter().map(|g| (g, true)));
    for (group, collective) in groups {
        let Some(canonical) = group.first() else { continue };
        let index = lexicon.entries.len();
        lexicon.entries.push(Entry { canonical, collective });
        for variant in group.iter() {
            let words: Vec<Vec<u8>> = Tokens::new(variant).words.iter().map(|w| w.as_bytes().to_vec()).collect();
            if let Some(first) = words.first() {
                by_first.entry(first.clone()).or_default().push((words, index));
            }
        }
    }
    for list in by_first.values_mut() {
        list.sort_by_key(|v| std::cmp::Reverse(v.0.len()));
    }
    lexicon.by_first = by_first.into_iter().collect();
    lexicon.by_first.sort_by(|a, b| a.0.cmp(&b.0));
    lexicon
}

/// The longest lexicon entry whose words start `words`, with its length in
/// words; `accept` may refuse a length (e.g. one that cuts an abbreviation).
pub(crate) fn longest_match(words: &[&[u8]], accept: impl Fn(usize) -> bool) -> Option<(&'static Entry, usize)> {
    let lexicon = &*LEXICON;
    let first = *words.first()?;
    let at = lexicon.by_first.binary_search_by(|(k, _)| k.as_slice().cmp(first)).ok()?;
    let candidates = &lexicon.by_first.get(at)?.1;
    // Every candidate's first word is `first` (it was found by it), so the
    // comparison starts at the second word.
    candidates.iter().find_map(|(variant, index)| {
        let n = variant.len();
        let fits = words.len() >= n
            && variant.iter().zip(words).skip(1).all(|(v, w)| super::token::same_bytes(v, w))
            && accept(n);
        if fits {
            lexicon.entries.get(*index).map(|e| (e, n))
        } else {
            None
        }
    })
}
