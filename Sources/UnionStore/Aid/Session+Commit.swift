import PQ

extension Session {
    /// Sends `statements` and COMMIT in one flight (pipeline mode). For a transaction whose
    /// last statements take contended row locks (a fund's, a program's): the locks are released
    /// by the same round trip that takes them, not one round trip later. A failing statement
    /// skips the rest and rolls the transaction back; its error is thrown. The session's own
    /// COMMIT that follows then finds no transaction and does nothing.
    func commit(after statements: [PQQuery]) async throws {
        let results = try await connection.pipeline(statements + ["COMMIT"])
        if results.last?.commandTag == "ROLLBACK" {
            throw PQError(.transactionRolledBack, message: "the transaction had failed and was rolled back")
        }
    }
}
