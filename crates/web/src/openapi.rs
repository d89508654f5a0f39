//! The API described for people and programs: a hand-written OpenAPI 3.1
//! document served at `/api/v1/openapi.json`, and a page of our own at
//! `/api/docs` rendered from that same document, so the two never differ.
//! The document is snapshot-tested: any change to the API shows in review.

use axum::http::header;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use crate::state::AppState;

/// `/openapi.json`, under `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new().route("/openapi.json", get(openapi_json))
}

/// `/api/docs`, outside `/api/v1`: a page for people.
pub fn docs_routes() -> Router<AppState> {
    Router::new().route("/api/docs", get(docs_page))
}

async fn openapi_json() -> impl IntoResponse {
    ([(header::CACHE_CONTROL, "no-cache")], Json(document()))
}

async fn docs_page() -> Result<Html<String>, crate::error::PageError> {
    crate::pages::render(&docs::page(&document()))
}

/// An operation being described.
struct Op(Map<String, Value>);

fn op(id: &str, tag: &str, summary: &str) -> Op {
    let mut m = Map::new();
    m.insert("operationId".into(), json!(id));
    m.insert("tags".into(), json!([tag]));
    m.insert("summary".into(), json!(summary));
    m.insert("parameters".into(), json!([]));
    m.insert("responses".into(), json!({}));
    Op(m)
}

fn schema_ref(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

impl Op {
    fn describe(mut self, text: &str) -> Op {
        self.0.insert("description".into(), json!(text));
        self
    }

    fn param(mut self, name: &str, at: &str, schema: Value, description: &str) -> Op {
        let required = at == "path";
        let p = json!({"name": name, "in": at, "required": required, "schema": schema, "description": description});
        self.0["parameters"].as_array_mut().expect("parameters is a list").push(p);
        self
    }

    fn id_param(self, what: &str) -> Op {
        self.param("id", "path", json!({"type": "integer", "format": "int64"}), &format!("Mã số {what}."))
    }

    fn paging(self) -> Op {
        self.param(
            "limit",
            "query",
            json!({"type": "integer", "minimum": 1, "maximum": crate::api::MAX_LIMIT, "default": 50}),
            "Số mục mỗi trang.",
        )
        .param(
            "offset",
            "query",
            json!({"type": "integer", "minimum": 0, "maximum": crate::api::MAX_OFFSET, "default": 0}),
            "Bỏ qua bao nhiêu mục đầu.",
        )
    }

    fn day_param(self) -> Op {
        self.param(
            "as_of",
            "query",
            json!({"type": "string", "format": "date"}),
            "Ngày xem (YYYY-MM-DD); mặc định hôm nay.",
        )
    }

    fn body(mut self, schema: &str, required: bool) -> Op {
        self.0.insert(
            "requestBody".into(),
            json!({"required": required, "content": {"application/json": {"schema": schema_ref(schema)}}}),
        );
        self
    }

    /// A document sent as the whole body, as text.
    fn text_body(mut self) -> Op {
        self.0.insert(
            "requestBody".into(),
            json!({"required": true, "content": {
                "text/plain": {"schema": {"type": "string", "minLength": 1}},
                "text/markdown": {"schema": {"type": "string", "minLength": 1}}
            }}),
        );
        self
    }

    fn answers(mut self, status: u16, schema: &str, description: &str) -> Op {
        self.0["responses"][status.to_string()] =
            json!({"description": description, "content": {"application/json": {"schema": schema_ref(schema)}}});
        self
    }

    /// An answer with no body (204 after a deletion).
    fn answers_empty(mut self, status: u16, description: &str) -> Op {
        self.0["responses"][status.to_string()] = json!({"description": description});
        self
    }

    /// The failures this operation can answer, from the shared responses.
    fn fails(mut self, codes: &[u16]) -> Op {
        for code in codes {
            let name = match code {
                400 => "BadRequest",
                401 => "Unauthorized",
                403 => "Forbidden",
                404 => "NotFound",
                409 => "Conflict",
                413 => "TooLarge",
                415 => "NotJson",
                422 => "Unprocessable",
                _ => unreachable!("no shared response for {code}"),
            };
            self.0["responses"][code.to_string()] = json!({"$ref": format!("#/components/responses/{name}")});
        }
        self
    }

    fn public(mut self) -> Op {
        self.0.insert("security".into(), json!([]));
        self
    }

    fn done(self) -> Value {
        Value::Object(self.0)
    }
}

/// Failures of a read of one item by id.
const READ_ONE: &[u16] = &[400, 401, 403, 404];
/// Failures of a list.
const READ_LIST: &[u16] = &[400, 401, 403];
/// Failures of a write with a JSON body.
const WRITE: &[u16] = &[400, 401, 403, 404, 409, 413, 415, 422];

fn paths() -> Value {
    named(vec![
        (
            "/me",
            json!({"get": op("getMe", "Tài khoản", "Tài khoản đang dùng và quyền của nó")
            .describe("Ai đang gọi API (theo phiên đăng nhập hoặc mã truy cập) và được làm gì; quyền do `theodoi_core::allowed` quyết định.")
            .answers(200, "Me", "Tài khoản và quyền.").fails(&[401]).done()}),
        ),
        (
            "/tasks",
            json!({"get": op("listTasks", "Nhiệm vụ", "Danh sách nhiệm vụ, có lọc")
            .param("plan", "query", json!({"type": "string"}), "Số hiệu kế hoạch, ví dụ 2999/QĐ-UBND.")
            .param("agency", "query", json!({"type": "string"}), "Tên cơ quan (hoặc tên gọi khác).")
            .param("role", "query", json!({"type": "string", "enum": ["lead", "coordinating"]}), "Vai trò của cơ quan.")
            .param("status", "query", schema_ref("TaskStatus"), "Tình trạng vào ngày xem.")
            .day_param()
            .param("q", "query", json!({"type": "string"}), "Từ khoá trong tên nhiệm vụ, gõ có dấu hay không dấu đều được.")
            .paging()
            .answers(200, "TaskPage", "Một trang nhiệm vụ và tổng số; kế hoạch hoặc cơ quan không có thì 404.").fails(READ_ONE).done()}),
        ),
        (
            "/tasks/{id}",
            json!({"get": op("getTask", "Nhiệm vụ", "Một nhiệm vụ đầy đủ (\"5 rõ\")")
            .describe("Nội dung, cơ quan chủ trì và phối hợp với người phụ trách, sản phẩm, thời hạn, tình trạng, các dòng văn bản gốc, lịch sử báo cáo, xác nhận và đôn đốc.")
            .id_param("nhiệm vụ").day_param()
            .answers(200, "TaskDetail", "Nhiệm vụ.").fails(READ_ONE).done()}),
        ),
        (
            "/tasks/{id}/progress",
            json!({"post": op("reportProgress", "Báo cáo", "Cơ quan chủ trì báo cáo tiến độ")
            .describe("Chỉ tài khoản của cơ quan chủ trì nhiệm vụ (trực tiếp hoặc qua khối) được báo cáo. `done: true` là đề nghị công nhận hoàn thành, khi đó `percent` phải là 100.")
            .id_param("nhiệm vụ").body("ProgressBody", true)
            .answers(201, "Recorded", "Đã ghi nhận báo cáo.").fails(WRITE).done()}),
        ),
        (
            "/tasks/{id}/confirm",
            json!({"post": op("confirmClaim", "Báo cáo", "Xác nhận hoàn thành")
            .describe("Văn phòng theo dõi xác nhận đề nghị công nhận hoàn thành đang chờ. Nội dung có thể bỏ trống.")
            .id_param("nhiệm vụ").body("ConfirmBody", false)
            .answers(200, "TaskView", "Nhiệm vụ sau khi xác nhận.").fails(WRITE).done()}),
        ),
        (
            "/tasks/{id}/return",
            json!({"post": op("returnClaim", "Báo cáo", "Trả lại đề nghị, kèm lý do")
            .id_param("nhiệm vụ").body("ReturnBody", true)
            .answers(200, "TaskView", "Nhiệm vụ sau khi trả lại.").fails(WRITE).done()}),
        ),
        (
            "/tasks/{id}/urges",
            json!({
                "get": op("listUrges", "Đôn đốc", "Các lần đôn đốc về nhiệm vụ")
                    .id_param("nhiệm vụ").answers(200, "UrgeList", "Các lần đôn đốc, cũ trước.").fails(READ_ONE).done(),
                "post": op("urge", "Đôn đốc", "Ghi nhận việc đôn đốc cơ quan")
                    .describe("Không ghi cơ quan thì đôn đốc mọi cơ quan chủ trì.")
                    .id_param("nhiệm vụ").body("UrgeBody", true)
                    .answers(201, "Urge", "Đã ghi nhận.").fails(WRITE).done()
            }),
        ),
        (
            "/claims",
            json!({"get": op("listClaims", "Báo cáo", "Đề nghị công nhận hoàn thành đang chờ xác nhận")
            .paging().answers(200, "ClaimPage", "Các đề nghị, cũ trước.").fails(READ_LIST).done()}),
        ),
        (
            "/summary",
            json!({"get": op("getSummary", "Kế hoạch", "Số liệu tổng hợp theo ngày")
            .param("plan", "query", json!({"type": "string"}), "Số hiệu kế hoạch; bỏ trống là mọi kế hoạch đang hiệu lực.")
            .day_param()
            .answers(200, "Summary", "Số nhiệm vụ theo tình trạng, nhóm, cơ quan; quá hạn; báo cáo định kỳ còn thiếu.")
            .fails(READ_ONE).done()}),
        ),
        (
            "/plans",
            json!({"get": op("listPlans", "Kế hoạch", "Các kế hoạch đang hiệu lực")
            .paging().answers(200, "PlanPage", "Một trang kế hoạch.").fails(READ_LIST).done()}),
        ),
        (
            "/plans/{id}",
            json!({"get": op("getPlan", "Kế hoạch", "Một kế hoạch: văn bản, căn cứ, nhóm nhiệm vụ, chỉ tiêu")
            .id_param("kế hoạch").day_param()
            .answers(200, "PlanView", "Kế hoạch.").fails(READ_ONE).done()}),
        ),
        (
            "/targets",
            json!({
                "get": op("listTargets", "Chỉ tiêu", "Các chỉ tiêu và đánh giá")
                    .param("plan", "query", json!({"type": "string"}), "Số hiệu kế hoạch.")
                    .day_param().paging()
                    .answers(200, "TargetPage", "Một trang chỉ tiêu.").fails(READ_ONE).done(),
                "post": op("createTarget", "Chỉ tiêu", "Thêm một chỉ tiêu vào kế hoạch")
                    .describe("Văn phòng theo dõi thêm chỉ tiêu mà chương trình không đọc được từ văn bản, hoặc chỉ tiêu giao sau khi ban hành kế hoạch. Ghi `year` (năm đạt) hoặc `period` (giai đoạn), không ghi cả hai. Chỉ tiêu thêm tay thuộc phiên bản hiện hành của kế hoạch; khi nhập phiên bản mới, chỉ tiêu được đọc lại từ văn bản mới. Kế hoạch không có thì 404.")
                    .body("NewTargetBody", true)
                    .answers(201, "TargetView", "Chỉ tiêu vừa thêm, như trong danh sách.").fails(WRITE).done()
            }),
        ),
        (
            "/targets/{id}/values",
            json!({
                "get": op("getTargetValues", "Chỉ tiêu", "Giá trị thực tế của một chỉ tiêu")
                    .id_param("chỉ tiêu").answers(200, "TargetValues", "Chỉ tiêu và các giá trị theo năm.").fails(READ_ONE).done(),
                "post": op("enterTargetValue", "Chỉ tiêu", "Nhập (hoặc sửa) giá trị thực tế của một năm")
                    .describe("Nhập theo mã số chỉ tiêu, vì tên chỉ tiêu có thể trùng giữa các nhóm và kế hoạch.")
                    .id_param("chỉ tiêu").body("ValueBody", true)
                    .answers(201, "TargetValues", "Chỉ tiêu sau khi nhập.").fails(WRITE).done()
            }),
        ),
        (
            "/agencies",
            json!({"get": op("listAgencies", "Danh mục", "Danh mục cơ quan")
            .param("q", "query", json!({"type": "string"}), "Từ khoá trong tên hoặc tên gọi khác, có dấu hay không dấu.")
            .paging().answers(200, "AgencyPage", "Một trang cơ quan.").fails(READ_LIST).done()}),
        ),
        (
            "/documents",
            json!({"get": op("listDocuments", "Danh mục", "Các văn bản đã nhập")
            .paging().answers(200, "DocumentPage", "Một trang văn bản, mới nhập trước.").fails(READ_LIST).done()}),
        ),
        (
            "/audit",
            json!({"get": op("listAudit", "Quản trị", "Nhật ký thay đổi")
            .describe("Dành cho quản trị và văn phòng theo dõi.")
            .param("actor", "query", json!({"type": "string"}), "Người thực hiện.")
            .param("action", "query", json!({"type": "string"}), "Thao tác, ví dụ task.progress.")
            .param("entity", "query", json!({"type": "string"}), "Loại đối tượng, ví dụ task.")
            .param("entity_id", "query", json!({"type": "integer", "format": "int64", "minimum": i64::MIN, "maximum": i64::MAX}), "Mã số đối tượng.")
            .param("since", "query", json!({"type": "string", "format": "date"}), "Từ ngày (UTC).")
            .param("until", "query", json!({"type": "string", "format": "date"}), "Đến hết ngày (UTC).")
            .paging().answers(200, "AuditPage", "Một trang nhật ký, mới trước.").fails(READ_LIST).done()}),
        ),
        (
            "/users",
            json!({
                "get": op("listUsers", "Quản trị", "Các tài khoản").paging()
                    .answers(200, "UserPage", "Một trang tài khoản.").fails(READ_LIST).done(),
                "post": op("createUser", "Quản trị", "Tạo tài khoản").body("NewUserBody", true)
                    .answers(201, "User", "Tài khoản mới.").fails(WRITE).done()
            }),
        ),
        (
            "/users/{id}",
            json!({"patch": op("changeUser", "Quản trị", "Đổi vai trò, cơ quan, tên hiển thị, khoá/mở khoá")
            .describe("Trường không gửi thì giữ nguyên; `null` xoá cơ quan, thư điện tử hoặc tên hiển thị. Khoá tài khoản thì mọi phiên và mã truy cập của nó mất hiệu lực.")
            .id_param("tài khoản").body("UserChangeBody", true)
            .answers(200, "User", "Tài khoản sau khi đổi.").fails(WRITE).done()}),
        ),
        (
            "/users/{id}/tokens",
            json!({"post": op("createToken", "Quản trị", "Cấp mã truy cập cho chương trình")
            .describe("Mã chỉ trả về một lần; hệ thống chỉ giữ bản băm. Dùng trong tiêu đề `Authorization: Bearer <mã>`.")
            .id_param("tài khoản").body("TokenBody", false)
            .answers(201, "NewToken", "Mã truy cập mới.").fails(WRITE).done()}),
        ),
        (
            "/imports",
            json!({
                "get": op("listImports", "Nhập văn bản", "Các bản nháp nhập văn bản")
                    .describe("Bản nháp đang mở trước, mới trước; tối đa 100.")
                    .answers(200, "DraftPage", "Các bản nháp.").fails(READ_LIST).done(),
                "post": op("uploadImport", "Nhập văn bản", "Tải lên một văn bản kế hoạch để rà soát")
                    .describe("Gửi nội dung văn bản (UTF-8) trực tiếp trong thân yêu cầu, Content-Type text/plain hoặc text/markdown. Hệ thống đọc văn bản và lập bản nháp; chưa có gì được lưu vào kế hoạch. Sau đó xem bản nháp tại GET /imports/{id}, sửa bằng PATCH /imports/{id}, nhập bằng POST /imports/{id}/commit hoặc huỷ bằng DELETE /imports/{id}.")
                    .param("name", "query", json!({"type": "string", "maxLength": 200, "pattern": "\\.([Tt][Xx][Tt]|[Mm][Dd])$"}), "Tên tệp (.txt hoặc .md).")
                    .text_body()
                    .answers(201, "Draft", "Bản nháp vừa lập.").fails(&[400, 401, 403, 413, 415, 422]).done()
            }),
        ),
        (
            "/imports/{id}",
            json!({
                "get": op("getImport", "Nhập văn bản", "Một bản nháp: kết quả đọc văn bản và cơ quan đối chiếu với danh mục")
                    .id_param("bản nháp")
                    .answers(200, "Draft", "Bản nháp.").fails(READ_ONE).done(),
                "patch": op("editImport", "Nhập văn bản", "Sửa bản nháp trước khi nhập")
                    .describe("Như trang rà soát: sửa thông tin văn bản, nội dung, cơ quan, sản phẩm, thời hạn của từng nhiệm vụ, bỏ nhiệm vụ chỉ tìm thấy trong phần nội dung, và gọi cơ quan theo tên trong danh mục. Trường không gửi thì giữ như kết quả đọc. Cơ quan và thời hạn được đọc lại theo đúng quy tắc của chương trình. Bản nháp đã nhập thì không sửa được nữa (409).")
                    .id_param("bản nháp").body("DraftEdit", true)
                    .answers(200, "Draft", "Bản nháp sau khi sửa.").fails(WRITE).done(),
                "delete": op("discardImport", "Nhập văn bản", "Huỷ bản nháp")
                    .describe("Bản nháp chưa nhập thì bị xoá; chưa có gì của nó trong kế hoạch. Bản nháp đã nhập được giữ làm hồ sơ, không huỷ được (422).")
                    .id_param("bản nháp")
                    .answers_empty(204, "Đã huỷ.").fails(&[401, 403, 404, 422]).done()
            }),
        ),
        (
            "/imports/{id}/commit",
            json!({"post": op("commitImport", "Nhập văn bản", "Nhập bản nháp vào hệ thống")
            .describe("Lưu kế hoạch của bản nháp trong một giao dịch: số hiệu mới thì tạo kế hoạch, số hiệu đã có thì tạo phiên bản mới và so sánh với phiên bản trước; văn bản y hệt lần nhập trước thì không đổi gì. Không cần nội dung gửi kèm. Bản nháp đã nhập rồi thì 422.")
            .id_param("bản nháp")
            .answers(200, "ImportCommitted", "Kết quả nhập và mã số kế hoạch.").fails(&[401, 403, 404, 409, 422]).done()}),
        ),
        (
            "/openapi.json",
            json!({"get": op("getOpenApi", "Tài liệu", "Tài liệu OpenAPI này").public()
            .answers(200, "OpenApiDocument", "Tài liệu OpenAPI 3.1.").done()}),
        ),
    ])
}

/// An object from named parts, built one part at a time (one `json!`
/// for the whole would exceed the macro's recursion limit).
fn named(parts: Vec<(&str, Value)>) -> Value {
    Value::Object(parts.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn string() -> Value {
    json!({"type": "string"})
}
fn opt_string() -> Value {
    json!({"type": ["string", "null"]})
}
fn int() -> Value {
    json!({"type": "integer", "format": "int64"})
}
fn opt_int() -> Value {
    json!({"type": ["integer", "null"], "format": "int64"})
}
fn date() -> Value {
    json!({"type": "string", "format": "date"})
}
fn opt_date() -> Value {
    json!({"type": ["string", "null"], "format": "date"})
}
fn list_of(name: &str) -> Value {
    json!({"type": "array", "items": schema_ref(name)})
}
fn strings() -> Value {
    json!({"type": "array", "items": {"type": "string"}})
}
fn counts() -> Value {
    json!({"type": "object", "additionalProperties": {"type": "integer"}, "description": "Số nhiệm vụ theo tình trạng."})
}

/// An object schema with every listed property required (answers always
/// carry every field, `null` when unknown).
fn object(props: Value) -> Value {
    let required: Vec<&String> = props.as_object().expect("properties").keys().collect();
    json!({"type": "object", "properties": props, "required": required})
}

/// `schema` with a rule across its fields (`if`/`then`: claiming done
/// means 100 %), the same the server checks.
fn when(rule: Value, mut schema: Value) -> Value {
    for (k, v) in rule.as_object().expect("a rule is an object") {
        schema[k] = v.clone();
    }
    schema
}

/// A request body: only `required` must be sent, nothing unknown accepted.
fn input(props: Value, required: &[&str]) -> Value {
    json!({"type": "object", "properties": props, "required": required, "additionalProperties": false})
}

fn page_of(name: &str) -> Value {
    object(json!({"items": list_of(name), "total": {"type": "integer", "minimum": 0}}))
}

fn task_props() -> Value {
    json!({
        "id": int(), "plan": string(), "task": string(), "group": opt_int(), "title": string(),
        "lead": strings(), "coordinating": strings(), "product": opt_string(), "deadline": schema_ref("DeadlineView"),
        "status": schema_ref("TaskStatus"), "due_soon": {"type": "boolean"}, "days_overdue": opt_int(),
        "percent": {"type": ["integer", "null"]}, "origin": string(), "version": int()
    })
}

fn schemas() -> Value {
    let mut detail = task_props();
    detail["source"] = schema_ref("TaskSource");
    detail["reports"] = list_of("ReportEntry");
    detail["urges"] = list_of("Urge");
    named(vec![
        ("Problem", object(json!({"code": string(), "message": string()}))),
        (
            "DraftSummary",
            object(
                json!({"id": int(), "source_name": string(), "created_by": string(), "created_at": string(), "committed_at": opt_string()}),
            ),
        ),
        ("DraftPage", page_of("DraftSummary")),
        ("AgencyMatch", object(json!({"name": string(), "registry_name": opt_string()}))),
        (
            "Draft",
            object(json!({
                "id": int(), "source_name": string(), "created_by": string(), "created_at": string(),
                "committed_at": opt_string(), "agencies": list_of("AgencyMatch"),
                "document": {"type": "object", "description": "Kết quả đọc văn bản theo hợp đồng theodoi.plan/1 (contract/plan.schema.json)."}
            })),
        ),
        ("DraftEdit", draft_edit()),
        (
            "DraftTaskEdit",
            input(
                json!({
                    "id": {"type": "string", "description": "Số thứ tự nhiệm vụ trong bản nháp, ví dụ 2.1."},
                    "title": {"type": ["string", "null"], "pattern": "\\S", "description": "Nội dung nhiệm vụ; không được để trống."},
                    "lead": {"type": ["string", "null"], "description": "Cơ quan chủ trì, cách nhau bằng dấu ;."},
                    "coordinating": {"type": ["string", "null"], "description": "Cơ quan phối hợp, cách nhau bằng dấu ;."},
                    "product": {"type": ["string", "null"], "description": "Sản phẩm; chuỗi rỗng là không có."},
                    "deadline": {"type": ["string", "null"], "description": "Thời hạn như văn bản ghi, ví dụ Quý IV/2021."},
                    "keep": {"type": ["boolean", "null"], "description": "false: bỏ nhiệm vụ chỉ tìm thấy trong phần nội dung (nhiệm vụ trong bảng phụ lục không bỏ được)."}
                }),
                &["id"],
            ),
        ),
        (
            "DraftAgencyEdit",
            input(
                json!({
                    "name": {"type": "string", "description": "Tên cơ quan như trong bản nháp."},
                    "registry_name": {"type": "string", "description": "Tên cơ quan trong danh mục; chuỗi rỗng thì giữ nguyên."}
                }),
                &["name", "registry_name"],
            ),
        ),
        (
            "ImportCommitted",
            json!({"type": "object", "properties": {
                "plan_id": int(),
                "outcome": {"type": "string", "enum": ["unchanged", "created", "amended"], "description": "unchanged: văn bản này đã nhập trước đó; created: kế hoạch mới; amended: phiên bản mới của kế hoạch đã có."},
                "plan": string(), "version": int(),
                "tasks": {"type": "integer", "description": "Số nhiệm vụ (created)."},
                "targets": {"type": "integer", "description": "Số chỉ tiêu (created)."},
                "added": {"type": "array", "items": {"type": "string"}, "description": "Nhiệm vụ thêm so với phiên bản trước (amended)."},
                "removed": {"type": "array", "items": {"type": "string"}, "description": "Nhiệm vụ bỏ (amended)."},
                "changed": {"type": "array", "items": {"type": "string"}, "description": "Nhiệm vụ thay đổi (amended)."}
            }, "required": ["plan_id", "outcome", "plan", "version"]}),
        ),
        (
            "TaskStatus",
            json!({"type": "string", "enum": ["done_on_time", "done_late", "awaiting_confirmation", "in_progress", "overdue", "ongoing"]}),
        ),
        ("UserRole", json!({"type": "string", "enum": ["admin", "monitor", "leader", "agency", "public"]})),
        (
            "DeadlineView",
            object(
                json!({"text": string(), "kind": string(), "start": opt_date(), "due": opt_date(), "reports_to": opt_string()}),
            ),
        ),
        ("TaskView", object(task_props())),
        ("TaskPage", page_of("TaskView")),
        ("TaskDetail", object(detail)),
        (
            "TaskAgency",
            object(
                json!({"agency_id": int(), "agency": string(), "role": string(), "as_written": string(), "leader": opt_string()}),
            ),
        ),
        ("SourceLine", object(json!({"line": {"type": "integer"}, "text": string(), "marked": {"type": "boolean"}}))),
        (
            "TaskSource",
            object(json!({
                "plan_id": int(), "document_id": int(), "source_line": opt_int(), "recurrence": opt_string(),
                "milestones": {}, "agencies": list_of("TaskAgency"), "document_name": opt_string(), "lines": list_of("SourceLine")
            })),
        ),
        (
            "EvidenceFile",
            object(
                json!({"id": int(), "report_id": int(), "file_name": string(), "content_type": string(), "size": int(), "sha256": string()}),
            ),
        ),
        (
            "ReportEntry",
            object(json!({
                "id": int(), "task_id": int(), "agency": string(), "period": opt_string(), "percent": {"type": "integer"},
                "narrative": opt_string(), "difficulties": opt_string(), "evidence": opt_string(), "claims_done": {"type": "boolean"},
                "done_on": opt_date(), "submitted_by": string(), "submitted_on": date(), "submitted_at": string(),
                "decision": {"type": ["string", "null"], "enum": ["confirmed", "returned", null]}, "decision_reason": opt_string(),
                "decided_by": opt_string(), "decided_on": opt_date(), "files": list_of("EvidenceFile")
            })),
        ),
        (
            "ProgressBody",
            when(
                json!({"if": {"properties": {"done": {"const": true}}, "required": ["done"]}, "then": {"properties": {"percent": {"const": 100}}}}),
                input(
                    json!({
                        "percent": {"type": "integer", "minimum": 0, "maximum": 100, "description": "Tỷ lệ hoàn thành."},
                        "note": {"type": ["string", "null"], "maxLength": 10000, "description": "Kết quả thực hiện."},
                        "difficulties": {"type": ["string", "null"], "maxLength": 10000, "description": "Khó khăn, vướng mắc."},
                        "evidence": {"type": "array", "maxItems": 50, "items": {"type": "string", "maxLength": 200}, "description": "Số hiệu văn bản minh chứng."},
                        "done": {"type": "boolean", "default": false, "description": "Đề nghị công nhận hoàn thành."},
                        "done_on": {"type": ["string", "null"], "format": "date", "description": "Ngày hoàn thành; mặc định hôm nay."},
                        "period": {"type": ["string", "null"], "maxLength": 20, "description": "Kỳ báo cáo (2021-Q4) của nhiệm vụ định kỳ."},
                        "version": {"type": ["integer", "null"], "format": "int64", "description": "Phiên bản nhiệm vụ đã đọc; khác thì báo xung đột."}
                    }),
                    &["percent"],
                ),
            ),
        ),
        ("Recorded", object(json!({"report": schema_ref("ReportEntry"), "task": schema_ref("TaskView")}))),
        (
            "ConfirmBody",
            input(
                json!({"agency": {"type": ["string", "null"], "description": "Cơ quan có đề nghị, khi nhiều cơ quan cùng chờ."}}),
                &[],
            ),
        ),
        (
            "ReturnBody",
            input(
                json!({
                    "reason": {"type": "string", "pattern": "\\S", "maxLength": 10000, "description": "Lý do trả lại."},
                    "agency": {"type": ["string", "null"]}
                }),
                &["reason"],
            ),
        ),
        (
            "PendingClaim",
            object(
                json!({"report": schema_ref("ReportEntry"), "plan": string(), "task": string(), "title": string(), "due": opt_date()}),
            ),
        ),
        ("ClaimPage", page_of("PendingClaim")),
        (
            "Urge",
            object(json!({
                "id": int(), "task_id": int(), "agency": opt_string(), "channel": {"type": "string", "enum": ["web", "letter", "email"]},
                "note": opt_string(), "urged_by": string(), "urged_on": date()
            })),
        ),
        ("UrgeList", list_of("Urge")),
        (
            "UrgeBody",
            input(
                json!({
                    "agency": {"type": ["string", "null"], "maxLength": 300, "description": "Cơ quan bị đôn đốc; bỏ trống là mọi cơ quan chủ trì."},
                    "note": {"type": ["string", "null"], "maxLength": 10000},
                    "channel": {"type": "string", "enum": ["web", "letter", "email"], "default": "web"}
                }),
                &[],
            ),
        ),
        ("PlanSummary", object(plan_props())),
        ("PlanPage", page_of("PlanSummary")),
        ("GroupView", object(json!({"number": int(), "title": string(), "general_task": opt_string()}))),
        (
            "Citation",
            object(
                json!({"number": string(), "kind": opt_string(), "issued_on": opt_date(), "issuer": opt_string(), "is_basis": {"type": "boolean"}, "known": {"type": "boolean"}}),
            ),
        ),
        (
            "PlanView",
            object({
                let mut p = plan_props();
                for (k, v) in [
                    ("document_id", int()),
                    ("place", opt_string()),
                    ("source_name", opt_string()),
                    ("groups", list_of("GroupView")),
                    ("parents", list_of("Citation")),
                    ("children", strings()),
                    ("targets", list_of("TargetView")),
                ] {
                    p[k] = v;
                }
                p
            }),
        ),
        (
            "Summary",
            object(json!({
                "as_of": date(), "total": {"type": "integer"}, "by_status": counts(),
                "by_group": list_of("GroupCount"), "by_agency": list_of("AgencyCount"), "most_overdue": list_of("OverdueTask"),
                "missing_reports": list_of("MissingReport"), "missing_reports_total": {"type": "integer"}
            })),
        ),
        (
            "GroupCount",
            object(json!({"plan": string(), "group": opt_int(), "total": {"type": "integer"}, "by_status": counts()})),
        ),
        (
            "AgencyCount",
            object(
                json!({"agency": string(), "total": {"type": "integer"}, "overdue": {"type": "integer"}, "done": {"type": "integer"}, "by_status": counts()}),
            ),
        ),
        (
            "OverdueTask",
            object(
                json!({"id": int(), "plan": string(), "task": string(), "title": string(), "lead": strings(), "due": opt_date(), "days_overdue": int()}),
            ),
        ),
        ("MissingReport", object(json!({"plan": string(), "task": string(), "agency": string(), "period": string()}))),
        (
            "TargetAssessment",
            json!({"type": "object", "properties": {
            "state": {"type": "string", "enum": ["no_data", "met", "not_met", "on_track", "off_track"]},
            "needed_average": {"type": "number", "description": "Tốc độ bình quân còn cần trong các năm còn lại."}
        }, "required": ["state"]}),
        ),
        (
            "TargetView",
            object(json!({
                "id": int(), "plan": string(), "group": opt_int(), "indicator": string(), "comparator": string(), "value": {"type": "number"},
                "unit": opt_string(), "year": opt_int(),
                "period": {"type": ["array", "null"], "items": {"type": "integer"}, "minItems": 2, "maxItems": 2},
                "baseline": {"type": ["number", "null"], "description": "Giá trị cơ sở, nếu có."},
                "actuals": {"type": "array", "items": {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "number"}], "minItems": 2, "maxItems": 2}},
                "assessment": schema_ref("TargetAssessment")
            })),
        ),
        ("TargetPage", page_of("TargetView")),
        ("NewTargetBody", new_target_body()),
        (
            "TargetValue",
            object(
                json!({"year": int(), "value": {"type": "number"}, "source": opt_string(), "entered_by": string(), "entered_at": string()}),
            ),
        ),
        ("TargetValues", object(json!({"target": schema_ref("TargetView"), "values": list_of("TargetValue")}))),
        (
            "ValueBody",
            input(
                json!({
                    "year": {"type": "integer", "minimum": *theodoi_store::VALUE_YEARS.start(), "maximum": *theodoi_store::VALUE_YEARS.end()},
                    "value": {"type": "number"},
                    "source": {"type": ["string", "null"], "maxLength": 500, "description": "Nguồn số liệu."}
                }),
                &["year", "value"],
            ),
        ),
        (
            "AgencyView",
            object(
                json!({"id": int(), "name": string(), "collective": {"type": "boolean"}, "aliases": strings(), "members": strings(), "lead_tasks": int(), "coordinating_tasks": int()}),
            ),
        ),
        ("AgencyPage", page_of("AgencyView")),
        (
            "DocumentListing",
            object(json!({
                "id": int(), "number": opt_string(), "kind": opt_string(), "issuer": opt_string(), "issued_on": opt_date(),
                "title": opt_string(), "source_name": opt_string(), "imported_at": string(), "plan_id": opt_int()
            })),
        ),
        ("DocumentPage", page_of("DocumentListing")),
        (
            "User",
            object(json!({
                "id": int(), "username": string(), "role": schema_ref("UserRole"), "agency_id": opt_int(), "agency": opt_string(),
                "email": opt_string(), "display_name": opt_string(), "disabled": {"type": "boolean"}, "created_at": string()
            })),
        ),
        ("UserPage", page_of("User")),
        (
            "NewUserBody",
            when(
                json!({"if": {"properties": {"role": {"const": "agency"}}}, "then": {"required": ["agency"], "properties": {"agency": {"type": "string", "pattern": "\\S"}}}}),
                input(
                    json!({
                        "username": {"type": "string", "minLength": 3, "maxLength": 64, "pattern": "^[A-Za-z0-9._@-]+$"},
                        "password": {"type": "string", "minLength": 10, "maxLength": 1024, "pattern": "[^0-9]", "description": "Ít nhất 10 ký tự, không chỉ gồm chữ số."},
                        "role": {"type": "string", "enum": ["admin", "monitor", "leader", "agency"]},
                        "agency": {"type": ["string", "null"], "maxLength": 300, "description": "Bắt buộc với tài khoản cơ quan."},
                        "email": {"type": ["string", "null"], "maxLength": 300},
                        "display_name": {"type": ["string", "null"], "maxLength": 200}
                    }),
                    &["username", "password", "role"],
                ),
            ),
        ),
        (
            "UserChangeBody",
            input(
                json!({
                    "role": {"type": "string", "enum": ["admin", "monitor", "leader", "agency"]},
                    "agency": {"type": ["string", "null"], "maxLength": 300},
                    "email": {"type": ["string", "null"], "maxLength": 300},
                    "disabled": {"type": "boolean"},
                    "display_name": {"type": ["string", "null"], "maxLength": 200}
                }),
                &[],
            ),
        ),
        ("TokenBody", input(json!({"label": {"type": ["string", "null"], "maxLength": 200}}), &[])),
        (
            "NewToken",
            object(
                json!({"id": int(), "user_id": int(), "label": opt_string(), "token": {"type": "string", "description": "Chỉ trả về một lần."}}),
            ),
        ),
        (
            "AuditEntry",
            object(
                json!({"id": int(), "at": string(), "actor": string(), "action": string(), "entity": string(), "entity_id": opt_int(), "before": {}, "after": {}}),
            ),
        ),
        ("AuditPage", page_of("AuditEntry")),
        (
            "Permissions",
            object(json!({
                "read_plans": {"type": "boolean"}, "report_own_tasks": {"type": "boolean"}, "decide": {"type": "boolean"},
                "urge": {"type": "boolean"}, "enter_target_values": {"type": "boolean"},
                "define_targets": {"type": "boolean"}, "import": {"type": "boolean"}, "publish": {"type": "boolean"},
                "manage_agencies": {"type": "boolean"}, "manage_users": {"type": "boolean"}, "read_audit": {"type": "boolean"}
            })),
        ),
        ("Me", object(json!({"user": schema_ref("User"), "permissions": schema_ref("Permissions")}))),
        ("OpenApiDocument", json!({"type": "object", "required": ["openapi", "paths"]})),
    ])
}

/// The corrections `PATCH /imports/{id}` takes (`DraftEdit` of the review
/// page): a header field left out stays as read, an empty one is cleared.
fn draft_edit() -> Value {
    let header = |d: &str| json!({"type": ["string", "null"], "description": d});
    input(
        json!({
            "number": header("Số hiệu văn bản."),
            "kind": header("Loại văn bản (Quyết định, Kế hoạch …)."),
            "issuer": header("Cơ quan ban hành."),
            "issued_on": {
                "type": ["string", "null"],
                "anyOf": [{"format": "date"}, {"pattern": "^\\s*[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}\\s*$"}, {"pattern": "^\\s*$"}],
                "description": "Ngày ban hành, YYYY-MM-DD hoặc dd/mm/yyyy; chuỗi rỗng xoá ngày."
            },
            "title": header("Trích yếu văn bản."),
            "plan_title": header("Tên kế hoạch."),
            "tasks": {"type": "array", "items": schema_ref("DraftTaskEdit"), "description": "Sửa từng nhiệm vụ, tìm theo số thứ tự."},
            "agencies": {"type": "array", "items": schema_ref("DraftAgencyEdit"), "description": "Gọi cơ quan của bản nháp theo tên trong danh mục."}
        }),
        &[],
    )
}

/// A target added by hand: due by a `year` or over a `period`, exactly
/// one of the two (`oneOf`); years and lengths as the store checks them.
fn new_target_body() -> Value {
    let (first, last) = (*theodoi_store::VALUE_YEARS.start(), *theodoi_store::VALUE_YEARS.end());
    let year = json!({"type": "integer", "minimum": first, "maximum": last});
    let mut body = input(
        json!({
            "plan": {"type": "string", "pattern": "\\S", "description": "Số hiệu kế hoạch đang hiệu lực, ví dụ 2999/QĐ-UBND."},
            "group_number": {"type": ["integer", "null"], "format": "int64", "description": "Số nhóm nhiệm vụ của kế hoạch mà chỉ tiêu thuộc về."},
            "indicator": {"type": "string", "pattern": "\\S", "maxLength": theodoi_store::MAX_INDICATOR_CHARS, "description": "Tên chỉ tiêu."},
            "comparator": {"type": "string", "enum": [">=", "<=", "=", ">", "<"], "description": "Phép so sánh với giá trị: >= là \"đạt ít nhất\"."},
            "value": {"type": "number", "description": "Giá trị phải đạt."},
            "unit": {"type": ["string", "null"], "maxLength": theodoi_store::MAX_UNIT_CHARS, "description": "Đơn vị tính: %, USD, tỷ đồng …"},
            "year": {"type": "integer", "minimum": first, "maximum": last, "description": "Năm phải đạt."},
            "period": {"type": "array", "items": year, "minItems": 2, "maxItems": 2, "description": "Giai đoạn [năm đầu, năm cuối], năm đầu không sau năm cuối."},
            "baseline": {"type": ["number", "null"], "description": "Giá trị cơ sở (năm gốc)."}
        }),
        &["plan", "indicator", "comparator", "value"],
    );
    body["oneOf"] = json!([{"required": ["year"]}, {"required": ["period"]}]);
    body
}

fn plan_props() -> Value {
    json!({
        "id": int(), "number": string(), "title": opt_string(), "kind": opt_string(), "issuer": opt_string(),
        "issued_on": opt_date(), "version": int(), "horizon_year": opt_int(), "tasks": int()
    })
}

fn problem_response(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": schema_ref("Problem")}}})
}

/// The whole OpenAPI 3.1 document.
pub fn document() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "theodoi API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "API JSON của theodoi: theo dõi nhiệm vụ trong các kế hoạch hành động. Danh sách trả về `{items, total}` và nhận `limit`, `offset`; mọi lỗi trả về `{code, message}` với `code` ổn định và lời nhắn tiếng Việt. Xác thực bằng cookie phiên của trình duyệt hoặc tiêu đề `Authorization: Bearer <mã>` (tạo bằng `theodoi token create`).",
            "license": {"name": "MIT", "identifier": "MIT"}
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}, {"session": []}],
        "tags": [
            {"name": "Tài khoản"}, {"name": "Nhiệm vụ"}, {"name": "Báo cáo"}, {"name": "Đôn đốc"}, {"name": "Kế hoạch"},
            {"name": "Chỉ tiêu"}, {"name": "Danh mục"}, {"name": "Quản trị"}, {"name": "Tài liệu"}
        ],
        "paths": paths(),
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": "Mã truy cập từ `theodoi token create` hoặc POST /users/{id}/tokens."},
                "session": {"type": "apiKey", "in": "cookie", "name": crate::auth::SESSION_COOKIE, "description": "Phiên đăng nhập của trình duyệt."}
            },
            "schemas": schemas(),
            "responses": {
                "BadRequest": problem_response("Tham số hoặc nội dung không hợp lệ (code: invalid_input)."),
                "Unauthorized": problem_response("Chưa đăng nhập hoặc mã truy cập không hợp lệ (code: unauthorized, invalid_token)."),
                "Forbidden": problem_response("Vai trò không được làm việc này (code: forbidden)."),
                "NotFound": problem_response("Không tìm thấy (code: not_found)."),
                "Conflict": problem_response("Dữ liệu vừa bị người khác thay đổi; tải lại rồi làm lại (code: conflict)."),
                "TooLarge": problem_response("Nội dung quá lớn (code: too_large)."),
                "NotJson": problem_response("Nội dung không phải JSON (code: unsupported_media_type)."),
                "Unprocessable": problem_response("JSON thiếu trường, sai kiểu hoặc trái quy tắc (code: invalid_input).")
            }
        }
    })
}

/// `/api/docs`: the document turned into a page people can read, with
/// every operation, its parameters and answers, and every data type.
mod docs {
    use serde_json::Value;

    pub struct Field {
        pub name: String,
        pub place: String,
        pub ty: String,
        pub required: bool,
        pub description: String,
    }

    pub struct Answer {
        pub status: String,
        pub description: String,
        pub schema: String,
    }

    pub struct Operation {
        pub method: String,
        pub path: String,
        pub anchor: String,
        pub summary: String,
        pub description: String,
        pub public: bool,
        pub params: Vec<Field>,
        pub body: String,
        pub body_required: bool,
        pub responses: Vec<Answer>,
    }

    pub struct Group {
        pub name: String,
        pub ops: Vec<Operation>,
    }

    pub struct Schema {
        pub name: String,
        pub summary: String,
        pub fields: Vec<Field>,
    }

    #[derive(askama::Template)]
    #[template(path = "api_docs.html")]
    pub struct Page {
        pub title: String,
        pub version: String,
        pub description: String,
        pub groups: Vec<Group>,
        pub schemas: Vec<Schema>,
    }

    fn text(v: &Value) -> String {
        v.as_str().unwrap_or_default().to_string()
    }

    /// The name a `$ref` points at.
    fn ref_name(v: &Value) -> Option<String> {
        v.get("$ref").and_then(Value::as_str).and_then(|r| r.rsplit('/').next()).map(str::to_string)
    }

    /// A schema's type in a few characters: `string | null (date)`,
    /// `array<TaskView>`, `"lead" | "coordinating"`.
    pub fn type_of(s: &Value) -> String {
        if let Some(name) = ref_name(s) {
            return name;
        }
        if let Some(values) = s.get("enum").and_then(Value::as_array) {
            return values.iter().map(Value::to_string).collect::<Vec<_>>().join(" | ");
        }
        let base = match s.get("type") {
            Some(Value::String(t)) => t.clone(),
            Some(Value::Array(ts)) => ts.iter().map(text).collect::<Vec<_>>().join(" | "),
            _ => "any".into(),
        };
        let base = match s.get("items") {
            Some(items) => base.replacen("array", &format!("array<{}>", type_of(items)), 1),
            None => base,
        };
        match s.get("format").and_then(Value::as_str) {
            Some(f) => format!("{base} ({f})"),
            None => base,
        }
    }

    fn fields(schema: &Value) -> Vec<Field> {
        let required: Vec<&str> =
            schema["required"].as_array().map(|r| r.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
        schema["properties"]
            .as_object()
            .map(|props| {
                props
                    .iter()
                    .map(|(name, p)| Field {
                        name: name.clone(),
                        place: String::new(),
                        ty: type_of(p),
                        required: required.contains(&name.as_str()),
                        description: text(&p["description"]),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn operation(doc: &Value, path: &str, method: &str, op: &Value) -> Operation {
        let params = op["parameters"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .map(|p| Field {
                        name: text(&p["name"]),
                        place: if p["in"] == "path" { "địa chỉ".into() } else { "truy vấn".into() },
                        ty: type_of(&p["schema"]),
                        required: p["required"].as_bool().unwrap_or(false),
                        description: text(&p["description"]),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let responses = op["responses"]
            .as_object()
            .map(|rs| {
                rs.iter()
                    .map(|(status, r)| {
                        let r = match ref_name(r) {
                            Some(name) => &doc["components"]["responses"][name],
                            None => r,
                        };
                        Answer {
                            status: status.clone(),
                            description: text(&r["description"]),
                            schema: ref_name(&r["content"]["application/json"]["schema"]).unwrap_or_default(),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let body = &op["requestBody"];
        Operation {
            method: method.to_uppercase(),
            path: path.to_string(),
            anchor: text(&op["operationId"]),
            summary: text(&op["summary"]),
            description: text(&op["description"]),
            public: op["security"].as_array().is_some_and(Vec::is_empty),
            params,
            body: ref_name(&body["content"]["application/json"]["schema"]).unwrap_or_default(),
            body_required: body["required"].as_bool().unwrap_or(false),
            responses,
        }
    }

    /// The page for `doc`, operations grouped by their tag in the
    /// document's tag order.
    pub fn page(doc: &Value) -> Page {
        let mut groups: Vec<Group> = doc["tags"]
            .as_array()
            .map(|ts| ts.iter().map(|t| Group { name: text(&t["name"]), ops: Vec::new() }).collect())
            .unwrap_or_default();
        for (path, item) in doc["paths"].as_object().into_iter().flatten() {
            for (method, op) in item.as_object().into_iter().flatten() {
                let tag = text(&op["tags"][0]);
                let op = operation(doc, path, method, op);
                match groups.iter_mut().find(|g| g.name == tag) {
                    Some(g) => g.ops.push(op),
                    None => groups.push(Group { name: tag, ops: vec![op] }),
                }
            }
        }
        let schemas = doc["components"]["schemas"]
            .as_object()
            .map(|ss| {
                ss.iter()
                    .map(|(name, s)| Schema {
                        name: name.clone(),
                        summary: if s.get("properties").is_some() { String::new() } else { type_of(s) },
                        fields: fields(s),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Page {
            title: text(&doc["info"]["title"]),
            version: text(&doc["info"]["version"]),
            description: text(&doc["info"]["description"]),
            groups,
            schemas,
        }
    }
}
