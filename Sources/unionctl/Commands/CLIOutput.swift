import ArgumentParser
import Foundation
import UnionDomain
import UnionStore

/// Turns store and domain errors into one clear line for the terminal, in the operator's
/// language. The sentences come from UnionStore and UnionDomain (a constraint's name never
/// reaches the terminal); the CLI only chooses between English and Chinese.
enum CLIOutput {
    /// Chinese when `UNIONHALL_LANG` says so, else when the locale (`LC_ALL`, then
    /// `LC_MESSAGES`, then `LANG`, the first one set) starts with `zh`.
    static func prefersChinese(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        let chosen = ["UNIONHALL_LANG", "LC_ALL", "LC_MESSAGES", "LANG"].lazy
            .compactMap { environment[$0] }.first { !$0.isEmpty }
        return chosen?.lowercased().hasPrefix("zh") ?? false
    }

    static func explain(_ error: any Error, chinese: Bool = prefersChinese()) -> any Error {
        func say(_ en: String, _ zh: String) -> CLIError { CLIError(chinese ? zh : en) }
        switch error {
        case let failure as ValidationFailure:
            return CLIError(failure.errors.map { "\($0.field): \(chinese ? $0.messageZH : $0.message)" }.joined(separator: "; "))
        case let store as StoreError:
            switch store {
            case .notFound: return say("not found (or outside your scope)", "未找到（或不在您的权限范围内）")
            case .forbidden: return say("your role may not do this", "您的角色无权执行此操作")
            case .conflict(let message): return CLIError(message.text(chinese: chinese))
            case .invalid(let message):
                return CLIError((message.field.map { "\($0): " } ?? "") + message.text(chinese: chinese))
            case .retryable: return say("a concurrent change interfered; try again", "并发冲突，请重试")
            case .unavailable: return say("the database is unreachable", "数据库无法访问")
            }
        case let denial as PolicyDenial:
            return denial.decision == .notFound
                ? say("not found (or outside your scope)", "未找到（或不在您的权限范围内）")
                : say("your role may not do this", "您的角色无权执行此操作")
        default:
            return error
        }
    }

    /// Prints rows as aligned columns.
    static func table(_ header: [String], _ rows: [[String]]) {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { displayWidth($0[column]) }.max() ?? 0 }
        for row in all {
            print(row.enumerated().map { index, cell in
                cell + String(repeating: " ", count: max(0, widths[index] - displayWidth(cell)))
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
    }

    /// Chinese characters take two terminal columns.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
    }
}

extension AsyncParsableCommand {
    /// Runs the command body, reporting domain and store errors as one line.
    func reporting(_ body: () async throws -> Void) async throws {
        do { try await body() } catch { throw CLIOutput.explain(error) }
    }
}
