import NIOCore
import Synchronization

/// Runs a task's jobs on one event loop: the one that owns the request's connection.
///
/// Swift concurrency's global executor runs on NIO's event loops (see `unionhall`'s entry),
/// but it picks a loop per job: a handler resumed from the database pool's thread could land
/// on either loop, and writing the response then hops to the connection's loop and wakes it.
/// With this as the request's executor preference, the handler resumes where its connection
/// lives and the response is written without a hop.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    private init(eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// One executor per event loop, made on first use.
    static func of(_ eventLoop: any EventLoop) -> EventLoopTaskExecutor {
        executors.withLock { executors in
            let key = ObjectIdentifier(eventLoop)
            if let known = executors[key] { return known }
            let made = EventLoopTaskExecutor(eventLoop: eventLoop)
            executors[key] = made
            return made
        }
    }

    private static let executors = Mutex<[ObjectIdentifier: EventLoopTaskExecutor]>([:])
}
