import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import UnionDomain

/// The bytes of an uploaded roster as text. Excel on a Chinese Windows saves "CSV" in GBK
/// (GB18030's subset) with no marker, "CSV UTF-8" with a BOM, "Unicode text" in UTF-16 with a
/// BOM: all are read. Bytes that decode as none of them are refused, never stored as mojibake.
package enum RosterText {
    package enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case gb18030 = "GB18030"
        case utf16 = "UTF-16"

        /// The encoding a `charset=` or `--encoding` names; GBK and GB2312 read as GB18030,
        /// which contains both.
        package init?(name: String) {
            switch name.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-") {
            case "utf-8", "utf8": self = .utf8
            case "gb18030", "gbk", "gb2312", "cp936", "x-gbk", "euc-cn": self = .gb18030
            case "utf-16", "utf16", "utf-16le": self = .utf16
            default: return nil
            }
        }
    }

    package static let unreadable = ValidationFailure([FieldError(
        field: "file", code: "unknown_encoding",
        message: "is neither UTF-8 nor GBK/GB18030 text; in Excel choose Save As → CSV UTF-8 (逗号分隔)",
        messageZH: "文件编码无法识别（既不是UTF-8也不是GBK/GB18030）；请在Excel中另存为“CSV UTF-8(逗号分隔)”")])

    /// Decodes `bytes` as `declared` when given, else by what they are: a BOM, valid UTF-8, or GB18030.
    package static func decode(_ bytes: [UInt8], declared: Encoding? = nil) throws(ValidationFailure) -> (text: String, encoding: Encoding) {
        let text: String?
        let encoding: Encoding
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            (text, encoding) = (String(validating: bytes.dropFirst(3), as: UTF8.self), .utf8)
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || declared == .utf16 {
            (text, encoding) = (utf16(bytes), .utf16)
        } else if let declared {
            (text, encoding) = (declared == .utf8 ? String(validating: bytes, as: UTF8.self) : gb18030(bytes), declared)
        } else if let utf8 = String(validating: bytes, as: UTF8.self) {
            (text, encoding) = (utf8, .utf8)
        } else {
            (text, encoding) = (gb18030(bytes), .gb18030)
        }
        guard let text else {
            if let declared {
                throw ValidationFailure([FieldError(
                    field: "file", code: "wrong_encoding", message: "is not valid \(declared.rawValue) text, as its charset says",
                    messageZH: "文件内容不是声明的\(declared.rawValue)编码")])
            }
            throw unreadable
        }
        guard !text.utf8.contains(0) else {
            throw ValidationFailure([FieldError(field: "file", code: "nul_character", message: "contains NUL characters; it is not a text file",
                                                messageZH: "文件包含空字符(NUL)，不是文本文件")])
        }
        return (text, encoding)
    }

    private static func utf16(_ bytes: [UInt8]) -> String? {
        var bigEndian = bytes.starts(with: [0xFE, 0xFF])
        var body = bytes[...]
        if bytes.starts(with: [0xFF, 0xFE]) || bigEndian { body = body.dropFirst(2) } else { bigEndian = false }
        guard body.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var index = body.startIndex
        while index < body.endIndex {
            let first = UInt16(body[index]), second = UInt16(body[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        return String(validating: units, as: UTF16.self)
    }

    /// GB18030 through the C library's iconv (glibc ships the converter): nil on any byte
    /// sequence that isn't GB18030, so nothing is guessed.
    private static func gb18030(_ bytes: [UInt8]) -> String? {
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        // At most 4 UTF-8 bytes for each 2- or 4-byte GB18030 character, or each ASCII byte 1:1.
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 16)
        var inputLeft = input.count
        var outputLeft = output.count
        let converted = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inputPointer = inputBuffer.baseAddress
                var outputPointer = outputBuffer.baseAddress
                return iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
            }
        }
        guard converted != -1, inputLeft == 0 else { return nil }
        return String(validating: output.prefix(output.count - outputLeft).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
