import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import UnionDomain

/// An RFC 9457 problem: `application/problem+json` with a stable `code`, a human `detail`
/// (Chinese for `Accept-Language: zh…`) and, for invalid input, one entry per field.
struct Problem: HTTPResponseError, Equatable {
    let status: HTTPResponse.Status
    let code: String
    let detail: String
    let detailZH: String
    var errors: [FieldError] = []
    /// For a file's rows: the line each error is on (same order as `errors`).
    var lines: [Int]?
    var retryAfterSeconds: Int?
    /// For 405: the methods the path serves.
    var allow: String?

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let chinese = request.headers[.acceptLanguage]?.lowercased().hasPrefix("zh") ?? false
        let body = Body(
            type: "https://unionhall.dev/problems/\(code)",
            title: status.reasonPhrase,
            status: Int(status.code),
            code: code,
            detail: chinese ? detailZH : detail,
            errors: errors.isEmpty ? nil : errors.enumerated().map { index, error in
                .init(field: error.field, code: error.code, message: chinese ? error.messageZH : error.message, line: lines?[index])
            }
        )
        var headers: HTTPFields = [:]
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        if let allow { headers[.allow] = allow }
        return try APIResponseEncoder.response(body, status: status, contentType: "application/problem+json", headers: headers)
    }

    struct Body: Encodable {
        let type: String
        let title: String
        let status: Int
        let code: String
        let detail: String
        let errors: [Field]?

        struct Field: Encodable {
            let field: String
            let code: String
            let message: String
            let line: Int?
        }
    }
}

extension Problem {
    static let unauthorized = Problem(status: .unauthorized, code: "unauthorized",
                                      detail: "A valid bearer token is required.", detailZH: "需要有效的访问令牌。")
    static let invalidCredentials = Problem(status: .unauthorized, code: "invalid_credentials",
                                            detail: "Invalid username or password.", detailZH: "用户名或密码错误。")
    static let locked = Problem(status: .tooManyRequests, code: "too_many_attempts",
                                detail: "Too many failed sign-ins; try again later.", detailZH: "登录失败次数过多，请稍后再试。",
                                retryAfterSeconds: 900)
    static let forbidden = Problem(status: .forbidden, code: "forbidden",
                                   detail: "Your role may not do this.", detailZH: "您的角色无权执行此操作。")
    static let notFound = Problem(status: .notFound, code: "not_found",
                                  detail: "No such resource.", detailZH: "资源不存在。")
    static let unavailable = Problem(status: .serviceUnavailable, code: "database_unavailable",
                                     detail: "The database is unreachable; try again shortly.", detailZH: "数据库暂时无法访问，请稍后再试。",
                                     retryAfterSeconds: 5)
    static let retry = Problem(status: .serviceUnavailable, code: "retry",
                               detail: "A concurrent change interfered; try again.", detailZH: "并发冲突，请重试。",
                               retryAfterSeconds: 1)
    static let alreadyInitialised = Problem(status: .conflict, code: "already_initialised",
                                            detail: "The federation is already initialised.", detailZH: "系统已初始化。")
    static let methodNotAllowed = Problem(status: .methodNotAllowed, code: "method_not_allowed",
                                          detail: "This path does not serve that method; see Allow.", detailZH: "该路径不支持此请求方法，见 Allow。")
    static let internalError = Problem(status: .internalServerError, code: "internal_error",
                                       detail: "Something went wrong on our side.", detailZH: "服务器内部错误。")

    static func invalid(_ errors: [FieldError]) -> Problem {
        Problem(status: .unprocessableContent, code: "invalid_input",
                detail: "Some fields are invalid.", detailZH: "部分字段无效。", errors: errors)
    }

    /// Rows of an uploaded file that are invalid; nothing was written.
    static func invalidRows(_ rows: [(line: Int, error: FieldError)], total: Int) -> Problem {
        Problem(status: .unprocessableContent, code: "invalid_rows",
                detail: "\(Set(rows.map(\.line)).count) of \(total) rows are invalid; nothing was imported.",
                detailZH: "\(total)行中有\(Set(rows.map(\.line)).count)行无效，未导入任何数据。",
                errors: rows.map(\.error), lines: rows.map(\.line))
    }

    static func conflict(_ reason: String) -> Problem {
        let (code, detail, detailZH) = ConflictReasons.describe(reason)
        return Problem(status: .conflict, code: code, detail: detail, detailZH: detailZH)
    }
}

/// Constraint names become stable conflict codes; the constraint itself is never shown.
enum ConflictReasons {
    static func describe(_ constraint: String) -> (String, String, String) {
        switch constraint {
        case "offices_code_key": ("duplicate_office_code", "An office with this code exists.", "该工会代码已存在。")
        case "users_username_key": ("duplicate_username", "This username is taken.", "该用户名已被使用。")
        case "duplicate_id_number":
            ("duplicate_id_number", "A worker with this ID number is already registered.", "该身份证号已登记。")
        case "open_hardship_file_exists":
            ("open_hardship_file_exists", "This household already has an open hardship file.", "该家庭已有未关闭的困难档案。")
        case "invalid_transition": ("invalid_transition", "The file is not in a state that allows this.", "档案当前状态不允许此操作。")
        case "file_not_editable": ("file_not_editable", "Only draft or submitted files can be edited.", "只有草稿或已提交的档案可以修改。")
        case "file_not_active": ("file_not_active", "Only active files are reviewed.", "只有生效中的档案可以复核。")
        case "setting_exists_for_date": ("setting_exists", "A value from that date is already set.", "该日期的设置已存在。")
        default: AidConflicts.describe(constraint) ?? ("conflict", "The request conflicts with the current state.", "请求与当前状态冲突。")
        }
    }
}
