/// The steps of a graceful stop, as a value: events in, actions out, no I/O. `GracefulServer`
/// performs the actions (and logs each one); the tests drive this without a process.
///
/// 1. The first SIGTERM withdraws readiness and waits `grace` (SIGINT, from a terminal where no
///    proxy is watching, waits nothing).
/// 2. Then the listener closes, idle connections close, and requests in flight get `timeout`
///    to finish; the connection pool closes after the last one.
/// 3. A second signal, or the timeout, forces the stop: what still runs is cancelled. If even
///    that does not end within `forcedStopWait` (a database call that does not return), the
///    process gives up on it and exits.
package struct ShutdownSequence: Sendable {
    package enum Signal: Sendable, Equatable {
        /// SIGTERM: from an orchestrator (systemd, docker, Kubernetes), with a proxy in front.
        case terminate
        /// SIGINT: Ctrl-C at a terminal.
        case interrupt
    }

    package enum Event: Sendable, Equatable {
        case signal(Signal)
        case graceElapsed
        case deadlineReached
        case serverStopped
        case forcedStopTimedOut
    }

    package enum ForceReason: Sendable, Equatable {
        case secondSignal
        case deadline
    }

    package enum Outcome: Sendable, Equatable {
        /// Every request in flight finished; the pool closed. Exit 0.
        case drained
        /// Requests still in flight were cancelled. Exit 1.
        case forced(ForceReason)
        /// The forced stop itself did not finish in time; the process exits without waiting. Exit 1.
        case abandoned
        /// The server ended without being asked (it could not bind its port, say).
        case stoppedUnasked
    }

    package enum Action: Sendable, Equatable {
        case none
        /// `/readyz` answers 503 from now on; `graceElapsed` follows after `grace`.
        case withdrawReadiness(grace: Duration)
        /// Close the listener and let requests in flight finish; `deadlineReached` after `deadline`.
        case stopAccepting(deadline: Duration)
        /// Cancel what still runs; `forcedStopTimedOut` after `wait`.
        case force(ForceReason, wait: Duration)
        case finish(Outcome)
    }

    private enum Phase {
        case serving, grace, draining, forcing(ForceReason), finished
    }

    let grace: Duration
    let timeout: Duration
    let forcedStopWait: Duration
    private var phase = Phase.serving

    package init(grace: Duration, timeout: Duration, forcedStopWait: Duration = .seconds(5)) {
        self.grace = grace
        self.timeout = timeout
        self.forcedStopWait = forcedStopWait
    }

    package mutating func handle(_ event: Event) -> Action {
        switch (phase, event) {
        case (.serving, .signal(let signal)):
            phase = .grace
            return .withdrawReadiness(grace: signal == .terminate ? grace : .zero)
        case (.grace, .graceElapsed):
            phase = .draining
            return .stopAccepting(deadline: timeout)
        case (.grace, .signal), (.draining, .signal):
            phase = .forcing(.secondSignal)
            return .force(.secondSignal, wait: forcedStopWait)
        case (.draining, .deadlineReached):
            phase = .forcing(.deadline)
            return .force(.deadline, wait: forcedStopWait)
        case (.draining, .serverStopped):
            phase = .finished
            return .finish(.drained)
        case (.forcing(let reason), .serverStopped):
            phase = .finished
            return .finish(.forced(reason))
        case (.forcing, .forcedStopTimedOut):
            phase = .finished
            return .finish(.abandoned)
        case (.serving, .serverStopped), (.grace, .serverStopped):
            phase = .finished
            return .finish(.stoppedUnasked)
        default:
            // Timers of a phase already left, and signals while the stop is being forced.
            return .none
        }
    }
}
