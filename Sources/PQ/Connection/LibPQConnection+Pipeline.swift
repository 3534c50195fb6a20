import CLibPQ

extension LibPQConnection {
    /// Sends several statements in one flight (libpq pipeline mode) and reads their results.
    ///
    /// The statements run as one unit: on the first failure the server skips the rest, that
    /// statement's error is thrown, and an explicit transaction left aborted is rolled back.
    package func pipeline(_ queries: [PQQuery]) throws(PQError) -> [PQResult] {
        try beginUse()
        defer { endUse() }
        let outcome = try pipelineUnclaimed(units: [queries], syncAfter: [true])[0]
        if case .failure = outcome, PQtransactionStatus(handle) == PQTRANS_INERROR {
            _ = try? executeSimpleUnclaimed("ROLLBACK")
        }
        return try outcome.get()
    }

    /// Sends several independent units of statements in one flight, each unit closed by its own
    /// Sync, and returns one outcome per unit.
    ///
    /// Between Syncs the server runs a unit as one implicit transaction: `set_config(…, true)`
    /// lasts to the end of the unit, and a failing statement rolls back only its own unit (the
    /// rest of that unit is skipped). This is what lets the pool put many callers' statements
    /// on one connection per round trip. Throws only when the connection breaks before any
    /// result could be read; a break midway fails the units not yet answered.
    package func pipeline(units: [[PQQuery]]) throws(PQError) -> [Result<[PQResult], PQError>] {
        try pipeline(units: units, syncAfter: units.map { _ in true })
    }

    /// As `pipeline(units:)`, with a Sync only after the units `syncAfter` marks (the last unit
    /// always gets one). The units between two Syncs run as one implicit transaction: after a
    /// failure the server skips the rest of them, which come back as `.skipped`, and rolls back
    /// what ran before it, so only read-only units may share a Sync. Fewer Syncs mean fewer
    /// transactions on the server and fewer writes here: libpq flushes at every Sync.
    ///
    /// A statement whose cached plan went stale (0A000, see `PQError.isStalePlan`) fails as
    /// the server reports it, and is forgotten: its next use prepares it afresh.
    package func pipeline(units: [[PQQuery]], syncAfter: [Bool]) throws(PQError) -> [Result<[PQResult], PQError>] {
        try beginUse()
        defer { endUse() }
        return try pipelineUnclaimed(units: units, syncAfter: syncAfter)
    }

    private func pipelineUnclaimed(units: [[PQQuery]], syncAfter: [Bool]) throws(PQError) -> [Result<[PQResult], PQError>] {
        let outcomes = try sendAndRead(units: units, syncAfter: syncAfter)
        // Costs a round trip, but only after a schema change made a plan stale.
        if !staleStatements.isEmpty, PQtransactionStatus(handle) == PQTRANS_IDLE {
            try? deallocateStaleStatements()
        }
        return outcomes
    }

    private func sendAndRead(units: [[PQQuery]], syncAfter: [Bool]) throws(PQError) -> [Result<[PQResult], PQError>] {
        guard PQenterPipelineMode(handle) == 1 else {
            throw PQError(.connectionLost, message: "cannot enter pipeline mode: " + Self.errorMessage(handle))
        }
        defer { _ = PQexitPipelineMode(handle) }
        var syncs = syncAfter
        if !syncs.isEmpty { syncs[syncs.count - 1] = true }
        // Which statements each unit prepares in this flight, remembered only once they succeed.
        var preparing: [[(key: String, name: String)?]] = []
        for unit in units {
            var unitPreparing: [(key: String, name: String)?] = []
            for query in unit {
                let (sent, prepared) = send(query)
                guard sent else { throw PQError(.connectionLost, message: Self.errorMessage(handle)) }
                unitPreparing.append(prepared)
            }
            preparing.append(unitPreparing)
            if syncs[preparing.count - 1] {
                guard PQpipelineSync(handle) == 1 else { throw PQError(.connectionLost, message: Self.errorMessage(handle)) }
            }
        }
        var outcomes: [Result<[PQResult], PQError>] = []
        outcomes.reserveCapacity(units.count)
        for (unitIndex, unit) in units.enumerated() {
            do {
                outcomes.append(.success(try readUnit(unit, preparing: preparing[unitIndex], sync: syncs[unitIndex])))
            } catch {
                outcomes.append(.failure(error))
                // A broken connection, or results out of step with what was sent (a stale
                // error the server left while the connection sat idle): nothing more can be
                // trusted on this connection.
                if PQstatus(handle) != CONNECTION_OK || error.code == .unexpectedResult || error.code == .connectionLost {
                    poisoned = true
                    let lost = PQError(.connectionLost, message: error.message)
                    outcomes[outcomes.count - 1] = .failure(lost)
                    while outcomes.count < units.count { outcomes.append(.failure(lost)) }
                    break
                }
            }
        }
        return outcomes
    }

    /// Queues one statement: the prepared statement when this connection has it, else a
    /// prepare (when the cache has room) followed by its execution.
    private func send(_ query: PQQuery) -> (sent: Bool, preparing: (key: String, name: String)?) {
        let key = Self.statementKey(sql: query.sql, bindings: query.bindings)
        let parameters = PQParameters(query.bindings)
        if let name = preparedStatementName(forKey: key) {
            let sent = parameters.withPointers { count, _, values, lengths, formats in
                PQsendQueryPrepared(handle, name, count, values, lengths, formats, 0)
            }
            return (counted(sent), nil)
        }
        guard let name = reserveStatementName() else {
            let sent = parameters.withPointers { count, types, values, lengths, formats in
                PQsendQueryParams(handle, query.sql, count, types, values, lengths, formats, 0)
            }
            return (counted(sent), nil)
        }
        let types = query.bindings.map { Oid($0.type.rawValue) }
        // A Parse alone runs nothing: it doesn't count as sent.
        guard PQsendPrepare(handle, name, query.sql, Int32(types.count), types) == 1 else { return (false, nil) }
        let sent = parameters.withPointers { count, _, values, lengths, formats in
            PQsendQueryPrepared(handle, name, count, values, lengths, formats, 0)
        }
        return (counted(sent), (key, name))
    }

    /// libpq took the execution into its buffer, which it may flush at any time from now on.
    private func counted(_ sent: Int32) -> Bool {
        guard sent == 1 else { return false }
        statementsSent += 1
        return true
    }

    /// Reads one unit's results, and its Sync when it has one. Bounded, so a dead connection
    /// can't spin it.
    private func readUnit(_ unit: [PQQuery], preparing: [(key: String, name: String)?], sync: Bool) throws(PQError) -> [PQResult] {
        var results: [PQResult] = []
        var firstError: PQError?
        // Aborted from its first result on: an earlier unit before the same Sync failed.
        var skipped: Bool?
        // Results expected: one per statement plus one per prepare in this flight.
        var expected: [(isPrepare: Bool, preparing: (key: String, name: String)?)] = []
        for entry in preparing {
            if let entry { expected.append((true, entry)) }
            expected.append((false, nil))
        }
        var preparedOK = false
        var statementIndex = 0
        for step in expected {
            guard let result = PQgetResult(handle) else {
                throw PQError(.connectionLost, message: Self.errorMessage(handle))
            }
            let status = PQresultStatus(result)
            if skipped == nil { skipped = status == PGRES_PIPELINE_ABORTED }
            if status == PGRES_PIPELINE_ABORTED {
                PQclear(result)
            } else if step.isPrepare {
                preparedOK = status == PGRES_COMMAND_OK
                if !preparedOK, firstError == nil { firstError = makeError(result) }
                PQclear(result)
                if preparedOK, let entry = step.preparing { rememberStatement(key: entry.key, name: entry.name) }
            } else {
                do {
                    results.append(try check(result))
                } catch {
                    if error.isStalePlan, unit.indices.contains(statementIndex) {
                        let query = unit[statementIndex]
                        forgetStatement(key: Self.statementKey(sql: query.sql, bindings: query.bindings))
                    }
                    if firstError == nil { firstError = error }
                }
            }
            if !step.isPrepare { statementIndex += 1 }
            // Each statement's results end with a NULL.
            guard PQgetResult(handle) == nil else {
                throw PQError(.unexpectedResult, message: "more results than statements in a pipeline")
            }
        }
        if sync {
            guard let end = PQgetResult(handle) else { throw PQError(.connectionLost, message: Self.errorMessage(handle)) }
            let endStatus = PQresultStatus(end)
            PQclear(end)
            guard endStatus == PGRES_PIPELINE_SYNC else {
                throw PQError(.unexpectedResult, message: "expected the end of a pipeline unit")
            }
        }
        if skipped == true { throw PQError(.skipped, message: "not run: an earlier statement before the same Sync failed") }
        if let firstError { throw firstError }
        return results
    }
}
