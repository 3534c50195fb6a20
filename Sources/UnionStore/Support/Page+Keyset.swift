import UnionDomain

extension Page {
    /// A page from up to `limit + 1` fetched rows: the extra row only says another page exists.
    static func keyset(_ rows: [Item], limit: Int, cursor: (Item) -> [String]) -> Page<Item> {
        let items = Array(rows.prefix(limit))
        return Page(items: items, next: rows.count > limit ? items.last.map { Cursor.encode(cursor($0)) } : nil)
    }
}
