import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// Runs the application until SIGTERM or SIGINT, then stops it in the steps of
/// `ShutdownSequence`, logging each one.
///
/// Hummingbird's own `runService` stops on the first signal without a grace period and
/// ignores a second one, with no bound on the drain: hence this runner. The drain itself is
/// Hummingbird's (the listener closes, idle keep-alive connections close, each busy one closes
/// after its response) and the pool, added to the application before the HTTP server, closes
/// after it.
package struct GracefulServer<App: ApplicationProtocol>: Sendable {
    let app: App
    let readiness: Readiness
    /// A forced stop's first step: the pool's `cancelRunningStatements`.
    let cancelStatements: @Sendable () async -> Void
    let sequence: ShutdownSequence
    let logger: Logger

    package init(app: App, readiness: Readiness, cancelStatements: @escaping @Sendable () async -> Void,
                 grace: Duration, timeout: Duration, logger: Logger) {
        self.app = app
        self.readiness = readiness
        self.cancelStatements = cancelStatements
        self.sequence = ShutdownSequence(grace: grace, timeout: timeout)
        self.logger = logger
    }

    private enum Message: Sendable {
        case event(ShutdownSequence.Event)
        case serverFailed(any Error)
    }

    /// Serves until stopped; returns how the stop went (or throws why the server could not run).
    package func run() async throws -> ShutdownSequence.Outcome {
        // Trapped before the server starts, so an early SIGTERM is not the default (instant) death.
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        let (messages, sink) = AsyncStream.makeStream(of: Message.self)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        // Unstructured on purpose: when even a forced stop does not finish, the process must be
        // able to exit without it, and a child task would make us wait for it.
        let serving = Task {
            do {
                try await group.run()
                sink.yield(.event(.serverStopped))
            } catch {
                sink.yield(.serverFailed(error))
                sink.yield(.event(.serverStopped))
            }
        }
        var sequence = self.sequence
        var failure: (any Error)?
        let outcome = await withTaskGroup(of: Void.self, returning: ShutdownSequence.Outcome.self) { timers in
            timers.addTask {
                for await signal in signals {
                    sink.yield(.event(.signal(signal == .sigint ? .interrupt : .terminate)))
                }
            }
            func after(_ delay: Duration, send event: ShutdownSequence.Event) {
                timers.addTask {
                    do { try await Task.sleep(for: delay) } catch { return }
                    sink.yield(.event(event))
                }
            }
            for await message in messages {
                let event: ShutdownSequence.Event
                switch message {
                case .serverFailed(let error):
                    failure = error
                    continue
                case .event(let next):
                    event = next
                }
                switch sequence.handle(event) {
                case .none:
                    continue
                case .withdrawReadiness(let grace):
                    readiness.withdraw()
                    logger.info("shutdown: /readyz answers 503 from now on; serving on through the grace period",
                                metadata: ["shutdown.grace_seconds": "\(grace.components.seconds)"])
                    after(grace, send: .graceElapsed)
                case .stopAccepting(let deadline):
                    logger.info("shutdown: no longer accepting connections, finishing requests in flight",
                                metadata: ["shutdown.timeout_seconds": "\(deadline.components.seconds)"])
                    await group.triggerGracefulShutdown()
                    after(deadline, send: .deadlineReached)
                case .force(let reason, let wait):
                    logger.warning("shutdown: cancelling the database work of requests still in flight",
                                   metadata: ["shutdown.reason": "\(reason == .deadline ? "deadline" : "second signal")"])
                    await cancelStatements()
                    after(wait, send: .statementsCancelledWaitElapsed)
                case .cancelTasks(let wait):
                    logger.warning("shutdown: cancelling requests still in flight")
                    serving.cancel()
                    after(wait, send: .tasksCancelledWaitElapsed)
                case .finish(let outcome):
                    timers.cancelAll()
                    return outcome
                }
            }
            timers.cancelAll()
            return .stoppedUnasked
        }
        switch outcome {
        case .drained: logger.info("shutdown: stopped, every request in flight finished")
        case .forced: logger.warning("shutdown: stopped with requests cut off")
        case .abandoned: logger.critical("shutdown: the forced stop did not finish in time; exiting without waiting")
        case .stoppedUnasked: break
        }
        if let failure { throw failure }
        return outcome
    }
}
