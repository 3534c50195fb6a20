import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run on NIO's blocking thread pool: a cost-12 hash takes about a quarter second,
/// which must never stall an event loop or the cooperative pool.
package struct PasswordHasher: Sendable {
    package let cost: UInt8
    /// A hash of nothing anyone knows, verified against when the username is unknown so that
    /// a wrong name and a wrong password take the same time.
    private let decoy: String

    package init(cost: UInt8 = 12) {
        self.cost = cost
        decoy = Bcrypt.hash(TokenGenerator.makeToken(), cost: cost)
    }

    package func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Verifies `password` against `hash`, or against the decoy when there is no hash.
    package func verify(_ password: String, hash: String?) async throws -> Bool {
        let target = hash ?? decoy
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: target) }
        return hash != nil && matches
    }
}
