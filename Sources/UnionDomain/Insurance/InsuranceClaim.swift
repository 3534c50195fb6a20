import Foundation

/// 理赔: a claim against one enrolment, submitted by a branch and decided by the area.
package struct InsuranceClaim: Sendable, Hashable {
    package typealias ID = Identifier<InsuranceClaim>

    package enum Kind: String, Sendable, Hashable, CaseIterable {
        case hospitalisation
        case specialDisease = "special_disease"
        case accident, other
    }

    package enum Status: String, Sendable, Hashable, CaseIterable {
        case submitted, approved, rejected, paid
    }

    package enum PaymentMethod: String, Sendable, Hashable, CaseIterable {
        case bank, cash
        case memberCard = "member_card"
    }

    package let id: ID
    package let enrolmentID: Enrolment.ID
    package let officeID: Office.ID
    package let incidentOn: CalendarDate
    package let kind: Kind
    package let amountClaimed: Money
    package let documents: [String]
    package var status: Status
    package let submittedBy: User.ID
    package var rejectReason: String?
    /// Set by an approval.
    package var payout: Payout?
    package var paidOn: CalendarDate?
    package var paymentMethod: PaymentMethod?

    package init(id: ID, enrolmentID: Enrolment.ID, officeID: Office.ID, incidentOn: CalendarDate, kind: Kind, amountClaimed: Money,
                 documents: [String], status: Status, submittedBy: User.ID, rejectReason: String?, payout: Payout?,
                 paidOn: CalendarDate?, paymentMethod: PaymentMethod?) {
        self.id = id
        self.enrolmentID = enrolmentID
        self.officeID = officeID
        self.incidentOn = incidentOn
        self.kind = kind
        self.amountClaimed = amountClaimed
        self.documents = documents
        self.status = status
        self.submittedBy = submittedBy
        self.rejectReason = rejectReason
        self.payout = payout
        self.paidOn = paidOn
        self.paymentMethod = paymentMethod
    }

    /// Which transitions a status allows: submitted → approved | rejected; approved → paid.
    package static func allows(_ from: Status, to: Status) -> Bool {
        switch (from, to) {
        case (.submitted, .approved), (.submitted, .rejected), (.approved, .paid): true
        default: false
        }
    }
}

/// A claim as submitted.
package struct InsuranceClaimFields: Sendable, Hashable {
    package let enrolmentID: Enrolment.ID
    package let incidentOn: CalendarDate
    package let kind: InsuranceClaim.Kind
    package let amountClaimed: Money
    package let documents: [String]

    package init(enrolmentID: String?, incidentOn: String?, kind: String?, amountClaimed: String?, documents: [String]?) throws(ValidationFailure) {
        var validator = Validator()
        let enrolment = InsuranceFields.id(enrolmentID, field: "enrolment_id", as: Enrolment.self, into: &validator)
        let incident = AidFields.date(incidentOn, field: "incident_on", into: &validator)
        if incidentOn == nil || incidentOn?.isEmpty == true { validator.add(.required("incident_on")) }
        let kind = AidFields.enumeration(kind, field: "kind", as: InsuranceClaim.Kind.self, required: true, into: &validator)
        let amount = AidFields.money(amountClaimed, field: "amount_claimed", required: true, positive: true, into: &validator)
        let documents = (documents ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        if documents.count > 50 { validator.add(FieldError(field: "documents", code: "too_many", message: "at most 50", messageZH: "最多50项")) }
        if documents.contains(where: { $0.isEmpty || $0.count > 200 }) { validator.add(.tooLong("documents", max: 200)) }
        try validator.finish()
        guard let enrolment, let incident, let kind, let amount else { throw ValidationFailure([.required("enrolment_id")]) }
        self.enrolmentID = enrolment
        self.incidentOn = incident
        self.kind = kind
        self.amountClaimed = amount
        self.documents = documents
    }
}

/// A payment recorded against an approved claim (the insurer pays; no fund moves).
package struct ClaimPaymentFields: Sendable, Hashable {
    package let date: CalendarDate
    package let method: InsuranceClaim.PaymentMethod

    package init(date: String?, method: String?, today: CalendarDate) throws(ValidationFailure) {
        var validator = Validator()
        let date = AidFields.date(date, field: "date", into: &validator) ?? today
        let method = AidFields.enumeration(method, field: "method", as: InsuranceClaim.PaymentMethod.self, required: true, into: &validator)
        try validator.finish()
        guard let method else { throw ValidationFailure([.required("method")]) }
        self.date = date
        self.method = method
    }
}
