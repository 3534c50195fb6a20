/// A value bound to a query parameter.
///
/// Values travel in PostgreSQL's text format (the one format every type has), except bytea,
/// which goes as raw bytes so nothing needs escaping, and uuid, whose 16 bytes are cheaper on
/// both ends than its text.
package enum PQBindValue: Sendable, Hashable {
    case text(String)
    case binary([UInt8])
}

/// A Swift type that can be bound to a query parameter.
package protocol PQEncodable: Sendable {
    /// The parameter's type; `.unspecified` lets the server infer it from the statement.
    static var pqType: PQType { get }
    /// The value in the parameter format; `nil` binds SQL NULL.
    var pqBindValue: PQBindValue? { get }
}

/// A Swift type that can be read from a result column in text format.
package protocol PQDecodable {
    /// Decodes a non-NULL value. `text` is the column's text representation; `type` its OID.
    static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> Self
    /// The same from the bytes in libpq's result buffer, valid only during the call. The
    /// default makes a String and calls `pqDecode(text:type:)`; types read on every row (ids,
    /// text) parse the bytes themselves.
    static func pqDecode(bytes: UnsafeRawBufferPointer, type: PQType) throws(PQValueError) -> Self
}

extension PQDecodable {
    package static func pqDecode(bytes: UnsafeRawBufferPointer, type: PQType) throws(PQValueError) -> Self {
        try pqDecode(text: Substring(String(decoding: bytes, as: UTF8.self)).utf8, type: type)
    }
}

package typealias PQCodable = PQEncodable & PQDecodable

extension Optional: PQEncodable where Wrapped: PQEncodable {
    package static var pqType: PQType { Wrapped.pqType }
    package var pqBindValue: PQBindValue? { self.flatMap(\.pqBindValue) }
}
