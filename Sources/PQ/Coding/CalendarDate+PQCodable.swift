import CivilDates

/// `date` columns: a day, not an instant, so no time zone can shift it.
extension CalendarDate: PQCodable {
    package static var pqType: PQType { .date }
    package var pqBindValue: PQBindValue? { .text(description) }

    package static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> CalendarDate {
        guard type == .date || type.isTextual else { throw .typeMismatch }
        guard let date = CalendarDate.parse(text) else { throw PQValueError("not a date in ISO format (BC or infinity?)") }
        return date
    }

    package static func pqDecode(bytes: UnsafeRawBufferPointer, type: PQType) throws(PQValueError) -> CalendarDate {
        guard type == .date || type.isTextual else { throw .typeMismatch }
        guard let date = CalendarDate.parse(bytes) else { throw PQValueError("not a date in ISO format (BC or infinity?)") }
        return date
    }
}
