/// Who moved a hardship file along, and when. Users are kept by username as it was when the
/// step was taken: the branch reading a file may not be able to see the area's user records.
package struct HardshipTrail: Sendable, Hashable {
    package var submittedBy: String?
    package var submittedOn: CalendarDate?
    /// The date sits on the file itself (`HardshipFile.confirmedOn`), which the overdue rule reads.
    package var confirmedBy: String?
    package var reviewedBy: String?
    /// The last return to the branch: kept after the file is submitted again, so the branch and
    /// the area can still read why it came back.
    package var returnedBy: String?
    package var returnedOn: CalendarDate?
    package var returnReason: String?

    package init(submittedBy: String? = nil, submittedOn: CalendarDate? = nil, confirmedBy: String? = nil, reviewedBy: String? = nil,
                 returnedBy: String? = nil, returnedOn: CalendarDate? = nil, returnReason: String? = nil) {
        self.submittedBy = submittedBy
        self.submittedOn = submittedOn
        self.confirmedBy = confirmedBy
        self.reviewedBy = reviewedBy
        self.returnedBy = returnedBy
        self.returnedOn = returnedOn
        self.returnReason = returnReason
    }
}
