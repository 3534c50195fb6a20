/// One page of a keyset-paginated list; `next` is the cursor for the following page, nil at the end.
package struct Page<Item: Sendable>: Sendable {
    package let items: [Item]
    package let next: String?

    package init(items: [Item], next: String?) {
        self.items = items
        self.next = next
    }
}
