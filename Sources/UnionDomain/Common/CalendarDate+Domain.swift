/// `CalendarDate` is a domain type defined one layer down (so PQ can decode `date` columns
/// into it without knowing the domain); every user of the domain sees it through here.
@_exported import CivilDates
