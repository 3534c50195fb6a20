import Foundation
import PQ
import UnionDomain

/// What a client sent with `Idempotency-Key`: the key, and the request (method, path, body)
/// whose hash decides whether a retry is "the same request".
package struct IdempotencyKey: Sendable, Hashable {
    package let key: String
    package let request: String

    package init(key: String, request: String) {
        self.key = key
        self.request = request
    }

    package static let reused = ValidationFailure([FieldError(
        field: "Idempotency-Key", code: "key_reused_with_another_request",
        message: "was already used with a different request", messageZH: "该幂等键已用于另一个请求")])
    package static let invalid = ValidationFailure([FieldError(
        field: "Idempotency-Key", code: "invalid_format", message: "must be 1 to 200 characters", messageZH: "须为1到200个字符")])
}

/// The first answer to a request, kept to be given again, byte for byte.
package struct StoredResponse: Sendable, Hashable {
    package let status: Int
    package let location: String?
    package let body: String

    package init(status: Int, location: String?, body: String) {
        self.status = status
        self.location = location
        self.body = body
    }
}

/// A money-moving operation's outcome: done now (with the answer stored, when keyed), or a
/// retry answered from the store without moving anything.
package enum Idempotent<Value: Sendable>: Sendable {
    case done(Value, StoredResponse?)
    case replayed(StoredResponse)
}

/// A key's row as a retry reads it.
private struct StoredRow: Decodable {
    let same: Bool
    let status: Int32?
    let location: String?
    let response: String?
}

enum Idempotency {
    /// Runs `body` at most once per (user, key). The key's row is inserted first, in the same
    /// transaction as the movement: a concurrent duplicate waits on the unique key until the
    /// first commits, then finds its answer; if the first rolled back (a 409, say) the row is
    /// gone with it and the retry does the work. Only answers that committed are replayed.
    static func run<Value: Sendable>(
        _ session: Session, _ key: IdempotencyKey?,
        render: (Value) throws -> StoredResponse,
        _ body: () async throws -> Value
    ) async throws -> Idempotent<Value> {
        try await run(session, key, render: render, then: { () async throws -> (Value, Step?) in (try await body(), nil) })
    }

    /// A last statement to run after the answer is stored, just before COMMIT.
    typealias Step = () async throws -> Void

    /// As `run`, for a body whose answer is known before its last statement (`Step`): that
    /// statement runs after the key's row is written, so the row locks it takes (a fund's, a
    /// program's: every disbursement's hot spots) are held only for it and the COMMIT.
    static func run<Value: Sendable>(
        _ session: Session, _ key: IdempotencyKey?,
        render: (Value) throws -> StoredResponse,
        then body: () async throws -> (Value, Step?)
    ) async throws -> Idempotent<Value> {
        guard let key else {
            let (value, last) = try await body()
            try await last?()
            return .done(value, nil)
        }
        guard (1...200).contains(key.key.count) else { throw IdempotencyKey.invalid }
        let user = session.principal.userID
        let claimed = try await session.query("""
            INSERT INTO idempotency_keys (user_id, key, request_hash)
            VALUES (\(user), \(key.key), sha256(convert_to(\(key.request), 'UTF8')))
            ON CONFLICT (user_id, key) DO NOTHING RETURNING true
            """).scalar(Bool.self) ?? false
        if claimed {
            let (value, last) = try await body()
            let response = try render(value)
            try await session.query("""
                UPDATE idempotency_keys SET status = \(Int32(response.status)), location = \(response.location), response = \(response.body)
                WHERE user_id = \(user) AND key = \(key.key)
                """)
            try await last?()
            return .done(value, response)
        }
        guard let row = try await session.query("""
            SELECT request_hash = sha256(convert_to(\(key.request), 'UTF8')) AS same, status, location, response
            FROM idempotency_keys WHERE user_id = \(user) AND key = \(key.key)
            """).first(StoredRow.self) else { throw StoreError.retryable }
        guard row.same else { throw IdempotencyKey.reused }
        guard let status = row.status, let body = row.response else { throw StoreError.retryable }
        return .replayed(StoredResponse(status: Int(status), location: row.location, body: body))
    }
}
