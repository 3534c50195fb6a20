import Testing
import UnionDomain

/// A payment is recorded on a day that has come: a future date would book it, and count its
/// household, in a period that has not happened yet.
@Suite("Disbursement fields")
struct DisbursementFieldsTests {
    private let today = CalendarDate(year: 2026, month: 11, day: 30) ?? CalendarDate.today()

    @Test func todayAndEarlierDaysAreAccepted() throws {
        #expect(try DisbursementFields(cashPaid: nil, method: "cash", date: nil, today: today).date == today)
        #expect(try DisbursementFields(cashPaid: "100.00", method: "bank", date: "2026-11-30", today: today).date == today)
        #expect(try DisbursementFields(cashPaid: nil, method: "bank", date: "2025-12-31", today: today).date.year == 2025)
    }

    @Test func aDayAfterTodayIsRefusedNamingTheField() {
        do {
            _ = try DisbursementFields(cashPaid: nil, method: "cash", date: "2026-12-01", today: today)
            Issue.record("a future payment date was accepted")
        } catch {
            #expect(error.errors.map(\.field) == ["date"])
            #expect(error.errors.first?.code == "in_the_future")
            #expect(error.errors.first?.messageZH.contains("2026-11-30") == true)
        }
    }
}
