/// The steps of a graceful stop, as a value: events in, actions out, no I/O. `GracefulServer`
/// performs the actions (and logs each one); the tests drive this without a process.
///
/// 1. The first SIGTERM withdraws readiness and waits `grace` (SIGINT, from a terminal where no
///    proxy is watching, waits nothing).
/// 2. Then the listener closes, idle connections close, and requests in flight get `timeout`
///    to finish; the connection pool closes after the last one.
/// 3. A second signal, or the timeout, forces the stop: the database statements still running
///    are cancelled, so their transactions roll back and their handlers answer 503 (a handler
///    whose task were cancelled could not write its reply at all). What hasn't ended `forceWait`
///    later (a client still sending its body, say) has its task cancelled, and if even that
///    hasn't ended after another `forceWait`, the process gives up on it and exits.
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
        /// `forceWait` after the statements were cancelled.
        case statementsCancelledWaitElapsed
        /// `forceWait` after the tasks were cancelled.
        case tasksCancelledWaitElapsed
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
        /// Cancel the database statements still running; `statementsCancelledWaitElapsed` after `wait`.
        case force(ForceReason, wait: Duration)
        /// Cancel the tasks still running; `tasksCancelledWaitElapsed` after `wait`.
        case cancelTasks(wait: Duration)
        case finish(Outcome)
    }

    private enum Phase {
        case serving, grace, draining, forcing(ForceReason), cancelling(ForceReason), finished
    }

    let grace: Duration
    let timeout: Duration
    let forceWait: Duration
    private var phase = Phase.serving

    package init(grace: Duration, timeout: Duration, forceWait: Duration = .seconds(3)) {
        self.grace = grace
        self.timeout = timeout
        self.forceWait = forceWait
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
            return .force(.secondSignal, wait: forceWait)
        case (.draining, .deadlineReached):
            phase = .forcing(.deadline)
            return .force(.deadline, wait: forceWait)
        case (.forcing(let reason), .statementsCancelledWaitElapsed):
            phase = .cancelling(reason)
            return .cancelTasks(wait: forceWait)
        case (.draining, .serverStopped):
            phase = .finished
            return .finish(.drained)
        case (.forcing(let reason), .serverStopped), (.cancelling(let reason), .serverStopped):
            phase = .finished
            return .finish(.forced(reason))
        case (.cancelling, .tasksCancelledWaitElapsed):
            phase = .finished
            return .finish(.abandoned)
        case (.serving, .serverStopped), (.grace, .serverStopped):
            phase = .finished
            return .finish(.stoppedUnasked)
        default:
            // Timers of a phase already left, and further signals once the stop is forced.
            return .none
        }
    }
}
