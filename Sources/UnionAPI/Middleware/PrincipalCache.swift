import Foundation
import Synchronization
import UnionDomain

/// Remembers which principal a bearer token stood for, for a short time, so a client's burst of
/// requests costs one database authentication instead of one each.
///
/// The price is a bounded lag: a token revoked, a user or office deactivated elsewhere (the CLI,
/// another server) keeps working here for at most `ttl`. Logging out through this server evicts
/// at once. Tokens live only in memory here and are never logged. A `ttl` of zero turns the
/// cache off (the tests run that way, to check revocation to the request).
final class PrincipalCache: Sendable {
    private struct Entry {
        let principal: Principal
        let expires: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: Entry]>([:])
    let ttl: Duration
    /// Past this many tokens the cache starts over rather than grow without bound.
    private let capacity = 10_000

    init(ttl: Duration) { self.ttl = ttl }

    var isEnabled: Bool { ttl > .zero }

    func principal(for token: String) -> Principal? {
        guard isEnabled else { return nil }
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[token] else { return nil }
            guard entry.expires > now else {
                entries[token] = nil
                return nil
            }
            return entry.principal
        }
    }

    func store(_ principal: Principal, for token: String) {
        guard isEnabled else { return }
        let entry = Entry(principal: principal, expires: ContinuousClock.now + ttl)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = entry
        }
    }

    func evict(_ token: String) {
        _ = entries.withLock { $0.removeValue(forKey: token) }
    }
}
