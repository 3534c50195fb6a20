import Foundation
import Testing
import UUIDText

@Suite("UUID text")
struct UUIDTextTests {
    @Test func printsAndParsesLikeFoundationInLowerCase() {
        for _ in 0..<200 {
            let uuid = UUID()
            let text = UUIDText.lowercase(uuid)
            #expect(text == uuid.uuidString.lowercased())
            #expect(UUIDText.parse(text) == uuid)
            #expect(UUIDText.parse(uuid.uuidString) == uuid)  // upper case too
        }
    }

    @Test func refusesAnythingButTheCanonicalForm() {
        let good = "8b416d84-97a2-40bd-aa9b-c3a1e8b471cc"
        #expect(UUIDText.parse(good) != nil)
        for bad in ["", "8b416d84-97a2-40bd-aa9b-c3a1e8b471c", "8b416d84-97a2-40bd-aa9b-c3a1e8b471ccc",
                    "8b416d8497a240bdaa9bc3a1e8b471cc", "8b416d84-97a2-40bd-aa9b-c3a1e8b471cg",
                    "8b416d84+97a2-40bd-aa9b-c3a1e8b471cc", "{8b416d84-97a2-40bd-aa9b-c3a1e8b471c}",
                    "8b416d84-97a2-40bd-aa9b-c3a1e8b471c\u{00e9}"] {
            #expect(UUIDText.parse(bad) == nil, "\(bad)")
        }
    }
}
