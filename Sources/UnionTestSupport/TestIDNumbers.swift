import UnionDomain

/// Valid resident ID numbers for tests: district 110105, the given birth date, a serial.
package enum TestIDNumbers {
    package static func make(serial: Int, born: String = "19800101", sex: Sex = .female) -> String {
        let sequence = (serial % 500) * 2 + (sex == .male ? 1 : 0)
        let padded = String(repeating: "0", count: 3 - String(sequence).count) + String(sequence)
        let body = "110105" + born + padded
        return body + String(ResidentID.checkCharacter(for: body) ?? "0")
    }
}
