/// A type that can be an element of a one-dimensional PostgreSQL array.
package protocol PQArrayElement: PQCodable {
    /// The OID of the array type (`text[]` for `String`).
    static var pqArrayType: PQType { get }
    /// The element's type inside the array's text, for decoding.
    static var pqElementType: PQType { get }
}

extension String: PQArrayElement {
    package static var pqArrayType: PQType { .textArray }
    package static var pqElementType: PQType { .text }
}

extension Int: PQArrayElement {
    package static var pqArrayType: PQType { .int8Array }
    package static var pqElementType: PQType { .int8 }
}

extension Int64: PQArrayElement {
    package static var pqArrayType: PQType { .int8Array }
    package static var pqElementType: PQType { .int8 }
}

extension Int32: PQArrayElement {
    package static var pqArrayType: PQType { .int4Array }
    package static var pqElementType: PQType { .int4 }
}

/// Arrays travel as array literals: `{"a","b \"c\"",NULL}`. Every element is quoted on the way
/// out, so commas, braces, quotes and backslashes in text survive.
extension Array: PQEncodable where Element: PQArrayElement {
    package static var pqType: PQType { Element.pqArrayType }

    package var pqBindValue: PQBindValue? {
        var literal = "{"
        for (index, element) in enumerated() {
            if index > 0 { literal += "," }
            guard case .text(let text)? = element.pqBindValue else {
                literal += "NULL"
                continue
            }
            literal += "\""
            for character in text.unicodeScalars {
                if character == "\"" || character == "\\" { literal += "\\" }
                literal.unicodeScalars.append(character)
            }
            literal += "\""
        }
        return .text(literal + "}")
    }
}

extension Array: PQDecodable where Element: PQArrayElement {
    package static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> [Element] {
        guard type == Element.pqArrayType || (Element.self == String.self && type == .varcharArray) else {
            throw .typeMismatch
        }
        return try PQArrayLiteral.elements(of: text).map { (element: [UInt8]?) throws(PQValueError) -> Element in
            guard let element else { throw PQValueError("array holds NULL") }
            return try Element.pqDecode(text: Substring(decoding: element, as: UTF8.self).utf8, type: Element.pqElementType)
        }
    }
}

/// Splits a one-dimensional array literal into its elements; `nil` stands for an unquoted NULL.
enum PQArrayLiteral {
    static func elements(of text: Substring.UTF8View) throws(PQValueError) -> [[UInt8]?] {
        let bytes = Array(text)
        guard bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else {
            throw PQValueError("not a one-dimensional array literal")
        }
        var elements: [[UInt8]?] = []
        var index = 1
        let end = bytes.count - 1
        if index == end { return [] }
        while index <= end {
            var element: [UInt8] = []
            var quoted = false
            if bytes[index] == UInt8(ascii: "\"") {
                quoted = true
                index += 1
                while index < end, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                    guard index < end else { throw PQValueError("unterminated quote in array") }
                    element.append(bytes[index])
                    index += 1
                }
                index += 1
            } else {
                while index < end, bytes[index] != UInt8(ascii: ",") {
                    guard bytes[index] != UInt8(ascii: "{") else { throw PQValueError("multi-dimensional array") }
                    element.append(bytes[index])
                    index += 1
                }
            }
            let isNull = !quoted && element == Array("NULL".utf8)
            elements.append(isNull ? nil : element)
            guard index == end || bytes[index] == UInt8(ascii: ",") else { throw PQValueError("malformed array") }
            index += 1
        }
        return elements
    }
}
