import Foundation
import Synchronization
import UUIDText

/// New request ids: a random 64-bit prefix drawn once per process, then a counter, in UUID
/// layout (`3f2a…-…-000000001a2b`). Unique within the process and across restarts; unlike a
/// random UUID per request, no `getrandom` call per request.
enum RequestIDs {
    private static let prefix: UInt64 = {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }()
    private static let counter = Atomic<UInt64>(0)

    static func next() -> String {
        let sequence = counter.wrappingAdd(1, ordering: .relaxed).newValue
        let high = prefix.bigEndian, low = sequence.bigEndian
        return withUnsafeBytes(of: (high, low)) { bytes in
            UUIDText.lowercase(UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15])))
        }
    }
}
