import Foundation
import SnakeCase
import Synchronization

/// The bytes of a JSON document being written, and the spelling rules of our API: strings
/// escaped as RFC 8259 asks (slashes left alone), keys in snake_case, numbers without a
/// trailing `.0`, dates in ISO 8601.
struct JSONOutput {
    var bytes: [UInt8] = []

    init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func append(ascii text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func appendString(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in appendString(utf8) }
    }

    mutating func appendString(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var start = 0
        for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
            appendEscape(byte)
            start = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            let hex = Self.hexDigits
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// An object key, converted to snake_case, with its colon.
    mutating func appendKey(_ key: String) {
        bytes.append(contentsOf: JSONKeys.quoted(key))
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func append(integer value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        append(unsigned: value.magnitude)
    }

    mutating func append(unsigned value: UInt64) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for UInt64.max's 20 digits
        withUnsafeMutableBytes(of: &digits) { buffer in
            var position = buffer.count
            var rest = value
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            bytes.append(contentsOf: buffer[position...])
        }
    }

    mutating func append(double value: Double) throws(EncodingError) {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) is not valid in JSON"))
        }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            append(integer: Int64(value))
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    mutating func append(date: Date) {
        appendString(date.formatted(.iso8601))
    }
}

/// Object keys as written: quoted, escaped, camelCase in snake_case (`idNumberMasked` →
/// `id_number_masked`, as Foundation's `convertToSnakeCase` did), each made once.
enum JSONKeys {
    private static let cache = Mutex<[String: [UInt8]]>([:])
    /// Far more than our types declare; a bound because dictionary keys come from data.
    private static let maximumCached = 4096

    static func quoted(_ key: String) -> [UInt8] {
        if let known = cache.withLock({ $0[key] }) { return known }
        var output = JSONOutput(capacity: key.utf8.count + 8)
        output.appendString(SnakeCase.convert(key))
        cache.withLock { cache in
            if cache.count < maximumCached { cache[key] = output.bytes }
        }
        return output.bytes
    }
}
