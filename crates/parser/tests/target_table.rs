//! Targets from sentences (the seed's general tasks, example 03's prose,
//! synthetic sentences), from hand-built indicator tables shaped like
//! example 03's appendices, and Vietnamese number parsing.

// Expected values are written as plain tuples so each table row reads on one line.
#![allow(clippy::type_complexity)]

use proptest::prelude::*;
use theodoi_parser::model::{Comparator, Target};
use theodoi_parser::raw::{RawRow, RawTable};
use theodoi_parser::target::{extract_targets, parse_vn_number, targets_from_table};

use Comparator::{Above as GT, AtLeast as GE, AtMost as LE, Below as LT, Equal as EQ};

/// General tasks of groups 3, 5, 6, 7 and 10 of the seed (QĐ 2999/QĐ-UBND).
const SEED: &[&str] = &[
    "a) Nhiệm vụ chung: Tập trung phát triển kinh tế nhanh và bền vững gắn với chuyển đổi mô hình tăng trưởng kinh tế, trong đó công nghiệp nặng, nông nghiệp quy mô lớn, giá trị gia tăng cao là nền tảng; các ngành công nghiệp năng lượng, công nghiệp chế biến, chế tạo và dịch vụ logistics là đột phá; du lịch là ngành kinh tế mũi nhọn để đến năm 2030, Thanh Hoá là tỉnh giàu đẹp, văn minh và hiện đại; đến năm 2045, là tỉnh phát triển toàn diện và kiểu mẫu của cả nước, trong đó: Giai đoạn 2021 - 2025, tốc độ tăng trưởng GRDP bình quân hàng năm đạt 11% trở lên; thu ngân sách nhà nước trên địa bàn bình quân hàng năm tăng 10% trở lên. Đến năm 2025, tỷ trọng đóng góp vào tổng sản phẩm (GDP) của cả nước chiếm khoảng 4%; GRDP bình quân đầu người đạt 5.200 USD; cơ cấu các ngành kinh tế trong GRDP: nông, lâm, thủy sản chiếm 5,9%, công nghiệp - xây dựng chiếm 53,8%, dịch vụ chiếm 30,5%, thuế sản phẩm chiếm 9,8%; tỷ trọng công nghiệp chế biến, chế tạo trong GRDP chiếm 36,6%; kim ngạch xuất khẩu đạt 8 tỷ USD. Giai đoạn 2026 - 2030, tốc độ tăng trưởng GRDP bình quân hằng năm đạt 9,2% trở lên; thu ngân sách nhà nước trên địa bàn bình quân hằng năm tăng 7% trở lên. Đến năm 2030, tỷ trọng đóng góp vào tổng sản phẩm (GDP) của cả nước chiếm khoảng 4,4%; GRDP bình quân đầu người đạt 8.990 USD; cơ cấu các ngành kinh tế trong GRDP: nông, lâm, thủy sản chiếm 3,8%, công nghiệp - xây dựng chiếm 56,3%, dịch vụ chiếm 30%, thuế sản phẩm chiếm 9,9%; tỷ trọng công nghiệp chế biến, chế tạo trong GRDP chiếm 41%; kim ngạch xuất khẩu đạt 15 tỷ USD.",
    "a) Nhiệm vụ chung: Tạo lập môi trường bình đẳng cho mọi thành phần kinh tế phát triển. Ưu tiên sử dụng vốn ngân sách nhà nước như “vốn mồi” để khai thác tối đa các nguồn vốn của các thành phần kinh tế khác. Thúc đẩy khởi nghiệp, đổi mới sáng tạo, hỗ trợ doanh nghiệp nhỏ và vừa phát triển, tham gia hiệu quả vào cụm liên kết ngành, chuỗi giá trị toàn cầu. Đồng thời, chú trọng phát triển mạnh các ngành kinh tế biển và ven biển gắn với bảo vệ vững chắc chủ quyền quốc gia và nâng cao đời sống Nhân dân vùng biển, đảo. Đẩy mạnh cải cách hành chính, cải thiện mạnh mẽ môi trường đầu tư kinh doanh để huy động tối đa và sử dụng có hiệu quả các nguồn lực đầu tư từ các thành phần kinh tế cho phát triển kinh tế - xã hội. Phấn đấu đến năm 2025, chỉ số năng lực cạnh tranh cấp tỉnh, chỉ số hiệu quả quản trị và hành chính công cấp tỉnh, chỉ số cải cách hành chính đứng trong nhóm 10 tỉnh, thành phố dẫn đầu cả nước; có 100% văn bản, hồ sơ công việc được giải quyết trên môi trường điện tử ở tất cả các cấp (trừ các văn bản mật theo quy định); tổng huy động vốn đầu tư toàn xã hội giai đoạn 2021 - 2025 đạt 750.000 tỷ đồng trở lên, giai đoạn 2026 - 2030 đạt 900.000 tỷ đồng trở lên. Đến năm 2030, chỉ số năng lực cạnh tranh cấp tỉnh, chỉ số hiệu quả quản trị và hành chính công cấp tỉnh đứng trong nhóm 8 tỉnh, thành phố dẫn đầu cả nước.",
    "a) Nhiệm vụ chung: Đổi mới mạnh mẽ, toàn diện và nâng cao chất lượng giáo dục và đào tạo, giữ vững và phát huy thành tích giáo dục mũi nhọn; nâng cao chất lượng dịch vụ y tế, phát triển nguồn nhân lực y tế có trình độ cao; tập trung đầu tư cơ sở hạ tầng nghiên cứu ứng dụng khoa học và công nghệ đưa Thanh Hóa thành trung tâm giáo dục đào tạo, y tế chuyên sâu của khu vực và cả nước. Phấn đấu đến năm 2025, tỷ lệ trường chuẩn quốc gia đạt 81%; tỷ lệ lao động qua đào tạo đạt 75%; tỷ lệ dân số tham gia bảo hiểm y tế đạt trên 95%; số bác sỹ/1 vạn dân đạt 13 bác sỹ; đóng góp của năng suất các nhân tố tổng hợp (TFP) vào tăng trưởng GRDP đạt 40%; có 60 doanh nghiệp khoa học công nghệ trở lên. Đến năm 2030, tỷ lệ trường chuẩn quốc gia đạt 95%; tỷ lệ lao động qua đào tạo đạt 80%, trong đó có bằng cấp, chứng chỉ đạt 35%; xây dựng các trường đại học trên địa bàn trở thành Trung tâm đào tạo tiên tiến của khu vực Bắc Trung Bộ; tỷ lệ dân số tham gia bảo hiểm y tế đạt 98%; số bác sỹ/1 vạn dân đạt 15 bác sỹ; đóng góp của năng suất các nhân tố tổng hợp (TFP) vào tăng trưởng GRDP đạt trên 45%; có 90 doanh nghiệp khoa học công nghệ trở lên.",
    "a) Nhiệm vụ chung: Xây dựng và phát triển văn hóa, con người Thanh Hóa, tạo nền tảng cho sự phát triển nhanh và bền vững của tỉnh; huy động đa dạng các nguồn lực để bảo tồn, trùng tu, tôn tạo các di tích lịch sử, văn hóa trọng điểm; tăng cường đầu tư cơ sở vật chất, duy trì và nâng cao chất lượng thể thao thành tích cao; thực hiện đồng bộ các giải pháp tiến bộ, công bằng xã hội. Phấn đấu đến năm 2025, có 100% đơn vị hành chính cấp huyện có trung tâm văn hóa; 80% đơn vị hành chính cấp xã có trung tâm văn hóa - thể thao; 80% thôn thuộc các huyện đồng bằng, ven biển và 60% thôn, bản thuộc các huyện miền núi có nhà văn hóa, khu thể thao thôn. Đến năm 2030, có 100% thôn, bản các huyện đồng bằng, ven biển và 80% thôn, bản các huyện miền núi có nhà văn hóa, khu thể thao thôn.",
    "Phấn đấu hằng năm, có 80% số xã, phường, thị trấn trở lên đạt tiêu chuẩn an toàn về an ninh trật tự.",
];

/// (indicator, comparator, value, value_max, unit, year, period)
type Want = (&'static str, Comparator, f64, Option<f64>, Option<&'static str>, Option<i32>, Option<[i32; 2]>);

const P21_25: Option<[i32; 2]> = Some([2021, 2025]);
const P26_30: Option<[i32; 2]> = Some([2026, 2030]);
const Y25: Option<i32> = Some(2025);
const Y30: Option<i32> = Some(2030);
const PCT: Option<&str> = Some("%");

fn check_all(got: &[Target], want: &[Want], group: u32) {
    let brief: Vec<String> =
        got.iter().map(|t| format!("{:?} {} {} {:?}", t.comparator, t.indicator, t.value, t.unit)).collect();
    assert_eq!(got.len(), want.len(), "group {group}: {brief:#?}");
    for (t, w) in got.iter().zip(want) {
        assert_eq!(t.indicator, w.0, "group {group}");
        assert_eq!(t.comparator, w.1, "{}", t.indicator);
        assert!((t.value - w.2).abs() < 1e-9, "{}: {}", t.indicator, t.value);
        assert_eq!(t.value_max, w.3, "{}", t.indicator);
        assert_eq!(t.unit.as_deref(), w.4, "{}", t.indicator);
        assert_eq!(t.year, w.5, "{}", t.indicator);
        assert_eq!(t.period, w.6, "{}", t.indicator);
        assert_eq!(t.group, Some(group));
        assert_eq!(t.line, Some(100 + group as usize));
    }
}

fn seed(i: usize, group: u32) -> Vec<Target> {
    extract_targets(SEED[i], Some(group), 100 + group as usize)
}

#[test]
fn seed_group_3_economy() {
    const NLS: &str = concat!("cơ cấu các ngành kinh tế trong GRDP: ", "nông, lâm, thủy sản");
    const CN: &str = concat!("cơ cấu các ngành kinh tế trong GRDP: ", "công nghiệp - xây dựng");
    const DV: &str = concat!("cơ cấu các ngành kinh tế trong GRDP: ", "dịch vụ");
    const THUE: &str = concat!("cơ cấu các ngành kinh tế trong GRDP: ", "thuế sản phẩm");
    let (nls, cn, dv, thue) = (NLS, CN, DV, THUE);
    let share = "tỷ trọng đóng góp vào tổng sản phẩm (GDP) của cả nước";
    let cbct = "tỷ trọng công nghiệp chế biến, chế tạo trong GRDP";
    let got = seed(0, 3);
    let want: Vec<Want> = vec![
        ("tốc độ tăng trưởng GRDP bình quân hàng năm", GE, 11.0, None, PCT, None, P21_25),
        ("thu ngân sách nhà nước trên địa bàn bình quân hàng năm tăng", GE, 10.0, None, PCT, None, P21_25),
        (share, EQ, 4.0, None, PCT, Y25, None),
        ("GRDP bình quân đầu người", EQ, 5200.0, None, Some("USD"), Y25, None),
        (nls, EQ, 5.9, None, PCT, Y25, None),
        (cn, EQ, 53.8, None, PCT, Y25, None),
        (dv, EQ, 30.5, None, PCT, Y25, None),
        (thue, EQ, 9.8, None, PCT, Y25, None),
        (cbct, EQ, 36.6, None, PCT, Y25, None),
        ("kim ngạch xuất khẩu", EQ, 8.0, None, Some("tỷ USD"), Y25, None),
        ("tốc độ tăng trưởng GRDP bình quân hằng năm", GE, 9.2, None, PCT, None, P26_30),
        ("thu ngân sách nhà nước trên địa bàn bình quân hằng năm tăng", GE, 7.0, None, PCT, None, P26_30),
        (share, EQ, 4.4, None, PCT, Y30, None),
        ("GRDP bình quân đầu người", EQ, 8990.0, None, Some("USD"), Y30, None),
        (nls, EQ, 3.8, None, PCT, Y30, None),
        (cn, EQ, 56.3, None, PCT, Y30, None),
        (dv, EQ, 30.0, None, PCT, Y30, None),
        (thue, EQ, 9.9, None, PCT, Y30, None),
        (cbct, EQ, 41.0, None, PCT, Y30, None),
        ("kim ngạch xuất khẩu", EQ, 15.0, None, Some("tỷ USD"), Y30, None),
    ];
    check_all(&got, &want, 3);
}

#[test]
fn seed_group_5_investment_and_rankings() {
    let pci = "chỉ số năng lực cạnh tranh cấp tỉnh";
    let papi = "chỉ số hiệu quả quản trị và hành chính công cấp tỉnh";
    let par = "chỉ số cải cách hành chính";
    let rank = Some("hạng");
    let docs = "văn bản, hồ sơ công việc được giải quyết trên môi trường điện tử ở tất cả các cấp (trừ các văn bản mật theo quy định)";
    let capital = "tổng huy động vốn đầu tư toàn xã hội";
    let want: Vec<Want> = vec![
        (pci, LE, 10.0, None, rank, Y25, None),
        (papi, LE, 10.0, None, rank, Y25, None),
        (par, LE, 10.0, None, rank, Y25, None),
        (docs, EQ, 100.0, None, PCT, Y25, None),
        (capital, GE, 750000.0, None, Some("tỷ đồng"), None, P21_25),
        (capital, GE, 900000.0, None, Some("tỷ đồng"), None, P26_30),
        (pci, LE, 8.0, None, rank, Y30, None),
        (papi, LE, 8.0, None, rank, Y30, None),
    ];
    check_all(&seed(1, 5), &want, 5);
}

#[test]
fn seed_group_6_education_health_science() {
    let schools = "tỷ lệ trường chuẩn quốc gia";
    let labour = "tỷ lệ lao động qua đào tạo";
    let insured = "tỷ lệ dân số tham gia bảo hiểm y tế";
    let doctors = "số bác sỹ/1 vạn dân";
    let per = Some("bác sỹ/1 vạn dân");
    let tfp = "đóng góp của năng suất các nhân tố tổng hợp (TFP) vào tăng trưởng GRDP";
    let firms = "doanh nghiệp khoa học công nghệ";
    let dn = Some("doanh nghiệp");
    let want: Vec<Want> = vec![
        (schools, EQ, 81.0, None, PCT, Y25, None),
        (labour, EQ, 75.0, None, PCT, Y25, None),
        (insured, GT, 95.0, None, PCT, Y25, None),
        (doctors, EQ, 13.0, None, per, Y25, None),
        (tfp, EQ, 40.0, None, PCT, Y25, None),
        (firms, GE, 60.0, None, dn, Y25, None),
        (schools, EQ, 95.0, None, PCT, Y30, None),
        (labour, EQ, 80.0, None, PCT, Y30, None),
        ("tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ", EQ, 35.0, None, PCT, Y30, None),
        (insured, EQ, 98.0, None, PCT, Y30, None),
        (doctors, EQ, 15.0, None, per, Y30, None),
        (tfp, GT, 45.0, None, PCT, Y30, None),
        (firms, GE, 90.0, None, dn, Y30, None),
    ];
    check_all(&seed(2, 6), &want, 6);
}

#[test]
fn seed_group_7_culture_centres() {
    let want: Vec<Want> = vec![
        ("đơn vị hành chính cấp huyện có trung tâm văn hóa", EQ, 100.0, None, PCT, Y25, None),
        ("đơn vị hành chính cấp xã có trung tâm văn hóa - thể thao", EQ, 80.0, None, PCT, Y25, None),
        ("thôn thuộc các huyện đồng bằng, ven biển có nhà văn hóa, khu thể thao thôn", EQ, 80.0, None, PCT, Y25, None),
        ("thôn, bản thuộc các huyện miền núi có nhà văn hóa, khu thể thao thôn", EQ, 60.0, None, PCT, Y25, None),
        ("thôn, bản các huyện đồng bằng, ven biển có nhà văn hóa, khu thể thao thôn", EQ, 100.0, None, PCT, Y30, None),
        ("thôn, bản các huyện miền núi có nhà văn hóa, khu thể thao thôn", EQ, 80.0, None, PCT, Y30, None),
    ];
    check_all(&seed(3, 7), &want, 7);
}

#[test]
fn seed_group_10_safe_communes_yearly() {
    let want: Vec<Want> =
        vec![("số xã, phường, thị trấn đạt tiêu chuẩn an toàn về an ninh trật tự", GE, 80.0, None, PCT, None, None)];
    check_all(&seed(4, 10), &want, 10);
}

#[test]
fn seed_total_is_about_45() {
    let total: usize = [(0, 3), (1, 5), (2, 6), (3, 7), (4, 10)].iter().map(|&(i, g)| seed(i, g).len()).sum();
    assert_eq!(total, 48);
}

/// (sentence, indicator contains, comparator, value, value_max, unit, year, period)
type Case =
    (&'static str, &'static str, Comparator, f64, Option<f64>, Option<&'static str>, Option<i32>, Option<[i32; 2]>);

const SENTENCES: &[Case] = &[
    ("Đến năm 2025, tỷ lệ che phủ rừng đạt 54%.", "tỷ lệ che phủ rừng", EQ, 54.0, None, PCT, Y25, None),
    ("Phấn đấu đến năm 2030, tỷ lệ đô thị hóa đạt trên 45%.", "tỷ lệ đô thị hóa", GT, 45.0, None, PCT, Y30, None),
    ("Đến năm 2025, tỷ lệ hộ nghèo giảm còn dưới 3%.", "tỷ lệ hộ nghèo giảm", LT, 3.0, None, PCT, Y25, None),
    ("Đến năm 2025, tỷ lệ thất nghiệp không quá 2,5%.", "tỷ lệ thất nghiệp", LE, 2.5, None, PCT, Y25, None),
    (
        "Đến năm 2025, có ít nhất 30 xã đạt chuẩn nông thôn mới nâng cao.",
        "xã đạt chuẩn nông thôn mới nâng cao",
        GE,
        30.0,
        None,
        Some("xã"),
        Y25,
        None,
    ),
    (
        "Đến năm 2030, tỷ lệ lao động nông nghiệp tối thiểu 25%.",
        "tỷ lệ lao động nông nghiệp",
        GE,
        25.0,
        None,
        PCT,
        Y30,
        None,
    ),
    (
        "Giai đoạn 2021 - 2025, kim ngạch xuất khẩu tăng bình quân 15-20%/năm.",
        "kim ngạch xuất khẩu tăng bình quân",
        EQ,
        15.0,
        Some(20.0),
        Some("%/năm"),
        None,
        P21_25,
    ),
    ("Đến năm 2025, tỷ trọng kinh tế số chiếm khoảng 20% GRDP.", "tỷ trọng kinh tế số", EQ, 20.0, None, PCT, Y25, None),
    (
        "Đến năm 2025, GRDP bình quân đầu người đạt 5.200 USD.",
        "GRDP bình quân đầu người",
        EQ,
        5200.0,
        None,
        Some("USD"),
        Y25,
        None,
    ),
    (
        "Đến năm 2030, tổng vốn đầu tư đạt 1.234,5 nghìn tỷ đồng.",
        "tổng vốn đầu tư",
        EQ,
        1234.5,
        None,
        Some("nghìn tỷ đồng"),
        Y30,
        None,
    ),
    (
        "Đến năm 2025, thu hút 10 triệu lượt khách, doanh thu du lịch đạt 25.000 tỷ đồng.",
        "doanh thu du lịch",
        EQ,
        25000.0,
        None,
        Some("tỷ đồng"),
        Y25,
        None,
    ),
    (
        "Giai đoạn 2026 - 2030, thu ngân sách bình quân hằng năm tăng 7% trở lên.",
        "thu ngân sách bình quân hằng năm tăng",
        GE,
        7.0,
        None,
        PCT,
        None,
        P26_30,
    ),
    (
        "Phấn đấu đến năm 2025, chỉ số PCI đứng trong nhóm 20 tỉnh dẫn đầu cả nước.",
        "chỉ số PCI",
        LE,
        20.0,
        None,
        Some("hạng"),
        Y25,
        None,
    ),
    (
        "Đến năm 2030, chỉ số chuyển đổi số nằm trong top 10 tỉnh, thành phố dẫn đầu.",
        "chỉ số chuyển đổi số",
        LE,
        10.0,
        None,
        Some("hạng"),
        Y30,
        None,
    ),
    (
        "Phấn đấu đến năm 2025, có 100% trạm y tế xã có bác sỹ.",
        "trạm y tế xã có bác sỹ",
        EQ,
        100.0,
        None,
        PCT,
        Y25,
        None,
    ),
    (
        "Đến năm 2030, có 90% số hộ dân trở lên được sử dụng nước sạch.",
        "số hộ dân được sử dụng nước sạch",
        GE,
        90.0,
        None,
        PCT,
        Y30,
        None,
    ),
    (
        "Phấn đấu hằng năm, có 85% số hồ sơ trở lên được giải quyết đúng hạn.",
        "số hồ sơ được giải quyết đúng hạn",
        GE,
        85.0,
        None,
        PCT,
        None,
        None,
    ),
    (
        "Đến năm 2025, số giường bệnh/1 vạn dân đạt 32 giường bệnh.",
        "số giường bệnh/1 vạn dân",
        EQ,
        32.0,
        None,
        Some("giường bệnh/1 vạn dân"),
        Y25,
        None,
    ),
    (
        "Đến năm 2025, có 50 hợp tác xã kiểu mới trở lên.",
        "hợp tác xã kiểu mới",
        GE,
        50.0,
        None,
        Some("hợp tác xã"),
        Y25,
        None,
    ),
    ("Đến năm 2025, tuổi thọ trung bình đạt 75 tuổi.", "tuổi thọ trung bình", EQ, 75.0, None, None, Y25, None),
    (
        "Phấn đấu giá trị hàng hóa tham gia xuất khẩu đến năm 2030 đạt 400 triệu USD.",
        "giá trị hàng hóa tham gia xuất khẩu",
        EQ,
        400.0,
        None,
        Some("triệu USD"),
        Y30,
        None,
    ),
    (
        "Tổng sản phẩm trái cây tham gia xuất khẩu phấn đấu đến năm 2030 đạt trên 46.200 tấn.",
        "Tổng sản phẩm trái cây tham gia xuất khẩu",
        GT,
        46200.0,
        None,
        Some("tấn"),
        Y30,
        None,
    ),
    (
        "Tổng sản phẩm Chuối tham gia xuất khẩu đến năm 2030 phấn đấu đạt 14.500 tấn.",
        "Tổng sản phẩm Chuối tham gia xuất khẩu",
        EQ,
        14500.0,
        None,
        Some("tấn"),
        Y30,
        None,
    ),
    (
        "Tổng giá trị sản phẩm Xoài tham gia xuất khẩu đến năm 2030 dự kiến đạt 10 triệu USD.",
        "Tổng giá trị sản phẩm Xoài tham gia xuất khẩu",
        EQ,
        10.0,
        None,
        Some("triệu USD"),
        Y30,
        None,
    ),
    (
        "Giá trị hàng công nghiệp, tiểu thủ công nghiệp tham gia xuất khẩu đến năm 2030 đạt 05 triệu USD.",
        "tiểu thủ công nghiệp tham gia xuất khẩu",
        EQ,
        5.0,
        None,
        Some("triệu USD"),
        Y30,
        None,
    ),
    (
        "Đến năm 2025, tỷ lệ xã đạt chuẩn nông thôn mới đạt 80%.",
        "tỷ lệ xã đạt chuẩn nông thôn mới",
        EQ,
        80.0,
        None,
        PCT,
        Y25,
        None,
    ),
    (
        "Đến năm 2025, sản lượng lương thực duy trì ở mức 1,5 triệu tấn.",
        "sản lượng lương thực",
        EQ,
        1.5,
        None,
        Some("triệu tấn"),
        Y25,
        None,
    ),
    (
        "Đến năm 2025, tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng giảm còn 10%.",
        "tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng giảm",
        EQ,
        10.0,
        None,
        PCT,
        Y25,
        None,
    ),
    ("Đến hết năm 2025, tỷ lệ dân số đô thị đạt 35 %.", "tỷ lệ dân số đô thị", EQ, 35.0, None, PCT, Y25, None),
    (
        "Giai đoạn 2021–2025, tổng vốn đầu tư phát triển toàn xã hội đạt ít nhất 500.000 tỷ đồng.",
        "tổng vốn đầu tư phát triển toàn xã hội",
        GE,
        500000.0,
        None,
        Some("tỷ đồng"),
        None,
        P21_25,
    ),
    ("ĐẾN NĂM 2030, TỶ LỆ ĐÔ THỊ HÓA ĐẠT 40%.", "TỶ LỆ ĐÔ THỊ HÓA", EQ, 40.0, None, PCT, Y30, None),
    (
        "Đến năm 2025, năng suất lao động tăng bình quân 6,5%/năm trở lên.",
        "năng suất lao động tăng bình quân",
        GE,
        6.5,
        None,
        Some("%/năm"),
        Y25,
        None,
    ),
    (
        "Đến năm 2025, diện tích trồng rừng mới đạt 5.000 ha.",
        "diện tích trồng rừng mới",
        EQ,
        5000.0,
        None,
        Some("ha"),
        Y25,
        None,
    ),
    (
        "Đến năm 2030, tỷ lệ chất thải rắn được thu gom xử lý đạt 95 - 100%.",
        "tỷ lệ chất thải rắn được thu gom xử lý",
        EQ,
        95.0,
        Some(100.0),
        PCT,
        Y30,
        None,
    ),
    (
        "Đến năm 2025, cơ cấu lao động: nông nghiệp chiếm 30%, công nghiệp chiếm 40%.",
        "cơ cấu lao động: nông nghiệp",
        EQ,
        30.0,
        None,
        PCT,
        Y25,
        None,
    ),
    ("Đến năm 2025, tỷ lệ tiêm chủng đạt tối thiểu 95%.", "tỷ lệ tiêm chủng", GE, 95.0, None, PCT, Y25, None),
    (
        "Năm 2025, tỷ lệ dân số có thẻ căn cước đạt 100%.",
        "tỷ lệ dân số có thẻ căn cước",
        EQ,
        100.0,
        None,
        PCT,
        Y25,
        None,
    ),
    (
        "Phát triển đối tượng tham gia bảo hiểm y tế để đạt mục tiêu tỷ lệ bao phủ bảo hiểm y tế trên 95,5% vào năm 2026.",
        "tỷ lệ bao phủ bảo hiểm y tế",
        GT,
        95.5,
        None,
        PCT,
        Some(2026),
        None,
    ),
    ("Đến năm 2030, thu nhập bình quân tăng gấp 2 lần.", "thu nhập bình quân tăng gấp", EQ, 2.0, None, Some("lần"), Y30, None),
    ("Lựa chọn ít nhất 01 doanh nghiệp làm đơn vị thu gom.", "Lựa chọn", GE, 1.0, None, Some("doanh nghiệp"), None, None),
];

#[test]
fn sentences_table() {
    assert!(SENTENCES.len() >= 35);
    for (text, contains, cmp, value, max, unit, year, period) in SENTENCES {
        let got = extract_targets(text, None, 7);
        let t = got
            .iter()
            .find(|t| t.indicator.contains(contains))
            .unwrap_or_else(|| panic!("{text}: no target with indicator containing {contains:?}; got {got:#?}"));
        assert_eq!(t.comparator, *cmp, "{text}");
        assert!((t.value - value).abs() < 1e-9, "{text}: value {}", t.value);
        assert_eq!(t.value_max, *max, "{text}");
        assert_eq!(t.unit.as_deref(), *unit, "{text}");
        assert_eq!(t.year, *year, "{text}");
        assert_eq!(t.period, *period, "{text}");
        assert_eq!(t.line, Some(7));
        assert_eq!(t.text.as_deref().map(|s| s.is_empty()), Some(false));
    }
}

#[test]
fn example_03_prose_range_and_sub_targets() {
    let text = "3. Phấn đấu giá trị hàng hóa tham gia xuất khẩu đến năm 2030 đạt 400 triệu USD, tăng bình quân hàng năm trong giai đoạn này đạt 10 - 13%/năm. Trong đó: Giá trị sản phẩm nông sản, thực phẩm tham gia xuất khẩu đạt 395 triệu USD; Giá trị hàng công nghiệp, tiểu thủ công nghiệp tham gia xuất khẩu đạt 05 triệu USD.";
    let got = extract_targets(text, None, 115);
    let brief: Vec<(String, f64, Option<f64>, Option<String>, Option<i32>)> =
        got.iter().map(|t| (t.indicator.clone(), t.value, t.value_max, t.unit.clone(), t.year)).collect();
    assert_eq!(got.len(), 4, "{brief:#?}");
    assert_eq!(brief[0], ("giá trị hàng hóa tham gia xuất khẩu".into(), 400.0, None, Some("triệu USD".into()), Y30));
    assert!(brief[1].0.starts_with("tăng bình quân hàng năm"), "{brief:#?}");
    assert_eq!((brief[1].1, brief[1].2, brief[1].3.as_deref()), (10.0, Some(13.0), Some("%/năm")));
    assert_eq!(
        brief[2],
        ("Giá trị sản phẩm nông sản, thực phẩm tham gia xuất khẩu".into(), 395.0, None, Some("triệu USD".into()), Y30)
    );
    assert_eq!(brief[3].1, 5.0);
}

#[test]
fn example_03_fruit_paragraph() {
    let text = "- Các sản phẩm trái cây: Tổng sản phẩm trái cây tham gia xuất khẩu phấn đấu đến năm 2030 đạt trên 46.200 tấn; tổng giá trị sản phẩm trái cây tham gia xuất khẩu đến năm 2030 dự kiến đạt trên 48,3 triệu USD, tốc độ tăng bình quân 05 - 06%/năm. Một số sản phẩm trái cây chủ yếu:";
    let got = extract_targets(text, None, 131);
    assert_eq!(got.len(), 3, "{got:#?}");
    assert_eq!((got[0].comparator, got[0].value, got[0].unit.as_deref()), (GT, 46200.0, Some("tấn")));
    assert!(got[0].indicator.ends_with("Tổng sản phẩm trái cây tham gia xuất khẩu"), "{}", got[0].indicator);
    assert_eq!(got[1].indicator, "tổng giá trị sản phẩm trái cây tham gia xuất khẩu");
    assert_eq!((got[1].comparator, got[1].value, got[1].unit.as_deref()), (GT, 48.3, Some("triệu USD")));
    assert_eq!(got[2].indicator, "tốc độ tăng bình quân");
    assert_eq!((got[2].value, got[2].value_max, got[2].year), (5.0, Some(6.0), Y30));
}

#[test]
fn time_switches_inside_one_paragraph() {
    let text = "Đến năm 2025, tỷ lệ A đạt 50%; tỷ lệ B đạt 60%. Giai đoạn 2026 - 2030, tỷ lệ C tăng 5% trở lên. Đến năm 2030, tỷ lệ A đạt 70%.";
    let got = extract_targets(text, Some(2), 1);
    let w: Vec<(f64, Option<i32>, Option<[i32; 2]>)> = got.iter().map(|t| (t.value, t.year, t.period)).collect();
    assert_eq!(w, vec![(50.0, Y25, None), (60.0, Y25, None), (5.0, None, P26_30), (70.0, Y30, None)]);
}

#[test]
fn non_targets_give_nothing() {
    let negatives = [
        "phục vụ phát triển 4 trung tâm kinh tế động lực, 5 trụ cột tăng trưởng, 6 hành lang kinh tế.",
        "Đầu tư xây dựng 07 nút giao trên tuyến cao tốc Bắc - Nam.",
        "Căn cứ Nghị quyết số 13/NQ-CP ngày 03/02/2021 của Chính phủ; Chương trình số 11-CTr/TU.",
        "Nâng cấp cảng biển Nghi Sơn đón tàu lớn hơn 5.000 tấn.",
        "Hỗ trợ phát triển kinh tế - xã hội 15 xã biên giới.",
        "Tăng cường công tác quản lý nhà nước đến năm 2030.",
        "Giai đoạn 2021 - 2025, tập trung xây dựng hạ tầng.",
        "Báo cáo trước ngày 15/10/2021 và định kỳ 6 tháng.",
        "Thực hiện Quyết định 2999/QĐ-UBND ngày 09/8/2021.",
        "Xây dựng các trường đại học trên địa bàn trở thành trung tâm đào tạo.",
        "Hoàn thành 3 dự án trọng điểm trong Quý IV năm 2022.",
        "Cách mạng công nghiệp lần thứ 4 và chuyển đổi số.",
        "",
        "đạt",
        "đạt %",
    ];
    for text in negatives {
        let got = extract_targets(text, None, 1);
        assert!(got.is_empty(), "{text}: {got:#?}");
    }
}

#[test]
fn vn_numbers() {
    let cases: &[(&str, Option<f64>)] = &[
        ("5.200", Some(5200.0)),
        ("750.000", Some(750000.0)),
        ("6,3", Some(6.3)),
        ("1.234,5", Some(1234.5)),
        ("05", Some(5.0)),
        ("8", Some(8.0)),
        ("0,5", Some(0.5)),
        ("1,234", Some(1.234)),
        ("10.5", Some(10.5)),
        ("1.234.567", Some(1234567.0)),
        ("8.990", Some(8990.0)),
        ("46.200", Some(46200.0)),
        (" 12 ", Some(12.0)),
        ("1,234,567", Some(1234567.0)),
        ("1,234.5", Some(1234.5)),
        ("", None),
        ("abc", None),
        ("1.2.3", None),
        ("5.", None),
        (",5", None),
        ("1..2", None),
        ("12a", None),
        ("-5", None),
        ("1.234,", None),
        ("5 200", None),
    ];
    for (s, want) in cases {
        assert_eq!(parse_vn_number(s), *want, "{s:?}");
    }
}

fn row(line: usize, cells: &[&str]) -> RawRow {
    RawRow { line, cells: cells.iter().map(|c| c.to_string()).collect() }
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// Example 03, Phụ lục 01: two header rows, the years under "GIAI ĐOẠN".
fn appendix_01() -> RawTable {
    RawTable {
        line: 710,
        header: vec![
            strings(&["TT", "Chỉ tiêu", "ĐVT", "ƯTH Năm 2025", "GIAI ĐOẠN 2026 - 2030"]),
            strings(&["Năm 2026", "Năm 2027", "Năm 2028", "Năm 2029", "Năm 2030"]),
        ],
        rows: vec![
            row(740, &["I", "CÂY CÔNG NGHIỆP", "", "", "", "", "", "", ""]),
            row(750, &["1", "Cà Phê", "", "", "", "", "", "", ""]),
            row(760, &["-", "Diện tích", "Ha", "26.120", "27.000", "27.500", "28.000", "29.000", "30.000"]),
            row(
                770,
                &["-", "Sản lượng cà phê nhân", "Tấn", "37.724", "39.800", "40.602", "45.225", "50.500", "54.468"],
            ),
            row(780, &["III", "BÒ SỮA", "", "", "", "", "", "", ""]),
            row(790, &["-", "Tổng đàn", "Con", "28.010", "28.100", "", "28.350", "≥ 28.500", "trên 29.000"]),
        ],
    }
}

#[test]
fn indicator_table_two_level_header() {
    let got = targets_from_table(&appendix_01());
    assert_eq!(got.len(), 6 + 6 + 5, "{got:#?}");
    let first = &got[0];
    assert_eq!(first.indicator, "Cà Phê: Diện tích");
    assert_eq!((first.value, first.unit.as_deref(), first.year), (26120.0, Some("Ha"), Y25));
    assert_eq!(first.comparator, EQ);
    assert_eq!(first.line, Some(760));
    let last_coffee = &got[11];
    assert_eq!(last_coffee.indicator, "Cà Phê: Sản lượng cà phê nhân");
    assert_eq!((last_coffee.value, last_coffee.unit.as_deref(), last_coffee.year), (54468.0, Some("Tấn"), Y30));
    let herd: Vec<(f64, Option<i32>, Comparator)> = got[12..].iter().map(|t| (t.value, t.year, t.comparator)).collect();
    assert_eq!(
        herd,
        vec![
            (28010.0, Y25, EQ),
            (28100.0, Some(2026), EQ),
            (28350.0, Some(2028), EQ),
            (28500.0, Some(2029), GE),
            (29000.0, Y30, GT)
        ]
    );
    assert!(got[12..].iter().all(|t| t.indicator == "BÒ SỮA: Tổng đàn" && t.unit.as_deref() == Some("Con")));
}

/// Example 03, Phụ lục 02: each year splits into quantity and value.
#[test]
fn indicator_table_quantity_and_value_per_year() {
    let table = RawTable {
        line: 1100,
        header: vec![
            strings(&["TT", "Sản phẩm", "Kế hoạch 2026", "Kế hoạch 2027"]),
            strings(&[
                "Lượng (Tấn)",
                "Giá trị tham gia xuất khẩu (Nghìn USD)",
                "Lượng (Tấn)",
                "Giá trị tham gia xuất khẩu (Nghìn USD)",
            ]),
        ],
        rows: vec![
            row(1110, &["", "1", "2", "3", "4", "5"]),
            row(1120, &["I", "Mặt hàng nông sản", "", "", "", ""]),
            row(1130, &["1", "Xoài", "13.500", "7.000", "14.800", "7.800"]),
            row(1140, &["9", "Sữa và sản phẩm từ sữa", "14.000", "19.000"]),
        ],
    };
    let got = targets_from_table(&table);
    let brief: Vec<(String, f64, Option<String>, Option<i32>)> =
        got.iter().map(|t| (t.indicator.clone(), t.value, t.unit.clone(), t.year)).collect();
    assert_eq!(
        brief,
        vec![
            ("Xoài - Lượng".into(), 13500.0, Some("Tấn".into()), Some(2026)),
            ("Xoài - Giá trị tham gia xuất khẩu".into(), 7000.0, Some("Nghìn USD".into()), Some(2026)),
            ("Xoài - Lượng".into(), 14800.0, Some("Tấn".into()), Some(2027)),
            ("Xoài - Giá trị tham gia xuất khẩu".into(), 7800.0, Some("Nghìn USD".into()), Some(2027)),
            ("Sữa và sản phẩm từ sữa - Lượng".into(), 14000.0, Some("Tấn".into()), Some(2026)),
            ("Sữa và sản phẩm từ sữa - Lượng".into(), 19000.0, Some("Tấn".into()), Some(2027)),
        ]
    );
}

#[test]
fn indicator_table_one_header_row_with_percent_and_period() {
    let table = RawTable {
        line: 1,
        header: vec![strings(&["STT", "Nội dung", "Đơn vị tính", "Ước 2025", "KH 2030", "Giai đoạn 2026-2030"])],
        rows: vec![
            row(2, &["1", "Tỷ lệ che phủ rừng", "%", "45", "≥ 50", ""]),
            row(3, &["2", "Tăng trưởng GRDP", "", "", "", "10 - 12%"]),
            row(4, &["3", "Ghi chú", "", "x", "-", ""]),
        ],
    };
    let got = targets_from_table(&table);
    let brief: Vec<(String, Comparator, f64, Option<f64>, Option<String>, Option<i32>, Option<[i32; 2]>)> = got
        .iter()
        .map(|t| (t.indicator.clone(), t.comparator, t.value, t.value_max, t.unit.clone(), t.year, t.period))
        .collect();
    assert_eq!(
        brief,
        vec![
            ("Tỷ lệ che phủ rừng".into(), EQ, 45.0, None, Some("%".into()), Y25, None),
            ("Tỷ lệ che phủ rừng".into(), GE, 50.0, None, Some("%".into()), Y30, None),
            ("Tăng trưởng GRDP".into(), EQ, 10.0, Some(12.0), Some("%".into()), None, P26_30),
        ]
    );
}

#[test]
fn task_tables_are_not_indicator_tables() {
    let table = RawTable {
        line: 1,
        header: vec![strings(&["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành 2025"])],
        rows: vec![row(2, &["1", "Xây dựng đề án", "Sở Tài chính", "Các sở", "2025"])],
    };
    assert!(targets_from_table(&table).is_empty());
    let no_years = RawTable {
        line: 1,
        header: vec![strings(&["TT", "Chỉ tiêu", "ĐVT", "Ghi chú"])],
        rows: vec![row(2, &["1", "Diện tích", "Ha", "12"])],
    };
    assert!(targets_from_table(&no_years).is_empty());
    assert!(targets_from_table(&RawTable::default()).is_empty());
}

proptest! {
    #[test]
    fn extract_targets_never_panics(s in "\\PC{0,200}") {
        let _ = extract_targets(&s, Some(1), 1);
    }

    #[test]
    fn extract_targets_never_panics_on_target_like_text(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("đạt "), Just("trên "), Just("dưới "), Just("5.200"), Just("6,3"), Just("%"), Just(" trở lên"),
                Just("; "), Just(". "), Just(", "), Just("Đến năm 2025"), Just("giai đoạn 2021 - 2025"),
                Just("có "), Just("trong đó "), Just("nhóm 10 tỉnh dẫn đầu"), Just("tỷ lệ "), Just("hằng năm, "),
                Just("ệ"), Just("10 - 13"), Just("/"), Just(":"), Just("và "), Just("tăng "),
            ],
            0..30,
        )
    ) {
        let s: String = parts.concat();
        let _ = extract_targets(&s, None, 1);
    }

    #[test]
    fn parse_vn_number_never_panics(s in "[0-9.,a ]{0,20}") {
        let _ = parse_vn_number(&s);
    }

    #[test]
    fn tables_never_panic(cells in proptest::collection::vec(proptest::collection::vec("[0-9.,≥a-zĐ ]{0,8}", 0..8), 0..6)) {
        let table = RawTable {
            line: 1,
            header: vec![strings(&["TT", "Chỉ tiêu", "ĐVT", "2025"]), strings(&["2026", "2027"])],
            rows: cells.into_iter().enumerate().map(|(i, c)| RawRow { line: i, cells: c }).collect(),
        };
        let _ = targets_from_table(&table);
    }
}

#[test]
fn header_rows_left_in_the_body_are_read_as_headers() {
    let mut t = appendix_01();
    let years = RawRow { line: 720, cells: t.header[1].clone() };
    t.header.truncate(1);
    t.rows.insert(0, years);
    let got = targets_from_table(&t);
    assert_eq!(got.len(), 17);
    assert_eq!((got[1].value, got[1].year), (27000.0, Some(2026)));

    let mut t = appendix_01();
    let mut rows =
        vec![RawRow { line: 711, cells: t.header[0].clone() }, RawRow { line: 720, cells: t.header[1].clone() }];
    rows.append(&mut t.rows);
    let bare = RawTable { line: 710, header: Vec::new(), rows };
    let got = targets_from_table(&bare);
    assert_eq!(got.len(), 17);
    assert_eq!((got[16].value, got[16].year, got[16].comparator), (29000.0, Y30, GT));
}
