/// Session-level settings a batched unit needs on whatever connection runs it, such as the
/// `set_config(…, false)` that row-level security policies read.
///
/// The pool remembers which state each connection carries and sends `statement` only when the
/// connection doesn't already have `key`: a run of units for the same state pays for the setup
/// once per connection, not once per unit. The statement goes as a unit of its own (its own
/// Sync, so its own transaction) ahead of the unit that needs it, so a failing unit can't roll
/// the setting back from under the units after it.
///
/// A unit without a state runs on a clean session: a connection that carries one is sent
/// `RESET ALL` first, and so is a connection leased whole (`PQPool.withConnection`). No
/// statement ever sees settings it didn't ask for.
package struct PQSessionState: Sendable {
    /// Names the settings exactly: two states with one key must set the same values.
    package let key: String
    /// Sets them at session level (`set_config(…, false)`), overriding whatever was there.
    /// Built only when a connection needs it, which under load is rarely.
    package var statement: PQQuery { makeStatement() }
    private let makeStatement: @Sendable () -> PQQuery

    package init(key: String, statement: @escaping @autoclosure @Sendable () -> PQQuery) {
        self.key = key
        makeStatement = statement
    }
}

/// One pipelined flight: the queued units in order, each preceded by its session statement when
/// the connection's state (as it will be by then) differs, and the way back from the outcomes
/// of what was sent to one answer per queued unit.
struct PQFlight {
    /// What goes on the wire.
    private(set) var units: [[PQQuery]] = []
    /// Where a Sync follows: after every unit except between read-only ones, which share a
    /// transaction (see `LibPQConnection.pipeline(units:syncAfter:)`).
    private(set) var syncAfter: [Bool] = []
    /// Per queued unit: where its statements are in `units`, and the session statement sent in
    /// this flight that it relies on (nil when it relies on the state the connection had).
    private var placements: [(unit: Int, setup: Int?)] = []
    private var lastSetup: (index: Int, state: PQConnectionSession)?

    init(_ queued: [(unit: [PQQuery], session: PQSessionState?, readOnly: Bool)], connectionState: PQConnectionSession) {
        var state = connectionState
        var shared: [Bool] = []
        for item in queued {
            let needed = item.session.map { PQConnectionSession.set($0.key) } ?? .clean
            if needed != state {
                lastSetup = (units.count, needed)
                units.append([item.session?.statement ?? "RESET ALL"])
                shared.append(false)
                state = needed
            }
            placements.append((units.count, lastSetup?.index))
            units.append(item.unit)
            shared.append(item.readOnly)
        }
        syncAfter = shared.indices.map { index in
            !shared[index] || index == shared.count - 1 || !shared[index + 1]
        }
    }

    /// One answer per queued unit. A unit whose session statement failed is answered with that
    /// failure whatever it returned: it ran under some other state.
    func answers(_ outcomes: [Result<[PQResult], PQError>]) -> [Result<[PQResult], PQError>] {
        placements.map { placement in
            if let setup = placement.setup, case .failure(let error) = outcomes[setup] { return .failure(error) }
            return outcomes[placement.unit]
        }
    }

    /// The connection's state after the flight: unchanged when nothing was set, unknown when
    /// the last setting failed.
    func connectionState(after outcomes: [Result<[PQResult], PQError>], before: PQConnectionSession) -> PQConnectionSession {
        guard let lastSetup else { return before }
        if case .success = outcomes[lastSetup.index] { return lastSetup.state }
        return .unknown
    }
}

/// What session-level settings a connection carries, as far as the pool knows.
enum PQConnectionSession: Equatable {
    /// As opened (or after `RESET ALL`).
    case clean
    /// A `PQSessionState`'s settings, by key.
    case set(String)
    /// After a setting failed: anything.
    case unknown
}
