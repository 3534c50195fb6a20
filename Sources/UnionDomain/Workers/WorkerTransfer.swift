/// One 会员关系转移 as the reader may see it: both ends by code and name (the reader was party
/// to the move or has the worker now), and who made it when that user is in the reader's scope.
package struct WorkerTransfer: Sendable, Hashable {
    package var date: CalendarDate
    package var fromOfficeCode: String
    package var fromOfficeName: String
    package var toOfficeCode: String
    package var toOfficeName: String
    package var reason: String
    package var madeBy: String?

    package init(date: CalendarDate, fromOfficeCode: String, fromOfficeName: String, toOfficeCode: String, toOfficeName: String,
                 reason: String, madeBy: String?) {
        self.date = date
        self.fromOfficeCode = fromOfficeCode
        self.fromOfficeName = fromOfficeName
        self.toOfficeCode = toOfficeCode
        self.toOfficeName = toOfficeName
        self.reason = reason
        self.madeBy = madeBy
    }
}

/// Where a transfer goes: a branch officer names it by code, since other branches' ids are
/// outside what the officer can read; area users may use either.
package enum TransferTarget: Sendable, Hashable {
    case office(Office.ID)
    case code(String)
}
