import CLibPQ

/// Hands chunks of COPY data to the server during `copyIn`.
package struct PQCopyWriter: ~Copyable {
    fileprivate let connection: LibPQConnection

    /// Sends bytes as they are; the caller frames rows in the format the COPY named.
    package func write(_ bytes: [UInt8]) throws(PQError) {
        let sent = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { PQputCopyData(connection.handle, $0.baseAddress, Int32($0.count)) }
        }
        guard sent == 1 else { throw PQError(.copyFailed, message: LibPQConnection.errorMessage(connection.handle)) }
    }

    package func write(_ text: String) throws(PQError) {
        try write(Array(text.utf8))
    }
}

extension LibPQConnection {
    /// Runs `COPY … FROM STDIN`, feeding it what `produce` writes, and returns the rows copied.
    /// If `produce` throws, the COPY is cancelled (nothing is loaded) and the error rethrown.
    package func copyIn(_ sql: String, produce: (borrowing PQCopyWriter) throws -> Void) throws -> Int {
        try beginUse()
        defer { endUse() }
        statementsSent += 1
        guard let start = PQexec(handle, sql) else {
            throw PQError(.connectionLost, message: Self.errorMessage(handle))
        }
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            _ = try check(start)  // throws the server's error for a bad COPY statement
            throw PQError(.unexpectedResult, message: "statement is not COPY FROM STDIN")
        }
        PQclear(start)
        let writer = PQCopyWriter(connection: self)
        var producerError: (any Error)?
        do {
            try produce(writer)
        } catch {
            producerError = error
        }
        let ended = producerError == nil ? PQputCopyEnd(handle, nil) : PQputCopyEnd(handle, "cancelled by client")
        guard ended == 1 else { throw PQError(.copyFailed, message: Self.errorMessage(handle)) }
        var copied = 0
        var serverError: PQError?
        while let result = PQgetResult(handle) {
            do {
                copied = try check(result).affectedRows
            } catch {
                if serverError == nil { serverError = error }
            }
        }
        if let producerError { throw producerError }
        if let serverError { throw serverError }
        return copied
    }
}

/// Formats values for COPY's text format: tab-separated, `\N` for NULL, backslash escapes.
package enum PQCopyText {
    package static func row(_ values: [String?]) -> String {
        var line = ""
        for (index, value) in values.enumerated() {
            if index > 0 { line += "\t" }
            guard let value else {
                line += "\\N"
                continue
            }
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\\": line += "\\\\"
                case "\t": line += "\\t"
                case "\n": line += "\\n"
                case "\r": line += "\\r"
                default: line.unicodeScalars.append(scalar)
                }
            }
        }
        return line + "\n"
    }
}
