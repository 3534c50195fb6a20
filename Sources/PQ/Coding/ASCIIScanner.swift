/// A tiny cursor over ASCII bytes for the date and time parsers.
struct ASCIIScanner {
    private let bytes: [UInt8]
    private(set) var index = 0

    init(_ text: Substring.UTF8View) { bytes = Array(text) }

    var isAtEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skip(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    mutating func expect(_ byte: UInt8) throws(PQValueError) {
        guard skip(byte) else { throw PQValueError("unexpected character") }
    }

    /// Reads at least `minimum` digits (and at most `maximum`), returning their value and count.
    mutating func digits(minimum: Int, maximum: Int = 9) throws(PQValueError) -> (value: Int, count: Int) {
        var value = 0
        var count = 0
        while count < maximum, let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            count += 1
            index += 1
        }
        guard count >= minimum else { throw PQValueError("expected digits") }
        return (value, count)
    }
}

extension String {
    /// Zero-padded decimal, for dates and times.
    init(padding value: Int, to width: Int) {
        let digits = String(value)
        self = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
