import CLibPQ

extension LibPQConnection {
    /// Sends several statements in one flight (libpq pipeline mode) and reads their results.
    ///
    /// A request's transaction — BEGIN, the scope's `set_config`, its query, COMMIT — costs one
    /// round trip this way instead of four. Statements go through the unnamed statement, so this
    /// path never touches the prepared-statement cache. On the first failing statement the rest
    /// are skipped by the server; that statement's error is thrown after the pipeline is drained,
    /// and an explicit transaction left aborted is rolled back.
    package func pipeline(_ queries: [PQQuery]) throws(PQError) -> [PQResult] {
        guard PQenterPipelineMode(handle) == 1 else {
            throw PQError(.unexpectedResult, message: "cannot enter pipeline mode: " + Self.errorMessage(handle))
        }
        var results: [PQResult] = []
        var firstError: PQError?
        for query in queries {
            let sent = PQParameters(query.bindings).withPointers { count, types, values, lengths, formats in
                PQsendQueryParams(handle, query.sql, count, types, values, lengths, formats, 0)
            }
            guard sent == 1 else {
                firstError = PQError(.connectionLost, message: Self.errorMessage(handle))
                break
            }
        }
        if firstError == nil, PQpipelineSync(handle) != 1 {
            firstError = PQError(.connectionLost, message: Self.errorMessage(handle))
        }
        if let firstError {
            // Nothing reliable can be read back: the connection is unusable.
            throw firstError
        }
        // Each statement yields one result then NULL; the sync yields PGRES_PIPELINE_SYNC.
        // The loop is bounded so a dead connection can't spin it.
        var remaining = queries.count
        var steps = 0
        while steps < queries.count * 4 + 8 {
            steps += 1
            guard let result = PQgetResult(handle) else {
                if PQstatus(handle) != CONNECTION_OK {
                    throw PQError(.connectionLost, message: Self.errorMessage(handle))
                }
                continue  // the NULL that ends one statement's results
            }
            let status = PQresultStatus(result)
            if status == PGRES_PIPELINE_SYNC {
                PQclear(result)
                break
            }
            if status == PGRES_PIPELINE_ABORTED {
                PQclear(result)
                remaining -= 1
                continue
            }
            remaining -= 1
            do {
                results.append(try check(result))
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        _ = PQexitPipelineMode(handle)
        if let firstError {
            if PQtransactionStatus(handle) == PQTRANS_INERROR { _ = try? executeSimple("ROLLBACK") }
            throw firstError
        }
        guard remaining == 0 else {
            throw PQError(.unexpectedResult, message: "pipeline returned \(queries.count - remaining) of \(queries.count) results")
        }
        return results
    }
}
