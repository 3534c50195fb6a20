import Foundation

/// Encodes `Encodable` values as JSON straight into bytes, in the API's spelling (`JSONOutput`).
///
/// Foundation's `JSONEncoder` first builds a tree of boxed values, converts every key of every
/// object to snake_case again, sorts, then serialises the tree: in profiles of the worker
/// endpoints it cost more than the database round trip. This one writes as the value describes
/// itself. Keys come out in the order the type encodes them (declaration order for synthesised
/// conformances), not sorted; `JSONValue` sorts the keys of stored JSON itself.
///
/// Not supported, because no type of ours needs them: `codingPath` (always empty) and
/// `userInfo`. `superEncoder()` writes a `"super"` key like Foundation's.
struct StreamingJSONEncoder {
    func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let writer = JSONStreamWriter()
        try writer.encodeValue(value)
        if let misuse = writer.misuse { throw misuse }
        return writer.output.bytes
    }
}

/// The `Encoder` every container writes through. Containers are written as they are opened;
/// a container's closing bracket goes out when the value that opened it has finished encoding,
/// or earlier when an enclosing container writes its next element (a nested container is
/// complete by then).
final class JSONStreamWriter: Encoder {
    // Unchecked: one writer serves one encode call on one thread, and no access to these
    // overlaps another; the dynamic exclusivity checks cost more than the writes.
    @exclusivity(unchecked) var output = JSONOutput()
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Open containers, innermost last: `true` for an object, and whether it has an element yet.
    @exclusivity(unchecked) private var open: [(isObject: Bool, isEmpty: Bool)] = []
    /// `open.count` when the value now encoding began: containers above it are that value's.
    @exclusivity(unchecked) private var valueBase = 0
    /// Set when a container was written to after it had been closed (a nested container used
    /// after its parent moved on), which a stream can't represent: the encoding then fails.
    private(set) var misuse: EncodingError?

    func encodeValue<T: Encodable>(_ value: T) throws {
        if T.self == Date.self, let date = value as? Date {
            output.append(date: date)
            return
        }
        let outerBase = valueBase
        let base = open.count
        let start = output.bytes.count
        valueBase = base
        defer { valueBase = outerBase }
        try value.encode(to: self)
        close(above: base)
        // A value that wrote nothing at all is an empty object, as with Foundation.
        if output.bytes.count == start { output.append(ascii: "{}") }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedWriter<Key>(writer: self, level: openContainer(isObject: true)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedWriter(writer: self, level: openContainer(isObject: false))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueWriter(writer: self)
    }

    /// The value's container: a second request from the same value (a subclass and its
    /// superclass, say) continues the one already open, as Foundation merges them.
    private func openContainer(isObject: Bool) -> Int {
        if open.count > valueBase, open[valueBase].isObject == isObject {
            close(above: valueBase + 1)
            return valueBase
        }
        return push(isObject: isObject)
    }

    func push(isObject: Bool) -> Int {
        output.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
        open.append((isObject, true))
        return open.count - 1
    }

    /// Closes every container from `level` up.
    func close(above level: Int) {
        while open.count > level {
            output.append(open.removeLast().isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        }
    }

    /// Before the next element of the container at `level`: whatever nested container is still
    /// open above it is done, and elements after the first need a comma.
    func beginElement(at level: Int) {
        guard level < open.count else {
            misuse = misuse ?? EncodingError.invalidValue(level, .init(codingPath: [], debugDescription: "a container was written to after it was closed"))
            return
        }
        close(above: level + 1)
        if open[level].isEmpty {
            open[level].isEmpty = false
        } else {
            output.append(UInt8(ascii: ","))
        }
    }

    /// What `superEncoder` hands out writes the value of the key just written. It must write
    /// something, or the document lacks that value (no type of ours uses it).
    func beginNestedValue() {
        valueBase = open.count
    }
}

private struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONStreamWriter
    let level: Int
    var codingPath: [any CodingKey] { [] }

    private func key(_ key: Key) {
        writer.beginElement(at: level)
        writer.output.appendKey(key.stringValue)
    }

    mutating func encodeNil(forKey key: Key) throws {
        self.key(key)
        writer.output.append(ascii: "null")
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        self.key(key)
        writer.output.append(ascii: value ? "true" : "false")
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        self.key(key)
        writer.output.appendString(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        self.key(key)
        try writer.output.append(double: value)
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        self.key(key)
        try writer.output.append(double: Double(value))
    }

    mutating func encode(_ value: Int, forKey key: Key) throws { self.key(key); writer.output.append(integer: Int64(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { self.key(key); writer.output.append(integer: Int64(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { self.key(key); writer.output.append(integer: Int64(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { self.key(key); writer.output.append(integer: Int64(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { self.key(key); writer.output.append(integer: value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { self.key(key); writer.output.append(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { self.key(key); writer.output.append(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { self.key(key); writer.output.append(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { self.key(key); writer.output.append(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { self.key(key); writer.output.append(unsigned: value) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        self.key(key)
        try writer.encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        self.key(key)
        return KeyedEncodingContainer(KeyedWriter<NestedKey>(writer: writer, level: writer.push(isObject: true)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        self.key(key)
        return UnkeyedWriter(writer: writer, level: writer.push(isObject: false))
    }

    mutating func superEncoder() -> any Encoder {
        writer.beginElement(at: level)
        writer.output.appendKey("super")
        writer.beginNestedValue()
        return writer
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        self.key(key)
        writer.beginNestedValue()
        return writer
    }
}

private struct UnkeyedWriter: UnkeyedEncodingContainer {
    let writer: JSONStreamWriter
    let level: Int
    var codingPath: [any CodingKey] { [] }
    private(set) var count = 0

    init(writer: JSONStreamWriter, level: Int) {
        self.writer = writer
        self.level = level
    }

    private mutating func element() {
        writer.beginElement(at: level)
        count += 1
    }

    mutating func encodeNil() throws {
        element()
        writer.output.append(ascii: "null")
    }

    mutating func encode(_ value: Bool) throws {
        element()
        writer.output.append(ascii: value ? "true" : "false")
    }

    mutating func encode(_ value: String) throws {
        element()
        writer.output.appendString(value)
    }

    mutating func encode(_ value: Double) throws {
        element()
        try writer.output.append(double: value)
    }

    mutating func encode(_ value: Float) throws {
        element()
        try writer.output.append(double: Double(value))
    }

    mutating func encode(_ value: Int) throws { element(); writer.output.append(integer: Int64(value)) }
    mutating func encode(_ value: Int8) throws { element(); writer.output.append(integer: Int64(value)) }
    mutating func encode(_ value: Int16) throws { element(); writer.output.append(integer: Int64(value)) }
    mutating func encode(_ value: Int32) throws { element(); writer.output.append(integer: Int64(value)) }
    mutating func encode(_ value: Int64) throws { element(); writer.output.append(integer: value) }
    mutating func encode(_ value: UInt) throws { element(); writer.output.append(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { element(); writer.output.append(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { element(); writer.output.append(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { element(); writer.output.append(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { element(); writer.output.append(unsigned: value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        element()
        try writer.encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        element()
        return KeyedEncodingContainer(KeyedWriter<NestedKey>(writer: writer, level: writer.push(isObject: true)))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        element()
        return UnkeyedWriter(writer: writer, level: writer.push(isObject: false))
    }

    mutating func superEncoder() -> any Encoder {
        element()
        writer.beginNestedValue()
        return writer
    }
}

private struct SingleValueWriter: SingleValueEncodingContainer {
    let writer: JSONStreamWriter
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { writer.output.append(ascii: "null") }
    mutating func encode(_ value: Bool) throws { writer.output.append(ascii: value ? "true" : "false") }
    mutating func encode(_ value: String) throws { writer.output.appendString(value) }
    mutating func encode(_ value: Double) throws { try writer.output.append(double: value) }
    mutating func encode(_ value: Float) throws { try writer.output.append(double: Double(value)) }
    mutating func encode(_ value: Int) throws { writer.output.append(integer: Int64(value)) }
    mutating func encode(_ value: Int8) throws { writer.output.append(integer: Int64(value)) }
    mutating func encode(_ value: Int16) throws { writer.output.append(integer: Int64(value)) }
    mutating func encode(_ value: Int32) throws { writer.output.append(integer: Int64(value)) }
    mutating func encode(_ value: Int64) throws { writer.output.append(integer: value) }
    mutating func encode(_ value: UInt) throws { writer.output.append(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { writer.output.append(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { writer.output.append(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { writer.output.append(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { writer.output.append(unsigned: value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try writer.encodeValue(value) }
}
