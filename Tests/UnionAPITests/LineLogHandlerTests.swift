import Logging
import Testing
import UnionAPI

/// The handler's metadata behaves as a value, whatever it shares underneath.
@Suite("Log handler metadata")
struct LineLogHandlerTests {
    @Test func copiesAreIndependentAndNilRemoves() {
        var first = LineLogHandler(label: "test")
        first[metadataKey: "a"] = "1"
        var second = first
        second[metadataKey: "a"] = "2"
        second[metadataKey: "b"] = "3"
        #expect(first[metadataKey: "a"] == "1")
        #expect(first[metadataKey: "b"] == nil)
        #expect(second.metadata == ["a": "2", "b": "3"])
        second[metadataKey: "a"] = nil
        #expect(second[metadataKey: "a"] == nil)
        #expect(second.metadata == ["b": "3"])
        #expect(first.metadata == ["a": "1"])
    }

    @Test func manySetsOfOneKeyKeepTheLastAndStayBounded() {
        var handler = LineLogHandler(label: "test")
        handler.metadata = ["kept": "yes"]
        for index in 0..<1_000 { handler[metadataKey: "counter"] = "\(index)" }
        #expect(handler.metadata == ["kept": "yes", "counter": "999"])
    }
}
