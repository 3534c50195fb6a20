import Testing
import UnionAPI

/// The steps of a graceful stop, driven event by event (the process-level behaviour is in
/// `ServerProcessTests`).
@Suite("Shutdown sequence")
struct ShutdownSequenceTests {
    typealias Event = ShutdownSequence.Event
    typealias Action = ShutdownSequence.Action

    static func run(_ events: [Event], grace: Duration = .seconds(5), timeout: Duration = .seconds(25)) -> [Action] {
        var sequence = ShutdownSequence(grace: grace, timeout: timeout, forceWait: .seconds(3))
        return events.map { sequence.handle($0) }
    }

    @Test func sigtermWithdrawsReadinessWaitsTheGraceThenDrains() {
        #expect(Self.run([.signal(.terminate), .graceElapsed, .serverStopped]) == [
            .withdrawReadiness(grace: .seconds(5)), .stopAccepting(deadline: .seconds(25)), .finish(.drained),
        ])
    }

    @Test func sigintFromATerminalSkipsTheGracePeriod() {
        #expect(Self.run([.signal(.interrupt)]) == [.withdrawReadiness(grace: .zero)])
    }

    @Test(arguments: [
        ([Event.signal(.terminate), .signal(.terminate)], ShutdownSequence.ForceReason.secondSignal),
        ([.signal(.terminate), .graceElapsed, .signal(.interrupt)], .secondSignal),
        ([.signal(.terminate), .graceElapsed, .deadlineReached], .deadline),
    ])
    func aSecondSignalOrTheDeadlineForcesTheStop(events: [Event], reason: ShutdownSequence.ForceReason) {
        var sequence = ShutdownSequence(grace: .seconds(1), timeout: .seconds(2), forceWait: .seconds(3))
        let actions = events.map { sequence.handle($0) }
        #expect(actions.last == .force(reason, wait: .seconds(3)))
        #expect(sequence.handle(.serverStopped) == .finish(.forced(reason)))
    }

    /// Statements first (their requests can still answer), then tasks, then the process gives up.
    @Test func aForcedStopEscalatesAndIsAbandonedIfNothingEnds() {
        let actions = Self.run([.signal(.terminate), .graceElapsed, .deadlineReached, .signal(.terminate),
                                .statementsCancelledWaitElapsed, .statementsCancelledWaitElapsed, .tasksCancelledWaitElapsed])
        #expect(actions.suffix(5) == [
            .force(.deadline, wait: .seconds(3)), .none, .cancelTasks(wait: .seconds(3)), .none, .finish(.abandoned),
        ])
    }

    @Test func aServerThatStopsOnceItsTasksAreCancelledWasForced() {
        let actions = Self.run([.signal(.terminate), .signal(.interrupt), .statementsCancelledWaitElapsed, .serverStopped])
        #expect(actions.suffix(2) == [.cancelTasks(wait: .seconds(3)), .finish(.forced(.secondSignal))])
    }

    /// Timers of a phase already left must not push the stop on a second time.
    @Test func lateTimersAreIgnored() {
        let actions = Self.run([.signal(.terminate), .graceElapsed, .graceElapsed, .serverStopped, .deadlineReached])
        #expect(actions == [
            .withdrawReadiness(grace: .seconds(5)), .stopAccepting(deadline: .seconds(25)), .none, .finish(.drained), .none,
        ])
    }

    @Test func aServerThatEndsUnaskedIsReportedAsSuch() {
        #expect(Self.run([.serverStopped]) == [.finish(.stoppedUnasked)])
        #expect(Self.run([.deadlineReached, .graceElapsed]) == [.none, .none])
    }
}
