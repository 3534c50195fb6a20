import Foundation

/// 困难职工档案: one per household, opened on its head (a worker).
package struct HardshipFile: Sendable, Hashable {
    package typealias ID = Identifier<HardshipFile>

    package enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case draft, submitted, active, closed
    }

    package enum ClosingReason: String, Sendable, Hashable, Codable, CaseIterable {
        case lifted, retired, transferred, deceased
    }

    package let id: ID
    package var workerID: Worker.ID
    package var officeID: Office.ID
    package var status: Status
    package var tier: HardshipTier
    package var finances: HouseholdFinances
    package var mainCause: HardshipCause
    package var secondaryCauses: [HardshipCause]
    package var evidence: [HardshipEvidence]
    package var reviewedOn: CalendarDate?
    package var confirmedOn: CalendarDate?
    package var closingReason: ClosingReason?
    /// The minimum living standard (yuan per person per month) the tier was computed with.
    package var dibao: Money
    package var trail: HardshipTrail
    /// The worker's name and the file's office code as the reader may see them: nil when the
    /// worker (or office) is outside the reader's scope, e.g. a closed file whose worker has
    /// since moved to another branch.
    package var workerName: String?
    package var officeCode: String?

    package init(id: ID, workerID: Worker.ID, officeID: Office.ID, status: Status, tier: HardshipTier, finances: HouseholdFinances,
                 mainCause: HardshipCause, secondaryCauses: [HardshipCause], evidence: [HardshipEvidence],
                 reviewedOn: CalendarDate?, confirmedOn: CalendarDate?, closingReason: ClosingReason?,
                 dibao: Money = .zero, trail: HardshipTrail = HardshipTrail(), workerName: String? = nil, officeCode: String? = nil) {
        self.id = id
        self.workerID = workerID
        self.officeID = officeID
        self.status = status
        self.tier = tier
        self.finances = finances
        self.mainCause = mainCause
        self.secondaryCauses = secondaryCauses
        self.evidence = evidence
        self.reviewedOn = reviewedOn
        self.confirmedOn = confirmedOn
        self.closingReason = closingReason
        self.dibao = dibao
        self.trail = trail
        self.workerName = workerName
        self.officeCode = officeCode
    }

    /// An active file not reviewed (or confirmed) in the last 12 months is overdue.
    package func isOverdue(today: CalendarDate) -> Bool {
        guard status == .active, let last = reviewedOn ?? confirmedOn else { return false }
        return last.adding(months: 12) <= today
    }
}

/// The workflow: draft → submitted (branch) → active (area confirms) → closed with a reason;
/// the area may instead return a submitted file to the branch (back to draft, with a reason).
package enum HardshipTransition: String, Sendable, Hashable, CaseIterable {
    case submit, confirm, close
    case returnToBranch = "return"

    /// The status a file must be in, and the one it moves to.
    package var from: Set<HardshipFile.Status> {
        switch self {
        case .submit: [.draft]
        case .confirm: [.submitted]
        case .close: [.draft, .submitted, .active]
        case .returnToBranch: [.submitted]
        }
    }

    package var to: HardshipFile.Status {
        switch self {
        case .submit: .submitted
        case .confirm: .active
        case .close: .closed
        case .returnToBranch: .draft
        }
    }

    /// Submitting and closing are branch work; confirming and returning are the area's.
    package var action: Action {
        switch self {
        case .submit, .close: .writeBranchData
        case .confirm, .returnToBranch: .reviewCases
        }
    }
}

/// A hardship file's figures as submitted.
package struct HardshipInput: Sendable, Hashable, Codable {
    package var householdSize: Int?
    package var annualIncome: String?
    package var essentialSpending: String?
    package var hardshipCosts: String?
    package var mainCause: String?
    package var secondaryCauses: [String]?
    package var evidence: [String]?

    package init(householdSize: Int? = nil, annualIncome: String? = nil, essentialSpending: String? = nil, hardshipCosts: String? = nil,
                 mainCause: String? = nil, secondaryCauses: [String]? = nil, evidence: [String]? = nil) {
        self.householdSize = householdSize
        self.annualIncome = annualIncome
        self.essentialSpending = essentialSpending
        self.hardshipCosts = hardshipCosts
        self.mainCause = mainCause
        self.secondaryCauses = secondaryCauses
        self.evidence = evidence
    }
}

/// Validated hardship figures.
package struct HardshipFields: Sendable, Hashable {
    package var finances: HouseholdFinances
    package var mainCause: HardshipCause
    package var secondaryCauses: [HardshipCause]
    package var evidence: [HardshipEvidence]

    package init(_ input: HardshipInput) throws(ValidationFailure) {
        var validator = Validator()
        let size = input.householdSize
        if size == nil { validator.add(.required("household_size")) }
        else if let size, !(1...30).contains(size) {
            validator.add(FieldError(field: "household_size", code: "out_of_range", message: "must be 1 to 30", messageZH: "须在1到30之间"))
        }
        func money(_ text: String?, field: String, required: Bool) -> Money? {
            guard let text = text.nonBlank else {
                if required { validator.add(.required(field)) }
                return required ? nil : .zero
            }
            guard let value = Money(text), value.fen >= 0 else {
                validator.add(.invalidFormat(field, expected: "a non-negative amount like \"1500.00\"", expectedZH: "非负金额，如 \"1500.00\""))
                return nil
            }
            return value
        }
        let income = money(input.annualIncome, field: "annual_income", required: true)
        let spending = money(input.essentialSpending, field: "essential_spending", required: true)
        let costs = money(input.hardshipCosts, field: "hardship_costs", required: false)
        let main = WorkerFields.enumeration(input.mainCause, field: "main_cause", as: HardshipCause.self, into: &validator)
        if input.mainCause.nonBlank == nil { validator.add(.required("main_cause")) }
        var secondary: [HardshipCause] = []
        for (index, text) in (input.secondaryCauses ?? []).enumerated() {
            if let cause = WorkerFields.enumeration(text, field: "secondary_causes[\(index)]", as: HardshipCause.self, into: &validator) {
                secondary.append(cause)
            }
        }
        if secondary.count > 3 {
            validator.add(FieldError(field: "secondary_causes", code: "too_many", message: "at most three", messageZH: "最多三项"))
        }
        if let main, secondary.contains(main) {
            validator.add(FieldError(field: "secondary_causes", code: "repeats_main", message: "must not repeat the main cause", messageZH: "不能与主要原因重复"))
        }
        var evidence: [HardshipEvidence] = []
        for (index, text) in (input.evidence ?? []).enumerated() {
            if let item = WorkerFields.enumeration(text, field: "evidence[\(index)]", as: HardshipEvidence.self, into: &validator) {
                evidence.append(item)
            }
        }
        try validator.finish()
        guard let size, let income, let spending, let costs, let main else { throw ValidationFailure([.required("household_size")]) }
        finances = HouseholdFinances(size: size, annualIncome: income, essentialSpending: spending, hardshipCosts: costs)
        mainCause = main
        secondaryCauses = Array(Set(secondary)).sorted { $0.rawValue < $1.rawValue }
        self.evidence = Array(Set(evidence)).sorted { $0.rawValue < $1.rawValue }
    }
}
