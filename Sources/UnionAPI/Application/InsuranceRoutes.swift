import Foundation
import Hummingbird
import UnionDomain
import UnionStore

/// Member mutual insurance (plans, periods, enrolments, claims), added in one line of
/// `buildRouter` so the feature's wiring lives beside its controllers.
enum InsuranceRoutes {
    static func add(to routes: RouterGroup<AuthenticatedContext>, database: Database,
                    today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() }) {
        InsurancePlanController(plans: InsurancePlanStore(database: database), periods: InsurancePeriodStore(database: database))
            .addRoutes(to: routes)
        EnrolmentController(enrolments: EnrolmentStore(database: database, today: today)).addRoutes(to: routes)
        InsuranceClaimController(claims: InsuranceClaimStore(database: database), today: today).addRoutes(to: routes)
    }
}
