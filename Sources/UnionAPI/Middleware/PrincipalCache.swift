import Foundation
import Synchronization
import UnionDomain

/// Remembers which principal a bearer token stood for, for a short time, so a client's burst of
/// requests costs one database authentication instead of one each.
///
/// The price is a bounded lag: a token revoked, a user or office deactivated elsewhere (the CLI,
/// another server) keeps working here for at most `ttl`. Logging out through this server holds
/// at once: `revoke` is called after the revocation committed, evicts the token and remembers
/// it for `ttl`, so a request that authenticated against the database just before the commit
/// can't put it back. Tokens live only in memory here and are never logged. A `ttl` of zero
/// turns the cache off (most tests run that way, to check revocation to the request).
final class PrincipalCache: Sendable {
    private struct Entry {
        let principal: Principal
        let expires: ContinuousClock.Instant
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Tokens revoked through this server, until no entry made before the revocation could
        /// still be alive.
        var revoked: [String: ContinuousClock.Instant] = [:]
    }

    private let state = Mutex(State())
    let ttl: Duration
    /// Past this many tokens the cache starts over rather than grow without bound.
    private let capacity = 10_000

    init(ttl: Duration) { self.ttl = ttl }

    var isEnabled: Bool { ttl > .zero }

    func principal(for token: String) -> Principal? {
        guard isEnabled else { return nil }
        let now = ContinuousClock.now
        return state.withLock { state in
            guard let entry = state.entries[token] else { return nil }
            guard entry.expires > now else {
                state.entries[token] = nil
                return nil
            }
            return entry.principal
        }
    }

    func store(_ principal: Principal, for token: String) {
        guard isEnabled else { return }
        let now = ContinuousClock.now
        let entry = Entry(principal: principal, expires: now + ttl)
        state.withLock { state in
            if let until = state.revoked[token] {
                if until > now { return }
                state.revoked[token] = nil
            }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[token] = entry
        }
    }

    /// Forgets `token` and refuses to remember it again for `ttl`. Call it once the revocation
    /// has committed.
    func revoke(_ token: String) {
        guard isEnabled else { return }
        let now = ContinuousClock.now
        state.withLock { state in
            state.entries[token] = nil
            if state.revoked.count >= capacity { state.revoked = state.revoked.filter { $0.value > now } }
            state.revoked[token] = now + ttl
        }
    }
}
