import CLibPQ

/// Bound values laid out for libpq: one contiguous byte buffer owned by Swift for the whole
/// call, plus the parallel arrays of pointers, lengths, formats and types libpq reads.
struct PQParameters {
    private var storage: [UInt8] = []
    private var offsets: [Int?] = []
    private var lengths: [Int32] = []
    private var formats: [Int32] = []
    private var types: [Oid] = []

    init(_ bindings: [PQBinding]) {
        offsets.reserveCapacity(bindings.count)
        for binding in bindings {
            types.append(Oid(binding.type.rawValue))
            switch binding.value {
            case nil:
                offsets.append(nil)
                lengths.append(0)
                formats.append(0)
            case .text(let text)?:
                offsets.append(storage.count)
                storage.append(contentsOf: text.utf8)
                storage.append(0)  // text parameters are C strings
                lengths.append(0)
                formats.append(0)
            case .binary(let bytes)?:
                offsets.append(storage.count)
                storage.append(contentsOf: bytes)
                lengths.append(Int32(bytes.count))
                formats.append(1)
            }
        }
        storage.append(0)  // never empty, so the buffer always has a base address
    }

    func withPointers<R>(
        _ body: (Int32, UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) throws -> R
    ) rethrows -> R {
        try storage.withUnsafeBytes { raw in
            let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self)
            let values: [UnsafePointer<CChar>?] = offsets.map { offset in
                guard let offset, let base else { return nil }
                return UnsafePointer(base + offset)
            }
            return try values.withUnsafeBufferPointer { values in
                try lengths.withUnsafeBufferPointer { lengths in
                    try formats.withUnsafeBufferPointer { formats in
                        try types.withUnsafeBufferPointer { types in
                            try body(Int32(offsets.count), types.baseAddress, values.baseAddress, lengths.baseAddress, formats.baseAddress)
                        }
                    }
                }
            }
        }
    }
}
