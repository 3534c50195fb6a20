import Foundation
import UUIDText

extension String: PQCodable {
    package static var pqType: PQType { .unspecified }
    package var pqBindValue: PQBindValue? { .text(self) }
    package static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> String {
        guard type != .bytea else { throw .typeMismatch }
        return String(Substring(text))
    }

    package static func pqDecode(bytes: UnsafeRawBufferPointer, type: PQType) throws(PQValueError) -> String {
        guard type != .bytea else { throw .typeMismatch }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Substring.UTF8View {
    /// Parses a base-10 integer without allocating a String.
    func parseInteger<I: FixedWidthInteger>(as: I.Type) throws(PQValueError) -> I {
        var iterator = makeIterator()
        guard var byte = iterator.next() else { throw PQValueError("empty integer") }
        let negative = byte == UInt8(ascii: "-")
        if negative || byte == UInt8(ascii: "+") {
            guard let next = iterator.next() else { throw PQValueError("no digits") }
            byte = next
        }
        var value: I = 0
        while true {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw PQValueError("not an integer") }
            let digit = I(byte - UInt8(ascii: "0"))
            let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !o1, !o2 else { throw PQValueError("out of range for \(I.self)") }
            value = next
            guard let following = iterator.next() else { return value }
            byte = following
        }
    }
}

private func decodeInteger<I: FixedWidthInteger>(_ text: Substring.UTF8View, type: PQType, as: I.Type) throws(PQValueError) -> I {
    guard type == .int2 || type == .int4 || type == .int8 || type == .oid else { throw .typeMismatch }
    return try text.parseInteger(as: I.self)
}

extension Int: PQCodable {
    package static var pqType: PQType { .int8 }
    package var pqBindValue: PQBindValue? { .text(String(self)) }
    package static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> Int {
        try decodeInteger(text, type: type, as: Int.self)
    }
}

extension Int64: PQCodable {
    package static var pqType: PQType { .int8 }
    package var pqBindValue: PQBindValue? { .text(String(self)) }
    package static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> Int64 {
        try decodeInteger(text, type: type, as: Int64.self)
    }
}

extension Int32: PQCodable {
    package static var pqType: PQType { .int4 }
    package var pqBindValue: PQBindValue? { .text(String(self)) }
    package static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> Int32 {
        try decodeInteger(text, type: type, as: Int32.self)
    }
}

extension Int16: PQCodable {
    package static var pqType: PQType { .int2 }
    package var pqBindValue: PQBindValue? { .text(String(self)) }
    package static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> Int16 {
        try decodeInteger(text, type: type, as: Int16.self)
    }
}

extension Bool: PQCodable {
    package static var pqType: PQType { .bool }
    package var pqBindValue: PQBindValue? { .text(self ? "t" : "f") }
    package static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> Bool {
        guard type == .bool else { throw .typeMismatch }
        switch text.first {
        case UInt8(ascii: "t"): return true
        case UInt8(ascii: "f"): return false
        default: throw PQValueError("not a boolean")
        }
    }
}

extension Double: PQCodable {
    package static var pqType: PQType { .float8 }
    package var pqBindValue: PQBindValue? {
        if isNaN { return .text("NaN") }
        if isInfinite { return .text(self < 0 ? "-Infinity" : "Infinity") }
        return .text(description)
    }
    package static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> Double {
        guard type == .float8 || type == .float4 || type == .int2 || type == .int4 || type == .int8 else {
            throw .typeMismatch
        }
        let string = String(Substring(text))
        switch string {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            guard let value = Double(string) else { throw PQValueError("not a number") }
            return value
        }
    }
}

extension UUID: PQCodable {
    package static var pqType: PQType { .uuid }
    /// Sent in binary (16 bytes): no `sprintf` here, and none of the server's per-byte `strtoul`
    /// in `uuid_in`, which the text form costs on every statement keyed by id.
    package var pqBindValue: PQBindValue? {
        let bytes = uuid
        return .binary([bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5, bytes.6, bytes.7,
                        bytes.8, bytes.9, bytes.10, bytes.11, bytes.12, bytes.13, bytes.14, bytes.15])
    }
    package static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> UUID {
        var text = Substring(text)
        let parsed = text.withUTF8 { UUIDText.parse(UnsafeRawBufferPointer($0)) }
        return try checked(parsed, type: type)
    }

    package static func pqDecode(bytes: UnsafeRawBufferPointer, type: PQType) throws(PQValueError) -> UUID {
        try checked(UUIDText.parse(bytes), type: type)
    }

    private static func checked(_ parsed: UUID?, type: PQType) throws(PQValueError) -> UUID {
        guard type == .uuid || type.isTextual else { throw .typeMismatch }
        guard let parsed else { throw PQValueError("not a UUID") }
        return parsed
    }
}

/// `numeric` as `Decimal`: exact to 38 significant digits, so money never passes through `Double`.
extension Decimal: PQCodable {
    package static var pqType: PQType { .numeric }
    package var pqBindValue: PQBindValue? { .text(isNaN ? "NaN" : description) }
    package static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> Decimal {
        guard type == .numeric || type == .int2 || type == .int4 || type == .int8 else { throw .typeMismatch }
        let string = String(Substring(text))
        if string == "NaN" { return .nan }
        let digits = string.utf8.lazy.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        // Decimal keeps 38 significant digits; refuse rather than round a longer value.
        let significant = digits.drop(while: { $0 == UInt8(ascii: "0") }).count
        guard significant <= 38, let value = Decimal(string: string, locale: Locale(identifier: "en_US_POSIX")) else {
            throw PQValueError("not representable as Decimal")
        }
        return value
    }
}

/// bytea goes out as raw bytes and comes back in PostgreSQL's hex format (`\x…`).
extension Data: PQCodable {
    package static var pqType: PQType { .bytea }
    package var pqBindValue: PQBindValue? { .binary([UInt8](self)) }
    package static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> Data {
        guard type == .bytea else { throw .typeMismatch }
        var bytes = Array(text)
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x"), bytes.count % 2 == 0 else {
            throw PQValueError("bytea not in hex format")
        }
        func nibble(_ c: UInt8) throws(PQValueError) -> UInt8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: throw PQValueError("bad hex digit")
            }
        }
        var out = [UInt8]()
        out.reserveCapacity((bytes.count - 2) / 2)
        var index = 2
        while index < bytes.count {
            out.append(try nibble(bytes[index]) << 4 | nibble(bytes[index + 1]))
            index += 2
        }
        bytes.removeAll()
        return Data(out)
    }
}
