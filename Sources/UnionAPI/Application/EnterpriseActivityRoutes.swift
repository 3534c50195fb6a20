import Foundation
import Hummingbird
import UnionDomain
import UnionStore

/// Enterprises, collective contracts, activities and clubs, added in one line of
/// `buildRouter` so the feature's wiring lives beside its controllers.
enum EnterpriseActivityRoutes {
    static func add(to routes: RouterGroup<AuthenticatedContext>, database: Database,
                    today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() }) {
        EnterpriseController(enterprises: EnterpriseStore(database: database)).addRoutes(to: routes)
        ContractController(contracts: ContractStore(database: database, today: today), today: today).addRoutes(to: routes)
        ActivityController(activities: ActivityStore(database: database)).addRoutes(to: routes)
        ClubController(clubs: ClubStore(database: database)).addRoutes(to: routes)
    }
}
