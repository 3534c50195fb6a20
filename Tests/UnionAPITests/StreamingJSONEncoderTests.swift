import Foundation
import Testing
import UnionDomain
@testable import UnionAPI

/// The API's JSON writer says the same as Foundation's `JSONEncoder` configured the way the
/// API used to be (snake_case keys, ISO 8601 dates), compared as parsed JSON.
@Suite("Streaming JSON encoder")
struct StreamingJSONEncoderTests {
    struct Inner: Encodable {
        let shortName: String
        let yearAwarded: Int
        let tags: [String]
    }

    struct Outer: Encodable {
        let officeID: String
        let idNumberMasked: Bool
        let optionalMissing: String?
        let optionalPresent: Int?
        let amount: Money
        let day: CalendarDate
        let at: Date
        let ratio: Double
        let whole: Double
        let negative: Int64
        let big: UInt64
        let inner: Inner
        let inners: [Inner]
        let empty: [String]
        let matrix: [[Int]]
        let text: String
    }

    /// A type that opens a nested container by hand, and one that encodes nothing.
    struct Nested: Encodable {
        enum Keys: String, CodingKey { case first, nested, last }
        enum InnerKeys: String, CodingKey { case a, b }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .first)
            var nested = container.nestedContainer(keyedBy: InnerKeys.self, forKey: .nested)
            try nested.encode("x", forKey: .a)
            var list = nested.nestedUnkeyedContainer(forKey: .b)
            try list.encode(true)
            try list.encodeNil()
            try container.encode("end", forKey: .last)
        }
    }

    struct Nothing: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }

    static func foundation<T: Encodable>(_ value: T) throws -> Any {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return try JSONSerialization.jsonObject(with: encoder.encode(value), options: [.fragmentsAllowed])
    }

    static func streaming<T: Encodable>(_ value: T) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(StreamingJSONEncoder().encode(value)), options: [.fragmentsAllowed])
    }

    static func same<T: Encodable>(_ value: T) throws -> Bool {
        let expected = try foundation(value)
        let actual = try streaming(value)
        return NSArray(object: expected).isEqual(NSArray(object: actual))
    }

    @Test func matchesFoundationForTheShapesOurTypesUse() throws {
        let inner = Inner(shortName: "劳模", yearAwarded: 2015, tags: ["a", "b/c"])
        let value = Outer(
            officeID: "03aacb2b", idNumberMasked: true, optionalMissing: nil, optionalPresent: 7,
            amount: Money(fen: 139_550), day: CalendarDate(year: 2026, month: 7, day: 1) ?? .today(),
            at: Date(timeIntervalSince1970: 1_790_000_000), ratio: 0.125, whole: 3, negative: -42, big: .max,
            inner: inner, inners: [inner, inner], empty: [], matrix: [[1, 2], [], [3]],
            text: "quote \" backslash \\ newline \n tab \t bell \u{07} 郭庄子村 😀")
        #expect(try Self.same(value))
        #expect(try Self.same(Nested()))
        #expect(try Self.same([Nested(), Nested()]))
        #expect(try Self.same(["x": Nothing()]))  // Foundation refuses an empty top level
        #expect(try Self.same(["k": [1, 2]]))
        #expect(try Self.same("plain"))
        #expect(try Self.same([String?.none, "x"]))
    }

    @Test func writesKeysInDeclarationOrderAndEscapesOnlyWhatJSONRequires() throws {
        let text = String(decoding: try StreamingJSONEncoder().encode(Inner(shortName: "a/b\u{1F}", yearAwarded: 1, tags: [])), as: UTF8.self)
        #expect(text == #"{"short_name":"a/b\u001f","year_awarded":1,"tags":[]}"#)
    }

    @Test func storedJSONKeepsItsKeysSorted() throws {
        let value = JSONValue.object(["zeta": .number(1), "alpha": .object(["y": .null, "x": .bool(true)]), "mid": .array([.string("s")])])
        let text = String(decoding: try StreamingJSONEncoder().encode(value), as: UTF8.self)
        #expect(text == #"{"alpha":{"x":true,"y":null},"mid":["s"],"zeta":1}"#)
    }

    @Test func refusesNumbersJSONCannotHold() {
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode(["x": Double.infinity]) }
    }
}
