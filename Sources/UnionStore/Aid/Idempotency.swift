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
    /// A refusal (409: an empty fund, a spent budget) is an answer too. The transaction that
    /// refused rolled back with the key's row, so the refusal is recorded afterwards in a
    /// transaction of its own, and a retry with the same key and request gets the same refusal
    /// instead of being tried again (after money arrived, say): the first answer, as the key
    /// promises. A new request takes a new key.
    static func rememberingRefusals<T: Sendable>(_ database: Database, _ principal: Principal, _ key: IdempotencyKey?,
                                                 _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch StoreError.conflict(let message) where key != nil {
            guard let key, (1...200).contains(key.key.count) else { throw StoreError.conflict(message) }
            let refusal = String(decoding: try JSONSerialization.data(withJSONObject: [
                "code": message.code, "field": message.field ?? "", "en": message.en, "zh": message.zh,
            ], options: [.sortedKeys]), as: UTF8.self)
            // Best effort: if the refusal can't be recorded, the retry is simply tried again.
            _ = try? await database.withSession(principal) { session in
                try await session.query("""
                    INSERT INTO idempotency_keys (user_id, key, request_hash, status, response)
                    VALUES (\(principal.userID), \(key.key), sha256(convert_to(\(key.request), 'UTF8')), \(Self.refused), \(refusal))
                    ON CONFLICT (user_id, key) DO NOTHING
                    """)
            }
            throw StoreError.conflict(message)
        }
    }

    /// The status a recorded refusal is kept under.
    static let refused: Int32 = 409

    /// Runs `body` at most once per (user, key). The key's row is inserted first, in the same
    /// transaction as the movement: a concurrent duplicate waits on the unique key until the
    /// first commits, then finds its answer. If the first was refused, its transaction rolled
    /// back with the row and `rememberingRefusals` records the refusal, which a retry gets again.
    static func run<Value: Sendable>(
        _ session: Session, _ key: IdempotencyKey?,
        render: (Value) throws -> StoredResponse,
        _ body: () async throws -> Value
    ) async throws -> Idempotent<Value> {
        guard let key else { return .done(try await body(), nil) }
        guard (1...200).contains(key.key.count) else { throw IdempotencyKey.invalid }
        guard let replay = try await claim(session, key) else {
            let value = try await body()
            let response = try render(value)
            try await session.query(store(response, session, key))
            return .done(value, response)
        }
        return .replayed(replay)
    }

    /// As `run`, for a body whose answer is known before its last statements, which it returns
    /// instead of running: they go out after the stored answer, with COMMIT, in one flight
    /// (`Session.commit(after:)`), so the row locks they take (a fund's, a program's: every
    /// disbursement's hot spots) are held for one round trip.
    static func run<Value: Sendable>(
        _ session: Session, _ key: IdempotencyKey?,
        render: (Value) throws -> StoredResponse,
        committing body: () async throws -> (Value, [PQQuery])
    ) async throws -> Idempotent<Value> {
        guard let key else {
            let (value, last) = try await body()
            try await session.commit(after: last)
            return .done(value, nil)
        }
        guard (1...200).contains(key.key.count) else { throw IdempotencyKey.invalid }
        guard let replay = try await claim(session, key) else {
            let (value, last) = try await body()
            let response = try render(value)
            try await session.commit(after: [store(response, session, key)] + last)
            return .done(value, response)
        }
        return .replayed(replay)
    }

    private static func store(_ response: StoredResponse, _ session: Session, _ key: IdempotencyKey) -> PQQuery {
        """
        UPDATE idempotency_keys SET status = \(Int32(response.status)), location = \(response.location), response = \(response.body)
        WHERE user_id = \(session.principal.userID) AND key = \(key.key)
        """
    }

    /// Inserts the key's row (nil: ours, go ahead), or reads the answer a committed twin
    /// stored (waiting on the unique key while that twin is still running).
    private static func claim(_ session: Session, _ key: IdempotencyKey) async throws -> StoredResponse? {
        let user = session.principal.userID
        let claimed = try await session.query("""
            INSERT INTO idempotency_keys (user_id, key, request_hash)
            VALUES (\(user), \(key.key), sha256(convert_to(\(key.request), 'UTF8')))
            ON CONFLICT (user_id, key) DO NOTHING RETURNING true
            """).scalar(Bool.self) ?? false
        if claimed { return nil }
        guard let row = try await session.query("""
            SELECT request_hash = sha256(convert_to(\(key.request), 'UTF8')) AS same, status, location, response
            FROM idempotency_keys WHERE user_id = \(user) AND key = \(key.key)
            """).first(StoredRow.self) else { throw StoreError.retryable }
        guard row.same else { throw IdempotencyKey.reused }
        guard let status = row.status, let body = row.response else { throw StoreError.retryable }
        if status == Self.refused {
            guard let refusal = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String],
                  let code = refusal["code"], let en = refusal["en"], let zh = refusal["zh"] else { throw StoreError.retryable }
            let field = refusal["field"].flatMap { $0.isEmpty ? nil : $0 }
            throw StoreError.conflict(StoreMessage(code: code, field: field, en: en, zh: zh))
        }
        return StoredResponse(status: Int(status), location: row.location, body: body)
    }
}
