import ArgumentParser
import Foundation
import UnionDomain
import UnionStore

/// Turns store and domain errors into one clear line for the terminal.
enum CLIOutput {
    static func explain(_ error: any Error) -> any Error {
        switch error {
        case let failure as ValidationFailure:
            return CLIError(failure.errors.map { "\($0.field): \($0.message)" }.joined(separator: "; "))
        case let store as StoreError:
            switch store {
            case .notFound: return CLIError("not found (or outside your scope)")
            case .forbidden: return CLIError("your role may not do this")
            case .conflict(let reason): return CLIError("conflict: \(reason)")
            case .invalidReference(let constraint): return CLIError("unknown reference (\(constraint))")
            case .rejected(let constraint): return CLIError("value rejected (\(constraint))")
            case .retryable: return CLIError("a concurrent change interfered; try again")
            case .unavailable: return CLIError("the database is unreachable")
            }
        case let denial as PolicyDenial:
            return CLIError(denial.decision == .notFound ? "not found (or outside your scope)" : "your role may not do this")
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
