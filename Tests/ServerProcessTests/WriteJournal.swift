import Foundation
import Synchronization

/// Every write a test's clients attempted, with what came back, and whether it was sent after
/// the server was told to stop.
final class WriteJournal: Sendable {
    struct Attempt: Sendable {
        let key: String
        let body: String
        let sentAfterSignal: Bool
        let outcome: RawHTTP.Outcome
    }

    private let attempts = Mutex<[Attempt]>([])
    private let signalled = Atomic<Bool>(false)

    var all: [Attempt] { attempts.withLock { $0 } }
    var successes: Int { attempts.withLock { $0.filter { ($0.outcome.status ?? 0) / 100 == 2 }.count } }
    var hasSignalled: Bool { signalled.load(ordering: .sequentiallyConsistent) }

    /// Called just before the signal goes out: from then on every attempt counts as sent after it.
    func markSignalled() { signalled.store(true, ordering: .sequentiallyConsistent) }

    func record(_ attempt: Attempt) { attempts.withLock { $0.append(attempt) } }
}

/// A fund receipt: the write the graceful-restart tests stream. Its `Idempotency-Key` is also
/// its memo, so the ledger row of each attempt can be found.
enum Receipt {
    static func body(key: String) -> String {
        #"{"amount": "1.00", "payer": "丰台区总工会", "memo": "\#(key)"}"#
    }

    static func post(port: Int, fund: String, token: String, key: String) async -> RawHTTP.Outcome {
        await RawHTTP.send(port: port, "POST", "/api/v1/funds/\(fund)/receipts", token: token,
                           headers: [("Idempotency-Key", key)], body: body(key: key))
    }

    static func id(of outcome: RawHTTP.Outcome) -> String? {
        guard let body = outcome.body, let data = body.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object["id"] as? String
    }
}
