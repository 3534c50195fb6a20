import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import UnionDomain
import UnionStore

extension Problem {
    /// The one mapping from every error the layers below throw to what a client sees. An error
    /// not listed is a bug: logged with the request id, answered with a bare 500.
    static func from(_ error: any Error, logger: Logger) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let failure as ValidationFailure:
            return .invalid(failure.errors)
        case let denial as PolicyDenial:
            return denial.decision == .notFound ? .notFound : .forbidden
        case let store as StoreError:
            switch store {
            case .notFound: return .notFound
            case .forbidden: return .forbidden
            case .conflict(let message):
                return Problem(status: .conflict, code: message.code, detail: message.en, detailZH: message.zh)
            case .invalid(let message):
                return .invalid([FieldError(field: message.field ?? "body", code: message.code, message: message.en, messageZH: message.zh)])
            case .retryable: return .retry
            case .unavailable: return .unavailable
            }
        case is CancellationError:
            // The request's task was cancelled by a forced stop of the server, not a bug.
            return .unavailable
        case let login as AuthStore.LoginError:
            return login == .locked ? .locked : .invalidCredentials
        case is BootstrapStore.BootstrapError:
            return .alreadyInitialised
        case let http as HTTPError:
            switch http.status {
            case .notFound: return .notFound
            case .methodNotAllowed: return .methodNotAllowed
            case .contentTooLarge:
                return Problem(status: .contentTooLarge, code: "too_large", detail: "The request body is too large.", detailZH: "请求内容过大。")
            default:
                return Problem(status: http.status, code: "bad_request", detail: http.status.reasonPhrase, detailZH: "请求无效。")
            }
        default:
            logger.error("unhandled error", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return .internalError
        }
    }
}
