/// A SQLSTATE code, with names for the ones the store acts on.
package struct SQLState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    package let rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }
    package init(_ rawValue: String) { self.rawValue = rawValue }

    package var description: String { rawValue }
    /// The two-character class ("23" for integrity constraint violations).
    package var sqlClass: Substring { rawValue.prefix(2) }

    package static let uniqueViolation = SQLState("23505")
    package static let foreignKeyViolation = SQLState("23503")
    package static let notNullViolation = SQLState("23502")
    package static let checkViolation = SQLState("23514")
    package static let exclusionViolation = SQLState("23P01")
    package static let serializationFailure = SQLState("40001")
    package static let deadlockDetected = SQLState("40P01")
    package static let insufficientPrivilege = SQLState("42501")
    package static let undefinedTable = SQLState("42P01")
    package static let syntaxError = SQLState("42601")
    package static let invalidTextRepresentation = SQLState("22P02")
    package static let numericValueOutOfRange = SQLState("22003")
    package static let adminShutdown = SQLState("57P01")
    package static let crashShutdown = SQLState("57P02")
    package static let cannotConnectNow = SQLState("57P03")
    package static let queryCanceled = SQLState("57014")
    package static let lockNotAvailable = SQLState("55P03")
    package static let raiseException = SQLState("P0001")
    /// "cached plan must not change result type": a prepared statement outlived a schema change.
    package static let featureNotSupported = SQLState("0A000")

    /// Class 08 (connection exception) and the shutdown codes of class 57.
    package var isConnectionException: Bool {
        sqlClass == "08" || self == .adminShutdown || self == .crashShutdown || self == .cannotConnectNow
    }

    /// Worth retrying the whole transaction.
    package var isTransient: Bool {
        self == .serializationFailure || self == .deadlockDetected
    }
}
