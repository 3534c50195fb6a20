/// The Chinese words branches write in their rosters and read in exports, for each value the
/// registry stores. Import takes either the code (`female`) or the word (`女`).
package protocol ChineseLabelled: RawRepresentable, CaseIterable where RawValue == String {
    var chineseLabel: String { get }
}

extension ChineseLabelled {
    /// The value for a code or a Chinese word (surrounding spaces and letter case ignored).
    package init?(codeOrLabel text: String) {
        let trimmed = text.trimmingWhitespace()
        if let value = Self(rawValue: trimmed.lowercased()) {
            self = value
        } else if let value = Self.allCases.first(where: { $0.chineseLabel == trimmed }) {
            self = value
        } else {
            return nil
        }
    }
}

extension Sex: ChineseLabelled {
    package var chineseLabel: String {
        switch self {
        case .male: "男"
        case .female: "女"
        }
    }
}

extension Hukou: ChineseLabelled {
    package var chineseLabel: String {
        switch self {
        case .urban: "城镇"
        case .rural: "农村"
        }
    }
}

extension MembershipStatus: ChineseLabelled {
    package var chineseLabel: String {
        switch self {
        case .active: "在会"
        case .transferred: "转出"
        case .retired: "退休"
        case .deceased: "去世"
        case .left: "退会"
        }
    }
}

extension HardshipTier: ChineseLabelled {
    package var chineseLabel: String {
        switch self {
        case .deep: "深度困难"
        case .relative: "相对困难"
        case .accident: "意外致困"
        }
    }
}
