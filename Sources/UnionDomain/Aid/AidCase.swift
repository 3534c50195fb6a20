import Foundation

/// 帮扶申请: a worker, a program, the filing branch, a reason, cash requested and goods in kind.
/// Workflow: draft → submitted → approved | rejected | returned (back to the branch, who may
/// submit again) → disbursed → reversed (the area undoes a disbursement with reversing entries).
package struct AidCase: Sendable, Hashable {
    package typealias ID = Identifier<AidCase>

    package enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case draft, submitted, returned, approved, rejected, disbursed, reversed
    }

    package enum PaymentMethod: String, Sendable, Hashable, Codable, CaseIterable {
        case memberCard = "member_card"
        case bank
        case cash
    }

    package let id: ID
    package let officeID: Office.ID
    package let workerID: Worker.ID
    package let programID: AidProgram.ID
    package let programKind: AidProgram.Kind
    package let year: Int
    package var status: Status
    package var reason: String
    package var cashRequested: Money
    /// The program's standard for this person when the case was filed.
    package var standardAmount: Money
    package var justification: String?
    package var goods: [AidGoods]
    package var studentID: HouseholdMember.ID?
    package var schoolYear: Int?
    package var submittedBy: User.ID?
    package var decidedBy: User.ID?
    package var decisionReason: String?
    package var cashPaid: Money?
    package var paymentMethod: PaymentMethod?
    package var disbursedOn: CalendarDate?
    /// What the fund paid: cash plus the goods it bought.
    package var drawn: Money?
    package var reversalReason: String?

    package init(id: ID, officeID: Office.ID, workerID: Worker.ID, programID: AidProgram.ID, programKind: AidProgram.Kind, year: Int,
                 status: Status, reason: String, cashRequested: Money, standardAmount: Money, justification: String?, goods: [AidGoods],
                 studentID: HouseholdMember.ID?, schoolYear: Int?, submittedBy: User.ID?, decidedBy: User.ID?, decisionReason: String?,
                 cashPaid: Money?, paymentMethod: PaymentMethod?, disbursedOn: CalendarDate?, drawn: Money?, reversalReason: String?) {
        self.id = id
        self.officeID = officeID
        self.workerID = workerID
        self.programID = programID
        self.programKind = programKind
        self.year = year
        self.status = status
        self.reason = reason
        self.cashRequested = cashRequested
        self.standardAmount = standardAmount
        self.justification = justification
        self.goods = goods
        self.studentID = studentID
        self.schoolYear = schoolYear
        self.submittedBy = submittedBy
        self.decidedBy = decidedBy
        self.decisionReason = decisionReason
        self.cashPaid = cashPaid
        self.paymentMethod = paymentMethod
        self.disbursedOn = disbursedOn
        self.drawn = drawn
        self.reversalReason = reversalReason
    }

    /// Goods count at their value in every total, donated or bought.
    package var goodsValue: Money { goods.reduce(.zero) { $0 + $1.value } }
    /// What disbursing draws from the fund for these goods: only what the fund bought.
    package var fundGoodsValue: Money { goods.filter { $0.source == .fund }.reduce(.zero) { $0 + $1.value } }
}

/// Goods in kind (米、面、油…): item, quantity, unit and the value of one unit.
package struct AidGoods: Sendable, Hashable {
    package enum Source: String, Sendable, Hashable, Codable, CaseIterable {
        /// Bought by the fund: drawn when the case is disbursed.
        case fund
        /// Donated in kind: counted at its value, drawing nothing.
        case donated
    }

    package let item: String
    package let quantity: Int
    package let unit: String
    package let unitValue: Money
    package let source: Source

    package init(item: String, quantity: Int, unit: String, unitValue: Money, source: Source) {
        self.item = item
        self.quantity = quantity
        self.unit = unit
        self.unitValue = unitValue
        self.source = source
    }

    package var value: Money { Money(fen: unitValue.fen * Int64(quantity)) }
}

/// The workflow's steps, each a `POST /aid-cases/{id}/{step}`.
package enum AidTransition: String, Sendable, Hashable, CaseIterable {
    case submit, approve, reject
    case returnToBranch = "return"
    case disburse, reverse

    package var from: Set<AidCase.Status> {
        switch self {
        case .submit: [.draft, .returned]
        case .approve, .reject, .returnToBranch: [.submitted]
        case .disburse: [.approved]
        case .reverse: [.disbursed]
        }
    }

    package var to: AidCase.Status {
        switch self {
        case .submit: .submitted
        case .approve: .approved
        case .reject: .rejected
        case .returnToBranch: .returned
        case .disburse: .disbursed
        case .reverse: .reversed
        }
    }

    /// Filing is branch work; deciding and paying are the area's; only its administrator undoes a payment.
    package var action: Action {
        switch self {
        case .submit: .writeBranchData
        case .approve, .reject, .returnToBranch, .disburse: .reviewCases
        case .reverse: .manageAid
        }
    }

    /// Decisions fall under separation of duties: never by the case's submitter.
    package var isDecision: Bool { self == .approve || self == .reject || self == .returnToBranch }
}
