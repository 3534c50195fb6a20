/// Session-level settings a batched unit needs on whatever connection runs it, such as the
/// `set_config(…, false)` that row-level security policies read.
///
/// The pool remembers which state each connection carries and sends `statement` only when the
/// connection doesn't already have `key`: a run of units for the same state pays for the setup
/// once per connection, not once per unit, and the common case (the same principal again)
/// sends nothing extra.
///
/// The invariant: **no statement runs unless the state it asked for is in force.** When a unit
/// needs a change, the setting statement is the first statement *of that unit*, before the
/// same Sync (see `PQFlight`), so the two succeed or fail together: if the setting fails the
/// server skips the unit (it never runs, a write writes nothing), and if the unit fails the
/// server rolls the session-level setting back with it. After any failed group that carried a
/// setting the pool calls the connection's state unknown, and the next unit on it starts from
/// `RESET ALL`.
///
/// A unit without a state runs on a clean session: a connection that carries one is sent
/// `RESET ALL` in that unit first. A connection leased whole (`PQPool.withConnection`) starts
/// from `RESET ALL` too, and is unknown after the lease, whatever its body did.
package struct PQSessionState: Sendable {
    /// Names the settings exactly: two states with one key must set the same values.
    package let key: String
    /// Sets them at session level (`set_config(…, false)`), overriding whatever was there.
    /// Every state of a pool must set the same settings: going from one state to another the
    /// pool sends only the new state's statement, which must replace all of the old one.
    /// Built only when a connection needs it, which under load is rarely.
    package var statement: PQQuery { makeStatement() }
    private let makeStatement: @Sendable () -> PQQuery

    package init(key: String, statement: @escaping @autoclosure @Sendable () -> PQQuery) {
        self.key = key
        makeStatement = statement
    }
}

/// One pipelined flight: the queued units in order, each led by the statements that give the
/// connection the state it needs (when the connection's state, as it will be by then,
/// differs), and the way back from the outcomes of what was sent to one answer per unit.
///
/// Sent units and queued units correspond one to one: a unit's setup travels inside it, in its
/// implicit transaction. That costs no round trip (the whole flight is one) and no statement
/// on the common path (the same state as the connection's), and it is what ties the setting
/// and the unit together. A unit relies on a setting sent earlier in the flight only within
/// one Sync group; after a group that set something, the next group sets its state again.
struct PQFlight {
    /// What goes on the wire: per queued unit, its setup statements then its own.
    private(set) var units: [[PQQuery]] = []
    /// Where a Sync follows: after every unit except between read-only ones, which share a
    /// transaction (see `LibPQConnection.pipeline(units:syncAfter:)`).
    private(set) var syncAfter: [Bool] = []
    /// Per unit: how many setup statements lead it (their results aren't the caller's).
    private var setupCounts: [Int] = []
    /// Per unit: the state the connection has once the unit's transaction commits, when the
    /// unit's setup changes it.
    private var setsState: [PQConnectionSession?] = []

    init(_ queued: [(unit: [PQQuery], session: PQSessionState?, readOnly: Bool)], connectionState: PQConnectionSession) {
        syncAfter = queued.indices.map { index in
            !queued[index].readOnly || index == queued.count - 1 || !queued[index + 1].readOnly
        }
        // What the connection carries if every group so far commits.
        var state = connectionState
        // A unit may rely only on what is certain: the state the flight found, or a setting
        // made earlier in its own group (if that failed, the server skips this unit too). A
        // setting made in an earlier group is not: that group may fail and take it back.
        var certain = true
        var groupHasSetup = false
        for (index, item) in queued.enumerated() {
            let needed = item.session.map { PQConnectionSession.set($0.key) } ?? .clean
            var setup: [PQQuery] = []
            if needed != state || !certain {
                // Another state's statement replaces the settings of the old one; anything
                // else (unknown settings, or none wanted) starts from RESET ALL. A failed
                // group goes back to where it began, so unknown at the start may be again.
                if state == .unknown || connectionState == .unknown || needed == .clean { setup.append("RESET ALL") }
                if let session = item.session { setup.append(session.statement) }
                state = needed
                certain = true
                groupHasSetup = true
                setsState.append(needed)
            } else {
                setsState.append(nil)
            }
            setupCounts.append(setup.count)
            units.append(setup + item.unit)
            if syncAfter[index] {
                if groupHasSetup { certain = false }
                groupHasSetup = false
            }
        }
    }

    /// One answer per queued unit, without its setup's results. A unit whose setup failed
    /// is answered with that failure: the server skipped the rest of it.
    func answers(_ outcomes: [Result<[PQResult], PQError>]) -> [Result<[PQResult], PQError>] {
        zip(outcomes, setupCounts).map { outcome, setupCount in
            setupCount == 0 ? outcome : outcome.map { Array($0.dropFirst(setupCount)) }
        }
    }

    /// The connection's state after the flight, group by group (the units between two Syncs
    /// commit or roll back together): a group that committed leaves the last state it set; a
    /// group that set something and failed rolled its settings back, and the state is then
    /// called unknown rather than inferred, so the next unit resets it.
    func connectionState(after outcomes: [Result<[PQResult], PQError>], before: PQConnectionSession) -> PQConnectionSession {
        var state = before
        var groupStart = 0
        for index in units.indices where syncAfter[index] {
            let group = groupStart...index
            groupStart = index + 1
            guard let last = group.compactMap({ setsState[$0] }).last else { continue }
            let committed = group.allSatisfy { member in
                if case .success = outcomes[member] { true } else { false }
            }
            state = committed ? last : .unknown
        }
        return state
    }
}

/// What session-level settings a connection carries, as far as the pool knows.
enum PQConnectionSession: Equatable {
    /// As opened (or after `RESET ALL`): the startup options, nothing more.
    case clean
    /// A `PQSessionState`'s settings, by key.
    case set(String)
    /// After a failed group that carried a setting, or a whole lease: anything.
    case unknown
}
