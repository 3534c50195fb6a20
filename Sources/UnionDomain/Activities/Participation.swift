import Foundation

/// 参与人次 of a year: per organising office and kind, named participants plus head counts.
/// A worker at two events counts twice; an event counts once, for its organiser, however many
/// offices co-organised it.
package struct ParticipationFigure: Sendable, Hashable {
    package let officeID: Office.ID
    package let kind: Activity.Kind
    package var events = 0
    package var named = 0
    package var headCount = 0
    package var participantTimes: Int { named + headCount }

    package init(officeID: Office.ID, kind: Activity.Kind) {
        self.officeID = officeID
        self.kind = kind
    }

    /// The figures of the events that start in `year` (each event once, by id).
    package static func figures(_ activities: [Activity], year: Int) -> [ParticipationFigure] {
        var seen: Set<Activity.ID> = []
        var figures: [String: ParticipationFigure] = [:]
        for activity in activities where activity.startsOn.year == year && seen.insert(activity.id).inserted {
            let key = "\(activity.officeID) \(activity.kind.rawValue)"
            var figure = figures[key] ?? ParticipationFigure(officeID: activity.officeID, kind: activity.kind)
            figure.events += 1
            figure.named += activity.namedCount
            figure.headCount += activity.headCount
            figures[key] = figure
        }
        return figures.values.sorted { ($0.officeID.description, $0.kind.rawValue) < ($1.officeID.description, $1.kind.rawValue) }
    }
}
