import Foundation

/// What the area must act on about collective contracts, each with the next step in English
/// and Chinese. Days are calendar days in Asia/Shanghai: the caller passes that "today".
package struct ContractAttention: Sendable, Hashable {
    package enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        /// Ends within 3 months: renewal talks may start.
        case expiringSoon = "expiring_soon"
        /// Past its end, neither renewed nor terminated.
        case expired
        /// Signed more than 10 days ago and not filed.
        case notFiled = "not_filed"
        /// An enterprise with a union has no live contract of this kind.
        case missingKind = "missing_kind"
    }

    package let reason: Reason
    package let enterpriseID: Enterprise.ID
    package let enterpriseName: String
    package let officeID: Office.ID
    package let kind: CollectiveContract.Kind
    package let contractID: CollectiveContract.ID?
    /// The day that matters: the end (expiring, expired), the filing deadline (not filed).
    package let due: CalendarDate?
    package let nextStep: String
    package let nextStepZH: String

    /// Every attention row for these enterprises and their contracts, on `today`: ordered by
    /// reason (most pressing first), then enterprise name and kind.
    package static func rows(enterprises: [Enterprise], contracts: [CollectiveContract], today: CalendarDate) -> [ContractAttention] {
        let byID = Dictionary(enterprises.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [ContractAttention] = []
        var covered: Set<String> = []
        for contract in contracts where contract.isLive {
            guard let enterprise = byID[contract.enterpriseID] else { continue }
            func row(_ reason: Reason, due: CalendarDate?, _ en: String, _ zh: String) -> ContractAttention {
                ContractAttention(reason: reason, enterpriseID: enterprise.id, enterpriseName: enterprise.name, officeID: enterprise.officeID,
                                  kind: contract.kind, contractID: contract.id, due: due, nextStep: en, nextStepZH: zh)
            }
            let end = contract.terms.endsOn
            if end < today {
                rows.append(row(.expired, due: end, "Expired on \(end): negotiate and sign a renewal, or record the termination.",
                                "已于\(end)到期：请协商续签，或登记终止。"))
            } else {
                covered.insert("\(enterprise.id) \(contract.kind.rawValue)")
                if end.adding(months: -ContractRules.renewalMonths) <= today {
                    rows.append(row(.expiringSoon, due: end, "Ends on \(end): start renewal talks with the enterprise.",
                                    "将于\(end)到期：可启动续签协商。"))
                }
            }
            if contract.status == .signed, contract.filingDeadline < today {
                rows.append(row(.notFiled, due: contract.filingDeadline,
                                "Not filed with the labour bureau by \(contract.filingDeadline): file it now (it will be marked late).",
                                "未在\(contract.filingDeadline)前报人社局备案：请立即备案（将记为逾期）。"))
            }
        }
        for enterprise in enterprises where enterprise.hasUnion {
            for kind in CollectiveContract.Kind.allCases where !covered.contains("\(enterprise.id) \(kind.rawValue)") {
                // An expired contract of the kind is already a row of its own.
                let expired = rows.contains { $0.reason == .expired && $0.enterpriseID == enterprise.id && $0.kind == kind }
                guard !expired else { continue }
                rows.append(ContractAttention(reason: .missingKind, enterpriseID: enterprise.id, enterpriseName: enterprise.name,
                                              officeID: enterprise.officeID, kind: kind, contractID: nil, due: nil,
                                              nextStep: "No \(kind.english) contract: help the enterprise negotiate and sign one.",
                                              nextStepZH: "尚无\(kind.chinese)：请协助企业开展协商并签订。"))
            }
        }
        let order = Dictionary(uniqueKeysWithValues: Reason.allCases.enumerated().map { ($1, $0) })
        let kinds = Dictionary(uniqueKeysWithValues: CollectiveContract.Kind.allCases.enumerated().map { ($1, $0) })
        return rows.sorted {
            (order[$0.reason] ?? 0, $0.enterpriseName, kinds[$0.kind] ?? 0) < (order[$1.reason] ?? 0, $1.enterpriseName, kinds[$1.kind] ?? 0)
        }
    }
}

extension CollectiveContract.Kind {
    package var english: String {
        switch self {
        case .comprehensive: "comprehensive collective"
        case .wage: "wage"
        case .femaleProtection: "female workers' protection"
        case .safety: "labour safety and health"
        }
    }

    package var chinese: String {
        switch self {
        case .comprehensive: "综合集体合同"
        case .wage: "工资专项集体协议"
        case .femaleProtection: "女职工权益保护专项集体合同"
        case .safety: "劳动安全卫生专项集体合同"
        }
    }
}

/// 集体合同覆盖率: enterprises with a valid comprehensive contract over all enterprises.
package struct ContractCoverage: Sendable, Hashable {
    package struct Figures: Sendable, Hashable {
        package var enterprises = 0
        package var covered = 0
        package init() {}
    }

    /// nil for the whole area.
    package let officeID: Office.ID?
    package var all = Figures()
    package var publicOwnership = Figures()
    package var privateOwnership = Figures()

    package init(officeID: Office.ID?) { self.officeID = officeID }

    mutating func count(_ enterprise: Enterprise, covered: Bool) {
        all.enterprises += 1
        if covered { all.covered += 1 }
        switch enterprise.ownership {
        case .public:
            publicOwnership.enterprises += 1
            if covered { publicOwnership.covered += 1 }
        case .private:
            privateOwnership.enterprises += 1
            if covered { privateOwnership.covered += 1 }
        }
    }

    /// The area-wide figures and one per looking-after branch (by office id), on `today`.
    package static func figures(enterprises: [Enterprise], contracts: [CollectiveContract],
                                today: CalendarDate) -> (area: ContractCoverage, offices: [ContractCoverage]) {
        let coveredIDs = Set(contracts.filter { $0.kind == .comprehensive && $0.isValid(on: today) }.map(\.enterpriseID))
        var area = ContractCoverage(officeID: nil)
        var offices: [Office.ID: ContractCoverage] = [:]
        for enterprise in enterprises {
            let covered = coveredIDs.contains(enterprise.id)
            area.count(enterprise, covered: covered)
            offices[enterprise.officeID, default: ContractCoverage(officeID: enterprise.officeID)].count(enterprise, covered: covered)
        }
        return (area, offices.values.sorted { ($0.officeID?.description ?? "") < ($1.officeID?.description ?? "") })
    }
}
