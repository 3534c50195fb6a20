import HTTPTypes

extension HTTPFields {
    /// The first value of `name`. The subscript joins every value of a repeated field into a
    /// new string; for headers read on every request (Authorization, X-Request-Id) one is enough.
    func firstValue(_ name: HTTPField.Name) -> String? {
        for field in self where field.name == name { return field.value }
        return nil
    }
}
